// The archive layer on jszip: opens a zip (APK, AAB, .apks, .xapk, IPA, zipped .app), checks each
// entry's name and declared sizes from the central directory before inflating, and inflates one
// entry at a time with the real output capped (zip bombs lie about sizes).
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

interface CompressedObject { compressedSize?: number; uncompressedSize?: number }

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

interface StreamHelper {
  on(event: 'data', cb: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'error', cb: (e: Error) => void): StreamHelper;
  on(event: 'end', cb: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

/**
 * Inflates one entry, stopping as soon as the output passes the entry limit, the scan's
 * remaining budget or the ratio limit. The bytes count against `budget`.
 */
export function inflateEntry(e: ZipEntry, limits: ArtifactLimits, budget: InflateBudget): Promise<{ bytes?: Uint8Array; error?: string }> {
  const cap = Math.min(limits.maxEntryInflated, budget.remaining);
  const ratioCap = Math.max(limits.ratioFloor, Math.max(1, e.compressedSize) * limits.maxRatio);
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let n = 0;
    let done = false;
    const finish = (r: { bytes?: Uint8Array; error?: string }) => {
      if (done) return;
      done = true;
      budget.used += n;
      resolve(r);
    };
    let helper: StreamHelper;
    try {
      helper = (e.object as unknown as { internalStream(t: 'uint8array'): StreamHelper }).internalStream('uint8array');
    } catch (err) {
      finish({ error: `cannot inflate entry: ${(err as Error).message}` });
      return;
    }
    helper
      .on('data', (chunk) => {
        if (done) return;
        n += chunk.length;
        if (n > cap || n > ratioCap) {
          helper.pause();
          finish({ error: n > ratioCap ? `inflated output passed ${limits.maxRatio}:1 of its compressed size (zip bomb?)` : `inflated output passed the ${cap}-byte limit` });
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (err) => finish({ error: `corrupt entry: ${err.message}` }))
      .on('end', () => finish({ bytes: concat(chunks, n) }))
      .resume();
  });
}

function concat(chunks: Uint8Array[], n: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
