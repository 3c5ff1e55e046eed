// What `leaklens batch` scans: artifacts named on the command line or in a list (`--list FILE|-`),
// and the artifacts found below named folders (symlinked folders never followed, no default excludes:
// a corpus may well live under build/ or out/). Paths are kept as the user gave them.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isArtifactOnDisk } from '../artifact';
import { walk } from '../walk';

/** The archives batch looks for in folders (a plain .zip is not an app); .app/.xcarchive folders: isArtifactOnDisk. */
export const isFleetArtifactPath = (path: string): boolean => /\.(apk|aab|apks|xapk|ipa)$/i.test(path) || /\.(app|xcarchive)\/?$/i.test(path);
const isFleetArtifact = (abs: string, isDir: boolean): boolean => isArtifactOnDisk(abs, isDir, isFleetArtifactPath);

export interface FleetInput {
  /** As given, or the given folder joined with the path below it. */
  path: string;
  abs: string;
}

export type InputProblem = { path: string; message: string };

/** Artifacts to scan, in the order given (folders: in name order), each path once; unreadable paths as problems. */
export function listInputs(given: readonly string[], cwd: string): { inputs: FleetInput[]; problems: InputProblem[] } {
  const inputs: FleetInput[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (path: string, abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    inputs.push({ path, abs });
  };
  for (const path of given) {
    const abs = resolve(cwd, path);
    let isDir: boolean;
    try {
      const st = statSync(abs);
      if (!st.isFile() && !st.isDirectory()) throw Object.assign(new Error(), { code: 'not a regular file or folder' });
      isDir = st.isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ path, message: code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'cannot read it' });
      continue;
    }
    if (!isDir || isFleetArtifact(abs, true)) {
      add(path, abs);
      continue;
    }
    for (const item of walk(abs, { base: abs, defaultExcludes: false, isScannable: () => false, isArtifact: (_rel, a, dir) => isFleetArtifact(a, dir) })) {
      if (item.type === 'artifact') add(join(path, item.rel), item.abs);
      else if (item.type === 'skipped') problems.push({ path: join(path, item.rel), message: item.reason });
    }
  }
  return { inputs, problems };
}

/** The paths of a list file's text: one a line, blank lines and `#` comments ignored. */
export function parseList(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}
