// What a commit would add (`--staged`: index vs HEAD) or what a pull request adds (`--diff REF`:
// merge base of REF and HEAD vs HEAD): the changed files with their new blob ids, the lines each
// adds, and a listing of the snapshot they belong to (the index, or HEAD's tree) for context reads.
import { hasNewBlob, parseRawDiff } from '../core/git/rawLog';
import { parseAddedLines, type AddedLines } from '../core/git/patch';
import { git, GitError, PLAIN_DIFF, resolveCommit, type Repo } from './git';
import { pathspec, relTo } from './gitHistory';

/** git's id of the empty tree: what the first commit of a repository is compared with. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface ChangeSet {
  /** Changed files with content on the new side: path relative to the scanned folder, blob id. */
  changed: Array<{ path: string; blob: string }>;
  /** Lines added per changed path (relative to the scanned folder). */
  added: AddedLines;
  /** The whole snapshot the changes belong to, path → blob id (context for cross-file checks). */
  snapshot: Map<string, string>;
  /** What was compared, for messages: "staged changes", "HEAD against abc1234 (merge base of main)". */
  label: string;
}

/** `--staged`: the index against HEAD (against nothing before the first commit). */
export async function stagedChanges(repo: Repo): Promise<ChangeSet> {
  const from = repo.hasHead ? 'HEAD' : EMPTY_TREE;
  const [raw, patch, files] = await Promise.all([
    git(repo.top, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '-M', ...PLAIN_DIFF, from, ...pathspec(repo)]),
    git(repo.top, ['diff', '--cached', '--unified=0', '-M', '--src-prefix=a/', '--dst-prefix=b/', ...PLAIN_DIFF, from, ...pathspec(repo)]),
    git(repo.top, ['ls-files', '--stage', '-z', '--full-name', ...pathspec(repo)]),
  ]);
  const snapshot = new Map<string, string>();
  for (const entry of files.split('\0')) {
    const m = /^\d+ ([0-9a-f]+) 0\t(.*)$/s.exec(entry); // stage 0: merged entries only
    if (m) snapshot.set(relTo(repo, m[2]), m[1]);
  }
  return changeSet(repo, raw, patch, snapshot, 'staged changes');
}

/** `--diff REF`: HEAD against the merge base of REF and HEAD (what a pull request adds; uncommitted changes are not included). */
export async function diffChanges(repo: Repo, ref: string): Promise<ChangeSet> {
  if (!repo.hasHead) throw new GitError('--diff: the repository has no commit yet');
  const target = await resolveCommit(repo, ref, '--diff');
  let base: string;
  try {
    base = (await git(repo.top, ['merge-base', target, 'HEAD'])).trim();
  } catch {
    throw new GitError(`--diff: "${ref}" and HEAD have no common ancestor${repo.shallow ? ' in this shallow clone (fetch more history: git fetch --unshallow, or actions/checkout with fetch-depth: 0)' : ''}`);
  }
  const [raw, patch, tree] = await Promise.all([
    git(repo.top, ['diff', '--raw', '-z', '--no-abbrev', '-M', ...PLAIN_DIFF, base, 'HEAD', ...pathspec(repo)]),
    git(repo.top, ['diff', '--unified=0', '-M', '--src-prefix=a/', '--dst-prefix=b/', ...PLAIN_DIFF, base, 'HEAD', ...pathspec(repo)]),
    git(repo.top, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD', ...pathspec(repo)]),
  ]);
  const snapshot = new Map<string, string>();
  for (const entry of tree.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (m) snapshot.set(relTo(repo, m[2]), m[1]);
  }
  return changeSet(repo, raw, patch, snapshot, `HEAD against ${base.slice(0, 12)} (merge base of ${ref} and HEAD)`);
}

function changeSet(repo: Repo, raw: string, patch: string, snapshot: Map<string, string>, label: string): ChangeSet {
  const changed = parseRawDiff(raw).filter(hasNewBlob).map((c) => ({ path: relTo(repo, c.path), blob: c.blob }));
  const added: AddedLines = new Map();
  for (const [path, ranges] of parseAddedLines(patch)) added.set(relTo(repo, path), ranges);
  return { changed, added, snapshot, label };
}
