// The archive layer: reads a zip's central directory (APK, AAB, .apks, .xapk, IPA, zipped .app)
// and checks each entry's name and declared sizes before anything is inflated; entries are then
// inflated one at a time with the real output capped (zip bombs lie about sizes).
// Decision: own central-directory reader (yauzl-style: every offset checked, structures named in
// errors) rather than jszip's loader, which copies and masks the whole archive byte by byte and
// decodes every name up front (180 ms of a 720 ms scan of an 18 MB APK). jszip builds test zips.
// Layouts: PKWARE APPNOTE.TXT §4.3 (local header, central directory, EOCD, ZIP64).
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';
import type { ArtifactLimits, InflateBudget } from './limits';

export interface ZipEntry {
  /** The name as stored in the archive (not sanitised: `../` names are refused, not rewritten). */
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size declared by the central directory (may lie). */
  declaredSize: number;
  localOffset: number;
}

export interface OpenedZip {
  entries: ZipEntry[];
  errors: string[];
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** `PK\3\4` (local file header) or `PK\5\6` (empty archive). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

const u16 = (v: DataView, o: number) => v.getUint16(o, true);
const u32 = (v: DataView, o: number) => v.getUint32(o, true);
const u64 = (v: DataView, o: number) => v.getUint32(o, true) + v.getUint32(o + 4, true) * 2 ** 32;
const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

export function openZip(bytes: Uint8Array, limits: ArtifactLimits): OpenedZip {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (m: string): OpenedZip => ({ entries: [], errors: [`unreadable zip archive: ${m}`] });
  // End of central directory: the last signature within 22 + 65535 (comment) bytes of the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(v, i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) return fail('end of central directory not found');
  let count = u16(v, eocd + 10); // total entries, u16 @10
  let cdSize = u32(v, eocd + 12); // central directory size, u32 @12
  let cdOffset = u32(v, eocd + 16); // central directory offset, u32 @16
  if ((count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) && eocd >= 20 && u32(v, eocd - 20) === ZIP64_LOCATOR) {
    const at = u64(v, eocd - 20 + 8); // zip64 EOCD offset, u64 @8 of the locator
    if (at + 56 > bytes.length || u32(v, at) !== ZIP64_EOCD) return fail('bad ZIP64 end of central directory');
    count = u64(v, at + 32);
    cdSize = u64(v, at + 40);
    cdOffset = u64(v, at + 48);
  }
  if (cdOffset + cdSize > bytes.length) return fail(`central directory (${cdSize} bytes at ${cdOffset}) runs past the end of the file`);
  const errors: string[] = [];
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(v, p) !== CENTRAL) {
      errors.push(`central directory record ${i} of ${count} is missing or has a bad signature`);
      break;
    }
    if (entries.length >= limits.maxEntries) {
      errors.push(`archive has more than ${limits.maxEntries} entries; the rest were skipped`);
      break;
    }
    const flags = u16(v, p + 8);
    const nameLen = u16(v, p + 28);
    const extraLen = u16(v, p + 30);
    const next = p + 46 + nameLen + extraLen + u16(v, p + 32);
    if (next > bytes.length) {
      errors.push(`central directory record ${i} runs past the end of the file`);
      break;
    }
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    const e: ZipEntry = {
      name: (flags & 0x800 ? utf8 : isAscii(rawName) ? latin1 : utf8).decode(rawName),
      method: u16(v, p + 10),
      flags,
      compressedSize: u32(v, p + 20),
      declaredSize: u32(v, p + 24),
      localOffset: u32(v, p + 42),
    };
    readZip64Extra(v, p + 46 + nameLen, extraLen, e);
    if (!e.name.endsWith('/')) entries.push(e);
    p = next;
  }
  return { entries, errors };
}

function isAscii(b: Uint8Array): boolean {
  for (const x of b) if (x > 0x7f) return false;
  return true;
}

/** ZIP64 extended information (header id 0x0001): the 64-bit values of fields set to 0xFFFFFFFF. */
function readZip64Extra(v: DataView, start: number, len: number, e: ZipEntry): void {
  for (let q = start; q + 4 <= start + len;) {
    const id = u16(v, q);
    const size = u16(v, q + 2);
    if (id === 0x0001) {
      let f = q + 4;
      const end = q + 4 + size;
      if (e.declaredSize === 0xffffffff && f + 8 <= end) { e.declaredSize = u64(v, f); f += 8; }
      if (e.compressedSize === 0xffffffff && f + 8 <= end) { e.compressedSize = u64(v, f); f += 8; }
      if (e.localOffset === 0xffffffff && f + 8 <= end) e.localOffset = u64(v, f);
      return;
    }
    q += 4 + size;
  }
}

/** Why an entry must not be read, from its name and central-directory sizes alone. */
export function refuseEntry(e: ZipEntry, limits: ArtifactLimits, budget: InflateBudget): string | undefined {
  if (isUnsafeName(e.name)) return `unsafe entry name (path traversal or absolute path): ${JSON.stringify(e.name)}`;
  if (e.flags & 0x1) return 'encrypted entry: not read';
  if (e.method !== 0 && e.method !== 8) return `unsupported compression method ${e.method}`;
  if (e.declaredSize > limits.maxEntryInflated) return `declared size ${e.declaredSize} bytes exceeds the ${limits.maxEntryInflated}-byte entry limit`;
  if (e.declaredSize > budget.remaining) return `declared size ${e.declaredSize} bytes exceeds the remaining inflate budget (${budget.remaining} of ${limits.maxTotalInflated} bytes)`;
  if (e.declaredSize > limits.ratioFloor && e.declaredSize > Math.max(1, e.compressedSize) * limits.maxRatio) {
    return `compression ratio ${Math.round(e.declaredSize / Math.max(1, e.compressedSize))}:1 exceeds ${limits.maxRatio}:1 (zip bomb?)`;
  }
  return undefined;
}

export function isUnsafeName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.split('/').includes('..');
}

/** The entry's stored bytes, located through its local header (name/extra lengths are its own). */
function rawData(bytes: Uint8Array, e: ZipEntry): Uint8Array | string {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.localOffset + 30 > bytes.length || u32(v, e.localOffset) !== LOCAL) return 'local file header missing or bad signature';
  const start = e.localOffset + 30 + u16(v, e.localOffset + 26) + u16(v, e.localOffset + 28);
  if (start + e.compressedSize > bytes.length) return 'entry data runs past the end of the archive';
  return bytes.subarray(start, start + e.compressedSize);
}

/**
 * Inflates one entry with the output hard-capped (node:zlib `maxOutputLength`) at the entry
 * limit, the scan's remaining budget and the ratio limit, whichever is lowest. The bytes count
 * against `budget`.
 */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry, limits: ArtifactLimits, budget: InflateBudget): { bytes?: Uint8Array; error?: string } {
  const raw = rawData(bytes, e);
  if (typeof raw === 'string') return { error: raw };
  const byRatio = Math.max(limits.ratioFloor, Math.max(1, e.compressedSize) * limits.maxRatio);
  const cap = Math.min(limits.maxEntryInflated, budget.remaining, byRatio);
  const over = () => {
    budget.used += cap;
    return { error: cap === byRatio ? `inflated output passed ${limits.maxRatio}:1 of its compressed size (zip bomb?)` : `inflated output passed the ${cap}-byte limit` };
  };
  let out: Uint8Array;
  if (e.method === 0) out = raw;
  else {
    try {
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap + 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return over();
      return { error: `corrupt entry: ${(err as Error).message}` };
    }
  }
  if (out.length > cap) return over();
  budget.used += out.length;
  return { bytes: out };
}

/**
 * The first bytes of an entry's output without inflating the rest (a sync flush over the first
 * 512 compressed bytes, at most ~0.5 MB out), to recognise media and generated data by magic.
 */
export function peekEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array | undefined {
  const raw = rawData(bytes, e);
  if (typeof raw === 'string') return undefined;
  if (e.method === 0) return raw.subarray(0, 64);
  try {
    return inflateRawSync(raw.subarray(0, 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
}
