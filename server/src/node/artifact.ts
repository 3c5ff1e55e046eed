// File-system adapter for artifacts: an archive file read through positioned reads (fileSource.ts),
// or an .app/.xcarchive folder walked one member at a time (node/appFolder.ts), handed to the pure core.
import { statSync } from 'node:fs';
import type { Engine } from '../core/engine';
import type { ScanError, ScanResult } from '../core/types';
import type { ArtifactScanOptions } from '../core/artifact';
import { DEFAULT_LIMITS } from '../core/artifact/limits';
import { isArtifactPath } from '../core/artifact';
import { isAppleArtifactFolder, walkAppFolder } from './appFolder';
import { withFileSource } from './fileSource';

/**
 * Whether the file or folder at `abs` is scanned as an artifact: a file by its name (APK, AAB, IPA,
 * zip… — `isArchiveName`), a folder only when it is a built `.app`/`.xcarchive` (node/appFolder.ts);
 * any other folder, whatever its name, is a folder of sources.
 */
export function isArtifactOnDisk(abs: string, isDir: boolean, isArchiveName: (path: string) => boolean = isArtifactPath): boolean {
  return isDir ? isAppleArtifactFolder(abs) : isArchiveName(abs);
}

/** Scans the artifact at `absPath` (archive file or .app/.xcarchive folder); findings name it as `reportFile`. */
export async function scanArtifactPath(engine: Engine, absPath: string, reportFile: string, options: ArtifactScanOptions = {}): Promise<ScanResult> {
  const info = statSync(absPath);
  if (info.isDirectory()) {
    const walkErrors: ScanError[] = [];
    const entries = walkAppFolder(absPath, {
      limits: options.limits,
      onError: (entry, message) => walkErrors.push({ file: reportFile, entry, message }),
    });
    const result = await engine.scanArtifactEntries(reportFile, entries, options);
    return { findings: result.findings, errors: [...walkErrors, ...result.errors] };
  }
  const max = options.limits?.maxTotalInflated ?? DEFAULT_LIMITS.maxTotalInflated;
  if (info.size > max) {
    return { findings: [], errors: [{ file: reportFile, entry: null, message: `artifact is ${info.size} bytes, above the ${max}-byte limit: not read` }] };
  }
  // sync reads: the thread pool round-trips of fs/promises cost more than they overlap here
  return withFileSource(absPath, (source) => engine.scanArtifact(reportFile, source, options));
}
