// How extracted strings reach the text rules: each entry's strings become one synthetic XML-ish
// text, one string per line (`<string name="KEY">VALUE</string>` when the format names the value,
// the bare value otherwise), scanned by the TextScanner with key awareness; findings are mapped
// back so `location.line` is the string's 1-based index within the entry and `column` the offset
// inside the value.
import type { ExtractedString, FormatReader } from './types';
import { StringSink, printableRuns } from './cstrings';
import { keyHead, packStrings, type PackedStrings } from './packed';
import type { ScanResult } from '../types';
import type { TextScanner, TextScanOptions } from '../text/scanner';

export interface StringScanOptions extends TextScanOptions {
  /** Path the rules see (the entry path). */
  path: string;
}

export function scanStrings(scanner: TextScanner, strings: readonly ExtractedString[], options: StringScanOptions): ScanResult {
  return scanPacked(scanner, packStrings(strings), options);
}

/** Scans strings already packed (packed.ts; a DEX reader writes them so). */
export function scanPacked(scanner: TextScanner, packed: PackedStrings, options: StringScanOptions): ScanResult {
  const { startLine, keys } = packed;
  const result = scanner.scan(options.path, packed.text, { ...options, kind: 'xml' });
  for (const f of result.findings) {
    const i = indexOfLine(startLine, f.location.line);
    const key = keys.get(i);
    const prefix = key === undefined ? 0 : keyHead(key).length;
    const onFirst = f.location.line === startLine[i];
    const column = onFirst ? Math.max(1, f.location.column - prefix) : 1;
    const endColumn = f.location.endLine === startLine[i] ? Math.max(column + 1, f.location.endColumn - prefix) : column + f.value.length;
    f.location = { ...f.location, line: i + 1, column, endLine: i + 1, endColumn };
    if (key && !f.message.includes(key)) f.message += ` (${key})`;
  }
  return result;
}

/** Index of the last string starting at or before `line`. */
function indexOfLine(starts: Int32Array, line: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= line) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

/** `strings(1)` for formats without a structured reader (protobuf resources.pb, unknown blobs). */
export const rawStringsReader: FormatReader = (bytes, entry) => {
  const sink = new StringSink(`raw strings ${entry}`);
  printableRuns(bytes, 0, bytes.length, sink, 6);
  return sink.result();
};
