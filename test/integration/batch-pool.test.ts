// The worker pool on its own, with the built CLI as the worker: every input gets one outcome,
// workers are replaced after their share of artifacts, the parent decides per sha256 in input order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CLI, tempDir } from './cli-helpers';
import { distinctApks } from './batch-helpers';
import { sha256File } from '../../server/src/node/fleet/hash';
import { runPool, type TaskOutcome } from '../../server/src/cli/batch/pool';

test('workers are replaced after maxTasksPerWorker artifacts; every input has exactly one outcome', { timeout: 120_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const names = distinctApks(dir, 10);
    const inputs = names.map((n) => ({ path: n, abs: join(dir, n) }));
    const outcomes = new Map<string, TaskOutcome>();
    const decided: string[] = [];
    let skipNext = true;
    await runPool(inputs, {
      jobs: 2, timeoutMs: 60_000, heapMb: 256, script: CLI, maxTasksPerWorker: 3,
      decide: (sha) => {
        decided.push(sha);
        if (skipNext) { skipNext = false; return 'other-shard'; }
        return 'go';
      },
      onOutcome: (input, o) => {
        assert.ok(!outcomes.has(input.path), `one outcome for ${input.path}`);
        outcomes.set(input.path, o);
      },
    });
    assert.deepEqual([...outcomes.keys()].sort(), names);
    assert.deepEqual(decided, inputs.map((i) => sha256File(i.abs)), 'one decision per input, in input order');
    const scanned = [...outcomes.values()].filter((o): o is Extract<TaskOutcome, { kind: 'scanned' }> => o.kind === 'scanned');
    assert.equal(scanned.length, 9);
    assert.equal([...outcomes.values()].filter((o) => o.kind === 'skipped').length, 1);
    const perWorker = new Map<number, number>();
    for (const o of scanned) perWorker.set(o.worker, (perWorker.get(o.worker) ?? 0) + 1);
    assert.ok(perWorker.size >= 4, `10 artifacts at ≤ 3 a worker need ≥ 4 workers, got ${JSON.stringify([...perWorker])}`);
    assert.ok([...perWorker.values()].every((n) => n <= 3));
    assert.ok(scanned.every((o) => o.usage.rss > 0 && o.usage.maxRss >= o.usage.rss * 0.5 && o.usage.cpuMs > 0));
  } finally {
    cleanup();
  }
});
