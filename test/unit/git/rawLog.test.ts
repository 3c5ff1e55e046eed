import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMIT_FORMAT, RawLogParser, hasNewBlob, parseRawDiff, type LogRecord } from '../../../server/src/core/git/rawLog';
import { tempRepo } from '../../helpers/gitRepo';

/** Feeds the output in pieces of `size` characters, as a pipe may deliver it. */
function parseInChunks(output: string, size: number): LogRecord[] {
  const p = new RawLogParser();
  const out: LogRecord[] = [];
  for (let i = 0; i < output.length; i += size) out.push(...p.push(output.slice(i, i + size)));
  return [...out, ...p.end()];
}

test('git log --raw -z: commits oldest first with author, date and every changed path, whatever the chunking', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'a.txt': 'one\n', 'dir with space/é.json': '{}\n', 'tab\tname.txt': 'x\n' });
  const first = repo.commit('first', { all: true, author: 'Ann Example <ann@example.test>', date: '2023-03-04T05:06:07+02:00' });
  repo.write({ 'a.txt': 'two\n' });
  repo.git('rm', '-q', 'tab\tname.txt');
  const second = repo.commit('second', { all: true });
  const empty = repo.commit('nothing');
  const output = repo.git('log', '--reverse', '--topo-order', `--format=${COMMIT_FORMAT}`, '--raw', '-z', '--no-renames', '--no-abbrev');

  const whole = parseInChunks(output, output.length);
  for (const size of [1, 3, 7, 64]) assert.deepEqual(parseInChunks(output, size), whole, `chunks of ${size}`);
  assert.deepEqual(whole.map((r) => r.commit.sha), [first, second, empty]);
  assert.deepEqual(whole[0].commit, { sha: first, date: '2023-03-04T05:06:07+02:00', author: 'Ann Example', email: 'ann@example.test' });
  assert.deepEqual(whole[0].changes.map((c) => [c.status, c.path]).sort(), [['A', 'a.txt'], ['A', 'dir with space/é.json'], ['A', 'tab\tname.txt']]);
  const blobA = repo.git('rev-parse', `${second}:a.txt`).trim();
  const byPath = new Map(whole[1].changes.map((c) => [c.path, c]));
  assert.equal(byPath.get('a.txt')?.blob, blobA);
  assert.equal(byPath.get('a.txt')?.status, 'M');
  assert.equal(byPath.get('tab\tname.txt')?.status, 'D');
  assert.equal(hasNewBlob(byPath.get('tab\tname.txt')!), false, 'a deletion has no new blob');
  assert.equal(hasNewBlob(byPath.get('a.txt')!), true);
  assert.deepEqual(whole[2].changes, [], 'an empty commit has no changes');
});

test('git diff --raw -z: a rename carries both paths, the new one as path', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'old name.txt': 'the same content, long enough to be found as a rename\n'.repeat(4) });
  repo.commit('first', { all: true });
  repo.git('mv', 'old name.txt', 'new name.txt');
  const changes = parseRawDiff(repo.git('diff', '--cached', '--raw', '-z', '--no-abbrev', '-M', 'HEAD'));
  assert.equal(changes.length, 1);
  assert.match(changes[0].status, /^R\d+$/);
  assert.equal(changes[0].from, 'old name.txt');
  assert.equal(changes[0].path, 'new name.txt');
});

test('a submodule commit is not a blob', () => {
  assert.equal(hasNewBlob({ status: 'A', mode: '160000', blob: 'a'.repeat(40), path: 'vendor/lib' }), false);
});
