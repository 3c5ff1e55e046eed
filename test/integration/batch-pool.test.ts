// The worker pool on its own, with the built CLI as the worker: every input gets one outcome,
// workers are replaced after their share of artifacts, the parent decides per sha256 in input order.
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, tempDir } from './cli-helpers';
import { distinctApks } from './batch-helpers';
import { sha256File } from '../../server/src/node/fleet/hash';
import { runPool, type TaskOutcome } from '../../server/src/cli/batch/pool';
import type { FleetInput } from '../../server/src/node/fleet/inputs';

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

/**
 * A worker speaking the pool's protocol (protocol.ts) whose timing the test sets by file name:
 * `dies…` sends its hash, then exits before any decision (leaving its pid in `died.pid`); `waits…`
 * sends its hash only once that worker is gone and reaped (the parent has seen its exit); any other
 * hashes at once. On `go` it answers `done` with no findings.
 */
const SCRIPTED_WORKER = `
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m.type === 'go') return process.send({ type: 'done', id: m.id, app: { id: null, version: null, platform: null }, findings: [], errors: [], usage: { rss: 1, maxRss: 1, cpuMs: 1 } });
  if (m.type !== 'task') return;
  const bytes = readFileSync(m.abs);
  const hashed = { type: 'hashed', id: m.id, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  const marker = join(dirname(m.abs), 'died.pid');
  if (basename(m.abs).startsWith('dies')) {
    process.send(hashed, () => { writeFileSync(marker, String(process.pid)); process.exit(1); });
  } else if (basename(m.abs).startsWith('waits')) {
    const poll = () => (existsSync(marker) && !existsSync('/proc/' + readFileSync(marker, 'utf8')) ? process.send(hashed) : setTimeout(poll, 10));
    poll();
  } else process.send(hashed);
});
process.send({ type: 'ready' });
`;

async function scriptedPool(dir: string, files: Record<string, string>): Promise<{ decided: string[]; outcomes: Map<string, TaskOutcome> }> {
  const script = join(dir, 'worker.cjs');
  writeFileSync(script, SCRIPTED_WORKER);
  const inputs: FleetInput[] = Object.entries(files).map(([name, content]) => {
    writeFileSync(join(dir, name), content);
    return { path: name, abs: join(dir, name) };
  });
  const decided: string[] = [];
  const outcomes = new Map<string, TaskOutcome>();
  await runPool(inputs, {
    jobs: inputs.length, timeoutMs: 60_000, heapMb: 64, script,
    decide: (sha) => {
      const seen = decided.includes(sha);
      decided.push(sha);
      return seen ? 'duplicate' : 'go';
    },
    onOutcome: (input, o) => {
      assert.ok(!outcomes.has(input.path), `one outcome for ${input.path}`);
      outcomes.set(input.path, o);
    },
  });
  return { decided, outcomes };
}

test('a worker that dies after hashing, while an earlier input is still unhashed: its outcome waits for the decision in input order', { timeout: 120_000 }, async () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  for (const [later, failed] of [['another app', true], ['same app', false]] as const) {
    const { dir, cleanup } = tempDir();
    try {
      const { decided, outcomes } = await scriptedPool(dir, { 'waits-first.apk': 'same app', 'dies-second.apk': later });
      assert.deepEqual(decided, [sha('same app'), sha(later)], 'decided in input order, not in the order the hashes came');
      assert.equal(outcomes.get('waits-first.apk')?.kind, 'scanned');
      const second = outcomes.get('dies-second.apk');
      if (failed) {
        assert.deepEqual(second, { kind: 'failed', sha256: sha(later), bytes: later.length, message: 'worker crashed (exit code 1); replaced', ms: (second as { ms: number }).ms });
      } else {
        assert.deepEqual(second, { kind: 'skipped', reason: 'duplicate' }, 'the same content as an earlier input: a duplicate, whatever its worker did');
      }
    } finally {
      cleanup();
    }
  }
});
