// Text part of `npm run bench`: throughput of `leaklens scan` on a generated ~50 MB mixed mobile
// repository tree, side by side with secretlint (recommended preset) on the same tree (alternating
// runs; ranges, since the machine is shared), which files LeakLens reads now that every text file
// is read (issue 14) against the old by-extension list, and both tools' recall on the labelled examples.
import { mkdtempSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fmt, measure, type Measurement } from './measure';
import { generateTextTree } from './textTree';
import { createEngine } from '../server/src/core/engine';
import { walk } from '../server/src/node/walk';
import { readProjectFile } from '../server/src/node/projectFile';
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

/** What LeakLens read before issue 14: the project files of DESIGN §6, by extension or `.env*` name. */
const READ_BEFORE = /\.(xml|json|plist|entitlements|gradle|kts?|java|swift|mm?|h|dart|[cm]?js|jsx|tsx?|xcconfig|properties|pbxproj|ya?ml|toml|rules|sql)$|(^|\/)\.env(\.[^/]*)?$/i;

interface ReadCount { files: number; bytes: number }

/** Files and bytes of the tree read before (old name list) and now (every text file, the CLI's reader). */
function readCounts(root: string): { all: ReadCount; before: ReadCount; now: ReadCount } {
  const engine = createEngine();
  const all = { files: 0, bytes: 0 };
  const before = { files: 0, bytes: 0 };
  const now = { files: 0, bytes: 0 };
  for (const item of walk(root, { base: root, isScannable: () => true, isArtifact: () => false })) {
    if (item.type !== 'file' || item.rel === '.tree.json') continue;
    const size = statSync(item.abs).size;
    all.files++; all.bytes += size;
    if (READ_BEFORE.test(item.rel)) { before.files++; before.bytes += size; }
    if (engine.isScannable(item.rel) && 'text' in readProjectFile(item.abs, item.rel, { maxBytes: 1024 * 1024 })) { now.files++; now.bytes += size; }
  }
  return { all, before, now };
}

const range = (xs: number[], digits = 2) => `${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)}`;

export function runTextBench(runs = 3): string[] {
  const work = mkdtempSync(join(tmpdir(), 'leaklens-text-bench-'));
  try {
    // outside dot-folders: secretlint's globbing skips paths below a dot-folder such as .cache
    const tree = generateTextTree(join(tmpdir(), 'leaklens-bench', 'text-tree'));
    const mb = tree.bytes / 1e6;
    const rc = secretlintRc(work);
    const out = join(work, 'tree.json');
    // alternating runs, so both tools see the same load on a shared machine
    const ll: Measurement[] = [];
    const sl: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      ll.push(leaklensScan(tree.root, out));
      sl.push(secretlintScan(tree.root, rc));
    }
    const found = (JSON.parse(readFileSync(out, 'utf8')) as { findings: unknown[] }).findings.length;
    const slFound = (JSON.parse(sl[0].stdout || '[]') as SecretlintFile[]).reduce((n, f) => n + f.messages.length, 0);
    const r = examplesRecall(work, rc);
    const llS = ll.map((m) => m.wallMs / 1000);
    const slS = sl.map((m) => m.wallMs / 1000);
    const ratios = llS.map((t, i) => slS[i] / t);
    const bestRatio = Math.min(...slS) / Math.min(...llS);
    const c = readCounts(tree.root);
    const pct = (a: number, b: number) => `${fmt((100 * a) / b, 0)} %`;
    return [
      `## Text scan: ${tree.files} files, ${fmt(mb)} MB, ${tree.planted} planted leaks (${runs} alternating runs each)`,
      `| tool | wall s (min–max) | MB/s (best) | peak RSS MB | findings on tree | recall on examples/ |`,
      `|---|---|---|---|---|---|`,
      `| leaklens scan | ${range(llS)} | ${fmt(mb / Math.min(...llS))} | ${fmt(Math.max(...ll.map((m) => m.maxRssMb)), 0)} | ${found} | ${fmt(r.leaklens, 3)} (rule-exact ${fmt(r.leaklensExact, 3)}) |`,
      `| secretlint 13 + preset-recommend | ${range(slS)} | ${fmt(mb / Math.min(...slS))} | ${fmt(Math.max(...sl.map((m) => m.maxRssMb)), 0)} | ${slFound} | ${fmt(r.secretlint, 3)} |`,
      `throughput ratio leaklens/secretlint: ${range(ratios, 1)}× per run pair, ${fmt(bestRatio)}× best vs best (goal ≥ 5×)`,
      `files read by leaklens: ${c.now.files} of ${c.all.files} (${fmt(c.now.bytes / 1e6)} of ${fmt(c.all.bytes / 1e6)} MB); ` +
        `before issue 14 (by extension): ${c.before.files} (${fmt(c.before.bytes / 1e6)} MB) — ` +
        `+${c.now.files - c.before.files} files (+${pct(c.now.files - c.before.files, c.before.files)}), +${fmt((c.now.bytes - c.before.bytes) / 1e6)} MB (+${pct(c.now.bytes - c.before.bytes, c.before.bytes)}); ` +
        `not read: ${c.all.files - c.now.files} images and lockfiles`,
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) console.log(runTextBench().join('\n'));
