// The archive layer on jszip: opens a zip (APK, AAB, .apks, .xapk, IPA, zipped .app), checks each
// entry's name and declared sizes from the central directory before inflating, and inflates one
// entry at a time with the real output capped (zip bombs lie about sizes).
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import type { ArtifactLimits, InflateBudget } from './limits';

export interface ZipEntry {
  /** The name as stored in the archive (jszip's `unsafeOriginalName`). */
  name: string;
  compressedSize: number;
  /** Uncompressed size declared by the central directory (may lie). */
  declaredSize: number;
  object: JSZip.JSZipObject;
}

export interface OpenedZip {
  entries: ZipEntry[];
  errors: string[];
}

/** `PK\3\4` (local file header) or `PK\5\6` (empty archive). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

interface CompressedObject {
  compressedSize?: number;
  uncompressedSize?: number;
  compressedContent?: unknown;
  compression?: { magic?: string };
}

export async function openZip(bytes: Uint8Array, limits: ArtifactLimits): Promise<OpenedZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false, createFolders: false });
  } catch (e) {
    return { entries: [], errors: [`unreadable zip archive: ${(e as Error).message}`] };
  }
  const errors: string[] = [];
  const entries: ZipEntry[] = [];
  for (const object of Object.values(zip.files)) {
    if (object.dir) continue;
    if (entries.length >= limits.maxEntries) {
      errors.push(`archive has more than ${limits.maxEntries} entries; the rest were skipped`);
      break;
    }
    const data = (object as unknown as { _data?: CompressedObject })._data ?? {};
    entries.push({
      name: object.unsafeOriginalName ?? object.name,
      compressedSize: unsigned(data.compressedSize ?? 0),
      declaredSize: unsigned(data.uncompressedSize ?? 0),
      object,
    });
  }
  return { entries, errors };
}

/** jszip reads u32 fields with `<<`, so sizes ≥ 2 GB come back negative. */
const unsigned = (n: number): number => (n < 0 ? n + 2 ** 32 : n);

/** Why an entry must not be read, from its name and central-directory sizes alone. */
export function refuseEntry(e: ZipEntry, limits: ArtifactLimits, budget: InflateBudget): string | undefined {
  if (isUnsafeName(e.name)) return `unsafe entry name (path traversal or absolute path): ${JSON.stringify(e.name)}`;
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

/**
 * Inflates one entry with the output hard-capped (node:zlib `maxOutputLength`) at the entry
 * limit, the scan's remaining budget and the ratio limit, whichever is lowest. jszip parsed the
 * central directory; its own streaming inflate (pako, one event-loop turn per 16 KB chunk) is
 * several times slower on APKs with thousands of entries. The bytes count against `budget`.
 */
export function inflateEntry(e: ZipEntry, limits: ArtifactLimits, budget: InflateBudget): { bytes?: Uint8Array; error?: string } {
  const data = (e.object as unknown as { _data?: CompressedObject })._data;
  const raw = data?.compressedContent;
  if (!(raw instanceof Uint8Array)) return { error: 'entry data not available' };
  const byRatio = Math.max(limits.ratioFloor, Math.max(1, e.compressedSize) * limits.maxRatio);
  const cap = Math.min(limits.maxEntryInflated, budget.remaining, byRatio);
  const over = () => {
    budget.used += cap;
    return { error: cap === byRatio ? `inflated output passed ${limits.maxRatio}:1 of its compressed size (zip bomb?)` : `inflated output passed the ${cap}-byte limit` };
  };
  let bytes: Uint8Array;
  const method = data?.compression?.magic;
  if (method === '\x00\x00') bytes = raw; // STORE
  else if (method === '\x08\x00') {
    try {
      bytes = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap + 1) }); // DEFLATE
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return over();
      return { error: `corrupt entry: ${(err as Error).message}` };
    }
  } else return { error: 'unsupported compression method' };
  if (bytes.length > cap) return over();
  budget.used += bytes.length;
  return { bytes };
}

/**
 * The first bytes of an entry's output without inflating the rest (a sync flush over the first
 * 512 compressed bytes, at most ~0.5 MB out), to recognise media and generated data by magic. Undefined if unreadable.
 */
export function peekEntry(e: ZipEntry): Uint8Array | undefined {
  const data = (e.object as unknown as { _data?: CompressedObject })._data;
  const raw = data?.compressedContent;
  if (!(raw instanceof Uint8Array)) return undefined;
  if (data?.compression?.magic === '\x00\x00') return raw.subarray(0, 64);
  try {
    return inflateRawSync(raw.subarray(0, 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
}
