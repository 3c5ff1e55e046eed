// The batch's worker pool: N child processes of the same bundle, one artifact each at a time.
// Child processes rather than worker_threads: a worker stuck in a synchronous inflate, or growing
// native memory (Buffers, zlib) that a thread's resourceLimits do not count, is ended for sure by
// SIGKILL without touching the parent; a crash or an out-of-memory abort takes down only that
// worker; and each worker's RSS is its own (the bench measures it). Start-up (~0.1 s) is paid once
// per worker, not per artifact. A worker that hangs (--artifact-timeout), crashes or runs out of
// memory (--max-old-space-size) is replaced and its artifact becomes a failed outcome.
import { fork, type ChildProcess } from 'node:child_process';
import type { AppIdentity } from '../../core/artifact/appIdentity';
import type { Finding, ScanError } from '../../core/types';
import type { FleetInput } from '../../node/fleet/inputs';
import { WORKER_ENV, type FromWorker, type ToWorker, type WorkerUsage } from './protocol';

export type SkipReason = 'resumed' | 'duplicate' | 'other-shard';

export type TaskOutcome =
  | { kind: 'scanned'; sha256: string; bytes: number; app: AppIdentity; findings: Finding[]; errors: ScanError[]; ms: number; worker: number; usage: WorkerUsage }
  | { kind: 'skipped'; reason: SkipReason }
  /** Timed out, crashed or out of memory; sha256 unknown when it died before hashing. */
  | { kind: 'failed'; sha256?: string; bytes?: number; message: string; ms: number }
  | { kind: 'unreadable'; message: string };

export interface PoolOptions {
  jobs: number;
  timeoutMs: number;
  heapMb: number;
  /** The CLI bundle (server/out/cli.js). */
  script: string;
  /** Artifacts per worker process before it is replaced (default MAX_TASKS_PER_WORKER). */
  maxTasksPerWorker?: number;
  /** go, or why not, once an artifact's sha256 is known. */
  decide(sha256: string): SkipReason | 'go';
  onOutcome(input: FleetInput, outcome: TaskOutcome): void;
}

interface Slot {
  /** Serial number of the worker process (a replaced worker gets a new one). */
  serial: number;
  child: ChildProcess;
  /** Resolves when the worker said `ready`. */
  ready: Promise<void>;
  isReady: boolean;
  /** Artifacts handed to this worker so far. */
  tasks: number;
  /** Replaced after MAX_TASKS_PER_WORKER: its exit needs no replacement. */
  retired?: boolean;
  stderrTail: string;
  task?: { id: number; input: FleetInput; started: number; timer: NodeJS.Timeout; sha256?: string; bytes?: number; killedForTime?: boolean };
}

const STDERR_TAIL = 4096;
/** How long an idle worker may take to exit once told there is nothing left. */
const EXIT_GRACE_MS = 5000;
/**
 * A worker is replaced after this many artifacts, so whatever a long run leaves behind in a
 * process (heap growth, fragmentation) stays bounded; a start-up (~0.1 s) per 500 apps is noise.
 */
export const MAX_TASKS_PER_WORKER = 500;

/** Scans `inputs` on `options.jobs` workers; resolves when every input has an outcome. */
export function runPool(inputs: readonly FleetInput[], options: PoolOptions): Promise<void> {
  if (inputs.length === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let serial = 0;
    let nextId = 1;
    let failedToStart = false;
    const slots = new Set<Slot>();

    const spawn = () => {
      const child = fork(options.script, [], {
        env: { ...process.env, [WORKER_ENV]: '1' },
        execArgv: [`--max-old-space-size=${options.heapMb}`],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'json',
      });
      let ready!: () => void;
      const slot: Slot = { serial: serial++, child, stderrTail: '', isReady: false, tasks: 0, ready: new Promise((r) => (ready = r)) };
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (d: string) => { slot.stderrTail = (slot.stderrTail + d).slice(-STDERR_TAIL); });
      child.on('message', (m: FromWorker) => {
        if (m.type === 'ready') { slot.isReady = true; ready(); } else onMessage(slot, m);
      });
      child.on('exit', (code, signal) => onExit(slot, code, signal));
      slots.add(slot);
      void dispatch(slot);
    };

    const send = (slot: Slot, m: ToWorker) => {
      if (slot.child.connected) slot.child.send(m);
    };

    const dispatch = async (slot: Slot) => {
      const retire = slot.tasks >= (options.maxTasksPerWorker ?? MAX_TASKS_PER_WORKER) && next < inputs.length && !failedToStart;
      if (next >= inputs.length || failedToStart || retire) {
        // nothing left (or this worker's share done): it exits on disconnect (or is killed if it does not, e.g. stopped)
        if (slot.child.connected) slot.child.disconnect();
        setTimeout(() => slot.child.exitCode === null && slot.child.signalCode === null && slot.child.kill('SIGKILL'), EXIT_GRACE_MS).unref();
        if (retire) {
          slot.retired = true;
          spawn();
        }
        return;
      }
      slot.tasks++;
      const input = inputs[next++];
      const id = nextId++;
      // the clock starts now, so a worker that never gets ready also times out
      const timer = setTimeout(() => {
        if (slot.task?.id !== id) return;
        slot.task.killedForTime = true;
        slot.child.kill('SIGKILL');
      }, options.timeoutMs);
      slot.task = { id, input, started: performance.now(), timer };
      await slot.ready;
      send(slot, { type: 'task', id, abs: input.abs, path: input.path });
    };

    const complete = (slot: Slot, outcome: TaskOutcome) => {
      const task = slot.task!;
      clearTimeout(task.timer);
      slot.task = undefined;
      options.onOutcome(task.input, outcome);
    };

    const onMessage = (slot: Slot, m: Exclude<FromWorker, { type: 'ready' }>) => {
      const task = slot.task;
      if (!task || m.id !== task.id) return;
      if (m.type === 'hashed') {
        task.sha256 = m.sha256;
        task.bytes = m.bytes;
        const decision = options.decide(m.sha256);
        send(slot, { type: decision === 'go' ? 'go' : 'skip', id: m.id });
        if (decision === 'go') return;
        complete(slot, { kind: 'skipped', reason: decision });
      } else if (m.type === 'unreadable') {
        complete(slot, { kind: 'unreadable', message: m.message });
      } else {
        const ms = Math.round(performance.now() - task.started);
        complete(slot, { kind: 'scanned', sha256: task.sha256!, bytes: task.bytes!, app: m.app, findings: m.findings, errors: m.errors, ms, worker: slot.serial, usage: m.usage });
      }
      void dispatch(slot);
    };

    const onExit = (slot: Slot, code: number | null, signal: NodeJS.Signals | null) => {
      slots.delete(slot);
      const task = slot.task;
      if (!slot.isReady && code !== null) {
        // the bundle cannot even start a worker (it exited by itself): every artifact would fail the same way
        if (task) clearTimeout(task.timer);
        failedToStart = true;
        for (const s of slots) s.child.kill('SIGKILL');
        reject(new Error(`cannot start a batch worker (${signal ?? `exit code ${code}`}): ${slot.stderrTail.trim().split('\n').pop() ?? ''}`));
        return;
      }
      if (task) {
        const ms = Math.round(performance.now() - task.started);
        complete(slot, { kind: 'failed', sha256: task.sha256, bytes: task.bytes, ms, message: failureMessage(task.killedForTime === true, code, signal, slot.stderrTail, options) });
      }
      if (next < inputs.length && !failedToStart && !slot.retired) spawn(); // a replacement goes on with the queue
      else if (slots.size === 0 && !failedToStart) resolve();
    };

    for (let k = Math.max(1, Math.min(options.jobs, inputs.length)); k > 0; k--) spawn();
  });
}

function failureMessage(timedOut: boolean, code: number | null, signal: NodeJS.Signals | null, stderr: string, options: PoolOptions): string {
  if (timedOut) return `scan did not finish within ${Math.round(options.timeoutMs / 1000)} s (--artifact-timeout); worker stopped and replaced`;
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) return `worker ran out of memory (heap cap ${options.heapMb} MB, --worker-memory); replaced`;
  return `worker crashed (${signal ? `signal ${signal}` : `exit code ${code}`}); replaced`;
}
