// DisjointRanges: "overlaps any range taken before?" as the linear check answered it, in any order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisjointRanges } from '../../../server/src/core/text/ranges';
import { rng } from '../../helpers/rng';

test('overlap is strict: touching ranges do not overlap', () => {
  const t = new DisjointRanges();
  t.add(10, 20);
  assert.equal(t.overlaps(0, 10), false);
  assert.equal(t.overlaps(20, 25), false);
  assert.equal(t.overlaps(19, 21), true);
  assert.equal(t.overlaps(0, 30), true);
  assert.equal(t.overlaps(12, 13), true);
});

test('agrees with a linear scan for candidates in order, out of order and nested', () => {
  const r = rng(7);
  for (let round = 0; round < 300; round++) {
    const fast = new DisjointRanges();
    const slow: Array<[number, number]> = [];
    let at = 0;
    for (let i = 0; i < 60; i++) {
      // mostly ascending (a pattern's matches), sometimes anywhere (pairs and scans come after)
      const start = r() < 0.7 ? (at += Math.floor(r() * 8)) : Math.floor(r() * 400);
      const end = start + Math.floor(r() * 12);
      const expected = slow.some(([s, e]) => start < e && end > s);
      assert.equal(fast.overlaps(start, end), expected, `round ${round}: [${start}, ${end}) against ${JSON.stringify(slow)}`);
      if (!expected) { fast.add(start, end); slow.push([start, end]); }
    }
  }
});
