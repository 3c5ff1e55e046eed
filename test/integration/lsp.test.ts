// Drives the bundled language server over stdio (run `npm run build` first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover, Range } from 'vscode-languageserver-protocol';
import { LspClient, writeProject } from './lspHarness';
import { OWNER_RULES, OWNER_STORAGE_RULES } from './cli-helpers';
import { KEY_KT, projectFiles } from '../unit/fixes/project';
import { kotlinFile } from '../../bench/lsp';

let dir: string;
let lsp: LspClient;
const files = projectFiles();
const KT = 'app/src/main/java/com/acme/data/Config.kt';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leaklens-lsp-'));
  // The project keeps its Firebase rules, so these tests see only the values (firebase-rules-missing: lsp-rules-missing.test.ts).
  writeProject(dir, { ...files, 'database.rules.json': OWNER_RULES, 'storage.rules': OWNER_STORAGE_RULES });
  lsp = new LspClient();
  await lsp.initialize(dir, { trusted: false });
});

after(async () => {
  await lsp.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function textAt(text: string, r: Range): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}
const byRule = (ds: Diagnostic[], id: string) => ds.filter((d) => d.code === id);

test('open publishes LeakLens diagnostics on the values, with doc links, mapped severities and fix data', { timeout: 120_000 }, async () => {
  const uri = await lsp.open(join(dir, KT), files[KT], 'kotlin');
  const { diagnostics } = await lsp.waitVersion(uri, 1);
  const [key] = byRule(diagnostics, 'google-api-key');
  const [db] = byRule(diagnostics, 'firebase-database-url');
  assert.ok(key && db, JSON.stringify(diagnostics));
  assert.equal(key.source, 'LeakLens');
  assert.equal(key.severity, 2, 'medium → Warning');
  assert.match(key.codeDescription!.href, /#google-api-key$/);
  assert.equal(textAt(files[KT], key.range), KEY_KT);
  assert.equal(textAt(files[KT], db.range), 'acme-prod.firebaseio.com');
  const data = db.data as { ruleId: string; fingerprint: string; endpoint: string };
  assert.equal(data.ruleId, 'firebase-database-url');
  assert.match(data.fingerprint, /^[0-9a-f]{24}$/);
  assert.equal(data.endpoint, 'https://acme-prod.firebaseio.com/');
  assert.ok(lsp.configRequests.includes(uri), 'settings pulled for the document URI');
  await lsp.close(uri);
  assert.deepEqual((await lsp.waitFor(uri, (p) => p.diagnostics.length === 0)).diagnostics, [], 'closing clears');
});

test('incremental edits keep ranges right when lines are inserted and deleted above a finding', { timeout: 120_000 }, async () => {
  const uri = await lsp.open(join(dir, KT), files[KT], 'kotlin');
  await lsp.waitVersion(uri, 1);
  let text = files[KT];
  const edit = async (range: Range, newText: string) => {
    const lines = text.split('\n');
    const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    text = text.slice(0, off(range.start)) + newText + text.slice(off(range.end));
    const v = await lsp.change(uri, [{ range, text: newText }]);
    return (await lsp.waitVersion(uri, v)).diagnostics;
  };
  // insert three lines at the top
  let ds = await edit({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '// a\n// b\n// c\n');
  assert.equal(byRule(ds, 'google-api-key')[0].range.start.line, 6);
  assert.equal(textAt(text, byRule(ds, 'google-api-key')[0].range), KEY_KT);
  // delete four lines (two comments, the third comment, the package line)
  ds = await edit({ start: { line: 1, character: 0 }, end: { line: 4, character: 0 } }, '');
  assert.equal(byRule(ds, 'google-api-key')[0].range.start.line, 3);
  assert.equal(textAt(text, byRule(ds, 'firebase-database-url')[0].range), 'acme-prod.firebaseio.com');
  // characters inserted before the value on its own line
  const line = byRule(ds, 'google-api-key')[0].range.start.line;
  ds = await edit({ start: { line, character: 4 }, end: { line, character: 4 } }, '@JvmField ');
  assert.equal(textAt(text, byRule(ds, 'google-api-key')[0].range), KEY_KT);
  // removing the key removes its diagnostic
  const r = byRule(ds, 'google-api-key')[0].range;
  ds = await edit(r, 'x');
  assert.deepEqual(byRule(ds, 'google-api-key'), []);
  assert.equal(byRule(ds, 'firebase-database-url').length, 1);
  await lsp.close(uri);
});

test('settings changes re-validate: rule off, severity override, disabled, exclude, onSave', { timeout: 120_000 }, async () => {
  const uri = await lsp.open(join(dir, KT), files[KT], 'kotlin');
  await lsp.waitVersion(uri, 1);
  await lsp.setSettings({ rules: { 'google-api-key': 'off', 'firebase-database-url': 'critical' } });
  let p = await lsp.waitFor(uri, (x) => byRule(x.diagnostics, 'google-api-key').length === 0);
  assert.equal(byRule(p.diagnostics, 'firebase-database-url')[0].severity, 1, 'critical → Error');
  await lsp.setSettings({ enable: false });
  p = await lsp.waitFor(uri, (x) => x.diagnostics.length === 0);
  await lsp.setSettings({});
  p = await lsp.waitFor(uri, (x) => x.diagnostics.length === 3);
  await lsp.setSettings({ exclude: ['app/src/main/java/**'] });
  p = await lsp.waitFor(uri, (x) => x.diagnostics.length === 0);
  await lsp.setSettings({ run: 'onSave' });
  p = await lsp.waitFor(uri, (x) => x.diagnostics.length === 3);
  const v = await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
  await new Promise((r) => setTimeout(r, 300));
  assert.notEqual(lsp.published.get(uri)!.version, v, 'no validation on change in onSave mode');
  await lsp.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  p = await lsp.waitVersion(uri, v);
  assert.equal(byRule(p.diagnostics, 'google-api-key')[0].range.start.line, 4);
  await lsp.setSettings({});
  await lsp.close(uri);
});

test('.leaklens.json rules and per-resource settings are honoured', { timeout: 120_000 }, async () => {
  writeFileSync(join(dir, '.leaklens.json'), JSON.stringify({ rules: { 'firebase-database-url': 'off' } }));
  await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.leaklens.json')).href, type: 1 }] });
  const uri = await lsp.open(join(dir, KT), files[KT], 'kotlin');
  let p = await lsp.waitVersion(uri, 1);
  assert.deepEqual(p.diagnostics.map((d) => d.code), ['google-api-key', 'insecure-cloud-endpoint']);
  // A setting scoped to this file's folder only (scopeUri) turns the key rule off here.
  lsp.perUri = [[pathToFileURL(join(dir, 'app')).href, { rules: { 'google-api-key': 'off', 'insecure-cloud-endpoint': 'off' } }]];
  await lsp.setSettings({});
  p = await lsp.waitFor(uri, (x) => x.diagnostics.length === 0);
  const swift = await lsp.open(join(dir, 'ios/Runner/AppDelegate.swift'), files['ios/Runner/AppDelegate.swift'], 'swift');
  assert.deepEqual((await lsp.waitVersion(swift, 1)).diagnostics.map((d) => d.code), ['google-api-key']);
  lsp.perUri = [];
  rmSync(join(dir, '.leaklens.json'));
  await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.leaklens.json')).href, type: 3 }] });
  await lsp.setSettings({});
  await lsp.waitFor(uri, (x) => x.diagnostics.length === 3);
  await lsp.close(uri);
  await lsp.close(swift);
});

test('hover explains the value, why it is public and how to lock it down', { timeout: 120_000 }, async () => {
  const uri = await lsp.open(join(dir, KT), files[KT], 'kotlin');
  const { diagnostics } = await lsp.waitVersion(uri, 1);
  const db = byRule(diagnostics, 'firebase-database-url')[0];
  const hover: Hover = await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: db.range.start.line, character: db.range.start.character + 3 } });
  assert.ok(hover, lsp.log.slice(-3000));
  const md = (hover.contents as { value: string }).value;
  assert.match(md, /Firebase Realtime Database URL/);
  assert.match(md, /Why it is public once the app ships/);
  assert.match(md, /unzip/);
  assert.match(md, /How to lock it down:.*database\.rules\.json/);
  assert.match(md, /endpoint: `https:\/\/acme-prod\.firebaseio\.com\/`/);
  assert.match(md, /lives in: app — ships in the app/);
  assert.match(md, /not probed \(probes need a trusted workspace/);
  const none = await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(none, null);
  await lsp.close(uri);
});

test('where a value lives: a CI workflow\'s bucket is one severity lower and says so on hover; leaklens.where hides it', { timeout: 120_000 }, async () => {
  const path = '.github/workflows/release.yml';
  const text = 'jobs:\n  release:\n    steps:\n      - uses: step-security/harden-runner@v2\n        with:\n          allowed-endpoints: >\n            github-cloud.s3.amazonaws.com:443\n      - run: aws s3 cp app.apk s3://acme-release-builds/\n';
  const uri = await lsp.open(join(dir, path), text, 'yaml');
  const { diagnostics } = await lsp.waitVersion(uri, 1);
  assert.deepEqual(diagnostics.map((d) => [d.code, textAt(text, d.range)]), [['aws-s3-bucket', 'acme-release-builds']], 'the allow-listed GitHub host is not a finding');
  assert.equal(diagnostics[0].severity, 4, 'low → info outside the app → Hint');
  const hover: Hover = await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: diagnostics[0].range.start });
  const md = (hover.contents as { value: string }).value;
  assert.match(md, /lives in: ci — in CI configuration: not shipped in the app/);
  assert.match(md, /Why it still matters/);
  await lsp.setSettings({ where: ['app'] });
  await lsp.waitFor(uri, (x) => x.diagnostics.length === 0);
  await lsp.setSettings({});
  await lsp.waitFor(uri, (x) => x.diagnostics.length === 1);
  await lsp.close(uri);
});

test('a 20 MB document, a binary-looking one and a minified one are skipped with a message, not a crash', { timeout: 120_000 }, async () => {
  const big = 'val x = 1\n'.repeat(2_000_000);
  const bigUri = await lsp.open(join(dir, 'app/src/main/java/Big.kt'), big, 'kotlin');
  assert.deepEqual((await lsp.waitVersion(bigUri, 1, 30_000)).diagnostics, []);
  const bin = `\u0000\u0001\u0002PK\u0003\u0004${'\u0000'.repeat(5000)}acme-prod.firebaseio.com`;
  const binUri = await lsp.open(join(dir, 'app/src/main/res/raw/blob.json'), bin, 'json');
  assert.deepEqual((await lsp.waitVersion(binUri, 1)).diagnostics, []);
  const min = `var a="acme-prod.firebaseio.com";${'x=1;'.repeat(30_000)}\n`;
  const minUri = await lsp.open(join(dir, 'bundle.min.js'), min, 'javascript');
  assert.deepEqual((await lsp.waitVersion(minUri, 1)).diagnostics, []);
  const said = lsp.messages.map((m) => m.message).join('\n');
  assert.match(said, /skipped app\/src\/main\/java\/Big\.kt: \d+ KB is over leaklens\.maxFileSizeKb/);
  assert.match(said, /skipped app\/src\/main\/res\/raw\/blob\.json: it looks binary/);
  assert.match(said, /skipped bundle\.min\.js: it looks minified/);
  assert.ok(lsp.statuses.some((s) => /looks binary/.test(s.message ?? '')), 'also a leaklens/status notification');
  // an incremental edit into the 20 MB document is handled too, and the server still answers
  const v = await lsp.change(bigUri, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'val u = "acme-prod.firebaseio.com"\n' }]);
  await lsp.waitVersion(bigUri, v, 30_000);
  for (const u of [bigUri, binUri, minUri]) await lsp.close(u);
  const uri = await lsp.open(join(dir, KT), files[KT], 'kotlin');
  assert.equal((await lsp.waitVersion(uri, 1)).diagnostics.length, 3);
  assert.equal(lsp.messages.filter((m) => /Big\.kt/.test(m.message)).length, 1, 'told once');
  await lsp.close(uri);
  assert.ok(lsp.alive);
});

test('a document over the time budget is checked on save only, with one message', { timeout: 120_000 }, async () => {
  const slow = new LspClient({ LEAKLENS_TIME_BUDGET_MS: '1' });
  try {
    await slow.initialize(dir);
    const { text } = kotlinFile(); // ~700 KB: its scan takes well over 1 ms
    const uri = await slow.open(join(dir, 'app/src/main/java/Generated.kt'), text, 'kotlin');
    assert.equal((await slow.waitVersion(uri, 1)).diagnostics.length, 40);
    assert.ok(slow.messages.some((m) => /Generated\.kt took \d+ ms; it is now checked on save only/.test(m.message)), JSON.stringify(slow.messages));
    const v = await slow.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    await new Promise((r) => setTimeout(r, 500));
    assert.notEqual(slow.published.get(uri)!.version, v, 'not re-checked on change');
    await slow.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    assert.equal((await slow.waitVersion(uri, v)).diagnostics.length, 40);
    assert.equal(slow.messages.filter((m) => /on save only/.test(m.message)).length, 1, 'told once');
  } finally {
    await slow.dispose();
  }
});
