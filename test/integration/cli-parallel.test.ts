// Folders of many files are scanned on two threads (cli/parallel.ts); the report must be the one a
// single thread gives: every file's findings once, in walk (name) order, errors in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, OWNER_RULES, put, tempDir } from './cli-helpers';
import { PARALLEL_MIN_FILES } from '../../server/src/cli/parallel';
import type { Report } from '../../server/src/core/types';

test('a tree above the parallel threshold yields every finding once, in walk order', () => {
  const { dir, cleanup } = tempDir();
  try {
    const files: Record<string, string | Buffer> = {};
    const n = PARALLEL_MIN_FILES + 101;
    for (let i = 0; i < n; i++) files[`src/f${String(i).padStart(4, '0')}.kt`] = `val db = "https://acme-${i}-default-rtdb.firebaseio.com"\n`;
    files['src/f0150.json'] = Buffer.from([0x7b, 0, 0x7d]); // binary: an error item in its place
    put(dir, { ...files, 'database.rules.json': OWNER_RULES }); // the project keeps its rules: only the URLs are findings
    const r = cli(['scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(report.findings.map((f) => f.location.file), Object.keys(files).filter((f) => f.endsWith('.kt')).sort());
    assert.deepEqual(report.findings.map((f) => f.value), [...Array(n).keys()].map((i) => `acme-${i}-default-rtdb.firebaseio.com`).sort((a, b) => {
      const num = (s: string) => Number(/acme-(\d+)/.exec(s)![1]);
      return num(a) - num(b);
    }));
    assert.deepEqual(report.errors.map((e) => e.file), ['src/f0150.json']);
  } finally {
    cleanup();
  }
});
