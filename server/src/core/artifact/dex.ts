// DEX reader: the string table (string_ids → string_data, MUTF-8), with the field name of each
// string that is a constant's value (dexConstants.ts); no bytecode walking.
// Spec: https://source.android.com/docs/core/runtime/dex-format (header_item, string_id_item,
// string_data_item). Every offset is checked against the buffer before it is read.
import type { FormatReader, ReaderResult } from './types';
import { DEFAULT_LIMITS, type ArtifactLimits } from './limits';
import { dexConstantNames } from './dexConstants';
import { PackedBuilder, packStrings, unpackStrings, type PackedStrings } from './packed';

const HEADER_SIZE = 0x70;

/** True for `dex\n0NN\0` (035…041 are all string-compatible). */
export function isDex(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0x64 && b[1] === 0x65 && b[2] === 0x78 && b[3] === 0x0a &&
    b[4] === 0x30 && b[5] >= 0x30 && b[5] <= 0x39 && b[6] >= 0x30 && b[6] <= 0x39 && b[7] === 0;
}

export interface DexStrings {
  packed: PackedStrings;
  errors: string[];
}

/** The DEX's strings as a list (tests, and callers that want one); the scan reads them packed. */
export function readDex(bytes: Uint8Array, limits: ArtifactLimits = DEFAULT_LIMITS): ReaderResult {
  const r = readDexPacked(bytes, limits);
  return { strings: unpackStrings(r.packed), errors: r.errors };
}

/** The DEX's strings in string-table order, packed (packed.ts), each constant's with its field name. */
export function readDexPacked(bytes: Uint8Array, limits: ArtifactLimits = DEFAULT_LIMITS): DexStrings {
  const errors: string[] = [];
  const none = (): DexStrings => ({ packed: packStrings([]), errors });
  if (bytes.length < HEADER_SIZE) {
    errors.push('truncated DEX header');
    return none();
  }
  if (!isDex(bytes)) {
    errors.push('not a DEX file (bad magic)');
    return none();
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idsSize = view.getUint32(0x38, true); // string_ids_size, u4 at 0x38
  const idsOff = view.getUint32(0x3c, true); // string_ids_off, u4 at 0x3C
  let count = idsSize;
  if (idsSize > 0 && (idsOff < HEADER_SIZE || idsOff + idsSize * 4 > bytes.length)) {
    errors.push(`DEX string_ids past end of file (${idsSize} ids at 0x${idsOff.toString(16)}, file is ${bytes.length} bytes)`);
    count = idsOff < HEADER_SIZE || idsOff >= bytes.length ? 0 : Math.floor((bytes.length - idsOff) / 4);
  }
  if (count > limits.maxStringsPerEntry) {
    errors.push(`DEX has ${count} strings; only the first ${limits.maxStringsPerEntry} were read`);
    count = limits.maxStringsPerEntry;
  }
  // Two passes (speed and memory, issue 15): first where each string_data_item's bytes are and
  // whether they are ASCII; then the packed text, ASCII strings copied byte for byte, the others
  // decoded as MUTF-8. No JS string per string but for field names and non-ASCII values.
  const starts = new Int32Array(count);
  const ends = new Int32Array(count); // -1: out of bounds
  let bad = 0;
  for (let i = 0; i < count; i++) {
    const dataOff = view.getUint32(idsOff + i * 4, true); // string_id_item.string_data_off
    const at = dataOff < HEADER_SIZE || dataOff >= bytes.length ? -1 : locateStringData(bytes, dataOff, starts, i);
    ends[i] = at;
    if (at < 0) bad++;
  }
  const max = limits.maxStringLength;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a view
  const has = (i: number) => i >= 0 && i < count && ends[i] >= 0;
  const at = (i: number): string | undefined => {
    if (!has(i)) return undefined;
    const start = starts[i] & 0x7fffffff;
    if (starts[i] === start) return buf.toString('latin1', start, Math.min(ends[i], start + max)); // ASCII
    return decodeMutf8(bytes, start, Math.min(ends[i], start + max * 3), max);
  };
  // A constant's value comes with its field name (`S3_BUCKET`), in string-table order.
  const names = dexConstantNames(bytes, { has, at }, limits);
  let capacity = 0;
  for (let i = 0; i < count; i++) {
    if (ends[i] < 0) continue;
    const start = starts[i] & 0x7fffffff;
    capacity += PackedBuilder.room(Math.min(ends[i] - start, max), names.get(i));
  }
  const b = new PackedBuilder(capacity, count - bad);
  for (let i = 0; i < count; i++) {
    if (ends[i] < 0) continue;
    const key = names.get(i);
    const start = starts[i] & 0x7fffffff;
    if (starts[i] === start && key === undefined) b.ascii(bytes, start, Math.min(ends[i], start + max));
    else b.string(at(i)!, key);
  }
  if (bad > 0) errors.push(`DEX string_data past end of file for ${bad} of ${count} strings`);
  return { packed: b.finish(), errors };
}

/**
 * string_data_item: uleb128 utf16_size, MUTF-8 bytes, 0 terminator. Stores the bytes' start in
 * `starts[i]` (bit 31 set when a byte is not ASCII) and returns the terminator's offset, or -1 when
 * the item runs past the end of the file. The size is only a hint: the terminator decides.
 */
function locateStringData(b: Uint8Array, off: number, starts: Int32Array, i: number): number {
  let p = off;
  for (let n = 0; n < 5; n++) {
    if (p >= b.length) return -1;
    if ((b[p++] & 0x80) === 0) break;
  }
  const start = p;
  let high = 0;
  for (let c = b[p]; p < b.length && c !== 0; c = b[++p]) high |= c;
  if (p >= b.length) return -1; // no terminator before the end of the file
  starts[i] = high & 0x80 ? start | 0x80000000 : start;
  return p;
}

/**
 * Modified UTF-8: NUL is `C0 80`, supplementary characters are two 3-byte surrogates. Each
 * sequence decodes to one UTF-16 unit, which is exactly how JS strings store them.
 */
export function decodeMutf8(b: Uint8Array, start: number, end: number, maxLength = Infinity): string {
  const units: number[] = [];
  let s = '';
  for (let p = start; p < end && s.length + units.length < maxLength;) {
    const c = b[p];
    if (c < 0x80) {
      units.push(c);
      p += 1;
    } else if ((c & 0xe0) === 0xc0 && p + 1 < end) {
      units.push(((c & 0x1f) << 6) | (b[p + 1] & 0x3f));
      p += 2;
    } else if ((c & 0xf0) === 0xe0 && p + 2 < end) {
      units.push(((c & 0x0f) << 12) | ((b[p + 1] & 0x3f) << 6) | (b[p + 2] & 0x3f));
      p += 3;
    } else {
      units.push(0xfffd); // invalid lead byte or truncated sequence
      p += 1;
    }
    if (units.length >= 4096) {
      s += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return s + String.fromCharCode(...units);
}

export const dexReader: FormatReader = (bytes) => readDex(bytes);
