// File-system adapter for artifacts: reads an archive file, or walks an .app/.xcarchive folder
// one member at a time, and hands the bytes to the pure core.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../core/engine';
import type { ScanResult } from '../core/types';
import type { ArtifactEntry, ArtifactScanOptions } from '../core/artifact';
import { DEFAULT_LIMITS } from '../core/artifact/limits';

/** Files and bytes read from one artifact folder. */
const MAX_FOLDER_FILES = 100_000;

/** Scans the artifact at `absPath`; findings name it as `reportFile`. */
export async function scanArtifactPath(engine: Engine, absPath: string, reportFile: string, options: ArtifactScanOptions = {}): Promise<ScanResult> {
  const info = await stat(absPath);
  if (info.isDirectory()) return engine.scanArtifactEntries(reportFile, walkFolder(absPath), options);
  if (info.size > DEFAULT_LIMITS.maxTotalInflated) {
    return { findings: [], errors: [{ file: reportFile, entry: null, message: `artifact is ${info.size} bytes, above the ${DEFAULT_LIMITS.maxTotalInflated}-byte limit: not read` }] };
  }
  return engine.scanArtifact(reportFile, await readFile(absPath), options);
}

/**
 * The members of an unpacked .app/.xcarchive, depth-first in name order, read lazily so only one
 * file is in memory at a time. Symlinks are not followed; oversized files come back empty.
 */
export async function* walkFolder(root: string): AsyncGenerator<ArtifactEntry> {
  const stack: string[] = [''];
  let files = 0;
  while (stack.length && files < MAX_FOLDER_FILES) {
    const rel = stack.pop()!;
    const dirents = await readdir(join(root, rel), { withFileTypes: true });
    dirents.sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const d of dirents) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) stack.push(path);
      else if (d.isFile() && files++ < MAX_FOLDER_FILES) {
        const size = (await stat(join(root, path))).size;
        if (size <= DEFAULT_LIMITS.maxEntryInflated) yield { entry: path, bytes: await readFile(join(root, path)) };
      }
    }
  }
}
