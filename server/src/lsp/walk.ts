// Bounded project walk for "Scan Workspace": scannable files under a root, skipping build output,
// dependency and VCS folders, with caps on depth and count.
import { opendir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'Pods', 'Carthage', 'DerivedData', '.gradle', '.idea', '.cxx', '.externalNativeBuild',
  'build', 'out', 'dist', '.dart_tool', '.pub-cache', '.build', '.swiftpm', '.expo', '.next', '.vscode-test', 'coverage',
]);

export interface WalkLimits {
  maxFiles: number;
  maxDepth: number;
  /** Directory entries visited in total. */
  maxEntries: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxFiles: 20_000, maxDepth: 24, maxEntries: 500_000 };

/** Root-relative paths (`/`-separated) of files `accept` keeps; `truncated` when a limit was hit. */
export async function walk(
  root: string,
  accept: (rel: string) => boolean,
  isCancelled: () => boolean,
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  let entries = 0;
  let truncated = false;
  const stack: Array<[string, number]> = [[root, 0]];
  while (stack.length && !isCancelled()) {
    const [dir, depth] = stack.pop()!;
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      continue; // unreadable folder: skip it
    }
    for await (const d of handle) {
      if (++entries > limits.maxEntries || files.length >= limits.maxFiles) { truncated = true; break; }
      const abs = join(dir, d.name);
      if (d.isDirectory()) {
        if (!SKIP_DIRS.has(d.name) && depth + 1 <= limits.maxDepth) stack.push([abs, depth + 1]);
      } else if (d.isFile()) {
        const rel = relative(root, abs).split(sep).join('/');
        if (accept(rel)) files.push(rel);
      }
    }
    if (truncated) break;
  }
  return { files: files.sort(), truncated };
}
