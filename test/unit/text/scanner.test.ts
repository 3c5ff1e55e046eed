import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../../server/src/core/engine';
import { decodeText, looksBinary } from '../../../server/src/core/text/sniff';

const engine = createEngine();

test('a value split by concatenation across lines is found with its original range', () => {
  const text = 'val a = 1\nval u = "https://acme-" +\n    "eu.europe-west1.firebasedatabase.app"\n';
  const [f] = engine.scanText('app/src/main/java/Db.kt', text).findings;
  assert.equal(f.ruleId, 'firebase-database-url');
  assert.equal(f.value, 'acme-eu.europe-west1.firebasedatabase.app');
  assert.deepEqual([f.location.line, f.location.column, f.location.endLine], [2, 18, 3]);
  assert.equal(text.split('\n')[2].slice(f.location.endColumn - 1 - 'firebasedatabase.app'.length, f.location.endColumn - 1), 'firebasedatabase.app');
});

test('xcconfig $() trick still yields the value', () => {
  const text = 'DB_URL = https:/$()/acme-prod.firebaseio.com\n';
  const r = engine.scanText('ios/Config/Release.xcconfig', text);
  assert.deepEqual(r.findings.map((f) => f.value), ['acme-prod.firebaseio.com']);
});

test('suppression comment on the line above hides only the named rule', () => {
  const text = '// leaklens-ignore-next-line firebase-database-url\nx = "a1-prod.firebaseio.com"\ny = "b2-prod.firebaseio.com"\n';
  assert.deepEqual(engine.scanText('a.js', text).findings.map((f) => f.location.line), [3]);
});

test('rule settings turn a rule off or change its severity; baseline hides by fingerprint', () => {
  const text = 'x = "acme-prod.firebaseio.com"\n';
  assert.equal(createEngine({ ruleSettings: { 'firebase-database-url': 'off' } }).scanText('a.js', text).findings.length, 0);
  assert.equal(createEngine({ ruleSettings: { 'firebase-database-url': 'high' } }).scanText('a.js', text).findings[0].severity, 'high');
  const fp = engine.scanText('a.js', text).findings[0].fingerprint;
  assert.equal(createEngine({ baseline: [fp] }).scanText('a.js', text).findings.length, 0);
  assert.equal(createEngine({ baseline: [fp] }).scanText('b.js', text).findings.length, 1, 'fingerprint is per file');
});

test('an artifact entry with thousands of URLs: each reported once, a value found twice (pattern and pair) once', () => {
  const urls = Array.from({ length: 5000 }, (_, i) => `https://acme-${i}-default-rtdb.firebaseio.com`);
  const r = engine.scanText('assets/urls.txt', urls.join('\n'), { kind: 'text', entry: 'assets/urls.txt', reportFile: 'app.apk' });
  assert.equal(r.findings.length, 5000);
  assert.equal(new Set(r.findings.map((f) => f.location.line)).size, 5000);
  const pair = engine.scanText('app/config.properties', 'DB_URL=acme-prod.firebaseio.com\n');
  assert.deepEqual(pair.findings.map((f) => f.ruleId), ['firebase-database-url']);
});

test('mayFind: false only for bytes whose text scanText finds nothing in (every file of examples/); misconfiguration inputs always true', () => {
  const root = join(__dirname, '../../../examples');
  let skipped = 0;
  let files = 0;
  for (const rel of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const abs = join(root, rel);
    if (!statSync(abs).isFile() || statSync(abs).size > 1024 * 1024) continue;
    const bytes = readFileSync(abs);
    if (looksBinary(bytes)) continue;
    files++;
    if (engine.mayFind(rel, bytes)) continue;
    skipped++;
    assert.deepEqual(engine.scanText(rel, decodeText(bytes)).findings, [], rel);
  }
  assert.ok(files > 50 && skipped >= 5, `${skipped} of ${files} files judged empty`);
  // a rules file holds no keyword, yet the misconfiguration analyzer reads it
  const rules = Buffer.from('service cloud.firestore {\n  match /databases/{db}/documents {\n    allow read, write: if true;\n  }\n}\n');
  assert.equal(engine.mayFind('firestore.rules', rules), true);
  assert.ok(engine.scanText('firestore.rules', rules.toString()).findings.length > 0);
  // UTF-16 text is not judged from its bytes
  assert.equal(engine.mayFind('Localizable.strings', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('"k" = "v";', 'utf16le')])), true);
});
