// File-system adapter for artifacts: reads an archive file or an .app/.xcarchive folder and hands
// the bytes to the pure core. Owned by the artifact scanner work.
import { readFile } from 'node:fs/promises';
import type { Engine } from '../core/engine';
import type { ScanResult } from '../core/types';
import type { ArtifactScanOptions } from '../core/artifact';

/** Scans the artifact at `absPath`; findings name it as `reportFile`. */
export async function scanArtifactPath(engine: Engine, absPath: string, reportFile: string, options: ArtifactScanOptions = {}): Promise<ScanResult> {
  return engine.scanArtifact(reportFile, await readFile(absPath), options);
}
