import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinMisconfig } from '../../../server/src/core/misconfig';
import { createEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';
import { EXAMPLES_DIR, readProject } from '../../helpers/labels';

const engine = createEngine();
const scan = (files: Array<{ path: string; text: string }>) => engine.scanProject(files).findings;
const find = (fs: Finding[], ruleId: string, file?: string) => fs.find((f) => f.ruleId === ruleId && (!file || f.location.file === file))!;

const RULES = '{\n  "rules": {\n    ".read": true\n  }\n}\n';
const gs = (project: string) => JSON.stringify({ project_info: { project_id: project, firebase_url: `https://${project}-default-rtdb.firebaseio.com`, storage_bucket: `${project}.appspot.com` } }, null, 2);

test('the Firebase example: RTDB URL and bucket in the app link to the open rules, both ways', () => {
  const root = join(EXAMPLES_DIR, 'firebase');
  const files = readProject(root, engine.isScannable);
  const joined = joinMisconfig(scan(files), files);
  const url = find(joined, 'firebase-database-url');
  assert.ok(url.related!.some((r) => r.message === 'open because of database.rules.json:14 (firebase-rules-public-read)'));
  assert.ok(url.related!.every((r) => r.location.file === 'database.rules.json'));
  const bucket = find(joined, 'firebase-storage-bucket');
  assert.deepEqual(bucket.related!.map((r) => r.location.file), ['storage.rules']);
  const project = find(joined, 'firebase-project-id');
  assert.ok(project.related!.every((r) => r.location.file === 'firestore.rules'));
  const rule = joined.find((f) => f.ruleId === 'firebase-rules-public-write' && f.location.file === 'database.rules.json')!;
  assert.match(rule.related![0].message, /^Database pocketchef-demo-default-rtdb referenced at android\/app\/google-services\.json:4/);
  assert.equal(find(joined, 'firebase-rules-auth-only').related, undefined, 'auth-only rules are not "open"');
  assert.equal(readFileSync(join(root, 'database.rules.json'), 'utf8').split('\n')[13].trim(), '".read": true,');
});

test('pure: input findings are not mutated, order and count are kept', () => {
  const files = [{ path: 'database.rules.json', text: RULES }, { path: 'app/google-services.json', text: gs('acme') }];
  const findings = scan(files);
  const before = JSON.stringify(findings);
  const joined = joinMisconfig(findings, files);
  assert.equal(JSON.stringify(findings), before);
  assert.deepEqual(joined.map((f) => f.fingerprint), findings.map((f) => f.fingerprint));
});

test('a single Firebase project in the workspace links without firebase.json or .firebaserc', () => {
  const joined = joinMisconfig(scan([{ path: 'database.rules.json', text: RULES }, { path: 'app/google-services.json', text: gs('acme') }]));
  assert.equal(find(joined, 'firebase-database-url').related?.length, 1);
});

test('two projects: rules link only to the project named by .firebaserc', () => {
  const files = [
    { path: 'backend/database.rules.json', text: RULES },
    { path: 'backend/firebase.json', text: '{ "database": { "rules": "database.rules.json" } }' },
    { path: 'backend/.firebaserc', text: '{ "projects": { "default": "acme-prod" } }' },
    { path: 'android/prod/google-services.json', text: gs('acme-prod') },
    { path: 'android/staging/google-services.json', text: gs('acme-staging') },
  ];
  const joined = joinMisconfig(scan(files), files);
  assert.equal(find(joined, 'firebase-database-url', 'android/prod/google-services.json').related?.length, 1);
  assert.equal(find(joined, 'firebase-database-url', 'android/staging/google-services.json').related, undefined);
});

test('two projects and no way to tell which: nothing is linked', () => {
  const files = [
    { path: 'database.rules.json', text: RULES },
    { path: 'a/google-services.json', text: gs('one') },
    { path: 'b/google-services.json', text: gs('two') },
  ];
  assert.ok(joinMisconfig(scan(files), files).every((f) => f.related === undefined));
});

test('firebase.json instance name matches the database name exactly; rules with another file name are found', () => {
  const files = [
    { path: 'firebase.json', text: '{ "database": [{ "instance": "acme-eu", "rules": "rules/eu.json" }] }' },
    { path: 'rules/eu.json', text: RULES },
    { path: 'app/src/main/res/values/strings.xml', text: '<resources>\n  <string name="db">https://acme-eu.europe-west1.firebasedatabase.app</string>\n  <string name="db2">https://acme-default-rtdb.firebaseio.com</string>\n</resources>\n' },
  ];
  const findings = scan(files);
  assert.ok(findings.some((f) => f.ruleId === 'firebase-rules-public-read' && f.location.file === 'rules/eu.json'), 'analyzeProject reads rules named by firebase.json');
  const urls = joinMisconfig(findings, files).filter((f) => f.ruleId === 'firebase-database-url');
  assert.deepEqual(urls.map((f) => f.related?.length ?? 0), [1, 0]);
});

test('findings of other rules and providers pass through untouched', () => {
  const f: Finding = { ruleId: 'aws-s3-bucket', severity: 'low', provider: 'aws', message: 'm', value: 'b', fingerprint: 'x',
    location: { file: 'a', line: 1, column: 1, endLine: 1, endColumn: 2, entry: null } };
  assert.equal(joinMisconfig([f])[0], f);
});

test('expired test mode is not linked (it denies everyone now); open test mode is', () => {
  const rules = (ms: number) => `{\n  "rules": {\n    ".read": "now < ${ms}"\n  }\n}\n`;
  const app = { path: 'app/google-services.json', text: gs('acme') };
  const url = (ms: number) => find(joinMisconfig(scan([{ path: 'database.rules.json', text: rules(ms) }, app])), 'firebase-database-url');
  assert.equal(url(1704067200000).related, undefined);
  assert.equal(url(4102444800000).related?.length, 1);
});
