// The keystroke fast path (server/src/lsp/incremental.ts) must agree with a full scan: random
// character and line edits on real fixture files, each compared with engine.scanText of the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/core/engine';
import { changedRegion, incrementalFindings } from '../../server/src/core/text/incremental';
import type { Finding } from '../../server/src/core/types';
import { projectFiles } from '../unit/fixes/project';
import { kotlinFile } from '../../bench/lsp';

const engine = createEngine();
const key = (f: Finding) => `${f.ruleId} ${f.fingerprint} ${f.location.line}:${f.location.column}-${f.location.endLine}:${f.location.endColumn} ${f.severity}`;

function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

const SNIPPETS = ['x', '\n', '"', '\n\n// note\n', 'val k = "AIzaSyC7pQ2vN4kR8tW1xZ5bD9fH3jL6mP0sU2z"\n', ' acme-qa.firebaseio.com ', '// leaklens-ignore-next-line\n'];

test('changedRegion finds the single differing span, across chunk boundaries', () => {
  const a = 'a'.repeat(10_000) + 'XYZ' + 'b'.repeat(9_000);
  const b = 'a'.repeat(10_000) + 'Q' + 'b'.repeat(9_000);
  assert.deepEqual(changedRegion(a, b), { start: 10_000, endOld: 10_003, endNew: 10_001 });
  assert.equal(changedRegion(a, a), undefined);
  assert.deepEqual(changedRegion('abc', 'abcd'), { start: 3, endOld: 3, endNew: 4 });
});

const files = projectFiles();
const corpus: Array<[string, string]> = [
  ...Object.entries(files).filter(([p]) => engine.isScannable(p)),
  ['app/src/main/java/com/acme/bench/Generated.kt', kotlinFile().text],
];

for (const [path, original] of corpus) {
  test(`incremental findings equal a full scan after random edits: ${path}`, () => {
    const rand = rng(path.length * 7919);
    let text = original;
    let findings = engine.scanText(path, text).findings;
    let fast = 0;
    for (let i = 0; i < 60; i++) {
      const at = Math.floor(rand() * (text.length + 1));
      const del = rand() < 0.3 ? Math.floor(rand() * 40) : 0;
      const ins = rand() < 0.8 ? SNIPPETS[Math.floor(rand() * SNIPPETS.length)] : '';
      const next = text.slice(0, at) + ins + text.slice(Math.min(text.length, at + del));
      const full = engine.scanText(path, next).findings;
      const inc = incrementalFindings(text, findings, next, (w) => engine.scanText(path, w).findings);
      if (inc) {
        fast++;
        assert.deepEqual(inc.map(key), full.map(key), `edit ${i} at ${at}: +${JSON.stringify(ins)} -${del}`);
      }
      text = next;
      findings = full;
    }
    if (original.split('\n').length > 100) assert.ok(fast > 40, `fast path taken ${fast}/60 times`);
  });
}
