// Artifact scanning (APK, AAB, IPA, .app, .xcarchive): one reader per binary format, all
// feeding extracted strings to the same rules as the text scanner.
import type { ScanResult } from '../types';
import type { TextScanner, TextScanOptions } from '../text/scanner';

export interface ArtifactScanOptions extends TextScanOptions {
  signal?: AbortSignal;
  onProgress?(message: string, fraction?: number): void;
}

/** True when `path` names something scanArtifact reads (by extension). */
export function isArtifactPath(path: string): boolean {
  return /\.(apk|aab|apks|xapk|ipa|zip)$/i.test(path) || /\.(app|xcarchive)\/?$/i.test(path);
}

/** Scans an artifact given as bytes (archives). `file` is the archive path reported in findings. */
export async function scanArtifactBytes(
  _scanner: TextScanner,
  file: string,
  _bytes: Uint8Array,
  _options: ArtifactScanOptions = {},
): Promise<ScanResult> {
  return { findings: [], errors: [{ file, entry: null, message: 'artifact scanning is not implemented yet' }] };
}
