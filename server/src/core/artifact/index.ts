// Artifact scanning (APK, AAB, .apks/.xapk, IPA, zipped .app, .xcarchive): the archive walk and
// the dispatch table that sends each entry (by name + magic bytes) to one format reader. Every
// reader's strings go through the same rules as the text scanner (strings-scan.ts).
import type { ScanResult } from '../types';
import type { TextScanner, TextScanOptions } from '../text/scanner';
import { kindOf } from '../text/sniff';
import type { FormatReader, ReaderResult } from './types';
import { packStrings, type PackedStrings } from './packed';
import { InflateBudget, withLimits, type ArtifactLimits } from './limits';
import { inflateEntry, isZip, openZip, peekEntry, refuseEntry } from './zip';
import { isDex, readDexPacked } from './dex';
import { isArsc, readArscTable, type ResourceRef } from './arsc';
import { decodeAxml, isAxml, type AxmlDocument, type ResolveRef } from './axml';
import { decodeProtoXml, isProtoXml, readResourcesPb } from './protores';
import { isMachO, readMachO } from './macho';
import { isElf, readElf } from './elf';
import { isBinaryPlist, readPlist } from './plist';
import { readJsBundle } from './jsbundle';
import { isHermes } from './hermes';
import { rawStringsReader, scanPacked } from './strings-scan';
import { isDataFormat, skipByName, worthSniffing } from './sniff';
import { headOf, isByteSource, type ByteSource } from './source';

export { SKIP_NAME } from './sniff';
export { bytesSource, type ByteSource } from './source';

export interface ArtifactStats {
  entries: number;
  skipped: number;
  strings: number;
  inflatedBytes: number;
}

export interface ArtifactScanOptions extends TextScanOptions {
  signal?: AbortSignal;
  onProgress?(message: string, fraction?: number): void;
  /** Tighter (or looser) bounds than DEFAULT_LIMITS. */
  limits?: Partial<ArtifactLimits>;
  /** Filled in with counters while scanning (tests, bench). */
  stats?: ArtifactStats;
}

/**
 * True when bytes are a compiled format scanArtifact reads (zip, DEX, ARSC, binary XML, Mach-O, ELF,
 * binary plist, Hermes): a file the text scanner would skip as binary, worth reading as an artifact.
 */
export function isCompiledFormat(head: Uint8Array): boolean {
  return isZip(head) || isDex(head) || isArsc(head) || isAxml(head) || isMachO(head) || isElf(head) || isBinaryPlist(head) || isHermes(head);
}

/** True when `path` names something scanArtifact reads (by extension). */
export function isArtifactPath(path: string): boolean {
  return /\.(apk|aab|apks|xapk|ipa|zip)$/i.test(path) || /\.(app|xcarchive)\/?$/i.test(path);
}

type Handling =
  | { kind: 'archive' }
  | { kind: 'resource-table' }
  | { kind: 'xml-document'; decode(bytes: Uint8Array, limits: ArtifactLimits, resolve?: ResolveRef): AxmlDocument }
  | { kind: 'text' }
  | { kind: 'reader'; reader: FormatReader }
  /** A reader that writes its strings packed (packed.ts): formats with very many strings. */
  | { kind: 'packed'; read(bytes: Uint8Array): { packed: PackedStrings; errors: string[] } };

interface Route {
  name: string;
  match(entry: string, head: Uint8Array): boolean;
  handling: Handling;
}

const reader = (r: FormatReader): Handling => ({ kind: 'reader', reader: r });
const base = (entry: string) => entry.slice(entry.lastIndexOf('/') + 1).toLowerCase();

const ARCHIVE_NAME = /\.(apk|aab|zip|jar|aar|ipa)$/i;

/** The dispatch table: first match wins. Checked after inflating, so magic bytes are known. */
export const ROUTES: readonly Route[] = [
  { name: 'zip archive (nested apk/aab/jar/zip)', match: (e, h) => isZip(h) || ARCHIVE_NAME.test(e), handling: { kind: 'archive' } },
  { name: 'dex', match: (e, h) => isDex(h) || /\.dex$/i.test(e), handling: { kind: 'packed', read: (b) => readDexPacked(b) } },
  { name: 'resources.arsc', match: (e, h) => isArsc(h) || base(e) === 'resources.arsc', handling: { kind: 'resource-table' } },
  { name: 'android binary xml', match: (_e, h) => isAxml(h), handling: { kind: 'xml-document', decode: decodeAxml } },
  { name: 'aab proto xml (aapt2 XmlNode)', match: (e, h) => isProtoXml(e, h), handling: { kind: 'xml-document', decode: decodeProtoXml } },
  { name: 'aab resources.pb (aapt2 ResourceTable)', match: (e) => base(e) === 'resources.pb', handling: reader(readResourcesPb) },
  { name: 'mach-o', match: (_e, h) => isMachO(h), handling: reader(readMachO) },
  { name: 'elf', match: (_e, h) => isElf(h), handling: reader(readElf) },
  { name: 'binary plist', match: (_e, h) => isBinaryPlist(h), handling: reader(readPlist) },
  { name: 'react native bundle (plain JS or Hermes bytecode)', match: (e, h) => isHermes(h) || /(^|\/)(index\.android\.bundle|[^/]+\.jsbundle)$/i.test(e), handling: reader(readJsBundle) },
  { name: 'text (json, properties, xml, plist, js…)', match: (_e, h) => looksLikeText(h), handling: { kind: 'text' } },
  { name: 'unknown binary: printable runs', match: () => true, handling: reader(rawStringsReader) },
];

function looksLikeText(h: Uint8Array): boolean {
  const n = Math.min(h.length, 8192);
  for (let i = 0; i < n; i++) if (h[i] === 0) return false;
  return true;
}

/** The archive prefix of an entry: `a.apk!/res/x.xml` → `a.apk!/`, `res/x.xml` → ``. */
const archiveOf = (entry: string): string => {
  const i = entry.lastIndexOf('!/');
  return i < 0 ? '' : entry.slice(0, i + 2);
};

export function routeOf(entry: string, bytes: Uint8Array): Route {
  return ROUTES.find((r) => r.match(entry, bytes))!;
}

/** One scan: limits, budget and the accumulated result, shared by nested archives. */
export class ArtifactSession {
  readonly result: ScanResult = { findings: [], errors: [] };
  readonly stats: ArtifactStats;
  readonly limits: ArtifactLimits;
  private readonly budget: InflateBudget;
  /** resources.arsc of each archive (by `outer.apk!/` prefix), to resolve manifest references. */
  private readonly tables = new Map<string, Map<number, ResourceRef>>();

  constructor(private readonly scanner: TextScanner, readonly file: string, private readonly options: ArtifactScanOptions = {}) {
    this.limits = withLimits(options.limits);
    this.budget = new InflateBudget(this.limits);
    this.stats = options.stats ?? { entries: 0, skipped: 0, strings: 0, inflatedBytes: 0 };
  }

  error(entry: string | null, message: string): void {
    this.result.errors.push({ file: this.file, entry, message });
  }

  /**
   * Scans one member (already read); `entry` is its path in the artifact, '' for the artifact itself.
   * `release`, given for bytes this scan inflated, frees them as soon as a reader is done with them.
   */
  async scanEntry(entry: string, bytes: Uint8Array, depth = 0, release?: () => void): Promise<void> {
    this.options.signal?.throwIfAborted();
    this.stats.entries++;
    // (a media/ICU magic is skipped unless the name makes it an archive: then its raw strings are read)
    if (isDataFormat(bytes) && !ARCHIVE_NAME.test(entry)) {
      this.stats.skipped++;
      return;
    }
    const route = routeOf(entry, bytes);
    const at = entry || null;
    try {
      switch (route.handling.kind) {
        case 'archive':
          if (!isZip(bytes)) return this.scanStrings(entry, rawStringsReader(bytes, entry));
          if (depth >= this.limits.maxDepth) return this.error(at, `nested archive deeper than ${this.limits.maxDepth} levels: not opened`);
          return await this.scanZip(bytes, entry ? `${entry}!/` : '', entry ? depth + 1 : depth);
        case 'resource-table': {
          const table = readArscTable(bytes, this.limits);
          this.tables.set(archiveOf(entry), table.resources);
          return this.scanStrings(entry, table.result);
        }
        case 'xml-document': {
          const table = this.tables.get(archiveOf(entry));
          const doc = route.handling.decode(bytes, this.limits, table ? (id) => table.get(id) : undefined);
          for (const m of doc.errors) this.error(at, m);
          this.stats.strings += doc.strings.length;
          return this.add(this.scanner.scan(entry || this.file, doc.text, this.textOptions(at, 'xml')));
        }
        case 'text': {
          if (bytes.length > this.limits.maxTextEntry) return this.scanStrings(entry, rawStringsReader(bytes, entry));
          const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
          this.stats.strings++;
          return this.add(this.scanner.scan(entry || this.file, text, this.textOptions(at, kindOf(entry, text))));
        }
        case 'reader':
          return this.scanStrings(entry, route.handling.reader(bytes, entry));
        case 'packed': {
          const r = route.handling.read(bytes);
          release?.(); // the strings are out: the bytes need not wait for the text scan
          return this.scanPacked(entry, r);
        }
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      this.error(at, `internal error in the ${route.name} reader (please report): ${(e as Error).message}`);
    }
  }

  private textOptions(entry: string | null, kind: TextScanOptions['kind']): TextScanOptions {
    return { ruleSettings: this.options.ruleSettings, kind, entry, reportFile: this.options.reportFile ?? this.file };
  }

  private scanStrings(entry: string, r: ReaderResult): void {
    this.scanPacked(entry, { packed: packStrings(r.strings), errors: r.errors });
  }

  private scanPacked(entry: string, r: { packed: PackedStrings; errors: string[] }): void {
    const at = entry || null;
    for (const m of r.errors) this.error(at, m);
    this.stats.strings += r.packed.count;
    if (r.packed.count) this.add(scanPacked(this.scanner, r.packed, { ...this.textOptions(at, 'xml'), path: entry || this.file }));
  }

  private add(r: ScanResult): void {
    this.result.findings.push(...r.findings);
    this.result.errors.push(...r.errors);
  }

  /** Walks a zip (yauzl, zip.ts): names and declared sizes first, then one entry inflated at a time. */
  async scanZip(archive: Uint8Array | ByteSource, prefix: string, depth: number): Promise<void> {
    const zip = await openZip(archive, this.limits, this.options.signal);
    const where = prefix ? prefix.slice(0, -2) : null;
    for (const m of zip.errors) this.error(where, m);
    if (!zip.file) return;
    let done = 0;
    // resources.arsc first, so binary XML references (`@0x7f…`) resolve to names and booleans.
    const entries = [...zip.entries].sort((a, b) => Number(b.name === 'resources.arsc') - Number(a.name === 'resources.arsc'));
    for (const e of entries) {
      this.options.signal?.throwIfAborted();
      const entry = prefix + e.name;
      this.options.onProgress?.(entry, depth === 0 ? done++ / zip.entries.length : undefined);
      if (skipByName(e.name)) {
        this.stats.skipped++;
        continue;
      }
      const refused = refuseEntry(e, this.limits, this.budget);
      if (refused) {
        this.error(entry, refused);
        continue;
      }
      // Big entries with no name-based route: look at the magic before inflating them whole (sniff.ts).
      const head = worthSniffing(e.name, e.declaredSize) ? await peekEntry(zip, e) : undefined;
      if (head && isDataFormat(head)) {
        this.stats.skipped++;
        continue;
      }
      const inflated = await inflateEntry(zip, e, this.limits, this.budget);
      if (!inflated.bytes) {
        this.error(entry, inflated.error ?? 'entry not readable');
        continue;
      }
      this.stats.inflatedBytes += inflated.bytes.length;
      await this.scanEntry(entry, inflated.bytes, depth, inflated.release);
      inflated.release?.();
    }
  }
}

/**
 * Scans an artifact given as bytes or as a source to read from (archives, or one bare
 * DEX/ARSC/Mach-O…). An archive is read entry by entry; anything else whole. `file` is reported in findings.
 */
export async function scanArtifactBytes(
  scanner: TextScanner,
  file: string,
  input: Uint8Array | ByteSource,
  options: ArtifactScanOptions = {},
): Promise<ScanResult> {
  const session = new ArtifactSession(scanner, file, options);
  if (isZip(headOf(input, 4))) await session.scanZip(input, '', 0);
  else await session.scanEntry('', isByteSource(input) ? input.read(0, input.size) : input);
  return session.result;
}

export interface ArtifactEntry {
  /** Path inside the artifact, `/`-separated. */
  entry: string;
  bytes: Uint8Array;
}

/** Scans the members of an unpacked artifact (an .app or .xcarchive folder), one at a time. */
export async function scanArtifactEntries(
  scanner: TextScanner,
  file: string,
  entries: AsyncIterable<ArtifactEntry> | Iterable<ArtifactEntry>,
  options: ArtifactScanOptions = {},
): Promise<ScanResult> {
  const session = new ArtifactSession(scanner, file, options);
  for await (const { entry, bytes } of entries) {
    options.onProgress?.(entry);
    if (skipByName(entry)) session.stats.skipped++;
    else await session.scanEntry(entry, bytes);
  }
  return session.result;
}
