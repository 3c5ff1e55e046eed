// Shared helpers for the binary readers: a bounded sink for extracted strings and a scanner for
// printable ASCII runs (NUL-terminated C strings, Dart snapshot strings, unknown blobs).
import type { ExtractedString, ReaderResult } from './types';
import { DEFAULT_LIMITS } from './limits';

export interface SinkLimits {
  /** Most strings one entry may yield. */
  maxStrings: number;
  /** Most characters (summed) one entry may yield. */
  maxChars: number;
  /** Longer strings are cut to this length (a PEM key is ~3 KB; minified JS lines are not strings). */
  maxStringLength: number;
}

export const DEFAULT_SINK_LIMITS: SinkLimits = {
  maxStrings: DEFAULT_LIMITS.maxStringsPerEntry,
  maxChars: 64 * 1024 * 1024,
  maxStringLength: DEFAULT_LIMITS.maxStringLength,
};

/** Collects strings for one entry, deduplicated, and stops (with one error) at the limits. */
export class StringSink {
  readonly strings: ExtractedString[] = [];
  readonly errors: string[] = [];
  private readonly seen = new Set<string>();
  private chars = 0;
  full = false;

  constructor(private readonly what: string, private readonly limits: SinkLimits = DEFAULT_SINK_LIMITS) {}

  /** Adds a string; returns false once the sink is full (callers stop scanning). */
  add(value: string, key?: string): boolean {
    if (this.full) return false;
    const v = value.length > this.limits.maxStringLength ? value.slice(0, this.limits.maxStringLength) : value;
    const id = key === undefined ? v : `${key}\u0000${v}`;
    if (this.seen.has(id)) return true;
    if (this.strings.length >= this.limits.maxStrings || this.chars + v.length > this.limits.maxChars) {
      this.full = true;
      this.errors.push(`${this.what}: string limit reached (${this.strings.length} strings, ${this.chars} characters); the rest of the entry was not read`);
      return false;
    }
    this.seen.add(id);
    this.chars += v.length;
    this.strings.push(key === undefined ? { value: v } : { key, value: v });
    return true;
  }

  error(message: string): void {
    if (this.errors.length < 50) this.errors.push(message);
  }

  result(): ReaderResult {
    return { strings: this.strings, errors: this.errors };
  }
}

/** Printable ASCII plus tab/LF/CR (PEM blocks and multi-line config keep their newlines). */
export function isPrintable(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Adds every run of at least `minLength` printable bytes in bytes[start, end) to the sink.
 * A NUL or any other non-printable byte ends a run. Returns false when the sink filled up.
 */
export function printableRuns(bytes: Uint8Array, start: number, end: number, sink: StringSink, minLength = 6): boolean {
  const stop = Math.min(end, bytes.length);
  let runStart = -1;
  for (let i = Math.max(0, start); i <= stop; i++) {
    const printable = i < stop && isPrintable(bytes[i]);
    if (printable) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0) {
      if (i - runStart >= minLength && !sink.add(latin1(bytes, runStart, i).trim())) return false;
      runStart = -1;
    }
  }
  return true;
}

/** Decodes bytes[start, end) as Latin-1 (one char per byte), in chunks to keep the stack small. */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  }
  return s;
}

/** Reads a fixed-size NUL-padded name (Mach-O segname/sectname, 16 bytes). */
export function fixedName(bytes: Uint8Array, start: number, size: number): string {
  let end = start;
  while (end < start + size && end < bytes.length && bytes[end] !== 0) end++;
  return latin1(bytes, start, end);
}
