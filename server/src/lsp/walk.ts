// "Scan Workspace" lists files with the CLI's walker (same default excludes, symlink policy and
// bounds: node/walk.ts), capped at a file count and yielding to the event loop now and then so
// `$/cancelRequest` gets in.
import { walk as walkTree } from '../node/walk';

export const MAX_WORKSPACE_FILES = 20_000;

/** Root-relative paths (`/`-separated) of files `accept` keeps; `truncated` when a limit was hit. */
export async function walk(
  root: string,
  accept: (rel: string) => boolean,
  isCancelled: () => boolean,
  maxFiles = MAX_WORKSPACE_FILES,
): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  let truncated = false;
  let seen = 0;
  for (const item of walkTree(root, { base: root, isScannable: accept, isArtifact: () => false })) {
    if (++seen % 500 === 0) await new Promise((r) => setImmediate(r));
    if (isCancelled()) break;
    if (item.type === 'skipped') {
      if (item.reason.includes('walk limit')) truncated = true;
      continue;
    }
    if (files.length >= maxFiles) { truncated = true; break; }
    files.push(item.rel);
  }
  return { files, truncated };
}
