// `npm run eval:peers`: how the built CLI does on other scanners' own test cases written as mobile
// project files (`npm run corpus:peers` writes them): recall on their true positives and the share
// of their false positives it flags, per source and peer rule, in `.env` and Kotlin form. Goals:
// recall ≥ 0.9, false alarms ≤ 5 %. A false-positive case counts as flagged when a LeakLens rule that
// stands for the peer's rule fires on it (another catalog rule, e.g. the container of a blob URL, is listed apart).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFolder } from './eval/cli';
import { corpusDir } from './eval/realCorpus';
import { EXCLUDED_NOTES } from './peers/sources';
import type { WrittenCase } from './gen-peer-cases';

const dir = join(corpusDir(), 'peers');
if (!existsSync(join(dir, 'cases.json'))) {
  console.error(`eval:peers: no peer cases at ${dir}. Fetch gitleaks/gitleaks, trufflesecurity/trufflehog and secretlint/secretlint\n` +
    'with the search tool, then: npm run corpus:peers -- /work/.mirror/gitleaks+gitleaks /work/.mirror/trufflesecurity+trufflehog /work/.mirror/secretlint+secretlint');
  process.exit(2);
}
const { cases, skipped } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: WrittenCase[]; skipped: string[] };
const { findings } = scanFolder(dir);
const on = (c: WrittenCase) => findings.filter((f) => f.file === c.file && f.line <= c.endLine && c.line <= f.endLine);

interface Row { found: number; wanted: number; flagged: number; clean: number }
const rows = new Map<string, Row>();
const row = (key: string) => rows.get(key) ?? rows.set(key, { found: 0, wanted: 0, flagged: 0, clean: 0 }).get(key)!;
const misses: string[] = [];
const alarms: string[] = [];
const others: string[] = [];
for (const c of cases) {
  const form = c.file.endsWith('.kt') ? 'kt' : 'env';
  const hits = on(c);
  for (const key of [`${c.source} ${c.peerRule} [${form}]`, `${c.source} (all) [${form}]`, `all [${form}]`, 'all']) {
    const r = row(key);
    if (c.kind === 'tp') {
      for (const id of c.expects) { r.wanted++; if (hits.some((f) => f.ruleId === id)) r.found++; }
    } else { r.clean++; if (hits.some((f) => c.rules.includes(f.ruleId))) r.flagged++; }
  }
  if (c.kind === 'tp') for (const id of c.expects) { if (!hits.some((f) => f.ruleId === id)) misses.push(`${c.file}:${c.line} ${id}  (${c.values.map((v) => v.name).join(', ')})`); }
  else {
    const own = hits.filter((f) => c.rules.includes(f.ruleId));
    if (own.length) alarms.push(`${c.file}:${c.line} ${own.map((f) => f.ruleId).join(', ')}`);
    const other = hits.filter((f) => !c.rules.includes(f.ruleId));
    if (other.length) others.push(`${c.file}:${c.line} ${other.map((f) => f.ruleId).join(', ')}`);
  }
}
const pct = (a: number, b: number) => (b ? (a / b).toFixed(3) : '  -  ');
const width = Math.max(...[...rows.keys()].map((k) => k.length));
console.log(`${'source / peer rule [form]'.padEnd(width)}  recall (found/wanted)  false alarms (flagged/clean)`);
for (const [k, r] of [...rows].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)))) {
  console.log(`${k.padEnd(width)}  ${pct(r.found, r.wanted)} (${r.found}/${r.wanted})${' '.repeat(8)}${pct(r.flagged, r.clean)} (${r.flagged}/${r.clean})`);
}
console.log(`\nmisses (${misses.length}):\n${misses.map((m) => `  ${m}`).join('\n')}`);
console.log(`false alarms (${alarms.length}):\n${alarms.map((m) => `  ${m}`).join('\n')}`);
if (others.length) console.log(`other rules on false-positive cases (not counted: another catalog rule, e.g. the blob container of a URL):\n${others.map((m) => `  ${m}`).join('\n')}`);
console.log(`\nleft out (not cloud-storage leaks in the catalog):\n${EXCLUDED_NOTES.map((e) => `  ${e.source} ${e.peerRule}: ${e.reason}`).join('\n')}`);
if (skipped.length) console.log(`not written (see corpus:peers):\n${skipped.map((s) => `  ${s}`).join('\n')}`);
const all = rows.get('all')!;
console.log(`\npeers: recall ${pct(all.found, all.wanted)} (goal ≥ 0.9), false alarms ${pct(all.flagged, all.clean)} (goal ≤ 0.05)`);
