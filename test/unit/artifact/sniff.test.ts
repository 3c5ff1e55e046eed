// The skip/sniff decisions of core/artifact/sniff.ts: an entry that can hold an app's strings is
// always read, whatever its name; media and ICU data are skipped, by name or by their first bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { createEngine } from '../../../server/src/core/engine';
import type { ArtifactStats } from '../../../server/src/core/artifact';
import { isDataFormat, skipByName, worthSniffing, SNIFF_ABOVE } from '../../../server/src/core/artifact/sniff';

const engine = createEngine();
const DEX = readFileSync('test/fixtures/android/classes.dex');
const BUCKET = 'https://acme-shop-uploads.s3.amazonaws.com/';
const pad = (n: number) => 'x'.repeat(n);

/** An ICU resource bundle as ICU4J ships it (icudt73b: big-endian): the 32-byte UDataInfo header, then its tables. */
function icuData(payload: string): Buffer {
  const header = Buffer.alloc(32);
  header.writeUInt16BE(32, 0); // headerSize
  header[2] = 0xda; // magic1
  header[3] = 0x27; // magic2
  header.writeUInt16BE(20, 4); // UDataInfo.size
  header[8] = 1; // isBigEndian
  header[10] = 2; // sizeofUChar
  header.write('ResB', 12, 'latin1'); // dataFormat
  header[16] = 3; // formatVersion
  header[20] = 73; // dataVersion
  return Buffer.concat([header, Buffer.from(payload, 'latin1')]); // (its key strings are invariant ASCII)
}

/** A PNG (signature + IHDR) with a text chunk that happens to hold a URL. */
function png(text: string): Buffer {
  const ihdr = Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex');
  const t = Buffer.from(`Comment\0${text}`, 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ihdr, len, Buffer.from('tEXt'), t, Buffer.alloc(4)]);
}

async function scan(files: Record<string, Buffer | string>, compression: 'DEFLATE' | 'STORE' = 'DEFLATE') {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { compression });
  const bytes = await zip.generateAsync({ type: 'nodebuffer' });
  const stats: ArtifactStats = { entries: 0, skipped: 0, strings: 0, inflatedBytes: 0 };
  const r = await engine.scanArtifact('odd.apk', bytes, { stats });
  assert.deepEqual(r.errors, []);
  return { entries: new Set(r.findings.map((f) => `${f.location.entry} ${f.ruleId}`)), stats };
}

for (const compression of ['DEFLATE', 'STORE'] as const) {
  test(`a DEX, JSON, XML or JS under an odd name or extension is read, small or sniffed (${compression})`, async () => {
    const json = (n: number) => JSON.stringify({ bucket: BUCKET, notes: pad(n) });
    const xml = (n: number) => `<?xml version="1.0" encoding="utf-8"?>\n<config>\n  <string name="firebase_url">https://acme-shop-prod-default-rtdb.firebaseio.com</string>\n  <!-- ${pad(n)} -->\n</config>\n`;
    const js = (n: number) => `// ${pad(n)}\nexport const storage = { bucket: "gs://acme-shop-exports" };\n`;
    const { entries } = await scan({
      'assets/payload.bin': Buffer.concat([DEX, Buffer.alloc(4 * SNIFF_ABOVE)]), // big: sniffed
      'assets/p': DEX, // small: read whole
      'res/raw/settings.res': json(4 * SNIFF_ABOVE),
      'assets/settings': json(10),
      'assets/remote.cfg': xml(4 * SNIFF_ABOVE),
      'lib/app.dat': js(4 * SNIFF_ABOVE),
      // in an ICU data folder but not an ICU file: read
      'com/ibm/icu/impl/data/icudt73b/config.json': json(10),
    }, compression);
    for (const e of [
      'assets/payload.bin aws-s3-bucket', 'assets/payload.bin firebase-database-url', 'assets/p aws-s3-bucket',
      'res/raw/settings.res aws-s3-bucket', 'assets/settings aws-s3-bucket', 'assets/remote.cfg firebase-database-url',
      'lib/app.dat gcs-bucket', 'com/ibm/icu/impl/data/icudt73b/config.json aws-s3-bucket',
    ]) assert.ok(entries.has(e), `${e} in ${[...entries].join(', ')}`);
  });
}

test('ICU data and media are skipped, by name or by their first bytes, even when they hold a URL (decision: never app config)', async () => {
  const icu = icuData(`acme tables ${BUCKET} ${pad(8 * SNIFF_ABOVE)}`);
  const { entries, stats } = await scan({
    'com/ibm/icu/impl/data/icudt73b/region/acme.res': icu, // ICU folder + ICU extension: by name
    'android/icu/impl/data/icudt72l/brkitr/line.brk': icu,
    'assets/tables.bin': icu, // big, odd name: by its sniffed header
    'assets/t.bin': icuData(`tiny ${BUCKET}`), // small: by its magic once inflated
    'assets/logo.dat': png(`${BUCKET} ${pad(4 * SNIFF_ABOVE)}`),
    'assets/readme.txt': `see ${BUCKET}\n`, // control: a text file with the same URL is read
  });
  assert.deepEqual([...entries], ['assets/readme.txt aws-s3-bucket']);
  assert.equal(stats.skipped, 5);
  // the two skipped by name were never inflated; the big ones were sniffed, not inflated whole
  assert.ok(stats.inflatedBytes < 2 * SNIFF_ABOVE, `${stats.inflatedBytes} bytes inflated`);
});

test('decision: a file in an ICU data folder with an ICU extension is skipped unread, whatever it holds', async () => {
  const { entries } = await scan({ 'com/ibm/icu/impl/data/icudt73b/acme.res': DEX, 'com/ibm/icu/impl/data/icudt73b/acme.dex': DEX });
  assert.deepEqual([...new Set([...entries].map((e) => e.split(' ')[0]))], ['com/ibm/icu/impl/data/icudt73b/acme.dex']);
});

test('the rules: names, sizes and magic bytes', () => {
  for (const n of ['a/b/icudt73b/coll/zh.res', 'icudt72l/cjdict.dict', 'x/icudt74b/brkitr/word.brk', 'res/drawable/a.png', 'META-INF/CERT.SF', 'fonts/a.woff2']) assert.ok(skipByName(n), n);
  for (const n of ['res/raw/zh.res', 'icudt73b/notes.json', 'icudt/zh.res', 'assets/icudt73b.dat', 'classes.dex', 'assets/x']) assert.ok(!skipByName(n), n);
  assert.ok(worthSniffing('assets/x.bin', SNIFF_ABOVE + 1));
  assert.ok(!worthSniffing('assets/x.bin', SNIFF_ABOVE));
  assert.ok(!worthSniffing('classes9.dex', 10 * SNIFF_ABOVE), 'named routes are inflated whole');
  assert.ok(isDataFormat(icuData('x')));
  assert.ok(isDataFormat(png('x')));
  assert.ok(!isDataFormat(DEX));
  assert.ok(!isDataFormat(Buffer.from('{"a":1}')));
  assert.ok(!isDataFormat(new Uint8Array(0)));
});
