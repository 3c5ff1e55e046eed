// Which app an artifact is (`leaklens batch` lines, DESIGN §5): Android package and versionName from
// the binary manifest (AXML in an APK, aapt2 proto XML in an AAB; a `@0x7f…` versionName resolved
// through resources.arsc), iOS CFBundleIdentifier and CFBundleShortVersionString from Info.plist
// (an IPA's Payload/*.app, a zipped .app, an .xcarchive's ApplicationProperties). Reads only those
// few entries, within the same limits as the scan. Never throws: unknown parts are null.
import { decodeAxml, isAxml } from './axml';
import { readArscTable } from './arsc';
import { decodeProtoXml } from './protores';
import { readPlist } from './plist';
import { InflateBudget, withLimits, type ArtifactLimits } from './limits';
import { inflateEntry, isZip, openZip, refuseEntry, type OpenedZip } from './zip';
import { headOf, type ByteSource } from './source';
import type { ExtractedString } from './types';

export type Platform = 'android' | 'ios';

export interface AppIdentity {
  /** Android package or iOS bundle identifier. */
  id: string | null;
  /** Android versionName or iOS CFBundleShortVersionString. */
  version: string | null;
  platform: Platform | null;
}

export const UNKNOWN_APP: Readonly<AppIdentity> = Object.freeze({ id: null, version: null, platform: null });

/** Inner APK of an .apks / .xapk bundle that carries the base manifest, best first. */
const BASE_APKS = [/^(?:splits\/)?base-master\.apk$/, /^(?:standalones\/)?standalone[^/]*\.apk$/, /^universal\.apk$/, /^base\.apk$/, /^[^/]+\.apk$/];
const IOS_INFO = /^(?:Payload\/)?[^/]+\.app\/Info\.plist$/;

/** The identity of an archive artifact (APK, AAB, APKS, XAPK, IPA, zipped .app), as bytes or a source to read. */
export async function readAppIdentity(archive: Uint8Array | ByteSource, limits: Partial<ArtifactLimits> = {}): Promise<AppIdentity> {
  try {
    const l = withLimits(limits);
    return await fromArchive(archive, l, new InflateBudget(l), 0);
  } catch {
    return { ...UNKNOWN_APP };
  }
}

/** Identity from an Info.plist's bytes (an .app folder's, or an .xcarchive's own with ApplicationProperties). */
export function appIdentityFromPlist(bytes: Uint8Array): AppIdentity {
  const strings = readPlist(bytes, 'Info.plist').strings;
  return { id: first(strings, 'CFBundleIdentifier'), version: first(strings, 'CFBundleShortVersionString'), platform: 'ios' };
}

async function fromArchive(archive: Uint8Array | ByteSource, limits: ArtifactLimits, budget: InflateBudget, depth: number): Promise<AppIdentity> {
  if (!isZip(headOf(archive, 4))) return { ...UNKNOWN_APP };
  const zip = await openZip(archive, limits);
  if (!zip.file) return { ...UNKNOWN_APP };
  const read = async (name: string) => {
    const e = zip.entries.find((x) => x.name === name);
    if (!e || refuseEntry(e, limits, budget)) return undefined;
    return (await inflateEntry(zip, e, limits, budget)).bytes;
  };
  const names = zip.entries.map((e) => e.name);
  const has = (n: string) => names.includes(n);

  if (has('AndroidManifest.xml')) return fromApk(zip, read, limits);
  if (has('base/manifest/AndroidManifest.xml')) {
    const manifest = await read('base/manifest/AndroidManifest.xml');
    return manifest ? manifestIdentity(decodeProtoXml(manifest).strings) : androidUnknown();
  }
  const plist = names.find((n) => IOS_INFO.test(n));
  if (plist) {
    const b = await read(plist);
    return b ? appIdentityFromPlist(b) : { ...UNKNOWN_APP, platform: 'ios' };
  }
  // XAPK: its manifest.json names the package (and usually the version)
  const json = has('manifest.json') ? await read('manifest.json') : undefined;
  const m = json ? parseJson(json) : undefined;
  const xapk: AppIdentity | undefined = typeof m?.package_name === 'string'
    ? { id: m.package_name.slice(0, 256), version: typeof m.version_name === 'string' ? m.version_name.slice(0, 256) : null, platform: 'android' }
    : undefined;
  if (xapk?.version || depth > 0) return xapk ?? { ...UNKNOWN_APP };
  // APKS / XAPK: the base APK inside
  for (const re of BASE_APKS) {
    const inner = names.find((n) => re.test(n));
    const b = inner ? await read(inner) : undefined;
    if (!b) continue;
    const base = await fromArchive(b, limits, budget, depth + 1);
    return xapk ? { ...xapk, version: base.version } : base;
  }
  return xapk ?? { ...UNKNOWN_APP };
}

async function fromApk(zip: OpenedZip, read: (name: string) => Promise<Uint8Array | undefined>, limits: ArtifactLimits): Promise<AppIdentity> {
  const manifest = await read('AndroidManifest.xml');
  if (!manifest || !isAxml(manifest)) return androidUnknown();
  const strings = decodeAxml(manifest, limits).strings;
  const identity = manifestIdentity(strings);
  const ref = /^@0x([0-9a-f]{8})$/i.exec(identity.version ?? '');
  if (!ref) return identity;
  // versionName="@string/…": its value from resources.arsc (first configuration)
  identity.version = null;
  const arsc = zip.entries.some((e) => e.name === 'resources.arsc') ? await read('resources.arsc') : undefined;
  if (arsc) {
    const table = readArscTable(arsc, limits);
    const name = table.resources.get(Number.parseInt(ref[1], 16))?.name;
    if (name) identity.version = first(table.result.strings, name);
  }
  return identity;
}

function manifestIdentity(strings: readonly ExtractedString[]): AppIdentity {
  return { id: first(strings, 'package'), version: first(strings, 'android:versionName'), platform: 'android' };
}

const androidUnknown = (): AppIdentity => ({ ...UNKNOWN_APP, platform: 'android' });

function first(strings: readonly ExtractedString[], key: string): string | null {
  const v = strings.find((s) => s.key === key)?.value;
  return v === undefined || v === '' ? null : v.slice(0, 256);
}

function parseJson(b: Uint8Array): Record<string, unknown> | undefined {
  if (b.length > 1024 * 1024) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
