// The fleet scan on a real Slurm (shared/SLURM.md): a one-node cluster started here, a 4-task job
// array of deploy/slurm/leaklens.sbatch over a corpus, and the check that the 4 shard files hold
// exactly what a single-process batch of the same corpus writes, artifact by artifact, and give the
// same summary. Runs in .ci/run (npm run test:slurm), not in npm test: it installs packages and
// starts daemons (munged, slurmctld, slurmd), which it stops by pid.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCluster, type Cluster } from './cluster';
import { distinctApks, fixtureCorpus, readLines, stable } from '../integration/batch-helpers';

const CLI = resolve('server/out/cli.js');
const SBATCH = resolve('deploy/slurm/leaklens.sbatch');
const dir = mkdtempSync(join(tmpdir(), 'leaklens-slurm-'));
let cluster: Cluster | undefined;
let pids: number[] = [];

before(async () => {
  chmodSync(dir, 0o755);
  cluster = await startCluster(join(dir, 'cluster'), (s) => process.stderr.write(`${s}\n`));
  pids = Object.values(cluster.started);
});
after(async () => {
  await cluster?.stop();
  for (const pid of pids) assert.equal(existsSync(`/proc/${pid}`), false, `daemon ${pid} stopped`);
  rmSync(dir, { recursive: true, force: true });
});

test('a 4-task Slurm array writes 4 disjoint shard files that equal a single-process batch, artifact by artifact', () => {
  const corpus = join(dir, 'corpus');
  spawnSync('mkdir', ['-p', corpus]);
  const { good, corrupt } = fixtureCorpus(corpus);
  const variants = distinctApks(corpus, 40);
  const names = [...good, ...corrupt, ...variants];
  writeFileSync(join(dir, 'apps.txt'), names.map((n) => `corpus/${n}\n`).join(''));

  const sb = spawnSync('sbatch', ['--wait', '--array=0-3', '--cpus-per-task=1', '--mem=1G', '--chdir', dir, '-o', join(dir, 'task-%a.log'), SBATCH, 'apps.txt', 'out'], {
    env: { ...cluster!.env, LEAKLENS_CLI: CLI }, encoding: 'utf8', timeout: 15 * 60_000,
  });
  const logs = readdirSync(dir).filter((f) => f.startsWith('task-')).map((f) => spawnSync('cat', [join(dir, f)], { encoding: 'utf8' }).stdout).join('\n');
  assert.equal(sb.status, 0, `sbatch: ${sb.stderr}\n${logs}`);
  const shards = [0, 1, 2, 3].map((i) => join(dir, 'out', `shard-${i}.jsonl`));
  for (const s of shards) assert.ok(existsSync(s), `${s}\n${logs}`);
  assert.match(logs, /batch \(shard 0\/4\)/, 'each task read its shard from SLURM_ARRAY_TASK_ID/COUNT');

  const single = spawnSync(process.execPath, [CLI, 'batch', '--list', 'apps.txt', '--jobs', '1', '-o', 'single.jsonl'], { cwd: dir, encoding: 'utf8', timeout: 10 * 60_000 });
  assert.equal(single.status, 0, single.stderr);
  const one = readLines(join(dir, 'single.jsonl'));
  const four = shards.flatMap((s) => readLines(s));
  assert.equal(one.length, names.length);
  assert.ok(shards.every((s) => readLines(s).length > 0), 'every task had work');
  assert.equal(new Set(four.map((l) => l.sha256)).size, four.length, 'no artifact in two shards');
  assert.deepEqual(stable(four), stable(one), 'the same lines, artifact by artifact');

  const summary = (files: string[]) => {
    const r = spawnSync(process.execPath, [CLI, 'summary', ...files, '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const s4 = summary(shards);
  assert.deepEqual(s4, summary([join(dir, 'single.jsonl')]));
  assert.equal(s4.apps, names.length);
  assert.equal(s4.appsFailed, corrupt.length);
});
