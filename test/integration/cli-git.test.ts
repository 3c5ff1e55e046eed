// `leaklens scan --staged / --diff / --history` on real temporary repositories, the CLI spawned as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, json } from './cli-helpers';
import { gitEnv, tempRepo } from '../helpers/gitRepo';

const AWS_ID = 'AKIAQ3EGUCVPZW4XNBJR';
const AWS_ID_2 = 'AKIAZ7TQ3PLM5XW2RN8C';
const AWS_ID_3 = 'AKIAW4RT6YU8IO2PL5KJ';
const SECRET = 'kW9xTq2Lm8vN4rB7yP1sD6fG3hJ0cZ5aE8uI2oK4';
const run = (dir: string, args: string[]) => cli(['scan', ...args], { cwd: dir, env: gitEnv() });
const values = (out: string) => (json({ code: 0, stdout: out, stderr: '', ms: 0 }).findings as Array<{ value: string }>).map((f) => f.value);

test('--staged: the index version of staged files; unstaged and untracked secrets are not reported', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'app/build.gradle': 'android {}\n', 'app/aws.properties': 'region=eu-west-1\n' });
  repo.commit('init', { all: true });
  repo.write({ 'app/aws.properties': `region=eu-west-1\naws_access_key_id=${AWS_ID}\n` });
  repo.git('add', 'app/aws.properties');
  // after staging: the work tree drops the key again, and gains another one that is not staged
  repo.write({ 'app/aws.properties': `region=eu-west-1\naws_access_key_id=${AWS_ID_2}\n`, 'untracked.properties': `aws_access_key_id=${AWS_ID_3}\n` });

  const r = run(repo.dir, ['--staged', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr); // aws-access-key-id is high: at the default --fail-on high
  assert.deepEqual(values(r.stdout), [AWS_ID]);
  assert.equal(json(r).findings[0].location.line, 2);
  assert.equal(json(r).findings[0].commit, undefined, 'a staged finding has no commit yet');

  repo.git('reset', '-q'); // unstage: nothing staged, nothing to report, whatever the work tree holds
  const clean = run(repo.dir, ['--staged']);
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, /No findings/);
});

test('--staged: only what the commit adds; a secret already committed in the same file is not the commit\'s', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'aws.properties': `aws_access_key_id=${AWS_ID}\n` });
  repo.commit('old leak', { all: true });
  repo.write({ 'aws.properties': `aws_access_key_id=${AWS_ID}\nregion=eu-west-1\n` });
  repo.git('add', '-A');
  const r = run(repo.dir, ['--staged', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(values(r.stdout), []);
  // the folder scan does see it (the history scan would too)
  assert.deepEqual(values(run(repo.dir, ['.', '--format', 'json']).stdout), [AWS_ID]);
});

test('--staged in a repository without commits: every staged file is new', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'keys.properties': `aws_access_key_id=${AWS_ID}\n` });
  repo.git('add', '-A');
  const r = run(repo.dir, ['--staged', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(values(r.stdout), [AWS_ID]);
});

test('--diff REF: findings on lines the branch adds since its merge base; old leaks and the base branch\'s later ones are not reported', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'config/old.properties': `aws_access_key_id=${AWS_ID}\n`, 'config/app.properties': 'name=acme\n' });
  repo.commit('old leak on main', { all: true });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write({ 'config/app.properties': `name=acme\naws_access_key_id=${AWS_ID_2}\n` });
  repo.commit('feature adds a key', { all: true });
  repo.git('checkout', '-q', 'main');
  repo.write({ 'config/later.properties': `aws_access_key_id=${AWS_ID_3}\n` });
  repo.commit('main moves on', { all: true });
  repo.git('checkout', '-q', 'feature');

  const r = run(repo.dir, ['--diff', 'main', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const report = json(r);
  assert.deepEqual(report.findings.map((f: { value: string; location: { file: string; line: number } }) => [f.value, f.location.file, f.location.line]), [[AWS_ID_2, 'config/app.properties', 2]]);
  // uncommitted changes are not part of a pull request
  repo.write({ 'config/app.properties': `name=acme\naws_access_key_id=${AWS_ID_2}\nsecret=${AWS_ID_3}\n` });
  assert.deepEqual(values(run(repo.dir, ['--diff', 'main', '--format', 'json']).stdout), [AWS_ID_2]);
  // the branch against itself adds nothing
  const none = run(repo.dir, ['--diff', 'HEAD']);
  assert.equal(none.code, 0, none.stderr);
});

test('--diff: a subfolder PATH scans its part of the repository, paths relative to it', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'android/app.properties': 'x=1\n', 'ios/app.properties': 'x=1\n' });
  const base = repo.commit('init', { all: true });
  repo.write({ 'android/app.properties': `x=1\naws_access_key_id=${AWS_ID}\n`, 'ios/app.properties': `x=1\naws_access_key_id=${AWS_ID_2}\n` });
  repo.commit('keys', { all: true });
  const r = run(repo.dir, ['--diff', base, 'android', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(json(r).findings.map((f: { location: { file: string } }) => f.location.file), ['app.properties']);
  assert.equal(json(r).root, 'android');
});

test('--history: a key added then deleted is found with the commit that introduced it; each value once; inHead', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'README.md': 'hello\n', 'app/src/main/res/values/strings.xml': '<resources><string name="app">Acme</string></resources>\n' });
  repo.commit('init', { all: true });
  repo.write({ 'app/aws.properties': `aws_access_key_id=${AWS_ID}\naws_secret_access_key=${SECRET}\n` });
  const added = repo.commit('add AWS keys', { all: true, author: 'Mallory Dev <mallory@example.test>', date: '2024-03-05T10:20:30+01:00' });
  repo.write({ 'app/aws.properties': `aws_access_key_id=${AWS_ID}\naws_secret_access_key=${SECRET}\nregion=eu-west-1\n` }); // seen again: still once
  repo.commit('region', { all: true });
  repo.git('rm', '-q', 'app/aws.properties');
  repo.commit('remove the keys', { all: true });
  repo.write({ 'app/keep.properties': `aws_access_key_id=${AWS_ID_2}\n` });
  const kept = repo.commit('a key that stays', { all: true, date: '2024-04-01T00:00:00Z' });

  const r = run(repo.dir, ['--history', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const report = json(r);
  const byValue = new Map(report.findings.map((f: { value: string }) => [f.value, f]));
  assert.equal(report.findings.length, 3, JSON.stringify(report.findings.map((f: { value: string }) => f.value)));
  const id = byValue.get(AWS_ID) as { commit: unknown; inHead: boolean; location: { file: string; line: number } };
  assert.deepEqual(id.commit, { sha: added, date: '2024-03-05T10:20:30+01:00', author: 'Mallory Dev' });
  assert.equal(id.inHead, false);
  assert.deepEqual([id.location.file, id.location.line], ['app/aws.properties', 1]);
  const secret = byValue.get(`${SECRET.slice(0, 8)}…`) as { ruleId: string; commit: { sha: string }; inHead: boolean };
  assert.equal(secret.ruleId, 'aws-secret-access-key');
  assert.equal(secret.commit.sha, added);
  const stays = byValue.get(AWS_ID_2) as { commit: { sha: string }; inHead: boolean };
  assert.equal(stays.commit.sha, kept);
  assert.equal(stays.inHead, true);

  // --since: only values the later commits bring (the keys were already there at `added`)
  const since = run(repo.dir, ['--history', '--since', added, '--format', 'json']);
  assert.deepEqual(values(since.stdout), [AWS_ID_2]);
  assert.deepEqual(json(since).findings[0].commit.sha, kept);
  const text = run(repo.dir, ['--history']);
  assert.match(text.stdout, new RegExp(`introduced in ${added.slice(0, 12)} \\(2024-03-05, Mallory Dev\\); no longer in HEAD, still in git history`));
});

test('--history: SARIF and HTML carry the commit; binary blobs and oversized files get one error each', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'keys.properties': `aws_access_key_id=${AWS_ID}\n`, 'data.json': Buffer.from([0x7b, 0, 1, 2, 0x7d]), 'big.properties': `x=${'y'.repeat(3000)}\n` });
  const sha = repo.commit('init', { all: true });
  repo.write({ 'data.json': Buffer.from([0x7b, 0, 3, 4, 0x7d]) });
  repo.commit('binary again', { all: true });
  const sarif = json(run(repo.dir, ['--history', '--format', 'sarif', '--max-file-size', '2']));
  const [result] = sarif.runs[0].results;
  assert.deepEqual(result.properties.commit, { sha, date: '2024-01-01T00:00:00+00:00', author: 'Dev One' });
  assert.equal(result.properties.inHead, true);
  assert.match(result.message.text, /introduced in [0-9a-f]{12} \(2024-01-01, Dev One\); still in HEAD/);
  const r = run(repo.dir, ['--history', '--format', 'json', '--max-file-size', '2']);
  assert.deepEqual(json(r).errors.map((e: { file: string; message: string }) => `${e.file}: ${e.message.replace(/[0-9a-f]{12}/, 'SHA')}`).sort(), [
    'big.properties: file is 3 KB, over the 2 KB limit (--max-file-size); skipped (commit SHA)',
    'data.json: binary file (not text in the first 8 KB); skipped (commit SHA)',
  ]);
  const html = run(repo.dir, ['--history', '--format', 'html']).stdout;
  assert.match(html, /introduced in [0-9a-f]{12} \(2024-01-01, Dev One\); still in HEAD/);
});

test('user errors: not a repository, unknown revision, shallow clone, wrong combinations (one line, exit 2)', (t) => {
  const plain = mkdtempSync(join(tmpdir(), 'leaklens-nogit-'));
  const repo = tempRepo();
  t.after(() => { rmSync(plain, { recursive: true, force: true }); repo.cleanup(); });
  for (const mode of [['--staged'], ['--diff', 'main'], ['--history']]) {
    const r = run(plain, mode);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'leaklens: "." is not in a git repository (--staged, --diff and --history read git)\n');
  }
  repo.write({ 'a.properties': 'x=1\n' });
  repo.commit('one', { all: true });
  const cases: Array<[string[], RegExp]> = [
    [['--diff', 'no-such-branch'], /^leaklens: --diff: unknown revision "no-such-branch"\n$/],
    [['--history', '--since', 'nope'], /^leaklens: --since: unknown revision "nope"\n$/],
    [['--staged', '--history'], /^leaklens: --staged and --history cannot be combined: pick one\n$/],
    [['--since', 'main'], /^leaklens: --since needs --history\n$/],
    [['--staged', '.', 'other'], /^leaklens: --staged scans one folder of a git repository, not 2 PATHs\n$/],
    [['--staged', 'a.properties'], /^leaklens: --staged scans a folder of a git repository; "a.properties" is not a folder\n$/],
    [['--diff=-x'], /^leaklens: --diff: "-x" is not a revision\n$/],
  ];
  for (const [args, want] of cases) {
    const r = run(repo.dir, args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, want, args.join(' '));
  }

  // a shallow clone: history is partial, said once on stderr and as an errors item; the scan goes on
  repo.write({ 'b.properties': `aws_access_key_id=${AWS_ID}\n` });
  repo.commit('two', { all: true });
  const clone = join(plain, 'shallow');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone], { env: gitEnv() });
  const r = run(clone, ['--history', '--format', 'json']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^leaklens: shallow clone: history is partial/);
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1);
  assert.match(json(r).errors[0].message, /shallow clone: history is partial/);
  assert.deepEqual(values(r.stdout), [AWS_ID]);
});

test('--staged reads the rest of the project from the index: rules kept in the repository, open rules joined to the database', async (t) => {
  const { RTDB_XML, OWNER_RULES } = await import('./cli-helpers');
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'database.rules.json': OWNER_RULES, 'firebase.json': '{ "database": { "rules": "database.rules.json" } }\n' });
  repo.commit('rules', { all: true });
  repo.write({ 'android/app/src/main/res/values/strings.xml': RTDB_XML });
  repo.git('add', '-A');
  const kept = json(run(repo.dir, ['--staged', '--format', 'json']));
  assert.deepEqual(kept.findings.map((f: { ruleId: string }) => f.ruleId), ['firebase-database-url'], 'the committed rules count: no firebase-rules-missing');

  // the same change in a repository that keeps no rules: the commit adds a database nobody locks
  const bare = tempRepo();
  t.after(() => bare.cleanup());
  bare.write({ 'README.md': 'x\n' });
  bare.commit('init', { all: true });
  bare.write({ 'android/app/src/main/res/values/strings.xml': RTDB_XML });
  bare.git('add', '-A');
  const missing = json(run(bare.dir, ['--staged', '--format', 'json']));
  assert.deepEqual(missing.findings.map((f: { ruleId: string }) => f.ruleId).sort(), ['firebase-database-url', 'firebase-rules-missing']);

  // a staged change opening the committed rules: reported on the rules file, joined to the database
  // the committed google-services.json names (Firebase context is read from the index)
  repo.write({ 'android/app/google-services.json': JSON.stringify({ project_info: { firebase_url: 'https://acme-prod-default-rtdb.firebaseio.com', project_id: 'acme-prod' } }) });
  repo.commit('url', { all: true });
  repo.write({ 'database.rules.json': '{ "rules": { ".read": true, ".write": false } }\n' });
  repo.git('add', '-A');
  const open = json(run(repo.dir, ['--staged', '--format', 'json']));
  assert.deepEqual(open.findings.map((f: { ruleId: string; location: { file: string } }) => `${f.location.file} ${f.ruleId}`), ['database.rules.json firebase-rules-public-read']);
  assert.match(JSON.stringify(open.findings[0].related ?? []), /google-services\.json/);
});

test('--history: a later version is read around its added lines; a secret rotated by editing only its line is found', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  const filler = Array.from({ length: 300 }, (_, i) => `    fun step${i}(x: Int) = x + ${i}`).join('\n');
  const file = (secret: string, tail: string) => `object Keys {\n${filler}\n    private val awsSecretAccessKey =\n        "${secret}"\n${filler}\n${tail}}\n`;
  const ROTATED = 'pT6vRx1Nq8wL3zK5mY2cB9hJ4dF7gS0aU3eW6iO1';
  repo.write({ 'app/src/main/java/Keys.kt': file(SECRET, '') });
  const first = repo.commit('secret', { all: true });
  repo.write({ 'app/src/main/java/Keys.kt': file(ROTATED, '') });
  const rotated = repo.commit('rotate', { all: true });
  repo.write({ 'app/src/main/java/Keys.kt': file(ROTATED, `    val bucket = "s3://acme-rotation-logs"\n`) });
  const third = repo.commit('bucket', { all: true });
  const report = json(run(repo.dir, ['--history', '--format', 'json']));
  const got = report.findings.map((f: { value: string; commit: { sha: string }; inHead: boolean; location: { line: number } }) => [f.value, f.commit.sha, f.inHead, f.location.line]);
  assert.deepEqual(got.sort(), [
    [`${ROTATED.slice(0, 8)}…`, rotated, true, 303],
    [`${SECRET.slice(0, 8)}…`, first, false, 303],
    ['acme-rotation-logs', third, true, 604],
  ].sort());
});
