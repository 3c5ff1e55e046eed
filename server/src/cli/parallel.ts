// Text scanning on two cores: a worker thread (the same bundle, started with `workerData`) is
// started before the folder walk, then both threads take chunks of files from one queue until it is
// empty; results land at their job's index, so the report is the one a single thread gives.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createEngine, type Engine, type EngineOptions } from '../core/engine';
import { scanProjectFile, type FileJob, type FileOutcome } from './files';

/** Below this many files a worker costs more than it saves. */
export const PARALLEL_MIN_FILES = 200;
/** Files per chunk: small enough to balance the two threads, large enough to keep messages rare. */
const CHUNK = 48;

export type EngineConfig = { ruleSettings: EngineOptions['ruleSettings']; baseline: string[]; where?: EngineOptions['where'] };
interface WorkerInput { leaklensScanWorker: true; engine: EngineConfig; maxBytes: number }
type ToWorker = { start: number; jobs: FileJob[] };
type FromWorker = { start: number; outcomes: FileOutcome[] };

/** A scan worker started ahead of time; undefined when this process should not use one. */
export interface ScanWorker { worker: Worker; failed: boolean }

/** Starts the worker early (its start-up overlaps the walk). Only from the bundle, on ≥ 2 cores. */
export function startScanWorker(engine: EngineConfig, maxBytes: number): ScanWorker | undefined {
  if (availableParallelism() < 2 || typeof __filename !== 'string' || !__filename.endsWith('.js')) return undefined;
  const input: WorkerInput = { leaklensScanWorker: true, engine, maxBytes };
  // a larger young generation: scanning allocates many short-lived strings (fewer scavenges)
  const handle: ScanWorker = { worker: new Worker(__filename, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: 64 } }), failed: false };
  handle.worker.on('error', () => { handle.failed = true; });
  handle.worker.on('exit', () => { handle.failed = true; });
  handle.worker.unref(); // an idle helper must not keep the process alive
  return handle;
}

/** Scans `jobs`; results in the same order. Uses `helper` (then stops it) when there are enough files. */
export async function scanFiles(jobs: FileJob[], engine: Engine, maxBytes: number, helper?: ScanWorker, onFile?: (rel: string) => void): Promise<FileOutcome[]> {
  const out: FileOutcome[] = new Array(jobs.length);
  const scanRange = (start: number, end: number) => {
    for (let i = start; i < end; i++) { onFile?.(jobs[i].rel); out[i] = scanProjectFile(engine, jobs[i], maxBytes); }
  };
  if (!helper || helper.failed || jobs.length < PARALLEL_MIN_FILES) {
    if (helper) void helper.worker.terminate();
    scanRange(0, jobs.length);
    return out;
  }
  let next = 0;
  const worker = helper.worker;
  worker.ref(); // from here on its answers are awaited
  const lend = () => {
    const start = next;
    next = Math.min(next + CHUNK, jobs.length);
    worker.postMessage({ start, jobs: jobs.slice(start, next) } satisfies ToWorker);
  };
  const finished = new Promise<void>((resolve) => {
    worker.on('message', (m: FromWorker) => {
      m.outcomes.forEach((o, k) => { out[m.start + k] = o; });
      if (next < jobs.length) lend();
      else resolve();
    });
    // a worker that dies leaves its chunk to the main thread
    worker.once('exit', () => { helper.failed = true; resolve(); });
  });
  lend();
  while (next < jobs.length) {
    const start = next;
    next = Math.min(next + CHUNK / 4, jobs.length);
    scanRange(start, next);
    await new Promise((r) => setImmediate(r)); // lets the worker's results (and its next request) in
  }
  await finished; // the worker's last chunk
  void worker.terminate();
  // whatever the worker did not deliver (it died) is scanned here
  for (let i = 0; i < jobs.length; i++) if (!out[i]) { onFile?.(jobs[i].rel); out[i] = scanProjectFile(engine, jobs[i], maxBytes); }
  return out;
}

/** Entry of the worker thread; true when this thread is a scan worker. */
export function runScanWorker(): boolean {
  const input = workerData as WorkerInput | undefined;
  if (isMainThread || !input?.leaklensScanWorker) return false;
  const engine = createEngine({ ruleSettings: input.engine.ruleSettings, baseline: input.engine.baseline, where: input.engine.where });
  parentPort!.on('message', (m: ToWorker) => {
    parentPort!.postMessage({ start: m.start, outcomes: m.jobs.map((j) => scanProjectFile(engine, j, input.maxBytes)) } satisfies FromWorker);
  });
  return true;
}
