// The archive layer (APK, AAB, .apks, .xapk, IPA, zipped .app) on yauzl: the zip container (EOCD,
// ZIP64, central directory, local headers) is parsed by yauzl, opened on the bytes in memory
// (fromBuffer: no fs). What stays ours is policy: entry names validated here, declared sizes and
// ratio checked before a stream is opened, the real output capped while streaming, one entry at
// a time, and every yauzl error turned into an `errors` item.
// Decision: yauzl (lazy, defensive, maintained) rather than a hand-written reader or jszip's
// loader; jszip copies/masks the whole archive, decodes every name up front and cannot cap the
// real inflated size of an entry whose header lies. jszip still writes zips (tests, examples).
// yauzl options: decodeStrings false, so a bad name ends only that entry (yauzl would end the
// archive); validateEntrySizes true, so an entry inflating past its declared size is stopped
// there, well below our caps. The caps stay as a second line.
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import type { ArtifactLimits, InflateBudget } from './limits';

export interface ZipEntry {
  /** The name as stored (not sanitised: `../` names are refused, not rewritten). */
  name: string;
  /** Why the name itself is refused (not valid UTF-8), before any other check. */
  nameError?: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size declared by the central directory (may lie). */
  declaredSize: number;
  /** yauzl's central-directory record, for opening the entry's stream. */
  record: yauzl.Entry;
}

export interface OpenedZip {
  /** Undefined when the archive could not be opened at all (then `errors` says why). */
  file?: yauzl.ZipFile;
  entries: ZipEntry[];
  /** Archive-level problems: unreadable end record, a bad central-directory record, too many entries. */
  errors: string[];
}

const OPTIONS: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false, autoClose: false };

/** `PK\3\4` (local file header) or `PK\5\6` (empty archive). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** yauzl's messages (index.js, 3.x) in the words of our reports; anything else is passed through. */
const MESSAGES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^End of central directory record signature not found/, () => 'end of central directory not found (not a zip file, or truncated)'],
  [/^Invalid comment length/, () => 'end of central directory: the comment length does not match the bytes after it (truncated, or data appended)'],
  [/^invalid zip64 end of central directory record signature/, () => 'bad ZIP64 end of central directory record'],
  [/^multi-disk zip files are not supported/, () => 'multi-disk (split) archives are not supported'],
  [/^unexpected EOF/, () => 'a record runs past the end of the file (truncated?)'],
  [/^invalid central directory file header signature/, () => 'a central directory record is missing or has a bad signature'],
  [/^strong encryption is not supported/, () => 'an entry uses strong encryption (not supported)'],
  [/^extra field length exceeds/, () => 'an extra field runs past its central directory record'],
  [/^zip64 extended information extra field does not include/, () => 'a ZIP64 extra field lacks a 64-bit size or offset'],
  [/^compressed\/uncompressed size mismatch for stored file: (\d+) != (\d+)/, (m) => `a stored entry declares ${m[1]} bytes stored but ${m[2]} bytes of content`],
  [/^invalid local file header signature/, () => 'local file header missing or bad signature'],
  [/^file data overflows file bounds/, () => 'entry data runs past the end of the archive'],
  [/^too many bytes in the stream. expected (\d+)/, (m) => `inflated output passed the ${m[1]} bytes its header declares (zip bomb?)`],
  [/^not enough bytes in the stream. expected (\d+). got only (\d+)/, (m) => `corrupt entry: ${m[2]} bytes inflated, ${m[1]} declared`],
];

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  for (const [re, say] of MESSAGES) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  // zlib (invalid block type, unexpected end of file…)
  return (err as NodeJS.ErrnoException)?.code?.startsWith('Z_') ? `corrupt entry: ${message}` : message;
}

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

/**
 * Opens the archive and reads its central directory, one record at a time (lazyEntries), up to
 * `limits.maxEntries`; the records are kept so the caller can choose the order (resources.arsc
 * first). A bad record ends the walk (yauzl cannot resync); the records before it are returned.
 */
export async function openZip(bytes: Uint8Array, limits: ArtifactLimits, signal?: AbortSignal): Promise<OpenedZip> {
  let file: yauzl.ZipFile;
  try {
    file = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(asBuffer(bytes), { ...OPTIONS }, (err, z) => (err ? reject(err) : resolve(z))));
  } catch (err) {
    return { entries: [], errors: [`unreadable zip archive: ${describe(err)}`] };
  }
  const entries: ZipEntry[] = [];
  const errors: string[] = [];
  let records = 0;
  await new Promise<void>((resolve) => {
    file.on('entry', (r: yauzl.Entry) => {
      records++;
      const e = toEntry(r);
      if (e) entries.push(e);
      if (signal?.aborted) return resolve(); // the caller throws at its next check
      if (records >= limits.maxEntries && file.entryCount > records) {
        errors.push(`archive has more than ${limits.maxEntries} entries; the rest were skipped`);
        return resolve();
      }
      file.readEntry();
    });
    file.on('end', () => resolve());
    file.on('error', (err: unknown) => {
      errors.push(`unreadable zip archive: ${describe(err)} (central directory record ${records + 1} of ${file.entryCount}; the rest were not read)`);
      resolve();
    });
    file.readEntry();
  });
  return { file, entries, errors };
}

/** A central-directory record as we check it; directories (names ending in `/`) are dropped. */
function toEntry(r: yauzl.Entry): ZipEntry | undefined {
  const raw = r.fileNameRaw;
  if (raw.length > 0 && raw[raw.length - 1] === 0x2f) return undefined;
  const e: ZipEntry = {
    name: '',
    method: r.compressionMethod,
    flags: r.generalPurposeBitFlag,
    compressedSize: r.compressedSize,
    declaredSize: r.uncompressedSize,
    record: r,
  };
  // APK/IPA tools write UTF-8 names, with or without bit 11; anything else is refused, named lossily.
  try {
    e.name = utf8.decode(raw);
  } catch {
    e.name = lossy.decode(raw);
    e.nameError = 'entry name is not valid UTF-8: not read';
  }
  return e;
}

/** Why an entry must not be read, from its name and central-directory sizes alone. */
export function refuseEntry(e: ZipEntry, limits: ArtifactLimits, budget: InflateBudget): string | undefined {
  if (e.nameError) return e.nameError;
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

function openStream(file: yauzl.ZipFile, e: ZipEntry, options: yauzl.ZipFileOptions): Promise<Readable | string> {
  return new Promise((resolve) => {
    try {
      file.openReadStream(e.record, options, (err, stream) => resolve(err ? describe(err) : stream));
    } catch (err) {
      resolve(describe(err)); // option checks throw synchronously (cannot happen with our options)
    }
  });
}

/**
 * Inflates one entry through yauzl's stream with the output hard-capped at the entry limit, the
 * scan's remaining budget and the ratio limit, whichever is lowest: the stream is destroyed as
 * soon as the cap is passed. The bytes count against `budget`.
 */
export async function inflateEntry(file: yauzl.ZipFile, e: ZipEntry, limits: ArtifactLimits, budget: InflateBudget): Promise<{ bytes?: Uint8Array; error?: string }> {
  const byRatio = Math.max(limits.ratioFloor, Math.max(1, e.compressedSize) * limits.maxRatio);
  const cap = Math.min(limits.maxEntryInflated, budget.remaining, byRatio);
  const stream = await openStream(file, e, {});
  if (typeof stream === 'string') return { error: stream };
  return new Promise((resolve) => {
    // validateEntrySizes: yauzl errors before passing more than declaredSize, so this fits
    const out = Buffer.allocUnsafe(Math.min(e.declaredSize, cap));
    let n = 0;
    let settled = false;
    const settle = (r: { bytes?: Uint8Array; error?: string }) => {
      if (settled) return;
      settled = true;
      budget.used += n;
      resolve(r);
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (n + chunk.length > cap || n + chunk.length > out.length) {
        n += chunk.length;
        stream.destroy();
        const why = n > cap
          ? cap === byRatio ? `inflated output passed ${limits.maxRatio}:1 of its compressed size (zip bomb?)` : `inflated output passed the ${cap}-byte limit`
          : `inflated output passed the ${e.declaredSize} bytes its header declares (zip bomb?)`;
        return settle({ error: why });
      }
      chunk.copy(out, n);
      n += chunk.length;
    });
    stream.on('error', (err) => settle({ error: describe(err) }));
    stream.on('end', () => settle({ bytes: out.subarray(0, n) }));
  });
}

/**
 * The first bytes of an entry's output without inflating the rest (the first 512 compressed
 * bytes, raw, through a sync flush: at most ~0.5 MB out), to recognise media and generated data
 * by magic.
 */
export async function peekEntry(file: yauzl.ZipFile, e: ZipEntry): Promise<Uint8Array | undefined> {
  const stream = await openStream(file, e, { decodeFileData: false, start: 0, end: Math.min(512, e.compressedSize) });
  if (typeof stream === 'string') return undefined;
  const chunks: Buffer[] = [];
  const raw = await new Promise<Buffer | undefined>((resolve) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', () => resolve(undefined));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
  if (!raw) return undefined;
  if (e.method === 0) return raw.subarray(0, 64);
  try {
    return inflateRawSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
}
