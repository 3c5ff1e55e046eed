// Text tables for the eval scripts: recall and precision per rule and overall, then every miss
// and false alarm (file:line rule), so a run explains itself.
import { precision, recall, type Problem, type Score } from '../../test/helpers/labels';

const pct = (n: number) => n.toFixed(3);

/** Per-rule table, sorted by rule id, with the overall line last. */
export function ruleTable(score: Score): string {
  const rows = Object.entries(score.byRule).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(12, ...rows.map(([id]) => (id || '(any rule)').length));
  const line = (id: string, r: { tp: number; fp: number; fn: number }) =>
    `${id.padEnd(width)}  ${String(r.tp).padStart(4)} ${String(r.fn).padStart(4)} ${String(r.fp).padStart(4)}  ${pct(recall(r))}  ${pct(precision(r))}`;
  return [
    `${'rule'.padEnd(width)}    tp   fn   fp  recall  precision`,
    ...rows.map(([id, r]) => line(id || '(any rule)', r)),
    line('overall', score),
  ].join('\n');
}

const where = (p: Problem) => `${p.project}/${p.file}:${p.line} ${p.ruleId ?? ''}`.trimEnd();

/** Every miss and false alarm, one per line; false alarms on a labelled clean line say why it is clean. */
export function problemList(score: Score): string {
  const out: string[] = [];
  out.push(`misses (${score.misses.length}):`, ...score.misses.map((p) => `  ${where(p)}`));
  out.push(`false alarms (${score.falseAlarms.length}):`, ...score.falseAlarms.map((p) => `  ${where(p)}${p.clean ? `   [clean: ${p.clean}]` : ''}`));
  return out.join('\n');
}

/** One summary line. */
export function summary(label: string, score: Score): string {
  return `${label}: recall ${pct(recall(score))} precision ${pct(precision(score))} (tp ${score.tp}, fn ${score.fn}, fp ${score.fp}, on allowed lines ${score.allowed})`;
}
