// Text part of `npm run bench`: throughput of `leaklens scan` on a generated ~50 MB mixed mobile
// source tree, side by side with secretlint (recommended preset) on the same tree, and both tools'
// recall on the labelled examples.
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { best, fmt, measure } from './measure';
import { generateTextTree } from './textTree';
import { EXAMPLES_DIR, labelledProjects, loadLabels, recall, score, type Scored } from '../test/helpers/labels';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'server/out/cli.js');
const SECRETLINT = join(ROOT, 'node_modules/.bin/secretlint');

interface SecretlintFile { filePath: string; messages: Array<{ loc: { start: { line: number }; end: { line: number } } }> }

function secretlintRc(dir: string): string {
  const rc = join(dir, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  return rc;
}

function leaklensScan(target: string, out: string) {
  return measure(process.execPath, [CLI, 'scan', target, '--format', 'json', '--output', out]);
}

function secretlintScan(target: string, rc: string) {
  return measure(SECRETLINT, ['--secretlintrc', rc, '--format', 'json', '--no-color', `${target}/**/*`]);
}

/** Recall of both tools on examples/, scored by line (secretlint has other rule ids). */
function examplesRecall(work: string, rc: string): { leaklens: number; leaklensExact: number; secretlint: number } {
  const totals = { ll: { tp: 0, fn: 0 }, exact: { tp: 0, fn: 0 }, sl: { tp: 0, fn: 0 } };
  for (const name of labelledProjects()) {
    const root = join(EXAMPLES_DIR, name);
    const labels = loadLabels(name);
    const out = join(work, `${name}.json`);
    leaklensScan(root, out);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { findings: Array<{ ruleId: string; location: Scored }> };
    const ll = report.findings.map((f) => ({ ...f.location, ruleId: f.ruleId }));
    const add = (t: { tp: number; fn: number }, s: { tp: number; fn: number }) => { t.tp += s.tp; t.fn += s.fn; };
    add(totals.exact, score(name, labels, ll));
    add(totals.ll, score(name, labels, ll.map(({ ruleId: _r, ...loc }) => loc)));
    const sl = JSON.parse(secretlintScan(root, rc).stdout || '[]') as SecretlintFile[];
    add(totals.sl, score(name, labels, sl.flatMap((f) => f.messages.map((m) => ({
      file: relative(root, f.filePath).split('\\').join('/'), line: m.loc.start.line, endLine: m.loc.end.line,
    })))));
  }
  return { leaklens: recall(totals.ll), leaklensExact: recall(totals.exact), secretlint: recall(totals.sl) };
}

export function runTextBench(): string[] {
  const work = mkdtempSync(join(tmpdir(), 'leaklens-text-bench-'));
  try {
    // outside dot-folders: secretlint's globbing skips paths below a dot-folder such as .cache
    const tree = generateTextTree(join(tmpdir(), 'leaklens-bench', 'text-tree'));
    const mb = tree.bytes / 1e6;
    const rc = secretlintRc(work);
    const out = join(work, 'tree.json');
    const ll = best(3, () => leaklensScan(tree.root, out));
    const found = (JSON.parse(readFileSync(out, 'utf8')) as { findings: unknown[] }).findings.length;
    const sl = best(3, () => secretlintScan(tree.root, rc)); // best of 3 for both tools
    const slFound = (JSON.parse(sl.stdout || '[]') as SecretlintFile[]).reduce((n, f) => n + f.messages.length, 0);
    const r = examplesRecall(work, rc);
    const llRate = mb / (ll.wallMs / 1000);
    const slRate = mb / (sl.wallMs / 1000);
    return [
      `## Text scan: ${tree.files} files, ${fmt(mb)} MB, ${tree.planted} planted leaks`,
      `| tool | wall s | MB/s | peak RSS MB | findings on tree | recall on examples/ |`,
      `|---|---|---|---|---|---|`,
      `| leaklens scan | ${fmt(ll.wallMs / 1000, 2)} | ${fmt(llRate)} | ${fmt(ll.maxRssMb, 0)} | ${found} | ${fmt(r.leaklens, 3)} (rule-exact ${fmt(r.leaklensExact, 3)}) |`,
      `| secretlint 13 + preset-recommend | ${fmt(sl.wallMs / 1000, 2)} | ${fmt(slRate)} | ${fmt(sl.maxRssMb, 0)} | ${slFound} | ${fmt(r.secretlint, 3)} |`,
      `throughput ratio leaklens/secretlint: ${fmt(llRate / slRate)}× (goal ≥ 5×)`,
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) console.log(runTextBench().join('\n'));
