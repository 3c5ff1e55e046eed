import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from '../../fuzz/run';
import { fuzzTargets } from '../../fuzz/registry';

test('fuzz slice: ~500 seeded mutations spread over every registered format, no throw, no internal error', async () => {
  const targets = fuzzTargets();
  const each = Math.max(20, Math.ceil(500 / targets.length));
  const s = await fuzz(targets, each * targets.length, 2024, 5000);
  assert.equal(s.cases, each * targets.length);
  assert.deepEqual(s.failures.map((f) => `${f.target} #${f.index} (${f.how}): ${f.problem.split('\n')[0]}`), []);
  assert.ok(Object.values(s.perTarget).every((n) => n === each));
});

test('the harness reports throws, internal errors and slow cases with the mutation that caused them', async () => {
  const seed = new Uint8Array(64).fill(1);
  const s = await fuzz([
    { name: 'throws', seed, run: (b) => { if (b.length !== 64 || b.some((x) => x !== 1)) throw new Error('boom'); return []; } },
    { name: 'internal', seed, run: () => ['internal error in the x reader (please report): y'] },
  ], 20, 3, 5000);
  assert.ok(s.failures.some((f) => f.target === 'throws' && /threw: Error: boom/.test(f.problem) && f.how.length > 0));
  assert.equal(s.failures.filter((f) => f.target === 'internal').length, 10);
});
