// `leaklens batch` options (DESIGN §5). Every user mistake becomes a UsageError with one sentence.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { parseShard, shardFromEnv, type Shard } from '../../core/fleet/shard';
import { OVERRIDE_KEYS } from '../../probe/policy';
import { optionError, parseOverrides, UsageError } from '../args';

export interface BatchArgs {
  inputs: string[];
  /** `--list FILE`; `-` is standard input. */
  list?: string;
  jobs: number;
  output?: string;
  resume: boolean;
  shard?: Shard;
  artifactTimeoutS: number;
  /** Heap cap of each worker process (V8 old space), MB. */
  workerMemoryMb: number;
  probe: boolean;
  allowWriteProbes: boolean;
  overrides: Record<string, string>;
  /** Requests per second to one host, across all apps. */
  probeRate: number;
  debug: boolean;
  help: boolean;
}

export const DEFAULT_ARTIFACT_TIMEOUT_S = 120;
export const DEFAULT_WORKER_MEMORY_MB = 2048;
/** Lowest heap cap accepted (tests use it to run a worker out of memory). */
const MIN_WORKER_MEMORY_MB = 32;
export const DEFAULT_PROBE_RATE = 5;

export const BATCH_HELP = `Usage: leaklens batch INPUT… [options]

Scans many apps: each INPUT is an artifact (APK/AAB/APKS/XAPK/IPA/.app/.xcarchive) or a folder
searched for them. Writes one JSON line per artifact as it finishes (DESIGN §5); a failed artifact is
a line with "errors" and the batch goes on. The same content (sha256) is scanned once per run,
under its first name in input order.

Options:
  --list FILE|-               also scan the paths listed in FILE, one a line (- = standard input)
  --jobs N                    worker processes (default: the number of cores)
  --output FILE.jsonl         write the lines to FILE instead of standard output
  --resume                    continue FILE: skip the artifacts whose sha256 it already holds
  --shard I/N                 keep only shard I of N (0-based, by sha256); also read from
                              SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT and
                              JOB_COMPLETION_INDEX/JOB_COMPLETIONS
  --artifact-timeout S        give up on an artifact after S seconds (default: ${DEFAULT_ARTIFACT_TIMEOUT_S})
  --worker-memory MB          heap cap of each worker (default: ${DEFAULT_WORKER_MEMORY_MB})
  --probe                     probe every endpoint found, once per run however many apps name it
  --allow-write-probes        also try a write (unique object, deleted right away); needs --probe
  --endpoint-override P=URL   send provider P's probes to a local stand-in (repeatable;
                              P: ${OVERRIDE_KEYS.join(', ')})
  --probe-rate N              requests per second to one host (default: ${DEFAULT_PROBE_RATE})
  --debug                     print stack traces for internal errors
  -h, --help                  show this help

Exit codes: 0 the batch ran through (failed artifacts are lines with errors), 2 usage or fatal error.
`;

export function parseBatchArgs(argv: readonly string[], env: Record<string, string | undefined>): BatchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        list: { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        output: { type: 'string', short: 'o' },
        resume: { type: 'boolean' },
        shard: { type: 'string' },
        'artifact-timeout': { type: 'string' },
        'worker-memory': { type: 'string' },
        probe: { type: 'boolean' },
        'allow-write-probes': { type: 'boolean' },
        'endpoint-override': { type: 'string', multiple: true },
        'probe-rate': { type: 'string' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw optionError(e, 'batch: ', 'leaklens batch --help');
  }
  const { values: v, positionals } = parsed;
  const base: BatchArgs = {
    inputs: positionals, list: v.list, jobs: availableParallelism(), output: v.output, resume: !!v.resume,
    artifactTimeoutS: DEFAULT_ARTIFACT_TIMEOUT_S, workerMemoryMb: DEFAULT_WORKER_MEMORY_MB,
    probe: !!v.probe, allowWriteProbes: !!v['allow-write-probes'], overrides: {}, probeRate: DEFAULT_PROBE_RATE,
    debug: !!v.debug, help: !!v.help,
  };
  if (v.help) return base;
  if (positionals.length === 0 && v.list === undefined) throw new UsageError('batch needs at least one INPUT or --list FILE (see leaklens batch --help)');
  if (v.list === '') throw new UsageError('--list needs a file name (or - for standard input)');
  if (v.output === '') throw new UsageError('--output needs a file name');
  if (v.resume && v.output === undefined) throw new UsageError('--resume needs --output FILE (the file to continue)');
  if (v['allow-write-probes'] && !v.probe) throw new UsageError('--allow-write-probes needs --probe');
  if (v.jobs !== undefined) base.jobs = wholeNumber('--jobs', v.jobs, 1, 256);
  if (v['artifact-timeout'] !== undefined) base.artifactTimeoutS = wholeNumber('--artifact-timeout', v['artifact-timeout'], 1, 86_400);
  if (v['worker-memory'] !== undefined) base.workerMemoryMb = wholeNumber('--worker-memory', v['worker-memory'], MIN_WORKER_MEMORY_MB, 65_536);
  if (v['probe-rate'] !== undefined) base.probeRate = wholeNumber('--probe-rate', v['probe-rate'], 1, 1000);
  base.overrides = parseOverrides(v['endpoint-override'] ?? []);
  try {
    base.shard = v.shard !== undefined ? parseShard(v.shard) : shardFromEnv(env);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return base;
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${flag} must be a whole number between ${min} and ${max}, not "${raw}"`);
  return n;
}
