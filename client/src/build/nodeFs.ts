// The node file-system view used by project detection (the extension host has node's fs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FsView } from './detect';

const MAX_TEXT = 1024 * 1024;

export function nodeFsView(root: string): FsView {
  return {
    list(dir) {
      try { return readdirSync(join(root, dir)).sort(); } catch { return []; }
    },
    isDir(path) {
      try { return statSync(join(root, path)).isDirectory(); } catch { return false; }
    },
    read(path) {
      try {
        const abs = join(root, path);
        return statSync(abs).size <= MAX_TEXT ? readFileSync(abs, 'utf8') : undefined;
      } catch { return undefined; }
    },
  };
}
