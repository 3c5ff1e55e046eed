import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAppFolder, walkAppFolder } from '../../../server/src/node/appFolder';
import { createEngine } from '../../../server/src/core/engine';
import { scanArtifactEntries } from '../../../server/src/core/artifact';
import { TextScanner } from '../../../server/src/core/text/scanner';
import { ALL_RULES } from '../../../server/src/core/rules';

const XC = 'test/fixtures/apple/Demo.xcarchive';
// Walk order: a folder's files (sorted), then its subfolders (sorted).
const SHIPPED = ['Demo', 'GoogleService-Info.plist', 'Info.plist', 'awsconfiguration.json', 'main.jsbundle', 'Frameworks/Leaky.framework/Leaky', 'PlugIns/Share.appex/Share'];

test('.xcarchive: only Products/Applications is read (no dSYMs, no archive Info.plist), paths from the archive root', async () => {
  const { entries, errors } = await readAppFolder(XC);
  assert.deepEqual(errors, []);
  assert.deepEqual(entries.map((e) => e.entry), SHIPPED.map((p) => `Products/Applications/Demo.app/${p}`));
  assert.ok(Buffer.from(entries[0].bytes).equals(readFileSync('test/fixtures/apple/Demo-fat')));
});

test('.app folder: every file of the bundle, paths relative to the bundle', async () => {
  const { entries } = await readAppFolder(`${XC}/Products/Applications/Demo.app`);
  assert.deepEqual(entries.map((e) => e.entry), SHIPPED);
});

test('symbolic links are never followed; one pointing outside the bundle is reported', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-app-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const app = join(dir, 'Evil.app');
  mkdirSync(join(app, 'Frameworks'), { recursive: true });
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  writeFileSync(join(app, 'Evil'), 'binary');
  symlinkSync('../secret.txt', join(app, 'escape'));
  symlinkSync('/etc', join(app, 'Frameworks', 'etc'));
  symlinkSync('Evil', join(app, 'alias')); // inside: read once, through its real path
  const { entries, errors } = await readAppFolder(app);
  assert.deepEqual(entries.map((e) => e.entry), ['Evil']);
  assert.deepEqual(errors.map((e) => e.entry).sort(), ['Frameworks/etc', 'escape']);
  assert.ok(errors.every((e) => /points outside the bundle/.test(e.message)));
});

test('file count, per-file size, total size and folder depth are bounded', async (t) => {
  const count = await readAppFolder(XC, { limits: { maxEntries: 2 } });
  assert.equal(count.entries.length, 2);
  assert.match(count.errors[0].message, /more than 2 files/);
  const big = await readAppFolder(XC, { limits: { maxEntryInflated: 60_000 } });
  assert.deepEqual(big.errors.map((e) => e.entry), ['Products/Applications/Demo.app/Demo']);
  assert.match(big.errors[0].message, /exceeds the per-entry limit/);
  const total = await readAppFolder(XC, { limits: { maxTotalInflated: 100_000 } });
  assert.equal(total.entries.length, 5, 'Demo (82 KB) and the small files fit; the 49 KB framework does not');
  assert.match(total.errors[0].message, /larger than 100000 bytes/);
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-deep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'A.app', 'a', 'b', 'c'), { recursive: true });
  writeFileSync(join(dir, 'A.app', 'a', 'b', 'c', 'deep.json'), '{}');
  const deep = await readAppFolder(join(dir, 'A.app'), { maxFolderDepth: 2 });
  assert.deepEqual(deep.entries, []);
  assert.deepEqual(deep.errors.map((e) => e.entry), ['a/b/c']);
});

test('a missing folder or an .xcarchive without Products/Applications is one error, not a crash', async (t) => {
  const missing = await readAppFolder('/nonexistent/Nope.app');
  assert.deepEqual(missing, { entries: [], errors: [{ entry: null, message: 'folder not readable: ENOENT' }] });
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-xc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'Empty.xcarchive', 'dSYMs'), { recursive: true });
  const empty = await readAppFolder(join(dir, 'Empty.xcarchive'));
  assert.deepEqual(empty.errors.map((e) => e.message), ['no Products/Applications folder: this .xcarchive holds no app']);
});

test('a huge listing of skipped files is still bounded', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-many-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'Many.app'));
  for (let i = 0; i < 30; i++) writeFileSync(join(dir, 'Many.app', `icon${i}.png`), 'x');
  const r = await readAppFolder(join(dir, 'Many.app'), { limits: { maxEntries: 5 } });
  assert.deepEqual(r.entries, []);
  assert.deepEqual(r.errors.map((e) => e.message), ['more than 20 files and folders: the rest of the bundle was not read']);
});

test('media files are not even read', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-media-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'M.app'));
  writeFileSync(join(dir, 'M.app', 'AppIcon60x60@2x.png'), 'x');
  writeFileSync(join(dir, 'M.app', 'Assets.car'), 'x');
  writeFileSync(join(dir, 'M.app', 'config.json'), '{}');
  assert.deepEqual((await readAppFolder(join(dir, 'M.app'))).entries.map((e) => e.entry), ['config.json']);
});

test('scanning the .xcarchive walk: findings name the entry inside the archive, dSYMs ignored', async () => {
  const scanner = new TextScanner(ALL_RULES);
  const r = await scanArtifactEntries(scanner, 'Demo.xcarchive', walkAppFolder(XC));
  const db = r.findings.filter((f) => f.ruleId === 'firebase-database-url').map((f) => `${f.location.entry} ${f.value}`);
  assert.ok(db.includes('Products/Applications/Demo.app/Demo acme-ios-prod.firebaseio.com'), db.join('\n'));
  assert.ok(db.includes('Products/Applications/Demo.app/GoogleService-Info.plist acme-leaky-default-rtdb.firebaseio.com'), db.join('\n'));
  assert.ok(!db.some((d) => d.includes('dsym')));
  assert.ok(r.findings.every((f) => f.location.file === 'Demo.xcarchive'));
});

test('engine.scanArtifact on the .ipa: Mach-O, plist and framework findings with Payload/ entries', async () => {
  const r = await createEngine().scanArtifact('Demo.ipa', new Uint8Array(readFileSync('test/fixtures/apple/Demo.ipa')));
  assert.deepEqual(r.errors, []);
  const at = (entry: string, rule: string) => r.findings.filter((f) => f.location.entry === entry && f.ruleId === rule).map((f) => f.value);
  assert.deepEqual(at('Payload/Demo.app/Demo', 'firebase-database-url'), ['acme-ios-prod.firebaseio.com']);
  assert.deepEqual(at('Payload/Demo.app/Frameworks/Leaky.framework/Leaky', 'firebase-database-url'), ['acme-ios-prod.firebaseio.com']);
  assert.deepEqual(at('Payload/Demo.app/GoogleService-Info.plist', 'firebase-database-url'), ['acme-leaky-default-rtdb.firebaseio.com']);
  assert.deepEqual(at('Payload/Demo.app/GoogleService-Info.plist', 'google-api-key'), ['AIzakkf06He9svCHKF7VXZCy3y0ypF9E4qUgWsp']);
  assert.deepEqual(at('Payload/Demo.app/Info.plist', 'cleartext-traffic'), ['NSAllowsArbitraryLoads'], 'binary Info.plist ATS flag');
  assert.ok(at('Payload/Demo.app/main.jsbundle', 'firebase-database-url').includes('acme-rn-prod.firebaseio.com'), 'Hermes bundle');
  const main = r.findings.find((f) => f.location.entry === 'Payload/Demo.app/Demo')!;
  assert.equal(main.location.file, 'Demo.ipa');
});
