// The built CLI on awkward file systems: single files, missing, unreadable, binary, huge, FIFOs,
// symlinks. Unreadable files: the tests run as root, for whom chmod 000 changes nothing, so when
// root the CLI is spawned as the unprivileged user 65534 ("nobody") — a real EACCES, not a mock.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { sarifErrors } from '../unit/report/sarif-schema';
import { CLI, cli, json, oneLineError, project, put, RTDB, RTDB_XML, tempDir } from './cli-helpers';

const tmp = tempDir();
after(() => tmp.cleanup());
const asUser = process.getuid?.() === 0 ? 65534 : undefined;
type F = { location: { file: string; line: number } };
type E = { file: string; message: string };

test('a single file: scanned whatever its extension, path relative to the current directory', () => {
  put(tmp.dir, { 'single/app/strings.xml': RTDB_XML, 'single/notes.txt': `db: ${RTDB}\n` });
  const r = json(cli(['scan', 'single/app/strings.xml', '--format', 'json'], { cwd: tmp.dir }));
  assert.equal(r.root, 'single/app/strings.xml');
  assert.deepEqual(r.findings.map((f: F) => [f.location.file, f.location.line]), [['single/app/strings.xml', 2]]);
  const txt = json(cli(['scan', 'single/notes.txt', '--format', 'json'], { cwd: tmp.dir }));
  assert.deepEqual(txt.findings.map((f: F) => f.location.file), ['single/notes.txt']);
});

test('a missing path, a dangling symlink and a FIFO given as PATH: exit 2, one line', () => {
  assert.equal(oneLineError(cli(['scan', 'does/not/exist'], { cwd: tmp.dir })), 'leaklens: cannot scan "does/not/exist": no such file or folder');
  symlinkSync(join(tmp.dir, 'nowhere.json'), join(tmp.dir, 'dangling.json'));
  assert.match(oneLineError(cli(['scan', 'dangling.json'], { cwd: tmp.dir })), /cannot scan "dangling\.json": no such file or folder/);
  execFileSync('mkfifo', [join(tmp.dir, 'pipe.json')]);
  assert.match(oneLineError(cli(['scan', 'pipe.json'], { cwd: tmp.dir })), /cannot scan "pipe\.json": not a regular file or folder/);
});

test('unreadable file as PATH: exit 2; inside a folder: an error item, the rest still scanned', () => {
  const { dir, cleanup } = tempDir();
  try {
    project(dir);
    put(dir, { 'secret/config.json': `{"url": "${RTDB}"}` });
    chmodSync(join(dir, 'secret/config.json'), 0o000);
    // The user may not be able to read the checkout (CI clones anywhere): run a copy of the bundle.
    const bundle = join(tmp.dir, 'cli-copy.js');
    copyFileSync(CLI, bundle);
    chmodSync(bundle, 0o644);
    const direct = cli(['scan', 'secret/config.json'], { cwd: dir, uid: asUser, bundle });
    assert.equal(oneLineError(direct), 'leaklens: cannot scan "secret/config.json": permission denied');
    const r = cli(['scan', '.', '--format', 'json'], { cwd: dir, uid: asUser, bundle });
    assert.equal(r.code, 0, r.stderr);
    const report = json(r);
    assert.deepEqual(report.errors, [{ file: 'secret/config.json', entry: null, message: 'cannot read file (permission denied); skipped' }]);
    assert.equal(report.findings.length, 2);
  } finally {
    cleanup();
  }
});

test('binary file, FIFO and dangling symlink inside a folder: skipped with an error item each, no hang', () => {
  const { dir, cleanup } = tempDir();
  try {
    project(dir);
    put(dir, { 'ios/Info.plist': Buffer.concat([Buffer.from('<?xml'), Buffer.alloc(64), Buffer.from(RTDB)]) });
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    symlinkSync(join(dir, 'gone.xml'), join(dir, 'broken.xml'));
    const r = cli(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = json(r);
    assert.deepEqual(report.errors.map((e: E) => [e.file, e.message]), [
      ['broken.xml', 'dangling symbolic link; skipped'],
      ['fifo.json', 'not a regular file; skipped'],
      ['ios/Info.plist', 'binary file (not text in the first 8 KB); skipped'],
    ]);
    assert.equal(report.findings.length, 2);
  } finally {
    cleanup();
  }
});

test('compiled files (a binary plist in a folder, a DEX or a shared library named as PATH) are read as artifacts, not skipped', () => {
  const { dir, cleanup } = tempDir();
  try {
    put(dir, {
      'ios/Runner/Info.plist': readFileSync('test/fixtures/apple/Info.bplist'),
      'classes.dex': readFileSync('examples/android/tools/apk-parts/classes.dex'),
      'libleaky.so': readFileSync('test/fixtures/native/x86_64-libleaky.so'),
    });
    const folder = json(cli(['scan', 'ios', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(folder.errors, []);
    assert.ok(folder.findings.length > 0 && folder.findings.every((f: F) => f.location.file === 'Runner/Info.plist'), JSON.stringify(folder.findings));
    for (const named of ['classes.dex', 'libleaky.so']) {
      const r = json(cli(['scan', named, '--format', 'json', '--fail-on', 'none'], { cwd: dir }));
      assert.deepEqual(r.errors, [], named);
      assert.ok(r.findings.length > 0 && r.findings.every((f: F) => f.location.file === named), named);
    }
    // the same strings as inside an APK: a DEX named as PATH gives what the example APK's classes.dex gives
    const dex = json(cli(['scan', 'classes.dex', '--format', 'json', '--fail-on', 'none'], { cwd: dir }));
    assert.ok(dex.findings.some((f: { ruleId: string }) => f.ruleId === 'aws-secret-access-key'));
  } finally {
    cleanup();
  }
});

test('symlinks: a file link out of the root is not followed (error item), one inside is; folder links never', () => {
  const { dir, cleanup } = tempDir();
  try {
    put(dir, { 'outside/leak.js': `x = "${RTDB}"\n`, 'root/app/real.js': `y = "https://acme-other-default-rtdb.firebaseio.com"\n` });
    const root = join(dir, 'root');
    symlinkSync(join(dir, 'outside/leak.js'), join(root, 'out-link.js'));
    symlinkSync(join(dir, 'outside'), join(root, 'out-dir'));
    symlinkSync(join(root, 'app/real.js'), join(root, 'in-link.js'));
    symlinkSync(root, join(root, 'app/loop'));
    const report = json(cli(['scan', 'root', '--format', 'json'], { cwd: dir }));
    const urls = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'firebase-database-url');
    assert.deepEqual(urls.map((f: F & { value: string }) => [f.location.file, f.value]), [
      ['app/real.js', 'acme-other-default-rtdb.firebaseio.com'],
      ['in-link.js', 'acme-other-default-rtdb.firebaseio.com'],
    ]);
    assert.deepEqual(report.errors.map((e: E) => [e.file, e.message]), [['out-link.js', 'symbolic link points outside the scanned folder; not followed; skipped']]);
  } finally {
    cleanup();
  }
});

test('a 20 MB file: skipped by size by default, scanned when --max-file-size allows', (t) => {
  const { dir, cleanup } = tempDir();
  try {
    const line = 'var config_value_000000 = "lorem ipsum dolor sit amet consectetur";\n';
    const body = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
    writeFileSync(join(dir, 'bundle.js'), `${body}var db = "${RTDB}";\n`);
    const skipped = cli(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.deepEqual(json(skipped).errors, [{ file: 'bundle.js', entry: null, message: 'file is 20481 KB, over the 1024 KB limit (--max-file-size); skipped' }]);
    const scanned = cli(['scan', '.', '--format', 'json', '--max-file-size', '30000'], { cwd: dir });
    assert.equal(scanned.code, 0, scanned.stderr);
    const report = json(scanned);
    assert.deepEqual(report.errors, []);
    // the URL, and that this folder keeps no rules for its database (firebase-rules-missing), on the same line
    assert.deepEqual(report.findings.map((f: F & { ruleId: string }) => [f.ruleId, f.location.line]), [
      ['firebase-database-url', body.split('\n').length], ['firebase-rules-missing', body.split('\n').length],
    ]);
    // how long is for the bench; a scan that never ends is stopped by cli()'s spawn timeout (null code)
    t.diagnostic(`20 MB: skipped in ${skipped.ms} ms, scanned in ${scanned.ms} ms`);
  } finally {
    cleanup();
  }
});

test('artifacts: a real APK zip gives findings with its entry; a truncated one an error item, not a crash', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const zip = new JSZip();
    zip.file('res/raw/config.json', `{"db": "${RTDB}"}`);
    put(dir, {
      'release/app-release.apk': await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
      'bad.apk': Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('truncated local header')]),
    });
    const r = cli(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = json(r);
    assert.deepEqual(report.findings.map((f: F & { location: { entry: string } }) => [f.location.file, f.location.entry]), [['release/app-release.apk', 'res/raw/config.json']]);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].file, 'bad.apk');
    const sarif = json(cli(['scan', 'release/app-release.apk', '--format', 'sarif'], { cwd: dir }));
    assert.deepEqual(sarifErrors(sarif), []);
    assert.equal(sarif.runs[0].results[0].properties.entry, 'res/raw/config.json');
  } finally {
    cleanup();
  }
});

test('Supabase migrations are analyzed together: RLS enabled in a later migration counts', () => {
  const { dir, cleanup } = tempDir();
  try {
    put(dir, {
      'supabase/migrations/20240101000000_init.sql': 'create table public.notes (id bigint primary key, body text);\n',
      'supabase/migrations/20240102000000_rls.sql': 'alter table public.notes enable row level security;\n',
    });
    const rls = (cwd: string) => json(cli(['scan', '.', '--format', 'json'], { cwd })).findings.filter((f: { ruleId: string }) => f.ruleId === 'supabase-rls-disabled');
    assert.deepEqual(rls(dir), []);
    put(dir, { 'supabase/migrations/20240103000000_more.sql': 'create table public.secrets (id bigint primary key);\n' });
    assert.deepEqual(rls(dir).map((f: F) => f.location.file), ['supabase/migrations/20240103000000_more.sql']);
  } finally {
    cleanup();
  }
});

test('a rules file that firebase.json names under another name is analyzed', () => {
  const { dir, cleanup } = tempDir();
  try {
    put(dir, {
      'firebase.json': '{"database": {"rules": "config/db-rules.json"}}',
      'config/db-rules.json': '{"rules": {".read": true, ".write": false}}',
    });
    const r = cli(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1, 'a high finding fails the default --fail-on');
    assert.deepEqual(json(r).findings.map((f: F & { ruleId: string }) => [f.ruleId, f.location.file]), [['firebase-rules-public-read', 'config/db-rules.json']]);
  } finally {
    cleanup();
  }
});
