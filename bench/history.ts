// History bench: `leaklens scan --history` over a generated 10,000-commit repository
// (bench/historyRepo.ts), next to what git itself needs to read that history (`git log --raw`,
// `git log -p`), and the alternative design — scanning only the lines each commit adds — for what
// it would find and cost. The machine is shared: every row gives min–max over the runs.
// Alone: node --import tsx bench/history.ts
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../server/src/core/engine';
import { keptInHistory } from '../server/src/core/git/history';
import { fmt, measure, type Measurement } from './measure';
import { historyRepo, PLANTED } from './historyRepo';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'server/out/cli.js');
const CACHE = join(ROOT, '.cache/bench');

const range = (ms: Measurement[], f: (m: Measurement) => number, digits = 1) => {
  const v = ms.map(f);
  return `${fmt(Math.min(...v), digits)}–${fmt(Math.max(...v), digits)}`;
};

/** The alternative: scan only each commit's added lines (`git log -p -U0`), per file. Distinct rule+value pairs found, and the time. */
async function addedLinesOnly(repo: string): Promise<{ values: Set<string>; ms: number }> {
  const engine = createEngine();
  const values = new Set<string>();
  const t0 = performance.now();
  const log = spawn('git', ['log', '-p', '-U0', '--format=%x01%H', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--src-prefix=a/', '--dst-prefix=b/', 'HEAD'], { cwd: repo });
  log.stdout.setEncoding('utf8');
  let rest = '';
  let path: string | undefined;
  let added: string[] = [];
  let oldLeft = 0;
  let newLeft = 0;
  const flush = () => {
    if (path && added.length && engine.isScannable(path)) {
      for (const f of engine.scanText(path, added.join('\n')).findings) if (keptInHistory(f.ruleId)) values.add(`${f.ruleId} ${f.value}`);
    }
    added = [];
  };
  const onLine = (line: string) => {
    if (oldLeft > 0 || newLeft > 0) {
      if (line.startsWith('+')) { added.push(line.slice(1)); newLeft--; } else if (line.startsWith('-')) oldLeft--;
      return;
    }
    const h = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (h) { oldLeft = h[1] === undefined ? 1 : Number(h[1]); newLeft = h[2] === undefined ? 1 : Number(h[2]); return; }
    if (line.startsWith('diff --git ') || line.startsWith('\x01')) { flush(); path = undefined; return; }
    if (line.startsWith('+++ ')) path = line.startsWith('+++ b/') ? line.slice(6) : undefined;
  };
  for await (const chunk of log.stdout as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  }
  onLine(rest);
  flush();
  return { values, ms: performance.now() - t0 };
}

export async function runHistoryBench(runs = 3): Promise<string[]> {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const t0 = performance.now();
  const repo = await historyRepo(CACHE, 10_000);
  const generated = performance.now() - t0;
  const commits = execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  const out = mkdtempSync(join(tmpdir(), 'leaklens-history-'));
  const scans: Measurement[] = [];
  const raw: Measurement[] = [];
  const patch: Measurement[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      scans.push(measure(process.execPath, [CLI, 'scan', repo, '--history', '--format', 'json', '--output', join(out, 'r.json'), '--fail-on', 'none']));
      raw.push(measure('bash', ['-c', 'git log --raw -z --no-abbrev --no-renames --reverse --topo-order --format=%H HEAD > /dev/null'], { cwd: repo }));
      patch.push(measure('bash', ['-c', 'git log -p -U0 --no-renames --format=%H HEAD > /dev/null'], { cwd: repo }));
    }
    const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as { findings: Array<{ ruleId: string; value: string; inHead: boolean; commit: { sha: string } }> };
    const alt = await addedLinesOnly(repo);
    const history = new Set(report.findings.map((f) => `${f.ruleId} ${f.value}`));
    const missed = [...history].filter((v) => !alt.values.has(v));
    const rotated = report.findings.some((f) => f.value === `${PLANTED.rotatedSecret.slice(0, 8)}…`);
    const row = (name: string, ms: Measurement[], note: string) => `| ${name.padEnd(34)} | ${range(ms, (m) => m.wallMs / 1000).padStart(11)} | ${range(ms, (m) => m.maxRssMb, 0).padStart(9)} | ${note}`;
    return [
      `## History scan: generated repository, ${commits} commits (cached in .cache/bench; generated in ${fmt(generated / 1000)} s this run), ${runs} runs, min–max`,
      `| ${'command'.padEnd(34)} | ${'wall s'.padStart(11)} | ${'peak MB'.padStart(9)} | notes`,
      `|${'-'.repeat(36)}|${'-'.repeat(13)}|${'-'.repeat(11)}|------`,
      row('leaklens scan --history', scans, `${report.findings.length} findings (${report.findings.filter((f) => !f.inHead).length} no longer in HEAD); exit ${scans[0].status}; goal: well under 60 s`),
      row('git log --raw (paths and blob ids)', raw, 'what --history streams; the floor'),
      row('git log -p -U0 (every patch)', patch, 'what a patch-reading scanner must read at least'),
      `added-lines-only alternative (in-process, engine only): ${fmt(alt.ms / 1000)} s, ${alt.values.size} distinct values; misses ${missed.length} that --history finds${missed.length ? ` (${missed.join('; ')})` : ''}${rotated ? '; --history finds the rotated secret whose name is on an unchanged line' : ''}`,
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runHistoryBench().then((lines) => console.log(lines.join('\n')), (e: unknown) => {
    console.error(`history bench failed: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
