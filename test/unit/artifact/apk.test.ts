import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';
import { scanArtifactPath } from '../../../server/src/node/artifact';

const A = 'test/fixtures/android';
const engine = createEngine();
const row = (f: Finding) => `${f.location.entry} ${f.ruleId} ${f.value}`;

/** What the fixture APK really ships (test/fixtures/android/src), per entry. */
const APK_EXPECTED = [
  'AndroidManifest.xml cleartext-traffic android:usesCleartextTraffic',
  'AndroidManifest.xml firebase-database-url acme-shop-prod-default-rtdb.firebaseio.com',
  'res/xml/network_security_config.xml cleartext-traffic cleartextTrafficPermitted',
  'res/xml/network_security_config.xml cleartext-traffic cleartextTrafficPermitted',
  'resources.arsc google-api-key AIzaSyA7kQ2mX9vB4nR8tL1wZ6pC3sE5fGhJdKq',
  'resources.arsc firebase-database-url acme-shop-prod-default-rtdb.firebaseio.com',
  'resources.arsc aws-s3-bucket acme-shop-uploads',
  'resources.arsc gcs-bucket acme-shop-backups',
  'classes.dex google-api-key AIzaSyA7kQ2mX9vB4nR8tL1wZ6pC3sE5fGhJdKq',
  'classes.dex firebase-database-url acme-shop-prod-default-rtdb.firebaseio.com',
  'classes.dex aws-s3-bucket acme-shop-uploads',
  'classes.dex gcs-bucket acme-shop-exports',
  'classes2.dex azure-blob-container acmeshopfiles/user-uploads',
  'assets/config.json firebase-storage-bucket acme-shop-prod.appspot.com',
];

test('APK: every leak of the fixture is found in its entry, nothing else, no errors', async () => {
  const r = await engine.scanArtifact('app/leaky.apk', readFileSync(`${A}/leaky.apk`));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings.map(row).sort(), [...APK_EXPECTED].sort());
  assert.ok(r.findings.every((f) => f.location.file === 'app/leaky.apk'));
});

test('ARSC findings name the resource; DEX lines are string indexes with the column inside the value', async () => {
  const r = await engine.scanArtifact('leaky.apk', readFileSync(`${A}/leaky.apk`));
  const s3 = r.findings.find((f) => f.location.entry === 'resources.arsc' && f.ruleId === 'aws-s3-bucket')!;
  assert.match(s3.message, /@string\/s3_bucket/);
  assert.equal(s3.endpoint, 'https://acme-shop-uploads.s3.eu-west-1.amazonaws.com/');
  const rtdb = r.findings.find((f) => f.location.entry === 'classes.dex' && f.ruleId === 'firebase-database-url')!;
  const dexStrings = (JSON.parse(readFileSync(`${A}/src/dex-strings.json`, 'utf8')) as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const value = dexStrings[rtdb.location.line - 1];
  assert.equal(value.slice(rtdb.location.column - 1, rtdb.location.endColumn - 1), 'acme-shop-prod-default-rtdb.firebaseio.com');
  const clear = r.findings.find((f) => f.location.entry === 'AndroidManifest.xml' && f.ruleId === 'cleartext-traffic')!;
  assert.equal(clear.severity, 'medium');
});

test('AAB module layout: aapt2 proto manifest/res/xml, resources.pb and base/dex give the same leaks as the APK', async () => {
  const r = await engine.scanArtifact('leaky.aab', readFileSync(`${A}/leaky.aab`));
  assert.deepEqual(r.errors, []);
  const inAab: Record<string, string> = {
    'AndroidManifest.xml': 'base/manifest/AndroidManifest.xml',
    'res/xml/network_security_config.xml': 'base/res/xml/network_security_config.xml',
    'resources.arsc': 'base/resources.pb',
    'classes.dex': 'base/dex/classes.dex',
    'assets/config.json': 'base/assets/config.json',
  };
  const expected = APK_EXPECTED.filter((e) => !e.startsWith('classes2.dex')).map((e) => {
    const [entry, ...rest] = e.split(' ');
    return [inAab[entry], ...rest].join(' ');
  });
  assert.deepEqual(r.findings.map(row).sort(), expected.sort());
  assert.match(r.findings.find((f) => f.location.entry === 'base/resources.pb' && f.ruleId === 'aws-s3-bucket')!.message, /@string\/s3_bucket/);
});

test('.apks: the nested APK is opened and its entries reported as `splits/base-master.apk!/…`', async () => {
  const r = await engine.scanArtifact('leaky.apks', readFileSync(`${A}/leaky.apks`));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings.map(row).sort(), APK_EXPECTED.map((e) => `splits/base-master.apk!/${e}`).sort());
});

test('.xapk: the APK inside is opened, the JSON manifest read as text', async () => {
  const stats = { entries: 0, skipped: 0, strings: 0, inflatedBytes: 0 };
  const r = await engine.scanArtifact('leaky.xapk', readFileSync(`${A}/leaky.xapk`), { stats });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings.map(row).sort(), APK_EXPECTED.map((e) => `com.acme.shop.apk!/${e}`).sort());
  assert.equal(stats.skipped, 2, 'icon.png at both levels');
});

test('fingerprints are stable across runs and distinct per entry', async () => {
  const a = await engine.scanArtifact('leaky.apk', readFileSync(`${A}/leaky.apk`));
  const b = await engine.scanArtifact('leaky.apk', readFileSync(`${A}/leaky.apk`));
  assert.deepEqual(a.findings.map((f) => f.fingerprint), b.findings.map((f) => f.fingerprint));
  const rtdb = a.findings.filter((f) => f.ruleId === 'firebase-database-url').map((f) => f.fingerprint);
  assert.equal(new Set(rtdb).size, rtdb.length);
});

test('a bare DEX or resources.arsc can be scanned on its own (entry null)', async () => {
  const r = await engine.scanArtifact('classes.dex', readFileSync(`${A}/classes.dex`));
  assert.equal(r.findings.length, 4);
  assert.ok(r.findings.every((f) => f.location.entry === null));
});

test('the fs adapter reads an APK file and an .xcarchive folder', async () => {
  const apk = await scanArtifactPath(engine, `${A}/leaky.apk`, 'leaky.apk');
  assert.equal(apk.findings.length, APK_EXPECTED.length);
  const xc = await scanArtifactPath(engine, 'test/fixtures/apple/Demo.xcarchive', 'Demo.xcarchive');
  assert.ok(xc.findings.length > 0);
  assert.ok(xc.findings.every((f) => f.location.entry?.startsWith('Products/Applications/Demo.app/')));
});

test('progress is reported per entry with a growing fraction', async () => {
  const seen: Array<[string, number | undefined]> = [];
  await engine.scanArtifact('leaky.apk', readFileSync(`${A}/leaky.apk`), { onProgress: (m, f) => seen.push([m, f]) });
  assert.ok(seen.length >= 6);
  assert.equal(seen[0][1], 0);
  assert.ok(seen.every(([, f], i) => i === 0 || (f ?? 0) >= (seen[i - 1][1] ?? 0)));
});

test('a multi-line string (PEM block) does not shift the string index of the ones after it', async () => {
  const { writeDex } = await import('../../../scripts/dexwriter');
  const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCCBtayYNDrM3NFnkBbwTd6gaWp';
  const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n${body.split('').reverse().join('')}\n-----END PRIVATE KEY-----\n`;
  const strings = ['-----BEGIN', pem, 'https://zeta-prod-default-rtdb.firebaseio.com'];
  const r = await engine.scanArtifact('k.dex', writeDex(strings));
  const sorted = [...strings].sort();
  const key = r.findings.find((f) => f.ruleId === 'private-key')!;
  const db = r.findings.find((f) => f.ruleId === 'firebase-database-url')!;
  assert.equal(key.location.line, sorted.indexOf(pem) + 1);
  assert.equal(db.location.line, sorted.indexOf(strings[2]) + 1);
  assert.equal(db.location.column, 'https://'.length + 1);
});

test('a zipped .app gives the same findings, entry for entry, as the .app folder itself', async () => {
  const { default: JSZip } = await import('jszip');
  const { readAppFolder } = await import('../../../server/src/node/appFolder');
  const app = 'test/fixtures/apple/Demo.xcarchive/Products/Applications/Demo.app';
  const folder = await scanArtifactPath(engine, app, 'Demo.app');
  const zip = new JSZip();
  for (const e of (await readAppFolder(app)).entries) zip.file(`Demo.app/${e.entry}`, e.bytes);
  const zipped = await engine.scanArtifact('Demo.app.zip', await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  assert.deepEqual(zipped.errors, []);
  assert.ok(folder.findings.length > 0);
  const rows = (fs: Finding[], prefix: string) => fs.map((f) => `${prefix}${f.location.entry} ${f.ruleId} ${f.value}`).sort();
  assert.deepEqual(rows(zipped.findings, ''), rows(folder.findings, 'Demo.app/'));
});

test('IPA: Payload/… entries, no errors', async () => {
  const r = await engine.scanArtifact('Demo.ipa', readFileSync('test/fixtures/apple/Demo.ipa'));
  assert.deepEqual(r.errors, []);
  assert.ok(r.findings.length > 5);
  assert.ok(r.findings.every((f) => f.location.entry?.startsWith('Payload/Demo.app/')));
});

test('a cleartext flag set through a bool resource is resolved via resources.arsc and found', async () => {
  // src-ref: android:usesCleartextTraffic="@bool/allow_cleartext", values.xml: true (aapt: @0x7f030000)
  const r = await engine.scanArtifact('ref.apk', readFileSync(`${A}/ref.apk`));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings.map(row), ['AndroidManifest.xml cleartext-traffic android:usesCleartextTraffic']);
  const nested = await engine.scanArtifact('x.apks', readFileSync(`${A}/leaky.apks`));
  assert.ok(nested.findings.some((f) => f.location.entry === 'splits/base-master.apk!/AndroidManifest.xml' && f.ruleId === 'cleartext-traffic'));
});
