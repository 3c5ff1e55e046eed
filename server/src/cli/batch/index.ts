// `leaklens batch`: lists the inputs, runs them on the worker pool (pool.ts), decides per sha256
// what to skip (--resume, duplicates, --shard), optionally probes each endpoint once for the whole
// run, and writes one JSON line per artifact as it finishes (DESIGN §5).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatBatchLine, type BatchLine } from '../../core/fleet/line';
import { inShard } from '../../core/fleet/shard';
import { UNKNOWN_APP } from '../../core/artifact/appIdentity';
import { buildReport } from '../../core/report';
import type { EndpointResult, Finding } from '../../core/types';
import { listInputs, parseList, type FleetInput } from '../../node/fleet/inputs';
import { LineWriter, readResumeState } from '../../node/fleet/output';
import { UsageError } from '../args';
import { BATCH_HELP, parseBatchArgs, type BatchArgs } from './args';
import { runPool, type TaskOutcome } from './pool';
import { progressLine, type BatchCounts } from './progress';

export interface BatchIo {
  cwd: string;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  /** The CLI bundle the workers run (server/out/cli.js). */
  script: string;
  /** Per scanned artifact (bench: worker memory and CPU over time). */
  onScanned?(outcome: Extract<TaskOutcome, { kind: 'scanned' }>, input: FleetInput): void;
}

export async function runBatch(args: BatchArgs, io: BatchIo): Promise<BatchCounts> {
  const given = [...args.inputs];
  const { inputs, problems } = listInputs(given, io.cwd);
  // a path typed on the command line that is not there is a usage error; a listed one is a warning
  if (problems.length && given.length) {
    const typed = problems.find((p) => given.includes(p.path));
    if (typed) throw new UsageError(`cannot scan "${typed.path}": ${typed.message}`);
  }
  const warn = (path: string, message: string) => io.stderr.write(`leaklens: ${path}: ${message}; skipped\n`);
  for (const p of problems) warn(p.path, p.message);
  if (args.list !== undefined) {
    const listed = listInputs(parseList(await readList(args.list, io)), io.cwd);
    const have = new Set(inputs.map((i) => i.abs));
    for (const i of listed.inputs) if (!have.has(i.abs)) { have.add(i.abs); inputs.push(i); }
    for (const p of listed.problems) warn(p.path, p.message);
  }

  const outPath = args.output === undefined ? undefined : resolve(io.cwd, args.output);
  const done = new Set<string>();
  if (outPath) {
    if (args.resume) {
      const state = await readResumeState(outPath).catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read "${args.output}" to resume it: ${e.code ?? e.message}`);
      });
      for (const sha of state.done) done.add(sha);
      if (state.truncated) io.stderr.write(`leaklens: ${args.output}: dropped a half-written last line (${state.truncated} bytes); that artifact is scanned again\n`);
    } else if (existsSync(outPath) && statSync(outPath).size > 0) {
      throw new UsageError(`"${args.output}" already exists: add --resume to continue it, or remove it`);
    }
  }
  let writer: LineWriter;
  try {
    writer = outPath ? LineWriter.toFile(outPath, args.resume) : LineWriter.toStream(io.stdout);
  } catch (e) {
    throw new UsageError(`cannot write "${args.output}": ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }

  const prober = args.probe ? await startProber(args) : undefined;
  const counts: BatchCounts = { total: inputs.length, written: 0, withErrors: 0, skipped: 0, unreadable: 0 };
  const start = performance.now();
  const progress = io.stderr.isTTY ? progressLine(io.stderr, start) : undefined;
  /**
   * sha256 of every artifact this run scans: the same content under another name is a duplicate.
   * The pool asks in input order, so the first name in input order is the one kept.
   */
  const thisRun = new Set<string>();
  const pending: Array<Promise<void>> = [];

  const emit = (line: BatchLine) => {
    writer.write(formatBatchLine(line));
    counts.written++;
    if (line.errors.length) counts.withErrors++;
    progress?.update(counts);
  };
  const toLine = (input: FleetInput, o: { sha256: string; bytes: number }, findings: Finding[], errors: BatchLine['errors'], ms: number, probed?: EndpointResult[]): BatchLine => {
    const report = buildReport({ root: input.path, findings, errors, probed });
    return { artifact: input.path, sha256: o.sha256, bytes: o.bytes, app: { ...UNKNOWN_APP }, findings: report.findings, endpoints: report.endpoints, errors: report.errors, ms };
  };

  const onOutcome = (input: FleetInput, o: TaskOutcome) => {
    switch (o.kind) {
      case 'skipped':
        counts.skipped++;
        progress?.update(counts);
        return;
      case 'unreadable':
        counts.unreadable++;
        warn(input.path, o.message);
        return;
      case 'failed':
        emit(toLine(input, o, [], [{ file: input.path, entry: null, message: o.message }], o.ms));
        return;
      case 'scanned': {
        io.onScanned?.(o, input);
        if (!prober) {
          emit({ ...toLine(input, o, o.findings, o.errors, o.ms), app: o.app });
          return;
        }
        pending.push(prober.probe(o.findings).then(
          (p) => emit({ ...toLine(input, o, p.findings, o.errors, o.ms, p.endpoints), app: o.app }),
          (e: unknown) => emit({ ...toLine(input, o, o.findings, [...o.errors, { file: input.path, entry: null, message: `probes failed: ${(e as Error)?.message ?? String(e)}` }], o.ms), app: o.app }),
        ));
      }
    }
  };

  const decide = (sha256: string) => {
    if (done.has(sha256)) return 'resumed' as const;
    if (thisRun.has(sha256)) return 'duplicate' as const;
    if (args.shard && !inShard(sha256, args.shard)) return 'other-shard' as const;
    thisRun.add(sha256);
    return 'go' as const;
  };

  try {
    await runPool(inputs, { jobs: args.jobs, timeoutMs: args.artifactTimeoutS * 1000, heapMb: args.workerMemoryMb, script: io.script, decide, onOutcome });
    await Promise.all(pending);
  } finally {
    progress?.clear();
    await prober?.close();
    writer.close();
  }
  const secs = (performance.now() - start) / 1000;
  const shard = args.shard ? ` (shard ${args.shard.index}/${args.shard.count})` : '';
  io.stderr.write(`leaklens: batch${shard}: ${counts.written} artifact${counts.written === 1 ? '' : 's'} written (${counts.withErrors} with errors), ${counts.skipped} skipped, ${counts.unreadable} unreadable, in ${secs.toFixed(1)} s${args.output ? `; lines in ${args.output}` : ''}\n`);
  return counts;
}

async function readList(list: string, io: BatchIo): Promise<string> {
  if (list === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin as AsyncIterable<Buffer | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return readFileSync(resolve(io.cwd, list), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read --list "${list}": ${code === 'ENOENT' ? 'no such file' : code ?? 'error'}`);
  }
}

async function startProber(args: BatchArgs) {
  try {
    // loaded only when asked for: the HTTP client is most of the bundle's start-up time
    const { createProber } = await import('../../probe');
    return createProber({ allowWrite: args.allowWriteProbes, overrides: args.overrides, perHostIntervalMs: Math.ceil(1000 / args.probeRate) });
  } catch (e) {
    throw new UsageError(`--probe: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** `leaklens batch …` as typed: options, then the run. */
export async function runBatchCommand(argv: readonly string[], io: Omit<BatchIo, 'script'> & { env: Record<string, string | undefined> }): Promise<number> {
  const args = parseBatchArgs(argv, io.env);
  if (args.help) {
    io.stdout.write(BATCH_HELP);
    return 0;
  }
  // the workers run this same bundle (server/out/cli.js)
  if (typeof __filename !== 'string' || !__filename.endsWith('.js')) throw new UsageError('batch runs from the built CLI (npm run build, then node server/out/cli.js batch …)');
  await runBatch(args, { ...io, script: __filename });
  return 0;
}
