import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { createEngine } from '../../../server/src/core/engine';
import type { ArtifactStats } from '../../../server/src/core/artifact';
import { inflateEntry, isUnsafeName, openZip } from '../../../server/src/core/artifact/zip';
import { InflateBudget, withLimits, type ArtifactLimits } from '../../../server/src/core/artifact/limits';
import { writeDex } from '../../../scripts/dexwriter';

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
  const stats = newStats();
  const r = await engine.scanArtifact('liar.apk', zip, { limits: { ratioFloor: 64 * 1024 }, stats });
  assert.equal(r.errors.length, 1);
  // inflating stops as soon as the output passes the declared 1000 bytes (yauzl's validateEntrySizes check)
  assert.match(r.errors[0].message, /inflated output passed the 1000 bytes its header declares \(zip bomb\?\)/);
  assert.equal(stats.inflatedBytes, 0);
  // the limits cap the real output too when they are below the declared size (refuseEntry is bypassed here)
  const honest = await openZip(await zipOf({ 'classes.dex': zeros }), withLimits());
  const read = (limits: Partial<ArtifactLimits>) => inflateEntry(honest, honest.entries[0], withLimits(limits), new InflateBudget(withLimits(limits)));
  assert.match((await read({ ratioFloor: 64 * 1024 })).error ?? '', /inflated output passed 200:1 of its compressed size/);
  const budget = new InflateBudget(withLimits({ maxEntryInflated: 100_000 }));
  const capped = await inflateEntry(honest, honest.entries[0], budget.limits, budget);
  assert.match(capped.error ?? '', /inflated output passed the 100000-byte limit/);
  assert.ok(budget.used < 200_000, `stopped near the cap (${budget.used} bytes inflated)`);
  assert.equal((await read({ maxRatio: 10_000 })).bytes?.length, zeros.length);
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

/** Replaces every occurrence of `from` (ASCII) by the same number of bytes `to` (names in both headers). */
function patchBytes(zip: Uint8Array, from: string, to: number[]): Uint8Array {
  const b = Uint8Array.from(zip);
  const f = new TextEncoder().encode(from);
  for (let i = 0; i + f.length <= b.length; i++) if (f.every((x, k) => b[i + k] === x)) b.set(to, i);
  return b;
}

test('a name that is not valid UTF-8 ends only that entry', async () => {
  const zip = patchBytes(await zipOf({ 'assets/XY.properties': LEAK, 'assets/ok.properties': LEAK }), 'XY', [0xff, 0xfe]);
  const r = await engine.scanArtifact('bad-name.apk', zip);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, /entry name is not valid UTF-8/);
  assert.match(r.errors[0].entry ?? '', /^assets\/\uFFFD+\.properties$/);
  assert.deepEqual(r.findings.map((f) => f.location.entry), ['assets/ok.properties']);
});

test('zip structure errors found by yauzl become clear errors items; what can be read still is', async () => {
  const two = await zipOf({ 'a.properties': LEAK, 'b.properties': LEAK });
  // second central-directory record with a bad signature: the first entry is still scanned
  const cd = two.length - 22 - 2 * (46 + 'a.properties'.length);
  const badCd = Uint8Array.from(two);
  badCd[cd + 46 + 'a.properties'.length] = 0x51;
  const r1 = await engine.scanArtifact('cd.apk', badCd);
  assert.deepEqual(r1.findings.map((f) => f.location.entry), ['a.properties']);
  assert.deepEqual(r1.errors.map((e) => [e.entry, e.message]), [[null, 'unreadable zip archive: a central directory record is missing or has a bad signature (central directory record 2 of 2; the rest were not read)']]);
  // a bad local header or corrupt deflate data ends only that entry
  const badLocal = Uint8Array.from(two);
  badLocal[Buffer.from(two).indexOf('PK\x03\x04', 4, 'latin1')] = 0x51; // b.properties' local header
  const r2 = await engine.scanArtifact('local.apk', badLocal);
  assert.deepEqual(r2.errors.map((e) => [e.entry, e.message]), [['b.properties', 'local file header missing or bad signature']]);
  assert.deepEqual(r2.findings.map((f) => f.location.entry), ['a.properties']);
  const data = 30 + 'a.properties'.length;
  const badData = Uint8Array.from(two);
  badData.fill(0xff, data, data + 4);
  const r3 = await engine.scanArtifact('data.apk', badData);
  assert.equal(r3.errors.length, 1);
  assert.equal(r3.errors[0].entry, 'a.properties');
  assert.match(r3.errors[0].message, /^corrupt entry: /);
  assert.deepEqual(r3.findings.map((f) => f.location.entry), ['b.properties']);
  // a nested archive that cannot be opened is an error of that entry; the outer scan goes on
  const nested = await engine.scanArtifact('outer.apks', await zipOf({ 'split.apk': two.subarray(0, two.length - 30), 'c.properties': LEAK }));
  assert.deepEqual(nested.errors.map((e) => e.entry), ['split.apk']);
  assert.match(nested.errors[0].message, /unreadable zip archive: end of central directory not found/);
  assert.deepEqual(nested.findings.map((f) => f.location.entry), ['c.properties']);
});

test('a stored entry whose sizes disagree is reported; entries before it are scanned', async () => {
  const zip = patchDeclaredSize(await zipOf({ 'z.properties': LEAK }, 'STORE'), LEAK.length + 5);
  const r = await engine.scanArtifact('stored.apk', zip);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, new RegExp(`a stored entry declares ${LEAK.length} bytes stored but ${LEAK.length + 5} bytes of content`));
});

test('entries past maxEntries are skipped with one error', async () => {
  const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.properties`, LEAK]));
  const r = await engine.scanArtifact('many.apk', await zipOf(files), { limits: { maxEntries: 3 } });
  assert.equal(r.findings.length, 3);
  assert.deepEqual(r.errors.map((e) => e.message), ['archive has more than 3 entries; the rest were skipped']);
});

test('inflated buffers are released once read; stored entries, small buffers and the caller\'s bytes never are', async () => {
  const big = new Uint8Array(200_000).map((_, i) => (i * 31) & 0x7f);
  const z = new JSZip();
  z.file('big.bin', big, { compression: 'DEFLATE' });
  z.file('small.bin', big.subarray(0, 1000), { compression: 'DEFLATE' });
  z.file('stored.bin', big, { compression: 'STORE' });
  const zip = await openZip(await z.generateAsync({ type: 'uint8array' }), withLimits());
  const read = (name: string) => {
    const budget = new InflateBudget(withLimits());
    return inflateEntry(zip, zip.entries.find((e) => e.name === name)!, budget.limits, budget);
  };
  const deflated = await read('big.bin');
  assert.equal(deflated.bytes?.length, big.length);
  deflated.release!();
  assert.equal(deflated.bytes!.length, 0, 'released: its memory is freed now');
  const small = await read('small.bin');
  small.release!();
  assert.deepEqual(Buffer.from(small.bytes!), Buffer.from(big.subarray(0, 1000)), 'a small buffer (maybe in node\'s shared pool) is left alone');
  assert.equal((await read('stored.bin')).release, undefined, 'a stored entry is a view of the archive');

  // a whole scan: DEX and nested archives, stored and deflated; the bytes handed in stay whole
  const inner = new JSZip();
  inner.file('classes.dex', writeDex(['https://acme-shop-prod-default-rtdb.firebaseio.com', 'x'.repeat(100_000)]), { compression: 'DEFLATE' });
  inner.file('assets/app.properties', LEAK);
  const innerBytes = await inner.generateAsync({ type: 'uint8array' });
  const outer = new JSZip();
  outer.file('stored.apk', innerBytes, { compression: 'STORE' });
  outer.file('deflated.apk', innerBytes, { compression: 'DEFLATE' });
  outer.file('classes.dex', writeDex(['y'.repeat(100_000)]), { compression: 'STORE' });
  const bytes = await outer.generateAsync({ type: 'uint8array' });
  const copy = Uint8Array.from(bytes);
  const r = await engine.scanArtifact('outer.apk', bytes);
  assert.deepEqual(r.errors, []);
  assert.equal(r.findings.length, 4, 'two per inner APK');
  assert.deepEqual(bytes, copy);
});
