// Seeded fuzz harness over every registered format (`npm run fuzz`):
//   node --import tsx test/fuzz/run.ts [--cases 10000] [--seed 1] [--max-ms 2000] [--only NAME]
// A case fails when the target throws, reports an internal error, or takes longer than --max-ms.
// Failing inputs are written to .cache/fuzz/ for replay.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fuzzTargets, type FuzzTarget } from './registry';
import { mutate, rng } from './mutate';

export interface FuzzFailure {
  target: string;
  index: number;
  how: string;
  problem: string;
  bytes: Uint8Array;
}

export interface FuzzSummary {
  cases: number;
  failures: FuzzFailure[];
  perTarget: Record<string, number>;
  slowestMs: number;
}

/** Runs `cases` mutations round-robin over `targets`; deterministic for a given seed. */
export async function fuzz(targets: FuzzTarget[], cases: number, seed = 1, maxMs = 2000): Promise<FuzzSummary> {
  const random = rng(seed);
  const summary: FuzzSummary = { cases: 0, failures: [], perTarget: {}, slowestMs: 0 };
  for (let i = 0; i < cases; i++) {
    const t = targets[i % targets.length];
    const other = targets[Math.floor(random() * targets.length)].seed;
    // Stack mutations now and then: one change rarely gets past the first check.
    let m = mutate(t.seed, other, random);
    for (let k = random() < 0.3 ? 1 + Math.floor(random() * 3) : 0; k > 0; k--) {
      const next = mutate(m.bytes, other, random);
      m = { bytes: next.bytes, how: `${m.how}; ${next.how}` };
    }
    const start = performance.now();
    let problem: string | undefined;
    try {
      const errors = await t.run(m.bytes);
      const internal = errors.find((e) => /internal error/i.test(e));
      if (internal) problem = internal;
    } catch (e) {
      problem = `threw: ${(e as Error).stack ?? String(e)}`;
    }
    const ms = performance.now() - start;
    summary.slowestMs = Math.max(summary.slowestMs, ms);
    if (!problem && ms > maxMs) problem = `took ${ms.toFixed(0)} ms (limit ${maxMs})`;
    if (problem) summary.failures.push({ target: t.name, index: i, how: m.how, problem, bytes: m.bytes });
    summary.perTarget[t.name] = (summary.perTarget[t.name] ?? 0) + 1;
    summary.cases++;
  }
  return summary;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<number> {
  const only = arg('only', '');
  const targets = fuzzTargets().filter((t) => !only || t.name === only);
  if (targets.length === 0) {
    process.stderr.write(`no fuzz target named ${only}\n`);
    return 2;
  }
  const cases = Number(arg('cases', '10000'));
  const seed = Number(arg('seed', '1'));
  const t0 = performance.now();
  const s = await fuzz(targets, cases, seed, Number(arg('max-ms', '2000')));
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`fuzz: ${s.cases} cases over ${targets.length} targets (seed ${seed}) in ${secs} s, slowest case ${s.slowestMs.toFixed(0)} ms`);
  for (const [name, n] of Object.entries(s.perTarget)) console.log(`  ${name.padEnd(16)} ${n}`);
  if (s.failures.length) {
    mkdirSync('.cache/fuzz', { recursive: true });
    for (const f of s.failures.slice(0, 50)) {
      const file = `.cache/fuzz/${f.target}-${seed}-${f.index}.bin`;
      writeFileSync(file, f.bytes);
      console.log(`FAIL ${f.target} case ${f.index} (${f.how}): ${f.problem.split('\n')[0]} → ${file}`);
    }
    console.log(`${s.failures.length} failures`);
    return 1;
  }
  console.log('no failures');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 1; });
}
