// Android resource chunks shared by resources.arsc and binary XML: ResChunk_header and
// ResStringPool (frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h).
// Every offset is checked against the chunk before it is read.

export const RES_STRING_POOL_TYPE = 0x0001;
export const RES_TABLE_TYPE = 0x0002;
export const RES_XML_TYPE = 0x0003;
const UTF8_FLAG = 0x100;

export interface Chunk {
  type: number;
  headerSize: number;
  /** Absolute offsets of the chunk in the buffer; `end` is clamped to the buffer. */
  start: number;
  end: number;
}

export class Bytes {
  readonly view: DataView;
  constructor(readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  get length(): number {
    return this.b.length;
  }
  u8(o: number): number { return o + 1 <= this.b.length ? this.b[o] : 0; }
  u16(o: number): number { return o + 2 <= this.b.length ? this.view.getUint16(o, true) : 0; }
  u32(o: number): number { return o + 4 <= this.b.length ? this.view.getUint32(o, true) : 0; }
}

/**
 * ResChunk_header at `off`: type u16 @0, headerSize u16 @2, size u32 @4. Undefined (with a
 * reason) when the header or the declared size does not fit in [off, limit).
 */
export function readChunk(r: Bytes, off: number, limit: number, what: string): Chunk | string {
  if (off + 8 > limit) return `truncated ${what} chunk header at 0x${off.toString(16)}`;
  const type = r.u16(off);
  const headerSize = r.u16(off + 2);
  const size = r.u32(off + 4);
  if (headerSize < 8 || size < headerSize) return `bad ${what} chunk at 0x${off.toString(16)} (header ${headerSize}, size ${size})`;
  if (off + size > limit) return `${what} chunk at 0x${off.toString(16)} runs past the end (${size} bytes declared)`;
  return { type, headerSize, start: off, end: off + size };
}

export interface StringPool {
  count: number;
  get(index: number): string | undefined;
}

/**
 * ResStringPool_header: stringCount u32 @8, styleCount u32 @12, flags u32 @16 (UTF8 0x100),
 * stringsStart u32 @20, stylesStart u32 @24; then stringCount u32 offsets at start+headerSize.
 * Strings are decoded lazily and cached.
 */
export function readStringPool(r: Bytes, c: Chunk, maxStrings: number, maxLength: number, errors: string[]): StringPool {
  let count = r.u32(c.start + 8);
  const utf8 = (r.u32(c.start + 16) & UTF8_FLAG) !== 0;
  const stringsStart = c.start + r.u32(c.start + 20);
  const offsets = c.start + c.headerSize;
  if (offsets + count * 4 > c.end) {
    errors.push(`string pool declares ${count} strings but its offsets run past the chunk`);
    count = Math.max(0, Math.floor((c.end - offsets) / 4));
  }
  if (count > maxStrings) {
    errors.push(`string pool has ${count} strings; only the first ${maxStrings} were read`);
    count = maxStrings;
  }
  const cache = new Map<number, string | undefined>();
  let bad = 0;
  const decode = (i: number): string | undefined => {
    const at = stringsStart + r.u32(offsets + i * 4);
    const s = at < c.start || at >= c.end ? undefined : utf8 ? utf8At(r, at, c.end, maxLength) : utf16At(r, at, c.end, maxLength);
    if (s === undefined && bad++ === 0) errors.push(`string pool entry ${i} points past the chunk`);
    return s;
  };
  return {
    count,
    get(i: number) {
      if (i < 0 || i >= count) return undefined;
      if (!cache.has(i)) cache.set(i, decode(i));
      return cache.get(i);
    },
  };
}

/** UTF-8 entry: utf16 length (1 or 2 bytes), utf8 length (1 or 2 bytes), bytes, NUL. */
function utf8At(r: Bytes, at: number, end: number, maxLength: number): string | undefined {
  let p = at;
  p += r.u8(p) & 0x80 ? 2 : 1; // u16 length (skipped)
  let n = r.u8(p);
  if (n & 0x80) {
    n = ((n & 0x7f) << 8) | r.u8(p + 1);
    p += 2;
  } else p += 1;
  if (p + n > end) return undefined;
  return Buffer.from(r.b.buffer, r.b.byteOffset + p, Math.min(n, maxLength * 4)).toString('utf8').slice(0, maxLength);
}

/** UTF-16 entry: length u16 (high bit: two u16s), UTF-16LE units, 0x0000. */
function utf16At(r: Bytes, at: number, end: number, maxLength: number): string | undefined {
  let n = r.u16(at);
  let p = at + 2;
  if (n & 0x8000) {
    n = ((n & 0x7fff) << 16) | r.u16(at + 2);
    p += 2;
  }
  if (p + n * 2 > end) return undefined;
  const take = Math.min(n, maxLength);
  let s = '';
  for (let i = 0; i < take; i += 4096) {
    const units: number[] = [];
    for (let k = i; k < Math.min(take, i + 4096); k++) units.push(r.u16(p + k * 2));
    s += String.fromCharCode(...units);
  }
  return s;
}
