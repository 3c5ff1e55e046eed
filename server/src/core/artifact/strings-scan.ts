// How extracted strings reach the text rules: each entry's strings become one synthetic XML-ish
// text, one string per line (`<string name="KEY">VALUE</string>` when the format names the value,
// the bare value otherwise), scanned by the TextScanner with key awareness; findings are mapped
// back so `location.line` is the string's 1-based index within the entry and `column` the offset
// inside the value.
import type { ExtractedString, FormatReader } from './types';
import { StringSink, printableRuns } from './cstrings';
import type { ScanResult } from '../types';
import type { TextScanner, TextScanOptions } from '../text/scanner';

export interface StringScanOptions extends TextScanOptions {
  /** Path the rules see (the entry path). */
  path: string;
}

export function scanStrings(scanner: TextScanner, strings: readonly ExtractedString[], options: StringScanOptions): ScanResult {
  const parts: string[] = [];
  const startLine: number[] = [];
  const prefix: number[] = [];
  let line = 1;
  for (const s of strings) {
    const head = s.key !== undefined ? `<string name="${s.key.replace(/["\n]/g, '_')}">` : '';
    startLine.push(line);
    prefix.push(head.length);
    parts.push(head + s.value + (s.key !== undefined ? '</string>' : ''));
    for (let i = s.value.indexOf('\n'); i >= 0; i = s.value.indexOf('\n', i + 1)) line++;
    line++;
  }
  const result = scanner.scan(options.path, parts.join('\n'), { ...options, kind: 'xml' });
  for (const f of result.findings) {
    const i = indexOfLine(startLine, f.location.line);
    const s = strings[i];
    const onFirst = f.location.line === startLine[i];
    const column = onFirst ? Math.max(1, f.location.column - prefix[i]) : 1;
    const endColumn = f.location.endLine === startLine[i] ? Math.max(column + 1, f.location.endColumn - prefix[i]) : column + f.value.length;
    f.location = { ...f.location, line: i + 1, column, endLine: i + 1, endColumn };
    if (s.key && !f.message.includes(s.key)) f.message += ` (${s.key})`;
  }
  return result;
}

/** Index of the last string starting at or before `line`. */
function indexOfLine(starts: number[], line: number): number {
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
