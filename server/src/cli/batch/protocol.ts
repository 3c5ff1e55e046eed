// Messages between `leaklens batch` and its worker processes (IPC, JSON). One task at a time per
// worker: task → hashed → (go | skip) → done. The parent decides go/skip from the sha256 (already
// in the output, already seen in this run, another shard), so hashing and scanning read the file once.
import type { AppIdentity } from '../../core/artifact/appIdentity';
import type { Finding, ScanError } from '../../core/types';

/** Set in a worker's environment: the bundle then runs as a batch worker, not as the CLI. */
export const WORKER_ENV = 'LEAKLENS_BATCH_WORKER';

export type ToWorker =
  | { type: 'task'; id: number; abs: string; path: string }
  | { type: 'go'; id: number }
  | { type: 'skip'; id: number };

/** The worker's resource use after an artifact (the bench follows it over a run). */
export interface WorkerUsage {
  /** Resident set size after this artifact, bytes. */
  rss: number;
  /** Peak RSS of the worker so far, bytes (getrusage maxrss). */
  maxRss: number;
  /** CPU time of the worker so far (user + system), ms. */
  cpuMs: number;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'hashed'; id: number; sha256: string; bytes: number }
  /** The file vanished or cannot be read: no sha256, so no line (the parent warns on stderr). */
  | { type: 'unreadable'; id: number; message: string }
  | { type: 'done'; id: number; app: AppIdentity; findings: Finding[]; errors: ScanError[]; usage: WorkerUsage };
