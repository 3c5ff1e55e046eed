// The built CLI on the committed Android fixtures, as a user runs it: `leaklens scan app.apk`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cli, put, tempDir } from './cli-helpers';

const A = resolve('test/fixtures/android');

interface F { ruleId: string; value: string; location: { file: string; entry: string | null; line: number } }

test('scan an .apks: nested entries are reported as splits/base-master.apk!/…, no errors', () => {
  const r = cli(['scan', 'leaky.apks', '--format', 'json'], { cwd: A });
  assert.equal(r.stderr.includes('    at '), false, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: F[]; errors: unknown[] };
  assert.deepEqual(report.errors, []);
  assert.equal(report.findings.length, 14);
  assert.ok(report.findings.every((f) => f.location.file === 'leaky.apks' && f.location.entry?.startsWith('splits/base-master.apk!/')));
  const arsc = report.findings.find((f) => f.location.entry === 'splits/base-master.apk!/resources.arsc' && f.ruleId === 'google-api-key');
  assert.ok(arsc, 'the API key in resources.arsc');
});

test('scan an AAB in text format: one line per finding naming the entry', () => {
  const r = cli(['scan', 'leaky.aab', '--format', 'text'], { cwd: A });
  assert.match(r.stdout, /base\/dex\/classes\.dex/);
  assert.match(r.stdout, /firebase-database-url/);
  assert.equal(r.stderr.includes('    at '), false, r.stderr);
});

test('a truncated APK gives an errors item, not a crash; the full one its 14 findings', () => {
  const { dir, cleanup } = tempDir();
  try {
    const apk = readFileSync(`${A}/leaky.apk`);
    put(dir, { 'cut.apk': apk.subarray(0, apk.length - 100), 'full.apk': apk });
    const cut = cli(['scan', 'cut.apk', '--format', 'json'], { cwd: dir });
    assert.ok(cut.code === 0 || cut.code === 1, cut.stderr);
    const report = JSON.parse(cut.stdout) as { findings: F[]; errors: Array<{ file: string; message: string }> };
    assert.deepEqual(report.errors.map((e) => e.file), ['cut.apk']);
    assert.match(report.errors[0].message, /unreadable zip archive: end of central directory not found/);
    const full = JSON.parse(cli(['scan', 'full.apk', '--format', 'json'], { cwd: dir }).stdout) as { findings: F[] };
    assert.equal(full.findings.length, 14);
  } finally {
    cleanup();
  }
});

// A git clone of `acme/elaro.app` is a folder of sources, not an iOS bundle: walked as a project
// (its `.env.backup` read as a file, its migrations analysed), given as PATH or met in a walk.
// A built bundle copied anywhere is still scanned as one.
test('a project folder named x.app is walked as a project; a real .app bundle stays an artifact', () => {
  const { dir, cleanup } = tempDir();
  try {
    const project = {
      'package.json': '{ "name": "elaro" }\n',
      '.env.backup': 'EXPO_PUBLIC_SUPABASE_URL=https://qhzvkxtrmwpbnldyfcea.supabase.co\nEXPO_PUBLIC_FIREBASE_STORAGE_BUCKET=elaro-7f3a1.appspot.com\n',
      'supabase/migrations/20240101000000_init.sql': 'create table public.user_devices (id uuid primary key, token text);\n',
    };
    put(join(dir, 'elaro.app'), project);
    put(join(dir, 'work/clones/elaro.app'), project);
    cpSync(resolve('test/fixtures/apple/Demo.xcarchive/Products/Applications/Demo.app'), join(dir, 'work/Demo.app'), { recursive: true });
    const expected = [
      '.env.backup firebase-rules-missing', // a project-level judgement: only made for a project
      '.env.backup firebase-storage-bucket',
      '.env.backup supabase-url',
      'supabase/migrations/20240101000000_init.sql supabase-rls-disabled',
    ];
    const asPath = JSON.parse(cli(['scan', 'elaro.app', '--format', 'json'], { cwd: dir }).stdout) as { findings: F[]; errors: unknown[] };
    assert.deepEqual(asPath.findings.map((f) => `${f.location.file} ${f.ruleId}`).sort(), expected);
    assert.ok(asPath.findings.every((f) => f.location.entry === null));
    const walked = JSON.parse(cli(['scan', 'work', '--format', 'json'], { cwd: dir }).stdout) as { findings: F[] };
    const inClone = walked.findings.filter((f) => f.location.file.startsWith('clones/'));
    assert.deepEqual(inClone.map((f) => `${f.location.file.slice('clones/elaro.app/'.length)} ${f.ruleId}`).sort(), expected);
    const bundle = walked.findings.filter((f) => f.location.file === 'Demo.app');
    assert.ok(bundle.some((f) => f.location.entry === 'Demo' && f.ruleId === 'firebase-database-url'), 'the copied bundle is scanned as an artifact');
  } finally {
    cleanup();
  }
});
