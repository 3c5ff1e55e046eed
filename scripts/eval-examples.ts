// `npm run eval`: precision and recall of the engine over the labelled examples (examples/*.labels.json),
// per rule and overall, with every miss and false alarm. The same scoring backs test/unit/eval/examples.test.ts.
import { createEngine } from '../server/src/core/engine';
import { addScore, emptyScore, evaluateExamples } from '../test/helpers/labels';
import { problemList, ruleTable, summary } from './eval/report';

const totals = emptyScore();
for (const { name, score, errors } of evaluateExamples(createEngine())) {
  console.log(summary(`examples/${name}`, score));
  for (const e of errors) console.log(`  error ${e.file}: ${e.message}`);
  addScore(totals, score);
}
console.log(`\n${ruleTable(totals)}\n\n${problemList(totals)}\n\n${summary('examples', totals)}`);
