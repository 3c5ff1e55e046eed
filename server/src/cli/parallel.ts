// Text scanning on two cores: a worker thread (the same bundle, started with `workerData`) scans
// every other file while the main thread scans the rest; results are merged in walk order, so the
// report is the same as a single-threaded scan.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createEngine, type Engine, type EngineOptions } from '../core/engine';
import { scanProjectFile, type FileJob, type FileOutcome } from './files';

/** Below this many files a worker's start-up (loading the bundle) costs more than it saves. */
export const PARALLEL_MIN_FILES = 200;

interface WorkerInput { leaklensScanWorker: true; jobs: FileJob[]; engine: { ruleSettings: EngineOptions['ruleSettings']; baseline: string[] }; maxBytes: number }

/** Scans `jobs` (results in the same order), using a worker for half of them when it pays off. */
export async function scanFiles(
  jobs: FileJob[],
  engine: Engine,
  engineOptions: { ruleSettings: EngineOptions['ruleSettings']; baseline: string[] },
  maxBytes: number,
  onFile?: (rel: string) => void,
): Promise<FileOutcome[]> {
  const single = () => jobs.map((j) => { onFile?.(j.rel); return scanProjectFile(engine, j, maxBytes); });
  if (jobs.length < PARALLEL_MIN_FILES || availableParallelism() < 2 || typeof __filename !== 'string' || !__filename.endsWith('.js')) return single();
  const theirs = jobs.filter((_, i) => i % 2 === 1);
  const input: WorkerInput = { leaklensScanWorker: true, jobs: theirs, engine: engineOptions, maxBytes };
  const worker = new Worker(__filename, { workerData: input });
  const result = new Promise<FileOutcome[]>((resolve, reject) => {
    worker.once('message', (m: FileOutcome[]) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`scan worker exited with code ${code}`)));
  });
  const mine = jobs.filter((_, i) => i % 2 === 0).map((j) => { onFile?.(j.rel); return scanProjectFile(engine, j, maxBytes); });
  let other: FileOutcome[];
  try {
    other = await result;
  } catch {
    // a worker that cannot start or dies: scan its share here
    other = theirs.map((j) => scanProjectFile(engine, j, maxBytes));
  }
  void worker.terminate();
  return jobs.map((_, i) => (i % 2 === 0 ? mine[i / 2] : other[(i - 1) / 2]));
}

/** Entry of the worker thread; true when this thread is a scan worker (and has done its work). */
export function runScanWorker(): boolean {
  const input = workerData as WorkerInput | undefined;
  if (isMainThread || !input?.leaklensScanWorker) return false;
  const engine = createEngine({ ruleSettings: input.engine.ruleSettings, baseline: input.engine.baseline });
  parentPort!.postMessage(input.jobs.map((j) => scanProjectFile(engine, j, input.maxBytes)));
  return true;
}
