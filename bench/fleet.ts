// Fleet bench: `leaklens batch` over the ≥ 1,000-artifact corpus of bench/fleetCorpus.ts with 1 and
// with 2 worker processes, side by side in one run: apps per minute and the speed-up, each worker's
// RSS over its first and its last hundred artifacts (flat = no leak), and the checks that make the
// numbers mean something: every artifact (sha256) exactly once, every planted leak found, every
// corrupt artifact and zip bomb a line with errors, the same lines whatever the number of workers.
// Alone: node --import tsx bench/fleet.ts [--jobs 1,2]   (npm run bench runs it through bench/index.ts)
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { runBatch } from '../server/src/cli/batch';
import { parseBatchArgs } from '../server/src/cli/batch/args';
import type { BatchLine } from '../server/src/core/fleet/line';
import { ensureFleetCorpus, FLEET_CORPUS, type CorpusItem } from './fleetCorpus';
import { fmt } from './measure';
import { rng } from '../test/helpers/rng';

const CLI = resolve('server/out/cli.js');
const MB = 1024 * 1024;

interface Sample { worker: number; rss: number; maxRss: number; cpuMs: number }
interface Run { jobs: number; ms: number; lines: BatchLine[]; samples: Sample[]; parentCpuMs: number }

async function runOnce(jobs: number, outDir: string, list: string): Promise<Run> {
  const output = join(outDir, `jobs-${jobs}.jsonl`);
  const args = parseBatchArgs(['--list', list, '--jobs', String(jobs), '--output', output], {});
  const samples: Sample[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await runBatch(args, {
    cwd: process.cwd(), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, script: CLI,
    onScanned: (o) => samples.push({ worker: o.worker, rss: o.usage.rss, maxRss: o.usage.maxRss, cpuMs: o.usage.cpuMs }),
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const lines = readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as BatchLine);
  return { jobs, ms, lines, samples, parentCpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Per worker process: peak RSS after an artifact over its first and its last 100 artifacts. */
function rssRows(run: Run): string[] {
  const byWorker = new Map<number, Sample[]>();
  for (const s of run.samples) byWorker.set(s.worker, [...(byWorker.get(s.worker) ?? []), s]);
  return [...byWorker].filter(([, list]) => list.length >= 200).map(([w, list]) => {
    const peak = (xs: Sample[]) => Math.max(...xs.map((x) => x.rss)) / MB;
    const first = peak(list.slice(0, 100));
    const last = peak(list.slice(-100));
    const hwm = (i: number) => list[i].maxRss / MB;
    return `  worker ${w} (${list.length} artifacts): peak RSS after an artifact, first 100 ${fmt(first, 0)} MB, last 100 ${fmt(last, 0)} MB (${fmt(last / first, 2)}×); high-water mark ${fmt(hwm(99), 0)} → ${fmt(hwm(list.length - 1), 0)} MB`;
  });
}

/** The checks: each sha once, planted leaks found, corrupt files and bombs with errors. */
function check(run: Run, items: readonly CorpusItem[], shaOf: Map<string, string>): string[] {
  const problems: string[] = [];
  const bySha = new Map<string, BatchLine>();
  for (const l of run.lines) {
    if (bySha.has(l.sha256)) problems.push(`two lines for ${l.sha256} (${l.artifact})`);
    bySha.set(l.sha256, l);
  }
  const distinct = new Set(shaOf.values());
  if (bySha.size !== distinct.size) problems.push(`${bySha.size} lines for ${distinct.size} distinct artifacts`);
  let planted = 0;
  let found = 0;
  let broken = 0;
  let brokenWithErrors = 0;
  for (const it of items) {
    const line = bySha.get(shaOf.get(it.name)!);
    if (!line) { problems.push(`no line for ${it.name}`); continue; }
    if (it.kind === 'planted') {
      const values = new Set(line.findings.map((f) => f.value));
      for (const v of it.planted ?? []) {
        planted++;
        if (values.has(v)) found++;
        else problems.push(`${it.name}: planted ${v} not found`);
      }
    }
    if (it.kind === 'corrupt' || it.kind === 'bomb') {
      broken++;
      if (line.errors.length) brokenWithErrors++;
      else problems.push(`${it.name}: ${it.kind} but no errors`);
    }
    if ((it.kind === 'real' || it.kind === 'rezipped' || it.kind === 'planted') && line.errors.some((e) => /worker|did not finish/.test(e.message))) {
      problems.push(`${it.name}: ${line.errors[0].message}`);
    }
  }
  return [
    `  ${bySha.size} lines for ${distinct.size} distinct artifacts (${items.length} files), each once: ${problems.some((p) => p.startsWith('two lines') || p.includes('lines for')) ? 'NO' : 'yes'}`,
    `  planted leaks found: ${found}/${planted}; corrupt files and zip bombs with errors: ${brokenWithErrors}/${broken}`,
    ...problems.slice(0, 10).map((p) => `  PROBLEM: ${p}`),
  ];
}

/** Lines compared without timings, and without artifacts held under two names (which copy is scanned first varies). */
const stableLines = (lines: BatchLine[], twice: Set<string>) => JSON.stringify(lines.filter((l) => !twice.has(l.sha256)).map((l) => ({ ...l, ms: 0 }))
  .sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1)));

export async function runFleetBench(jobsList: number[] = [1, 2]): Promise<string[]> {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const manifest = await ensureFleetCorpus((s) => process.stderr.write(`${s}\n`));
  const shaOf = new Map(manifest.items.map((it) => [it.name, createHash('sha256').update(readFileSync(join(FLEET_CORPUS, it.name))).digest('hex')]));
  const outDir = mkdtempSync(join(tmpdir(), 'leaklens-fleet-bench-'));
  try {
    // one shuffled order (seeded), so a worker's first and last hundred artifacts are alike in kind and size
    const random = rng(2026);
    const names = manifest.items.map((it) => it.name);
    for (let i = names.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [names[i], names[j]] = [names[j], names[i]];
    }
    const list = join(outDir, 'list.txt');
    writeFileSync(list, names.map((n) => `${join(FLEET_CORPUS, n)}\n`).join(''));
    const runs: Run[] = [];
    for (const jobs of jobsList) runs.push(await runOnce(jobs, outDir, list));
    const lines = [`## Fleet: leaklens batch over ${manifest.items.length} artifacts (${FLEET_CORPUS}), cores: ${jobsList.join(' and ')} worker(s)`];
    const apm = (r: Run) => r.lines.length / (r.ms / 60_000);
    for (const r of runs) {
      // CPU: each worker's last reported total (its start-up included), and the parent's
      const last = new Map<number, number>();
      for (const s of r.samples) last.set(s.worker, s.cpuMs);
      const workerCpu = [...last.values()].reduce((a, b) => a + b, 0);
      lines.push(`- ${r.jobs} worker${r.jobs === 1 ? '' : 's'}: ${r.lines.length} lines in ${fmt(r.ms / 1000, 1)} s = ${fmt(apm(r), 0)} apps/min; CPU ${fmt(workerCpu / r.lines.length, 0)} ms per app in workers + ${fmt(r.parentCpuMs / r.lines.length, 1)} ms in the parent (${fmt((workerCpu + r.parentCpuMs) / r.ms, 2)} cores busy on average)`);
      lines.push(...rssRows(r), ...check(r, manifest.items, shaOf));
    }
    if (runs.length >= 2) {
      const [a, b] = runs;
      lines.push(`- speed-up ${b.jobs} vs ${a.jobs} workers: ${fmt(apm(b) / apm(a), 2)}× (goal ≥ 1.8× on 2 idle cores)`);
      const count = new Map<string, number>();
      for (const sha of shaOf.values()) count.set(sha, (count.get(sha) ?? 0) + 1);
      const twice = new Set([...count].filter(([, n]) => n > 1).map(([sha]) => sha));
      lines.push(`- the same lines with ${a.jobs} and ${b.jobs} workers (timings aside): ${stableLines(a.lines, twice) === stableLines(b.lines, twice) ? 'yes' : 'NO'}`);
    }
    return lines;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--jobs');
  const jobs = i > 0 ? process.argv[i + 1].split(',').map(Number) : [1, 2];
  runFleetBench(jobs).then((lines) => console.log(lines.join('\n')), (e: unknown) => {
    console.error(`fleet bench failed: ${(e as Error).stack}`);
    process.exitCode = 1;
  });
}
