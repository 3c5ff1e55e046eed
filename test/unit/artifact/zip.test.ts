import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { createEngine } from '../../../server/src/core/engine';
import type { ArtifactStats } from '../../../server/src/core/artifact';
import { isUnsafeName } from '../../../server/src/core/artifact/zip';

const engine = createEngine();
const LEAK = 'db = "https://acme-shop-prod-default-rtdb.firebaseio.com"\n';

async function zipOf(files: Record<string, string | Uint8Array>, compression: 'STORE' | 'DEFLATE' = 'DEFLATE'): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data);
  return z.generateAsync({ type: 'uint8array', compression });
}

/** Rewrites the uncompressed size of every central-directory record (PK\1\2, u32 at +24). */
function patchDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const b = Uint8Array.from(zip);
  const v = new DataView(b.buffer);
  for (let i = 0; i + 46 <= b.length; i++) {
    if (v.getUint32(i, true) === 0x02014b50) v.setUint32(i + 24, size, true);
    if (v.getUint32(i, true) === 0x04034b50) v.setUint32(i + 22, size, true);
  }
  return b;
}

const newStats = (): ArtifactStats => ({ entries: 0, skipped: 0, strings: 0, inflatedBytes: 0 });

test('a text entry inside a zip is scanned with its own kind and reported as the entry', async () => {
  const r = await engine.scanArtifact('app.zip', await zipOf({ 'assets/app.properties': LEAK }));
  assert.deepEqual(r.errors, []);
  assert.equal(r.findings.length, 1);
  assert.deepEqual([r.findings[0].location.file, r.findings[0].location.entry, r.findings[0].location.line], ['app.zip', 'assets/app.properties', 1]);
});

test('high-ratio entry: refused from its declared size before inflating, other entries still scanned', async () => {
  const zeros = new Uint8Array(4 * 1024 * 1024);
  const zip = await zipOf({ 'assets/zeros.bin': zeros, 'assets/ok.properties': LEAK });
  const stats = newStats();
  const r = await engine.scanArtifact('bomb.apk', zip, { limits: { ratioFloor: 64 * 1024 }, stats });
  assert.match(r.errors.map((e) => `${e.entry}: ${e.message}`).join('\n'), /assets\/zeros\.bin: compression ratio \d+:1 exceeds 200:1/);
  assert.equal(r.findings.length, 1);
  assert.ok(stats.inflatedBytes < 1024 * 1024, 'the bomb was not inflated');
});

test('an entry that lies about its size is stopped by the real output cap', async () => {
  const zeros = new Uint8Array(4 * 1024 * 1024);
  const zip = patchDeclaredSize(await zipOf({ 'classes.dex': zeros }), 1000);
  const r = await engine.scanArtifact('liar.apk', zip, { limits: { ratioFloor: 64 * 1024 } });
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, /inflated output passed 200:1 of its compressed size/);
  const capped = await engine.scanArtifact('liar.apk', zip, { limits: { maxEntryInflated: 100_000 } });
  assert.match(capped.errors[0].message, /inflated output passed the 100000-byte limit/);
});

test('a 4 GB declared size is refused without inflating', async () => {
  const zip = patchDeclaredSize(await zipOf({ 'classes.dex': 'dex\n035\0' }), 0xfffffffe);
  const r = await engine.scanArtifact('huge.apk', zip);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, /declared size 4294967294 bytes exceeds the 134217728-byte entry limit/);
});

test('nested zip bomb: archives deeper than the limit are not opened, names use `!/`', async () => {
  let inner = await zipOf({ 'deep.properties': LEAK });
  for (let i = 0; i < 5; i++) inner = await zipOf({ [`level${i}.zip`]: inner });
  const r = await engine.scanArtifact('nested.zip', inner);
  assert.equal(r.findings.length, 0);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0].entry, 'level4.zip!/level3.zip!/level2.zip!/level1.zip');
  assert.match(r.errors[0].message, /nested archive deeper than 3 levels/);
  const shallow = await engine.scanArtifact('nested.zip', await zipOf({ 'a.apk': await zipOf({ 'deep.properties': LEAK }) }));
  assert.equal(shallow.findings[0].location.entry, 'a.apk!/deep.properties');
});

test('total inflate budget across nested archives', async () => {
  const blob = new Uint8Array(300_000).map((_, i) => (i * 7919) & 0xff);
  const zip = await zipOf({ 'a.bin': blob, 'b.bin': blob, 'c.bin': blob }, 'STORE');
  const r = await engine.scanArtifact('big.apk', zip, { limits: { maxTotalInflated: 700_000 } });
  assert.deepEqual(r.errors.map((e) => e.entry), ['c.bin']);
  assert.match(r.errors[0].message, /remaining inflate budget/);
});

test('`../` and absolute entry names give an error item for that entry; the scan goes on', async () => {
  const zip = await zipOf({ '../../evil.properties': LEAK, '/etc/abs.properties': LEAK, 'assets/good.properties': LEAK });
  const r = await engine.scanArtifact('slip.apk', zip);
  assert.deepEqual(r.errors.map((e) => e.entry).sort(), ['../../evil.properties', '/etc/abs.properties']);
  assert.ok(r.errors.every((e) => /unsafe entry name/.test(e.message)));
  assert.deepEqual(r.findings.map((f) => f.location.entry), ['assets/good.properties']);
  assert.ok(isUnsafeName('a\\..\\b') && isUnsafeName('C:/x') && !isUnsafeName('a/..b/c'));
});

test('corrupt or truncated archives give one clear error', async () => {
  const zip = await zipOf({ 'a.properties': LEAK });
  const r = await engine.scanArtifact('cut.apk', zip.subarray(0, zip.length - 30));
  assert.equal(r.findings.length, 0);
  assert.match(r.errors[0].message, /unreadable zip archive/);
});

test('media entries are skipped by name without inflating, and by magic when misnamed', async () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(LEAK)]);
  const stats = newStats();
  const r = await engine.scanArtifact('m.apk', await zipOf({ 'res/a.png': LEAK, 'res/b.dat': png, 'fonts/x.ttf': LEAK }), { stats });
  assert.equal(r.findings.length, 0);
  assert.equal(stats.skipped, 3);
  assert.equal(stats.inflatedBytes, png.length);
});

test('an aborted signal stops the scan between entries', async () => {
  const ac = new AbortController();
  const zip = await zipOf({ 'a.properties': LEAK, 'b.properties': LEAK });
  const seen: string[] = [];
  await assert.rejects(
    engine.scanArtifact('x.apk', zip, { signal: ac.signal, onProgress: (m) => { seen.push(m); ac.abort(); } }),
    { name: 'AbortError' },
  );
  assert.deepEqual(seen, ['a.properties']);
});
