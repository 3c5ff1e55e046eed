import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostPacer } from '../../../server/src/probe/pace';

/** A clock that only moves when told to; sleeps are recorded (and move it). */
function fakeClock() {
  const clock = { t: 1000, slept: [] as number[], now: () => clock.t, sleep: async (ms: number) => { clock.slept.push(ms); } };
  return clock;
}

test('requests to one host are spaced by the interval; other hosts do not wait', async () => {
  const clock = fakeClock();
  const pacer = new HostPacer(250, clock);
  await Promise.all([pacer.wait('a.firebaseio.com'), pacer.wait('a.firebaseio.com'), pacer.wait('b.firebaseio.com'), pacer.wait('a.firebaseio.com')]);
  assert.deepEqual(clock.slept, [250, 500], 'the 2nd and 3rd request to a wait one and two intervals; b starts at once');
  clock.t += 10_000; // long after: no wait
  await pacer.wait('a.firebaseio.com');
  assert.deepEqual(clock.slept, [250, 500]);
});

test('an interval of 0 never waits; the host table stays bounded', async () => {
  const clock = fakeClock();
  const none = new HostPacer(0, clock);
  for (let i = 0; i < 5; i++) await none.wait('a');
  assert.deepEqual(clock.slept, []);
  const small = new HostPacer(100, clock, 3);
  for (const h of ['a', 'b', 'c']) await small.wait(h);
  clock.t += 1000;
  await small.wait('d'); // the past entries are forgotten first
  assert.equal((small as unknown as { next: Map<string, number> }).next.size, 1);
});
