// The pre-commit hook as git runs it: .pre-commit-hooks.yaml's entry in a real .git/hooks/pre-commit
// of a temporary repository, `leaklens` on PATH (as pre-commit's node environment puts it there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { CLI } from './cli-helpers';
import { gitEnv, tempRepo, type TempRepo } from '../helpers/gitRepo';

interface HookDef { id: string; entry: string; language: string; pass_filenames: boolean; exclude: string; stages: string[] }
const hooks = load(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as HookDef[];
const hook = hooks.find((h) => h.id === 'leaklens')!;

/** A repository whose pre-commit hook runs the entry (plus `args`, as pre-commit appends them). */
function hooked(t: { after(fn: () => void): void }, args: string[] = []): { repo: TempRepo; commit(message: string, ...extra: string[]): { code: number | null; out: string } } {
  const repo = tempRepo();
  const bin = mkdtempSync(join(tmpdir(), 'leaklens-bin-'));
  t.after(() => { repo.cleanup(); rmSync(bin, { recursive: true, force: true }); });
  writeFileSync(join(bin, 'leaklens'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'leaklens'), 0o755);
  repo.write({ 'README.md': 'app\n' });
  repo.commit('init', { all: true });
  writeFileSync(join(repo.dir, '.git/hooks/pre-commit'), `#!/bin/sh\nexec ${[hook.entry, ...args].join(' ')}\n`);
  chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
  return {
    repo,
    commit(message, ...extra) {
      const r = spawnSync('git', ['commit', '-q', '-m', message, ...extra], {
        cwd: repo.dir, encoding: 'utf8',
        env: gitEnv({ PATH: `${bin}:${process.env.PATH}`, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.test' }),
      });
      return { code: r.status, out: r.stdout + r.stderr };
    },
  };
}

test('.pre-commit-hooks.yaml: a node hook running leaklens scan --staged on what git staged', () => {
  assert.equal(hook.language, 'node');
  assert.equal(hook.entry, 'leaklens scan --staged');
  assert.equal(hook.pass_filenames, false);
  const excluded = new RegExp(hook.exclude);
  for (const p of ['assets/logo.png', 'fonts/Inter.woff2']) assert.ok(excluded.test(p), p);
  for (const p of ['app/google-services.json', 'res/values/strings.xml', 'app-release.apk', '.env', 'lib/main.dart']) assert.ok(!excluded.test(p), p);
});

test('the hook refuses a commit that stages a secret and allows a clean one', (t) => {
  const { repo, commit } = hooked(t);
  const before = repo.git('rev-parse', 'HEAD').trim();
  repo.write({ 'android/app/aws.properties': 'aws_access_key_id=AKIAQ3EGUCVPZW4XNBJR\n' });
  repo.git('add', '-A');
  const refused = commit('add keys');
  assert.equal(refused.code, 1, refused.out);
  assert.match(refused.out, /aws-access-key-id/);
  assert.equal(repo.git('rev-parse', 'HEAD').trim(), before, 'no commit was made');

  repo.git('rm', '-q', '--cached', 'android/app/aws.properties');
  repo.write({ 'android/app/config.properties': 'region=eu-west-1\n' });
  repo.git('add', 'android/app/config.properties');
  const allowed = commit('config');
  assert.equal(allowed.code, 0, allowed.out);
  assert.notEqual(repo.git('rev-parse', 'HEAD').trim(), before);
  assert.equal(repo.git('show', '--name-only', '--format=', 'HEAD').trim(), 'android/app/config.properties');
});

test('git commit -a: the hook reads the index git builds for the commit (GIT_INDEX_FILE)', (t) => {
  const { repo, commit } = hooked(t);
  repo.write({ 'app.properties': 'name=acme\n' });
  repo.git('add', '-A');
  assert.equal(commit('tracked').code, 0);
  repo.write({ 'app.properties': 'name=acme\naws_access_key_id=AKIAQ3EGUCVPZW4XNBJR\n' }); // modified, not staged
  const refused = commit('all', '-a');
  assert.equal(refused.code, 1, refused.out);
  assert.match(refused.out, /AKIAQ3EGUCVPZW4XNBJR/);
});

test('hook args: --fail-on medium also stops a Google API key', (t) => {
  const { repo, commit } = hooked(t, ['--fail-on', 'medium']);
  repo.write({ 'lib/keys.dart': "const mapsKey = 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q';\n" });
  repo.git('add', '-A');
  const refused = commit('maps');
  assert.equal(refused.code, 1, refused.out);
  assert.match(refused.out, /google-api-key/);
});
