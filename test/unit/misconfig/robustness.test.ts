import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { analyzeFile, analyzeProject, joinMisconfig, misconfigFixes } from '../../../server/src/core/misconfig';
import { createEngine } from '../../../server/src/core/engine';
import { firestore, scanFile } from './helpers';

const PATHS = [
  'database.rules.json', 'firestore.rules', 'storage.rules', 'supabase/migrations/1_init.sql',
  'amplify/backend/storage/s3/cli-inputs.json', 'amplify/storage/resource.ts', 'firebase.json', 'supabase/config.toml',
];

test('unterminated comments and strings end in one clear errors item, never a throw', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['firestore.rules', "service cloud.firestore { match /a/{b} { allow read: if true; } } /* open", /unterminated \/\* comment/],
    ['storage.rules', "service firebase.storage { match /b/{x}/o { allow read: if x == 'oops; } }", /unterminated string/],
    ['firestore.rules', 'service cloud.firestore { match /a/{b} { allow read', /missing closing \}/],
    ['database.rules.json', '{ "rules": { ".read": true, /* never closed', /not valid JSON/],
    ['database.rules.json', '{ "rules": { ".read": "auth != null', /not valid JSON/],
    ['amplify/storage/resource.ts', "defineStorage({ access: (allow) => ({ 'a/*': [allow.guest.to(['write", /unterminated string/],
    ['amplify/backend/storage/s3/cli-inputs.json', '{ "guestAccess": ["READ"', /not valid JSON/],
    ['supabase/migrations/1.sql', "create table t (id int);\ninsert into t values ('x", /unterminated string literal/],
    ['supabase/migrations/1.sql', 'create table t (id int);\ndo $body$ begin null; end', /unterminated dollar-quoted/],
    ['supabase/migrations/1.sql', 'create table t (id int);\n/* outer /* inner */ still open', /unterminated \/\* comment/],
  ];
  for (const [path, text, message] of cases) {
    const r = scanFile(path, text);
    assert.equal(r.errors.length, 1, `${path}: ${text}`);
    assert.match(r.errors[0].message, message);
    assert.equal(r.errors[0].file, path);
  }
});

test('JSON nested 5,000 deep gives an errors item (rules, Amplify, firebase.json, fixes, join)', () => {
  const deep = `{ "rules": ${'{ "a": '.repeat(5000)}true${' }'.repeat(5000)} }`;
  const r = scanFile('database.rules.json', deep);
  assert.deepEqual(r.findings, []);
  assert.match(r.errors[0].message, /nested deeper than 256 levels/);
  assert.match(scanFile('amplify/backend/storage/s3/cli-inputs.json', `{ "guestAccess": ${'['.repeat(5000)}${']'.repeat(5000)} }`).errors[0].message, /nested deeper/);
  const files = [{ path: 'firebase.json', text: deep }, { path: '.firebaserc', text: deep }, { path: 'google-services.json', text: deep }];
  assert.deepEqual(analyzeProject(files).findings, []);
  assert.deepEqual(joinMisconfig([], files), []);
  const f = scanFile('database.rules.json', '{ "rules": { ".read": true } }').findings[0];
  assert.deepEqual(misconfigFixes({ finding: f, path: 'database.rules.json', text: `{ "rules": { ".read": true } }${'['.repeat(5000)}`, readFile: () => undefined }), []);
});

test('deeply nested rules blocks and conditions end in an errors item or no finding', () => {
  const blocks = `service cloud.firestore { ${'match /a/{b} { '.repeat(5000)}allow read: if true;${' }'.repeat(5000)} }`;
  assert.match(scanFile('firestore.rules', blocks).errors[0].message, /nested deeper than 256/);
  const parens = firestore(`match /a/{b} { allow read: if ${'('.repeat(5000)}true${')'.repeat(5000)}; }`);
  assert.deepEqual(scanFile('firestore.rules', parens).errors, []);
  const rtdb = `{ "rules": { ".read": "${'('.repeat(5000)}true${')'.repeat(5000)}" } }`;
  assert.doesNotThrow(() => scanFile('database.rules.json', rtdb));
  const sql = `create table t (id int);\nalter table t enable row level security;\ncreate policy p on t for all using (${'('.repeat(5000)}true${')'.repeat(5000)});`;
  assert.equal(scanFile('supabase/migrations/1.sql', sql).findings.length, 1);
});

test('binary garbage in every format never throws', () => {
  for (let i = 0; i < 40; i++) {
    const bytes = randomBytes(2048 + i * 97);
    for (const text of [bytes.toString('latin1'), bytes.toString('utf8')]) {
      for (const path of PATHS) {
        const r = analyzeFile({ path, text });
        assert.ok(Array.isArray(r.findings) && Array.isArray(r.errors));
      }
      assert.doesNotThrow(() => analyzeProject(PATHS.map((path) => ({ path, text }))));
    }
  }
});

test('a 10,000-line rules file is analyzed in one pass', () => {
  const body: string[] = [];
  for (let i = 0; i < 2000; i++) {
    body.push(`    match /c${i}/{doc} {`, `      allow read: if request.auth != null && request.auth.uid == resource.data.owner; // not if true`,
      `      allow write: if ${i % 500 === 0 ? 'true' : 'false'};`, '    }', '');
  }
  const text = firestore(body.join('\n'));
  assert.ok(text.split('\n').length >= 10_000);
  const t0 = performance.now();
  const r = scanFile('firestore.rules', text);
  const ms = performance.now() - t0;
  console.log(`10k-line firestore.rules: ${ms.toFixed(1)} ms, ${r.findings.length} findings`);
  assert.deepEqual(r.findings.map((f) => f.ruleId), Array(4).fill('firebase-rules-public-write'));
});

test('the engine reads these files: isScannable and scanText route to the analyzers', () => {
  const engine = createEngine();
  for (const p of ['database.rules.json', 'firestore.rules', 'supabase/migrations/1.sql', 'supabase/config.toml', '.firebaserc',
    'amplify/backend/storage/x/cli-inputs.json', 'amplify/storage/resource.ts']) assert.ok(engine.isScannable(p), p);
  assert.deepEqual(engine.scanText('firestore.rules', firestore('match /{d=**} { allow write; }')).findings.map((f) => f.ruleId), ['firebase-rules-public-write']);
  assert.match(engine.describe('firebase-rules-auth-only')?.doc.why ?? '', /anonymous/i);
  assert.equal(createEngine({ ruleSettings: { 'firebase-rules-public-write': 'off' } }).scanText('firestore.rules', firestore('match /{d=**} { allow write; }')).findings.length, 0);
});
