// The fleet bench's corpus (≥ 1,000 artifacts), made once from the real npm APKs of `npm run corpus`
// and the committed toolchain fixtures, cached in the git-ignored .cache/fleet-corpus/: the
// originals, renamed copies (same bytes: one line per sha256), re-zipped copies (JSZip at other
// compression levels), copies with a planted leak (an entry added by Info-ZIP `zip`), corrupt files
// (truncated, central directory broken, not a zip) and zip bombs (a 200:1+ entry, archives nested
// past the depth limit). The manifest says what each file is and what was planted.
// Alone: node --import tsx bench/fleetCorpus.ts
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { rng } from '../test/helpers/rng';

export const FLEET_CORPUS = '.cache/fleet-corpus/v3';
const REAL = '.cache/corpus';
const FIXTURES = ['test/fixtures/android/leaky.apk', 'test/fixtures/android/leaky.aab', 'test/fixtures/android/leaky.apks', 'test/fixtures/android/leaky.xapk', 'test/fixtures/android/ref.apk', 'test/fixtures/apple/Demo.ipa'];

export type Kind = 'real' | 'fixture' | 'renamed' | 'rezipped' | 'planted' | 'corrupt' | 'bomb';
export interface CorpusItem {
  name: string;
  kind: Kind;
  /** The artifact it was made from. */
  of: string;
  /** Values planted in it (what the scan must report). */
  planted?: string[];
}
export interface CorpusManifest { version: 3; items: CorpusItem[] }

/** How many of each kind (1,000 in all). Bases are drawn with weights that keep one run to minutes. */
const COUNTS = { renamed: 40, rezipped: 300, planted: 510, corrupt: 100, bomb: 40 };
const BASE_WEIGHTS: Array<[RegExp, number]> = [[/androidTest/, 35], [/settings_apk/, 30], [/ApiDemos/, 30], [/uiautomator2-server-v/, 3], [/fixtures/, 2]];

function findApks(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findApks(p, out);
    else if (name.endsWith('.apk')) out.push(p);
  }
  return out;
}

export function readManifest(): CorpusManifest | undefined {
  const p = join(FLEET_CORPUS, 'manifest.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as CorpusManifest) : undefined;
}

/** Builds the corpus unless it is there; returns its manifest. */
export async function ensureFleetCorpus(log: (s: string) => void = () => undefined): Promise<CorpusManifest> {
  const have = readManifest();
  if (have) return have;
  if (findApks(REAL).length < 4) execFileSync(process.execPath, ['scripts/fetch-corpus.mjs'], { stdio: 'inherit' });
  const real = findApks(REAL);
  if (real.length < 4) throw new Error('the npm APKs are missing after `npm run corpus`');
  rmSync(FLEET_CORPUS, { recursive: true, force: true });
  mkdirSync(FLEET_CORPUS, { recursive: true });
  const t0 = performance.now();
  const random = rng(15);
  const items: CorpusItem[] = [];
  const out = (name: string) => join(FLEET_CORPUS, name);
  const add = (item: CorpusItem) => { items.push(item); if (items.length % 100 === 0) log(`fleet corpus: ${items.length} artifacts…`); };

  for (const p of real) { copyFileSync(p, out(p.split('/').pop()!)); add({ name: p.split('/').pop()!, kind: 'real', of: p }); }
  for (const p of FIXTURES) { const name = `fixture-${p.split('/').pop()}`; copyFileSync(p, out(name)); add({ name, kind: 'fixture', of: p }); }
  const bases = [...real, ...FIXTURES.filter((f) => f.endsWith('.apk'))];
  const pick = () => {
    const weighted = bases.map((b) => [b, BASE_WEIGHTS.find(([re]) => re.test(b))?.[1] ?? 1] as const);
    let r = random() * weighted.reduce((a, [, w]) => a + w, 0);
    for (const [b, w] of weighted) if ((r -= w) < 0) return b;
    return bases[0];
  };
  const short = (p: string) => p.split('/').pop()!.replace(/\.apk$/, '');

  for (let i = 0; i < COUNTS.rezipped; i++) {
    const base = pick();
    const zip = await JSZip.loadAsync(readFileSync(base));
    const level = 1 + Math.floor(random() * 9);
    const store = random() < 0.15;
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: store ? 'STORE' : 'DEFLATE', compressionOptions: { level }, comment: `rezip ${i}` });
    const name = `rezip-${String(i).padStart(4, '0')}-${short(base)}.apk`;
    writeFileSync(out(name), bytes);
    add({ name, kind: 'rezipped', of: base });
  }

  const work = join(FLEET_CORPUS, '.work');
  for (let i = 0; i < COUNTS.planted; i++) {
    const base = pick();
    const tag = Math.floor(random() * 0xffffff).toString(16).padStart(6, '0');
    const db = `acme-fleet-${i}-${tag}-default-rtdb.firebaseio.com`;
    const bucket = `acme-fleet-uploads-${i}-${tag}`;
    const name = `planted-${String(i).padStart(4, '0')}-${short(base)}.apk`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, 'assets'), { recursive: true });
    writeFileSync(join(work, 'assets', `remote-${i}.json`), `${JSON.stringify({ database_url: `https://${db}`, upload_bucket: `s3://${bucket}/photos/` }, null, 2)}\n`);
    copyFileSync(base, out(name));
    execFileSync('zip', ['-q', '-X', join('..', name), `assets/remote-${i}.json`], { cwd: work });
    add({ name, kind: 'planted', of: base, planted: [db, bucket] });
  }
  rmSync(work, { recursive: true, force: true });

  for (let i = 0; i < COUNTS.corrupt; i++) {
    const base = pick();
    const bytes = readFileSync(base);
    const how = i % 3;
    let broken: Buffer;
    if (how === 0) broken = bytes.subarray(0, Math.floor(bytes.length * (0.1 + 0.8 * random()))); // truncated: no end record
    else if (how === 1) {
      // the central directory's first record loses its signature (to a value of its own: no two alike)
      broken = Buffer.from(bytes);
      const eocd = broken.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const cd = broken.readUInt32LE(eocd + 16);
      broken.writeUInt32LE(0xdead0000 + i, cd);
    } else broken = Buffer.from(Array.from({ length: 4096 + Math.floor(random() * 65536) }, () => Math.floor(random() * 256)));
    const name = `corrupt-${String(i).padStart(4, '0')}-${['truncated', 'bad-cd', 'garbage'][how]}.apk`;
    writeFileSync(out(name), broken);
    add({ name, kind: 'corrupt', of: how === 2 ? 'random bytes' : base });
  }

  // bombs: 400 MB of zeros deflated once (~400 KB), re-used with a different comment each time;
  // one kind declares its size, one lies (declares 1 MB), one nests archives past the depth limit
  const zeros = deflateRawSync(Buffer.alloc(400 * 1024 * 1024));
  const manifestXml = { name: 'AndroidManifest.xml', data: Buffer.from('<manifest/>') };
  for (let i = 0; i < COUNTS.bomb; i++) {
    const how = (['ratio', 'lying', 'nested'] as const)[i % 3];
    const name = `bomb-${String(i).padStart(4, '0')}-${how}.apk`;
    const bytes = how === 'nested' ? await nested(7, `bomb ${i}`)
      : storedZip([manifestXml, { name: 'assets/zeros.bin', raw: zeros, size: how === 'ratio' ? 400 * 1024 * 1024 : 1024 * 1024 }], `bomb ${i}`);
    writeFileSync(out(name), bytes);
    add({ name, kind: 'bomb', of: { ratio: '400 MB of zeros at ~1000:1', lying: '400 MB of zeros declared as 1 MB', nested: 'archives nested 7 deep' }[how] });
  }

  const made = items.filter((it) => it.kind !== 'real' && it.kind !== 'fixture');
  for (let i = 0; i < COUNTS.renamed; i++) {
    const src = made[Math.floor(random() * made.length)];
    const name = `renamed-${String(i).padStart(4, '0')}.${random() < 0.5 ? 'APK' : 'apk'}`;
    copyFileSync(out(src.name), out(name));
    add({ name, kind: 'renamed', of: src.name, planted: src.planted });
  }
  const manifest: CorpusManifest = { version: 3, items };
  writeFileSync(join(FLEET_CORPUS, 'manifest.json'), JSON.stringify(manifest, null, 1));
  log(`fleet corpus: ${items.length} artifacts in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return manifest;
}

/** Archives nested `depth` deep, the innermost holding a manifest. */
async function nested(depth: number, comment: string): Promise<Buffer> {
  let inner: Buffer = Buffer.from('<manifest/>');
  let name = 'AndroidManifest.xml';
  for (let d = 0; d < depth; d++) {
    const z = new JSZip();
    z.file(name, inner);
    inner = await z.generateAsync({ type: 'nodebuffer', compression: 'STORE', comment: d === depth - 1 ? comment : undefined });
    name = `nested-${d}.apk`;
  }
  return inner;
}

/** A zip whose entries are given raw (deflated elsewhere) or plain (stored): what bombs need. */
function storedZip(entries: Array<{ name: string; data?: Buffer; raw?: Buffer; size?: number }>, comment: string): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.raw ?? e.data!;
    const method = e.raw ? 8 : 0;
    const size = e.size ?? body.length;
    const crc = e.raw ? 0 : crc32(body); // the bomb's CRC is never reached: its size is refused first
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0); cd.writeUInt16LE(20, 4); cd.writeUInt16LE(20, 6); cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16); cd.writeUInt32LE(body.length, 20); cd.writeUInt32LE(size, 24); cd.writeUInt16LE(name.length, 28); cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const c = Buffer.from(comment);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12); end.writeUInt32LE(offset, 16); end.writeUInt16LE(c.length, 20);
  return Buffer.concat([...locals, cdBytes, end, c]);
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureFleetCorpus(console.log).then((m) => console.log(`${m.items.length} artifacts in ${FLEET_CORPUS}`), (e: unknown) => {
    console.error(`fleet corpus failed: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
