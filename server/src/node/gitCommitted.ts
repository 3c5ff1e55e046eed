// What HEAD holds for one file, for the editor's "this value stays in git history" note: one
// `git cat-file` per file (cached by the caller), and a cheap stamp (file times of HEAD, the index
// and the branch ref) that changes when a commit, checkout, reset or stage happens.
import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { git } from './git';

export interface GitPlace {
  /** Work tree top. */
  top: string;
  /** This work tree's git dir (HEAD, index) and the common dir (refs) of a linked work tree's repository. */
  gitDir: string;
  commonDir: string;
}

/** The repository holding `folder`, or undefined (no repository, no git). */
export async function gitPlace(folder: string): Promise<GitPlace | undefined> {
  try {
    const [top, gitDir, commonDir] = (await git(folder, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-dir', '--git-common-dir'])).split('\n');
    return top && gitDir ? { top, gitDir, commonDir: commonDir || gitDir } : undefined;
  } catch {
    return undefined;
  }
}

/** HEAD's version of a file (absolute path), or undefined: untracked, no commit yet, not text-sized. */
export async function headText(place: GitPlace, file: string): Promise<string | undefined> {
  const rel = relative(place.top, file).split(sep).join('/');
  if (!rel || rel.startsWith('../')) return undefined;
  try {
    return await git(place.top, ['cat-file', 'blob', `HEAD:${rel}`], { maxBuffer: 16 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** Changes whenever what HEAD names (checkout, commit, reset) or the index does. */
export function headStamp(place: GitPlace): string {
  const time = (p: string) => {
    try {
      return String(statSync(p).mtimeMs);
    } catch {
      return '-';
    }
  };
  let ref = '';
  try {
    ref = /^ref: (\S+)/.exec(readFileSync(join(place.gitDir, 'HEAD'), 'utf8'))?.[1] ?? '';
  } catch {
    // no HEAD file: the stamp says so
  }
  return [time(join(place.gitDir, 'HEAD')), time(join(place.gitDir, 'index')), ref && time(join(place.commonDir, ref)), time(join(place.commonDir, 'packed-refs'))].join(':');
}
