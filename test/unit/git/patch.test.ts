import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAddedLines, touchesAdded, unquote } from '../../../server/src/core/git/patch';
import { tempRepo } from '../../helpers/gitRepo';

const diffArgs = ['diff', '--cached', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', '--no-color', '--no-ext-diff', '-M', 'HEAD'];

test('git diff -U0: the added line ranges of each file on the new side', (t) => {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'keep.txt': 'a\nb\nc\nd\ne\n', 'shrink.txt': '1\n2\n3\n', 'gone.txt': 'bye\n', 'bin.dat': Buffer.from([0, 1, 2]) });
  repo.commit('first', { all: true });
  repo.write({
    'keep.txt': 'a\nB\nc\nd\ne\nf\ng\n', // line 2 changed, 6–7 added
    'shrink.txt': '1\n3\n', // only a deletion
    'new "quoted"\tname.txt': 'x\ny', // no newline at the end
    'tricky.txt': '++ b/not-a-header\n', // an added line that reads like a header in the patch
    'bin.dat': Buffer.from([0, 9, 9]),
  });
  repo.git('rm', '-q', 'gone.txt');
  repo.git('add', '-A');
  const added = parseAddedLines(repo.git(...diffArgs));
  assert.deepEqual(added.get('keep.txt'), [[2, 2], [6, 7]]);
  assert.equal(added.has('shrink.txt'), false, 'a pure deletion adds nothing');
  assert.equal(added.has('gone.txt'), false);
  assert.deepEqual(added.get('new "quoted"\tname.txt'), [[1, 2]]);
  assert.deepEqual(added.get('tricky.txt'), [[1, 1]]);
  assert.equal(added.has('not-a-header'), false);
  assert.equal(added.has('bin.dat'), false, 'binary changes have no hunks');
});

test('touchesAdded: any line of a multi-line finding on an added line', () => {
  const ranges: Array<[number, number]> = [[2, 2], [6, 7]];
  assert.equal(touchesAdded(ranges, 2, 2), true);
  assert.equal(touchesAdded(ranges, 3, 5), false);
  assert.equal(touchesAdded(ranges, 4, 6), true);
  assert.equal(touchesAdded(undefined, 1, 1), false);
});

test('unquote: git C-quoted paths (octal UTF-8 bytes, escapes), plain paths as they are', () => {
  assert.equal(unquote('"b/\\303\\251t\\303\\251.json"'), 'b/été.json');
  assert.equal(unquote('"b/a\\tb\\"c\\\\d"'), 'b/a\tb"c\\d');
  assert.equal(unquote('b/plain name.txt\t'), 'b/plain name.txt');
});
