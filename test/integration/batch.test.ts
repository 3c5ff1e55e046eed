// `leaklens batch` and `summary` as a user runs them: the built CLI, real artifacts from the
// committed fixtures, corrupt files, lists, shards from flags and from Slurm/Kubernetes variables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, cli, oneLineError, tempDir } from './cli-helpers';
import { distinctApks, fixtureCorpus, readLines, stable } from './batch-helpers';
import type { FleetSummary } from '../../server/src/core/fleet/summary';

test('a folder: one line per artifact with sha256, size, app id and version; corrupt files are lines with errors', () => {
  const { dir, cleanup } = tempDir();
  try {
    const { good, corrupt } = fixtureCorpus(dir);
    const r = cli(['batch', '.', '--jobs', '2', '--output', 'out.jsonl'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /batch: 9 artifacts written \(2 with errors\)/);
    const lines = readLines(join(dir, 'out.jsonl'));
    assert.deepEqual(lines.map((l) => l.artifact).sort(), [...good, ...corrupt].sort());
    const by = new Map(lines.map((l) => [l.artifact, l]));
    const sha = spawnSync('sha256sum', ['leaky.apk'], { cwd: dir, encoding: 'utf8' }).stdout.split(' ')[0];
    assert.equal(by.get('leaky.apk')!.sha256, sha);
    assert.deepEqual(by.get('leaky.apk')!.app, { id: 'com.acme.shop', version: '1.4.2', platform: 'android' });
    assert.deepEqual(by.get('leaky.aab')!.app, { id: 'com.acme.shop', version: '1.4.2', platform: 'android' });
    assert.deepEqual(by.get('leaky.xapk')!.app, { id: 'com.acme.shop', version: '1.4.2', platform: 'android' });
    assert.deepEqual(by.get('Demo.ipa')!.app, { id: 'com.acme.demo', version: null, platform: 'ios' });
    assert.equal(by.get('Demo.xcarchive')!.app.id, 'com.acme.demo');
    for (const name of good) {
      const l = by.get(name)!;
      assert.deepEqual(l.errors, [], name);
      assert.ok(l.findings.length > 0 && l.findings.every((f) => f.location.file === name), name);
      assert.ok(l.bytes > 0 && l.ms >= 0);
    }
    // the same findings as `leaklens scan` of that artifact
    const scan = JSON.parse(cli(['scan', 'leaky.apk', '--format', 'json', '--fail-on', 'none'], { cwd: dir }).stdout);
    assert.deepEqual(by.get('leaky.apk')!.findings, scan.findings);
    assert.deepEqual(by.get('leaky.apk')!.endpoints, scan.endpoints);
    for (const name of corrupt) {
      const l = by.get(name)!;
      assert.equal(l.findings.length, 0);
      assert.ok(l.errors.length > 0 && l.errors[0].file === name, name);
    }
    assert.match(by.get('truncated.apk')!.errors[0].message, /zip/);
    assert.match(by.get('garbage.ipa')!.errors[0].message, /no zip signature/);
  } finally {
    cleanup();
  }
});

test('the same content under two names is scanned once; --list FILE and - add paths; a missing listed path is a warning', () => {
  const { dir, cleanup } = tempDir();
  try {
    fixtureCorpus(dir);
    writeFileSync(join(dir, 'copy-of-leaky.apk'), spawnSync('cat', ['leaky.apk'], { cwd: dir }).stdout);
    writeFileSync(join(dir, 'list.txt'), '# artifacts\ncopy-of-leaky.apk\n\nleaky.apk\nmissing.apk\n');
    // three workers hash the three inputs at once, in whatever order they get to it: the first of
    // two copies in input order (typed paths, then the list's) is the one scanned all the same
    const r = cli(['batch', '--list', 'list.txt', 'Demo.ipa', '--jobs', '3'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.artifact).sort(), ['Demo.ipa', 'copy-of-leaky.apk']);
    assert.match(r.stderr, /missing\.apk: no such file or folder; skipped/);
    assert.match(r.stderr, /1 skipped/);
    const stdin = spawnSync(process.execPath, [CLI, 'batch', '--list', '-'], { cwd: dir, input: 'ref.apk\n', encoding: 'utf8' });
    assert.equal(stdin.status, 0, stdin.stderr);
    assert.equal(JSON.parse(stdin.stdout).artifact, 'ref.apk');
  } finally {
    cleanup();
  }
});

test('user mistakes: one line on stderr, exit 2', () => {
  const { dir, cleanup } = tempDir();
  try {
    fixtureCorpus(dir);
    assert.match(oneLineError(cli(['batch'], { cwd: dir })), /at least one INPUT or --list/);
    assert.match(oneLineError(cli(['batch', 'nope.apk'], { cwd: dir })), /cannot scan "nope.apk": no such file/);
    assert.match(oneLineError(cli(['batch', '.', '--resume'], { cwd: dir })), /--resume needs --output/);
    assert.match(oneLineError(cli(['batch', '.', '--shard', '4/4'], { cwd: dir })), /shard 4 is not between 0 and 3/);
    assert.match(oneLineError(cli(['batch', '.', '--jobs', '0'], { cwd: dir })), /--jobs must be a whole number/);
    assert.match(oneLineError(cli(['batch', '.'], { cwd: dir, env: { SLURM_ARRAY_TASK_ID: '2' } })), /SLURM_ARRAY_TASK_COUNT is not/);
    assert.match(oneLineError(cli(['batch', '.', '--list', 'none.txt'], { cwd: dir })), /cannot read --list "none.txt"/);
    writeFileSync(join(dir, 'out.jsonl'), '{}\n');
    assert.match(oneLineError(cli(['batch', '.', '-o', 'out.jsonl'], { cwd: dir })), /already exists: add --resume/);
    assert.match(oneLineError(cli(['summary'], { cwd: dir })), /at least one FILE/);
    assert.match(oneLineError(cli(['summary', 'none.jsonl'], { cwd: dir })), /cannot read "none.jsonl": no such file/);
    assert.match(oneLineError(cli(['summary', 'out.jsonl', '--format', 'sarif'], { cwd: dir })), /--format must be one of text, json, html/);
    assert.match(cli(['batch', '--help'], { cwd: dir }).stdout, /Usage: leaklens batch INPUT/);
  } finally {
    cleanup();
  }
});

test('shards from --shard, SLURM_ARRAY_* and JOB_COMPLETION_INDEX are disjoint and their union is the whole corpus', () => {
  const { dir, cleanup } = tempDir();
  try {
    distinctApks(dir, 24);
    const all = readOut(cli(['batch', '.', '--jobs', '2'], { cwd: dir }));
    assert.equal(all.length, 24);
    const shard = (i: number, how: 'flag' | 'slurm' | 'k8s') => readOut(cli(
      ['batch', '.', '--jobs', '1', ...(how === 'flag' ? ['--shard', `${i}/3`] : [])],
      { cwd: dir, env: how === 'slurm' ? { SLURM_ARRAY_TASK_ID: String(i + 5), SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_COUNT: '3' } : how === 'k8s' ? { JOB_COMPLETION_INDEX: String(i), JOB_COMPLETIONS: '3' } : {} },
    ));
    const byFlag = [0, 1, 2].map((i) => shard(i, 'flag'));
    assert.ok(byFlag.every((s) => s.length > 0), 'every shard holds some of 24 apps');
    assert.deepEqual(stable(byFlag.flat()), stable(all), 'the union of the shards is the whole batch, line for line');
    assert.equal(new Set(byFlag.flat().map((l) => l.sha256)).size, 24, 'no artifact in two shards');
    for (const how of ['slurm', 'k8s'] as const) {
      assert.deepEqual([0, 1, 2].map((i) => shard(i, how).map((l) => l.sha256).sort()), byFlag.map((s) => s.map((l) => l.sha256).sort()), how);
    }
  } finally {
    cleanup();
  }
});

test('summary of shard files equals the summary of one batch; text, json and a self-contained html page', () => {
  const { dir, cleanup } = tempDir();
  try {
    fixtureCorpus(dir);
    assert.equal(cli(['batch', '.', '-o', 'all.jsonl'], { cwd: dir }).code, 0);
    for (const i of [0, 1]) assert.equal(cli(['batch', '.', '--shard', `${i}/2`, '-o', `shard-${i}.jsonl`], { cwd: dir }).code, 0);
    const one = JSON.parse(cli(['summary', 'all.jsonl', '--format', 'json'], { cwd: dir }).stdout) as FleetSummary;
    const two = JSON.parse(cli(['summary', 'shard-0.jsonl', 'shard-1.jsonl', '--format', 'json'], { cwd: dir }).stdout) as FleetSummary;
    assert.deepEqual(two, one);
    assert.equal(one.apps, 9);
    assert.equal(one.appsWithCloudEndpoints, 6, 'ref.apk only has a cleartext flag: no cloud endpoint');
    assert.equal(one.appsWithOpenEndpoints, 0);
    assert.equal(one.appsFailed, 2);
    assert.deepEqual(one.platforms, { android: 5, ios: 2, unknown: 2 });
    assert.ok(one.providers.some((p) => p.provider === 'firebase' && p.apps === 6));
    assert.ok(one.rules.some((r) => r.key === 'firebase-database-url' && r.apps >= 6));
    assert.equal(one.worst[0].app.id, 'com.acme.demo', 'the IPA (high-severity SAS tokens) is the worst');
    // the same file twice: each app still counted once
    const twice = JSON.parse(cli(['summary', 'all.jsonl', 'all.jsonl', '--format', 'json'], { cwd: dir }).stdout) as FleetSummary;
    assert.equal(twice.apps, 9);
    assert.equal(twice.duplicateLines, 9);
    const text = cli(['summary', 'all.jsonl'], { cwd: dir }).stdout;
    assert.match(text, /LeakLens fleet summary: 9 apps \(5 Android, 2 iOS, 2 unknown\)/);
    assert.match(text, /with cloud endpoints\s+6/);
    const html = cli(['summary', 'all.jsonl', '--format', 'html'], { cwd: dir }).stdout;
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<svg role="img" aria-label="Endpoints per provider by status"/);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)[^"<\s]*\.(?:js|css)|src="http/i, 'nothing loaded from anywhere');
  } finally {
    cleanup();
  }
});

function readOut(r: { code: number | null; stdout: string; stderr: string }) {
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
