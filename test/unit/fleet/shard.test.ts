import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { inShard, parseShard, shardFromEnv } from '../../../server/src/core/fleet/shard';

const sha = (i: number) => createHash('sha256').update(String(i)).digest('hex');

test('every sha256 falls in exactly one of N shards, and the shards are about even', () => {
  const n = 4;
  const sizes = [0, 0, 0, 0];
  for (let i = 0; i < 4000; i++) {
    const owners = [0, 1, 2, 3].filter((k) => inShard(sha(i), { index: k, count: n }));
    assert.equal(owners.length, 1);
    sizes[owners[0]]++;
  }
  for (const s of sizes) assert.ok(s > 850 && s < 1150, `shard sizes ${sizes}`);
  assert.ok(inShard(sha(1), { index: 0, count: 1 }));
});

test('--shard I/N is parsed and checked', () => {
  assert.deepEqual(parseShard('2/8'), { index: 2, count: 8 });
  assert.throws(() => parseShard('8/8'), /shard 8 is not between 0 and 7/);
  assert.throws(() => parseShard('1/0'), /between 1 and/);
  assert.throws(() => parseShard('-1/4'), /must look like I\/N/);
  assert.throws(() => parseShard('a/b'), /must look like I\/N/);
});

test('Slurm array and Kubernetes Indexed Job variables give the shard', () => {
  assert.equal(shardFromEnv({}), undefined);
  assert.deepEqual(shardFromEnv({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' }), { index: 3, count: 4 });
  assert.deepEqual(shardFromEnv({ SLURM_ARRAY_TASK_ID: '11', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_COUNT: '4' }), { index: 1, count: 4 }, '--array=10-13');
  assert.deepEqual(shardFromEnv({ JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: '16' }), { index: 0, count: 16 });
  assert.throws(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '1' }), /SLURM_ARRAY_TASK_COUNT is not/);
  assert.throws(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1' }), /JOB_COMPLETIONS is not.*spec\.completions/);
  assert.throws(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '4' }), /shard 5 is not between 0 and 3/, 'an array with a step is refused');
  assert.throws(() => shardFromEnv({ JOB_COMPLETION_INDEX: 'x', JOB_COMPLETIONS: '2' }), /whole number/);
});
