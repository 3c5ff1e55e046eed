// Evaluation over examples/: every `examples/<name>.labels.json` lists the lines that must carry a
// rule and look-alike lines that must stay clean. Precision and recall must both be ≥ 0.97.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';

interface Labels {
  expected: Array<{ file: string; line: number; ruleId: string; text?: string }>;
  clean: Array<{ file: string; line: number; text?: string; note: string }>;
}

const EXAMPLES = join(__dirname, '../../../examples');
const engine = createEngine();

function projectFiles(root: string, dir = root): Array<{ path: string; text: string }> {
  return readdirSync(dir).sort().flatMap((name) => {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) return projectFiles(root, abs);
    const path = relative(root, abs).split('\\').join('/');
    return engine.isScannable(path) ? [{ path, text: readFileSync(abs, 'utf8') }] : [];
  });
}

function lineText(root: string, file: string, line: number): string {
  return readFileSync(join(root, file), 'utf8').split('\n')[line - 1] ?? '';
}

const covers = (f: Finding, file: string, line: number) =>
  f.location.file === file && f.location.line <= line && line <= f.location.endLine;

const projects = readdirSync(EXAMPLES).filter((n) => n.endsWith('.labels.json')).map((n) => n.slice(0, -'.labels.json'.length));

const totals = { tp: 0, fp: 0, fn: 0 };
const problems: string[] = [];

for (const name of projects) {
  test(`examples/${name}: labels point at the lines they describe`, () => {
    const root = join(EXAMPLES, name);
    const labels: Labels = JSON.parse(readFileSync(join(EXAMPLES, `${name}.labels.json`), 'utf8'));
    for (const l of [...labels.expected, ...labels.clean]) {
      if (l.text) assert.ok(lineText(root, l.file, l.line).includes(l.text), `${name}/${l.file}:${l.line} no longer contains ${JSON.stringify(l.text)}`);
    }
  });

  test(`examples/${name}: findings against labels`, () => {
    const root = join(EXAMPLES, name);
    const labels: Labels = JSON.parse(readFileSync(join(EXAMPLES, `${name}.labels.json`), 'utf8'));
    const { findings, errors } = engine.scanProject(projectFiles(root));
    assert.deepEqual(errors, [], 'examples scan without errors');
    const matched = new Set<Finding>();
    for (const e of labels.expected) {
      const hit = findings.find((f) => !matched.has(f) && f.ruleId === e.ruleId && covers(f, e.file, e.line));
      if (hit) { matched.add(hit); totals.tp++; }
      else { totals.fn++; problems.push(`missed  ${name}/${e.file}:${e.line} ${e.ruleId}`); }
    }
    for (const f of findings) {
      if (matched.has(f)) continue;
      totals.fp++;
      const onClean = labels.clean.some((c) => covers(f, c.file, c.line));
      problems.push(`${onClean ? 'clean!!' : 'extra  '} ${name}/${f.location.file}:${f.location.line} ${f.ruleId} ${f.value}`);
    }
  });
}

test('precision and recall over all examples are both ≥ 0.97', () => {
  assert.ok(projects.length >= 4, 'at least the Android, iOS, Flutter and React Native examples are labelled');
  const precision = totals.tp / Math.max(1, totals.tp + totals.fp);
  const recall = totals.tp / Math.max(1, totals.tp + totals.fn);
  const summary = `precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (tp ${totals.tp}, fp ${totals.fp}, fn ${totals.fn})`;
  console.log(`examples: ${summary}`);
  assert.ok(precision >= 0.97 && recall >= 0.97, `${summary}\n${problems.join('\n')}`);
});

test('every text rule of the catalog is exercised by at least one labelled example', () => {
  const labelled = new Set(projects.flatMap((name) =>
    (JSON.parse(readFileSync(join(EXAMPLES, `${name}.labels.json`), 'utf8')) as Labels).expected.map((e) => e.ruleId)));
  const missing = engine.rules.map((r) => r.id).filter((id) => !labelled.has(id));
  assert.deepEqual(missing, []);
});
