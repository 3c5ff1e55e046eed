// The archive layer (APK, AAB, .apks, .xapk, IPA, zipped .app) on yauzl 3, over a ByteSource
// (source.ts: a file descriptor or bytes in memory; no fs here). yauzl parses the container: EOCD, ZIP64, central directory records
// one at a time (lazyEntries), local headers, every offset and size checked against the archive.
// Ours is the policy: names validated here (decodeStrings false, so a bad name ends only its own
// entry, not the archive), declared size and ratio checked before any data is touched, the real
// output capped while inflating, the scan's inflate budget, and each yauzl error turned into an
// `errors` item.
// Decision: yauzl rather than a hand-written central-directory reader (STYLE.md) or jszip's
// loader, which copies/masks the whole archive, decodes every name up front and cannot cap the
// real output of an entry whose header lies. jszip still writes zips (tests, examples).
// Measured (18 MB APK of bench/artifact.ts, best of 7): entries read through yauzl's streams
// (async zlib, 16 KB chunks via the threadpool) took the scan from 0.53 s to 1.18 s, mostly idle.
// So entry data is located with yauzl's public readLocalFileHeader({ minimal: true }) (signature
// and bounds checked) and inflated by inflateRawSync on that slice, capped by maxOutputLength at
// the declared size: validateEntrySizes' check, done here for deflated entries (yauzl checks
// stored ones in the central directory).
// Speed (issue 15): yauzl's fromBuffer reader answers every read through setImmediate: one event-
// loop turn per central-directory record and per local header (3,841 entries: ~50 ms of 0.6 s).
// Our reader (yauzl's documented RandomAccessReader extension point) answers synchronously from
// the source (memory, or positioned reads of the file); the walk is a loop, not a recursion, so 65,535 records cannot overflow the
// stack. inflateRawSync gets one output buffer of the declared size (chunkSize) instead of 16 KB
// chunks joined by Buffer.concat: half the cost of a small entry, one copy less for a DEX.
import { Readable } from 'node:stream';
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';
import * as yauzl from 'yauzl';
import type { ArtifactLimits, InflateBudget } from './limits';
import { bytesSource, isByteSource, type ByteSource } from './source';

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
  /** yauzl's central-directory record, to locate the entry's data. */
  record: yauzl.Entry;
  /** Where the compressed data starts once located (or why it could not be), so a peek and an inflate read the local header once. */
  dataStart?: number | string;
}

export interface OpenedZip {
  /** Undefined when the archive could not be opened at all (then `errors` says why). */
  file?: yauzl.ZipFile;
  /** The archive's bytes (entry data is read from them once yauzl has located it). */
  source: ByteSource;
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

/** yauzl's RandomAccessReader over a ByteSource, answering each read at once (as fs.read would, minus the wait). */
class SourceReader extends yauzl.RandomAccessReader {
  constructor(private readonly source: ByteSource) {
    super();
  }
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    // a record may point anywhere (fuzzed archives): out of range is a short read, which yauzl reports as "unexpected EOF"
    let got: Uint8Array;
    try {
      got = this.source.read(position, length);
    } catch (err) {
      return callback(err as Error);
    }
    buffer.set(got, offset);
    callback(null, got.length);
  }
  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from([asBuffer(this.source.read(start, end - start))]);
  }
}

/** The largest single output buffer given to inflate; bigger entries grow in chunks of this size. */
const MAX_CHUNK = 64 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

/**
 * Opens the archive and reads its central directory, one record at a time (lazyEntries), up to
 * `limits.maxEntries`; the records are kept so the caller can choose the order (resources.arsc
 * first). A bad record ends the walk (yauzl cannot resync); the records before it are returned.
 */
export async function openZip(input: Uint8Array | ByteSource, limits: ArtifactLimits, signal?: AbortSignal): Promise<OpenedZip> {
  const source = isByteSource(input) ? input : bytesSource(input);
  let file: yauzl.ZipFile;
  try {
    file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromRandomAccessReader(new SourceReader(source), source.size, { ...OPTIONS }, (err, z) => (err ? reject(err) : resolve(z))));
  } catch (err) {
    return { source, entries: [], errors: [`unreadable zip archive: ${describe(err)}`] };
  }
  const entries: ZipEntry[] = [];
  const errors: string[] = [];
  let records = 0;
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      done = true;
      resolve();
    };
    // The reader answers at once, so readEntry() emits 'entry' before it returns: `more` is set by the
    // handler and the loop asks for the next record, instead of the handler recursing into readEntry().
    let more = false;
    let looping = false;
    const next = () => {
      more = true;
      if (looping) return;
      looping = true;
      while (more && !done) {
        more = false;
        file.readEntry();
      }
      looping = false;
    };
    // (a throw in a handler would escape through yauzl's callbacks: none can, but say so if one does)
    file.on('entry', (r: yauzl.Entry) => {
      try {
        records++;
        const e = toEntry(r);
        if (e) entries.push(e);
        if (signal?.aborted) return finish(); // the caller throws at its next check
        if (records >= limits.maxEntries && file.entryCount > records) {
          errors.push(`archive has more than ${limits.maxEntries} entries; the rest were skipped`);
          return finish();
        }
        next();
      } catch (err) {
        errors.push(`unreadable zip archive: ${describe(err)}`);
        finish();
      }
    });
    file.on('end', finish);
    file.on('error', (err: unknown) => {
      errors.push(`unreadable zip archive: ${describe(err)} (central directory record ${records + 1} of ${file.entryCount}; the rest were not read)`);
      finish();
    });
    next();
  });
  return { file, source, entries, errors };
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
  // Nearly all names are ASCII: read those without the decoder (a call into ICU per name).
  try {
    e.name = isAscii(raw) ? raw.toString('latin1') : utf8.decode(raw);
  } catch {
    e.name = lossy.decode(raw);
    e.nameError = 'entry name is not valid UTF-8: not read';
  }
  return e;
}

function isAscii(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
  return true;
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

/**
 * The entry's compressed bytes (the first `limit` of them): yauzl reads the local header
 * (signature, name/extra lengths, data bounds checked against the archive), then we read the data.
 * Only where it starts is kept on the entry, so no compressed bytes outlive their inflate.
 */
async function compressedData(zip: OpenedZip, e: ZipEntry, limit = e.compressedSize): Promise<Buffer | string> {
  e.dataStart ??= await new Promise<number | string>((resolve) => {
    zip.file!.readLocalFileHeader(e.record, { minimal: true }, (err, h) => {
      if (err) resolve(/^unexpected EOF/.test(err.message) ? 'local file header runs past the end of the archive' : describe(err));
      else resolve(h.fileDataStart);
    });
  });
  if (typeof e.dataStart === 'string') return e.dataStart;
  const length = Math.min(limit, e.compressedSize);
  try {
    const data = zip.source.read(e.dataStart, length);
    return data.length < length ? 'entry data runs past the end of the archive' : asBuffer(data);
  } catch (err) {
    return `entry data not readable: ${describe(err)}`;
  }
}

/**
 * Inflates one entry with the output hard-capped (node:zlib `maxOutputLength`) at its declared
 * size (as yauzl's validateEntrySizes: a header that lies is caught there), the entry limit, the
 * scan's remaining budget and the ratio limit, whichever is lowest. The bytes count against `budget`.
 */
export async function inflateEntry(zip: OpenedZip, e: ZipEntry, limits: ArtifactLimits, budget: InflateBudget): Promise<{ bytes?: Uint8Array; error?: string; release?: () => void }> {
  const raw = await compressedData(zip, e);
  if (typeof raw === 'string') return { error: raw };
  const byRatio = Math.max(limits.ratioFloor, Math.max(1, e.compressedSize) * limits.maxRatio);
  const cap = Math.min(limits.maxEntryInflated, budget.remaining, byRatio);
  const stop = Math.min(cap, e.declaredSize);
  let out: Uint8Array;
  if (e.method === 0) out = raw; // stored: yauzl checked compressed size === declared size
  else {
    try {
      // one buffer of stop + 1 bytes: an honest entry fills it but for one byte, so no second chunk
      out = inflateRawSync(raw, { maxOutputLength: stop + 1, chunkSize: Math.max(64, Math.min(stop + 1, MAX_CHUNK)) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE' && !(err instanceof RangeError)) return { error: describe(err) };
      budget.used += stop;
      return { error: overflow(e, stop, cap, byRatio, limits) };
    }
  }
  if (out.length > stop) {
    budget.used += stop;
    return { error: overflow(e, stop, cap, byRatio, limits) };
  }
  budget.used += out.length;
  if (out.length < e.declaredSize) return { error: `corrupt entry: ${out.length} bytes inflated, ${e.declaredSize} declared` };
  return e.method === 0 ? { bytes: out } : { bytes: out, release: () => release(out) };
}

/** Inflated buffers at least this big are released at once (far above node's 8 KB Buffer pool slabs). */
const RELEASE_ABOVE = 64 * 1024;

/**
 * Frees inflate's output now rather than at V8's next full GC, which comes late for external
 * memory (a 10 MB DEX stayed resident through the scans of the next entries): the ArrayBuffer is
 * detached, transferred to a clone that is dropped at once. Only inflate's own output qualifies,
 * never a view of the archive (stored entries) or of a caller's bytes; once released, views of it
 * are empty, so it is called when the readers are done (they keep strings, never views).
 */
function release(out: Uint8Array): void {
  const buffer = out.buffer;
  if (buffer instanceof ArrayBuffer && buffer.byteLength >= RELEASE_ABOVE) structuredClone(buffer, { transfer: [buffer] });
}

function overflow(e: ZipEntry, stop: number, cap: number, byRatio: number, limits: ArtifactLimits): string {
  if (stop === e.declaredSize && e.declaredSize < cap) return `inflated output passed the ${e.declaredSize} bytes its header declares (zip bomb?)`;
  return cap === byRatio ? `inflated output passed ${limits.maxRatio}:1 of its compressed size (zip bomb?)` : `inflated output passed the ${cap}-byte limit`;
}

/**
 * The first bytes of an entry's output without inflating the rest (a sync flush over the first
 * 512 compressed bytes, at most ~0.5 MB out), to recognise media and generated data by magic.
 */
export async function peekEntry(zip: OpenedZip, e: ZipEntry): Promise<Uint8Array | undefined> {
  const raw = await compressedData(zip, e, e.method === 0 ? 64 : 512);
  if (typeof raw === 'string') return undefined;
  if (e.method === 0) return raw;
  try {
    return inflateRawSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH, chunkSize: 4096 });
  } catch {
    return undefined;
  }
}
