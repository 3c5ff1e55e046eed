import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createEngine } from '../../../server/src/core/engine';
import { isFirebaseRulesContext, missingRulesFindings, missingRulesService } from '../../../server/src/core/misconfig';
import type { Finding } from '../../../server/src/core/types';
import { EXAMPLES_DIR, scanExample } from '../../helpers/labels';

const engine = createEngine();
type Files = Record<string, string>;

const gs = (project: string) => JSON.stringify({
  project_info: { project_id: project, firebase_url: `https://${project}-default-rtdb.firebaseio.com`, storage_bucket: `${project}.appspot.com` },
}, null, 2);
const LOCKED = '{ "rules": { ".read": "auth != null", ".write": "auth != null" } }\n';
const STORAGE = "rules_version = '2';\nservice firebase.storage { match /b/{bucket}/o { match /{p=**} { allow read: if request.auth != null; } } }\n";

/** `firebase-rules-missing` findings of a project, as the CLI and the server compute them. */
function missing(files: Files, e = engine): Finding[] {
  const found = Object.entries(files).flatMap(([path, text]) => e.scanText(path, text).findings);
  const context = Object.entries(files).filter(([p]) => isFirebaseRulesContext(p)).map(([path, text]) => ({ path, text }));
  return e.missingRules(found, context, (p) => p in files);
}
const services = (fs: Finding[]) => fs.map((f) => `${f.location.file}:${f.location.line}:${missingRulesService(f)}`);

test('a database and a bucket with no rules in the project: one finding each, on the value, with its endpoint', () => {
  const files = { 'app/google-services.json': gs('acme') };
  const fs = missing(files);
  assert.deepEqual(services(fs), ['app/google-services.json:4:database', 'app/google-services.json:5:storage']);
  const url = engine.scanText('app/google-services.json', files['app/google-services.json']).findings.find((f) => f.ruleId === 'firebase-database-url')!;
  assert.deepEqual(fs[0].location, url.location, 'same range as the URL');
  assert.equal(fs[0].endpoint, url.endpoint, 'joins the same endpoint card');
  assert.equal(fs[0].severity, 'low');
  assert.match(fs[0].message, /^Realtime Database acme-default-rtdb ships in the app, but this project keeps no database rules/);
  assert.match(fs[1].message, /^Storage bucket acme\.appspot\.com ships/);
});

test('each file gets one finding per database, on its first occurrence', () => {
  const url = 'https://acme-default-rtdb.firebaseio.com';
  const fs = missing({
    'src/Config.kt': `val a = "${url}"\nval b = "${url}/users"\n`,
    'src/Other.kt': `val c = "${url}"\n`,
  });
  assert.deepEqual(services(fs), ['src/Config.kt:1:database', 'src/Other.kt:1:database']);
  assert.notEqual(fs[0].fingerprint, fs[1].fingerprint);
});

test('rules kept under their usual names cover their own service only, wherever they are', () => {
  assert.deepEqual(services(missing({ 'app/google-services.json': gs('acme'), 'firebase/database.rules.json': LOCKED })), ['app/google-services.json:5:storage']);
  assert.deepEqual(services(missing({ 'app/google-services.json': gs('acme'), 'storage.rules': STORAGE })), ['app/google-services.json:4:database']);
  assert.deepEqual(missing({ 'app/google-services.json': gs('acme'), 'database.rules.json': LOCKED, 'storage.rules': STORAGE }), []);
  // Firestore rules say nothing about the Realtime Database or Storage.
  assert.equal(missing({ 'app/google-services.json': gs('acme'), 'firestore.rules': 'service cloud.firestore {}', 'firebase.json': '{"firestore":{"rules":"firestore.rules"}}' }).length, 2);
});

test('rules named by firebase.json count only when the file is there', () => {
  const config = JSON.stringify({ database: { rules: 'rules/db.json' }, storage: [{ bucket: 'acme.appspot.com', rules: 'rules/files.rules' }] });
  assert.deepEqual(missing({ 'app/google-services.json': gs('acme'), 'firebase.json': config, 'rules/db.json': LOCKED, 'rules/files.rules': STORAGE }), []);
  assert.deepEqual(services(missing({ 'app/google-services.json': gs('acme'), 'firebase.json': config, 'rules/db.json': LOCKED })), ['app/google-services.json:5:storage']);
  // Paths are relative to the firebase.json's folder.
  const nested = JSON.stringify({ database: { rules: '../shared/db.json' } });
  assert.deepEqual(services(missing({ 'app/google-services.json': gs('acme'), 'backend/firebase.json': nested, 'shared/db.json': LOCKED })), ['app/google-services.json:5:storage']);
});

test('rules of another project, database instance or bucket do not cover this one', () => {
  const rc = (id: string) => JSON.stringify({ projects: { default: id } });
  const base = { 'app/google-services.json': gs('acme'), 'firebase/firebase.json': '{"database":{"rules":"database.rules.json"}}', 'firebase/database.rules.json': LOCKED };
  assert.equal(missing({ ...base, 'firebase/.firebaserc': rc('acme') }).length, 1, 'same project: only the bucket');
  assert.equal(missing({ ...base, 'firebase/.firebaserc': rc('other-project') }).length, 2, 'another project: both');
  const instance = (name: string) => JSON.stringify({ database: [{ instance: name, rules: 'database.rules.json' }] });
  assert.equal(missing({ 'app/google-services.json': gs('acme'), 'firebase.json': instance('acme-default-rtdb'), 'database.rules.json': LOCKED }).length, 1);
  assert.equal(missing({ 'app/google-services.json': gs('acme'), 'firebase.json': instance('acme-eu'), 'database.rules.json': LOCKED }).length, 2);
});

test('artifact entries and non-Firebase findings never get it', () => {
  const url = engine.scanText('a.kt', 'val a = "https://acme-default-rtdb.firebaseio.com"\n').findings[0];
  const inApk: Finding = { ...url, location: { ...url.location, file: 'app.apk', entry: 'classes.dex' } };
  assert.deepEqual(missingRulesFindings([inApk], [], () => false), []);
  assert.deepEqual(missing({ 'a.kt': 'val b = "https://acme-media.s3.amazonaws.com/x"\nval p = "acme"\n' }), []);
});

test('settings: off, severity override and the baseline apply', () => {
  const files = { 'app/google-services.json': gs('acme') };
  assert.deepEqual(missing(files, createEngine({ ruleSettings: { 'firebase-rules-missing': 'off' } })), []);
  assert.deepEqual(missing(files, createEngine({ ruleSettings: { 'firebase-rules-missing': 'high' } })).map((f) => f.severity), ['high', 'high']);
  const [db] = missing(files);
  assert.deepEqual(services(missing(files, createEngine({ baseline: [db.fingerprint] }))), ['app/google-services.json:5:storage']);
});

test('the Firebase example keeps its rules: nothing missing; the Android example keeps none', () => {
  for (const [name, expected] of [['firebase', 0], ['android', 5]] as const) {
    const fs = scanExample(join(EXAMPLES_DIR, name), engine).findings.filter((f) => f.ruleId === 'firebase-rules-missing');
    assert.equal(fs.length, expected, `${name}: ${services(fs).join(', ')}`);
  }
});
