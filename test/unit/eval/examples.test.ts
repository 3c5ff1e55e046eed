// Evaluation over examples/: every `examples/<name>.labels.json` lists the lines that must carry a
// rule and look-alike lines that must stay clean. Precision and recall must both be ≥ 0.97.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../../server/src/core/engine';
import { EXAMPLES_DIR, labelledProjects, loadLabels, precision, recall, scanExample, score, type Score } from '../../helpers/labels';

const engine = createEngine();
const projects = labelledProjects();
const totals: Score = { tp: 0, fp: 0, fn: 0, problems: [] };

for (const name of projects) {
  const root = join(EXAMPLES_DIR, name);
  const labels = loadLabels(name);

  test(`examples/${name}: labels point at the lines they describe`, () => {
    for (const l of [...labels.expected, ...labels.clean]) {
      const line = readFileSync(join(root, l.file), 'utf8').split('\n')[l.line - 1] ?? '';
      if (l.text) assert.ok(line.includes(l.text), `${name}/${l.file}:${l.line} no longer contains ${JSON.stringify(l.text)}`);
    }
  });

  test(`examples/${name}: findings against labels`, () => {
    const { findings, errors } = scanExample(root, engine);
    assert.deepEqual(errors, [], 'examples scan without errors');
    const s = score(name, labels, findings.map((f) => ({ ruleId: f.ruleId, ...f.location })));
    totals.tp += s.tp; totals.fp += s.fp; totals.fn += s.fn; totals.problems.push(...s.problems);
    assert.ok(s.tp > 0, `examples/${name} yields true positives`);
  });
}

test('precision and recall over all examples are both ≥ 0.97', () => {
  assert.ok(projects.length >= 4, 'at least the Android, iOS, Flutter and React Native examples are labelled');
  const summary = `precision ${precision(totals).toFixed(3)} recall ${recall(totals).toFixed(3)} (tp ${totals.tp}, fp ${totals.fp}, fn ${totals.fn})`;
  console.log(`examples: ${summary}`);
  assert.ok(precision(totals) >= 0.97 && recall(totals) >= 0.97, `${summary}\n${totals.problems.join('\n')}`);
});

test('every rule of the catalog is exercised by at least one labelled example', () => {
  const labelled = new Set(projects.flatMap((name) => loadLabels(name).expected.map((e) => e.ruleId)));
  assert.deepEqual(engine.rules.map((r) => r.id).filter((id) => !labelled.has(id)), []);
});
