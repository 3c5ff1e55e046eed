// The shared scan pipeline fed by in-memory sources (what git's staged blobs, diffs and history
// hand it): text and bytes fragments, a source's own filter, the project-level steps once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../../server/src/core/engine';
import type { Fragment } from '../../../server/src/core/pipeline/fragment';
import { runPipeline } from '../../../server/src/cli/pipeline';

const engine = createEngine();
const options = { engine, engineConfig: { ruleSettings: {}, baseline: [] }, maxBytes: 1024 * 1024 };
const RTDB = (name: string) => `https://${name}-default-rtdb.firebaseio.com`;

test('text fragments: findings in fragment order, each named by its path', async () => {
  const fragments: Fragment[] = [
    { kind: 'text', path: 'b/Config.kt', text: `val db = "${RTDB('beta')}"\n` },
    { kind: 'text', path: 'a/main.dart', text: `final db = '${RTDB('alpha')}';\n` },
  ];
  const { findings, errors } = await runPipeline(fragments, options);
  assert.deepEqual(errors, []);
  assert.deepEqual(findings.map((f) => [f.location.file, f.value]), [
    ['b/Config.kt', 'beta-default-rtdb.firebaseio.com'],
    ['a/main.dart', 'alpha-default-rtdb.firebaseio.com'],
  ]);
});

test("a fragment's keep filter drops the findings its source does not own (a diff's unchanged lines)", async () => {
  const text = `val old = "${RTDB('old')}"\nval added = "${RTDB('added')}"\n`;
  const { findings } = await runPipeline([{ kind: 'text', path: 'App.kt', text, origin: { source: 'git-diff', revision: 'HEAD~1' }, keep: (f) => f.location.line === 2 }], options);
  assert.deepEqual(findings.map((f) => f.value), ['added-default-rtdb.firebaseio.com']);
});

test('bytes fragments: text scanned as text, an APK as an artifact, other binaries and oversized text as errors', async () => {
  const apk = readFileSync('test/fixtures/android/leaky.apk');
  const fragments: Fragment[] = [
    { kind: 'bytes', path: 'strings.xml', bytes: Buffer.from(`<resources><string name="u">${RTDB('bytes')}</string></resources>`) },
    { kind: 'bytes', path: 'leaky.apk', bytes: apk },
    { kind: 'bytes', path: 'blob.bin', bytes: Buffer.from([1, 0, 2, 3]) },
    { kind: 'bytes', path: 'big.xml', bytes: Buffer.alloc(2048, 0x61) },
  ];
  const { findings, errors } = await runPipeline(fragments, { ...options, maxBytes: 1024 });
  assert.equal(findings[0].location.file, 'strings.xml');
  assert.ok(findings.some((f) => f.location.file === 'leaky.apk' && f.location.entry), 'findings inside the APK name their entry');
  assert.deepEqual(errors.map((e) => e.file), ['blob.bin', 'big.xml']);
  assert.match(errors[0].message, /binary file/);
  assert.match(errors[1].message, /over the 1 KB limit/);
});

test('project-level steps run once: a rules file firebase.json names is read through the hook and joined', async () => {
  const fragments: Fragment[] = [
    { kind: 'text', path: 'firebase.json', text: '{ "database": { "rules": "config/db.rules.json" } }' },
    { kind: 'text', path: 'app/google-services.json', text: JSON.stringify({ project_info: { project_id: 'acme', firebase_url: RTDB('acme') } }) },
  ];
  const asked: string[] = [];
  const { findings } = await runPipeline(fragments, options, {
    readNamedFile: (path) => { asked.push(path); return '{ "rules": { ".read": true, ".write": false } }'; },
  });
  assert.deepEqual(asked, ['config/db.rules.json']);
  const open = findings.find((f) => f.ruleId === 'firebase-rules-public-read');
  assert.ok(open, 'the named rules file was analyzed');
  assert.equal(open.location.file, 'config/db.rules.json');
  assert.ok(open.related?.some((r) => r.location.file === 'app/google-services.json'), 'joined to the database the app ships');
});

test('the same finding reached by two fragments is reported once; skipped fragments are errors in place', async () => {
  const text = `val db = "${RTDB('twice')}"\n`;
  const { findings, errors } = await runPipeline([
    { kind: 'text', path: 'A.kt', text },
    { kind: 'skipped', path: 'link.kt', reason: 'dangling symbolic link' },
    { kind: 'text', path: 'A.kt', text },
  ], options);
  assert.equal(findings.length, 1);
  assert.deepEqual(errors, [{ file: 'link.kt', entry: null, message: 'dangling symbolic link; skipped' }]);
});
