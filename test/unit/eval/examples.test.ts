// Evaluation over examples/: every `examples/<name>.labels.json` lists the lines that must carry a
// rule and look-alike lines that must stay clean. Precision and recall must both be ≥ 0.97.
// `npm run eval` prints the same scores per rule (test/helpers/labels.ts evaluateExamples).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../../server/src/core/engine';
import { addScore, emptyScore, EXAMPLES_DIR, evaluateExamples, labelledProjects, loadLabels, precision, recall } from '../../helpers/labels';

const engine = createEngine();
const projects = labelledProjects();

for (const name of projects) {
  test(`examples/${name}: labels point at the lines they describe`, () => {
    const labels = loadLabels(name);
    for (const l of [...labels.expected, ...labels.clean]) {
      const line = readFileSync(join(EXAMPLES_DIR, name, l.file), 'utf8').split('\n')[l.line - 1] ?? '';
      if (l.text) assert.ok(line.includes(l.text), `${name}/${l.file}:${l.line} no longer contains ${JSON.stringify(l.text)}`);
    }
  });
}

test('precision and recall over all examples are both ≥ 0.97, every project yields true positives', () => {
  assert.ok(projects.length >= 4, 'at least the Android, iOS, Flutter and React Native examples are labelled');
  const results = evaluateExamples(engine);
  const totals = emptyScore();
  for (const { name, score, errors } of results) {
    assert.deepEqual(errors, [], `examples/${name} scans without errors`);
    assert.ok(score.tp > 0, `examples/${name} yields true positives`);
    addScore(totals, score);
  }
  const summary = `precision ${precision(totals).toFixed(3)} recall ${recall(totals).toFixed(3)} (tp ${totals.tp}, fp ${totals.fp}, fn ${totals.fn})`;
  console.log(`examples: ${summary}`);
  assert.ok(precision(totals) >= 0.97 && recall(totals) >= 0.97, `${summary}\n${totals.problems.join('\n')}`);
});

test('every rule of the catalog is exercised by at least one labelled example', () => {
  const labelled = new Set(projects.flatMap((name) => loadLabels(name).expected.map((e) => e.ruleId)));
  assert.deepEqual(engine.rules.map((r) => r.id).filter((id) => !labelled.has(id)), []);
});
