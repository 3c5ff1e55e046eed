// The batch's worker pool: N child processes of the same bundle, one artifact each at a time.
// Child processes rather than worker_threads: a worker stuck in a synchronous inflate, or growing
// native memory (Buffers, zlib) that a thread's resourceLimits do not count, is ended for sure by
// SIGKILL without touching the parent; a crash or an out-of-memory abort takes down only that
// worker; and each worker's RSS is its own (the bench measures it). Start-up (~0.1 s) is paid once
// per worker, not per artifact. A worker that hangs (--artifact-timeout), crashes or runs out of
// memory (--max-old-space-size) is replaced and its artifact becomes a failed outcome.
// The parent's go/skip decisions are made in input order (InputOrder below): of two inputs with the
// same content, the first in input order is the one scanned, however the workers' timing falls.
import { fork, type ChildProcess } from 'node:child_process';
import type { AppIdentity } from '../../core/artifact/appIdentity';
import type { Finding, ScanError } from '../../core/types';
import type { FleetInput } from '../../node/fleet/inputs';
import { sha256Artifact } from '../../node/fleet/hash';
import { WORKER_ENV, type FromWorker, type ToWorker, type WorkerUsage } from './protocol';

export type SkipReason = 'resumed' | 'duplicate' | 'other-shard';

export type TaskOutcome =
  | { kind: 'scanned'; sha256: string; bytes: number; app: AppIdentity; findings: Finding[]; errors: ScanError[]; ms: number; worker: number; usage: WorkerUsage }
  | { kind: 'skipped'; reason: SkipReason }
  /** Timed out, crashed or out of memory (hashed by the parent when the worker died first). */
  | { kind: 'failed'; sha256: string; bytes: number; message: string; ms: number }
  | { kind: 'unreadable'; message: string };

export interface PoolOptions {
  jobs: number;
  timeoutMs: number;
  heapMb: number;
  /** The CLI bundle (server/out/cli.js). */
  script: string;
  /** Artifacts per worker process before it is replaced (default MAX_TASKS_PER_WORKER). */
  maxTasksPerWorker?: number;
  /** go, or why not, once an artifact's sha256 is known; called in input order. */
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
  task?: Task;
}

interface Task {
  id: number;
  /** Position in the inputs: decisions are made in this order. */
  index: number;
  input: FleetInput;
  started: number;
  /** Time spent waiting for the parent's decision: not the artifact's (neither its timeout nor its ms). */
  waitedMs: number;
  waitingSince?: number;
  timer?: NodeJS.Timeout;
  sha256?: string;
  bytes?: number;
  decision?: SkipReason | 'go';
  killedForTime?: boolean;
  /** The worker died while the decision was pending: its outcome waits for it. */
  died?: { message: string; ms: number };
}

/**
 * Runs each input's decision once every earlier input is ready for its own (hashed, or known to need
 * none), in input order, whatever order the workers report in. Every input, once dispatched, arrives:
 * hashed by its worker, unreadable, or hashed by the parent after its worker died.
 */
class InputOrder {
  private readonly arrived = new Map<number, () => void>();
  private next = 0;

  arrive(index: number, decide: () => void = () => {}): void {
    this.arrived.set(index, decide);
    for (let run = this.arrived.get(this.next); run; run = this.arrived.get(this.next)) {
      this.arrived.delete(this.next++);
      run();
    }
  }
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
    /** Dispatched tasks without an outcome yet. */
    let open = 0;
    const slots = new Set<Slot>();
    const order = new InputOrder();

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

    /** The artifact's own time so far (waiting for the parent's decision not counted). */
    const elapsed = (task: Task) => performance.now() - task.started - task.waitedMs - (task.waitingSince === undefined ? 0 : performance.now() - task.waitingSince);

    // the clock runs while the worker works on the artifact: from dispatch (so a worker that never
    // gets ready also times out) to the end, paused while it waits for the parent's decision
    const startClock = (slot: Slot, task: Task) => {
      task.timer = setTimeout(() => {
        if (slot.task !== task) return;
        task.killedForTime = true;
        slot.child.kill('SIGKILL');
      }, Math.max(0, options.timeoutMs - elapsed(task)));
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
      open++;
      const index = next++;
      const task: Task = { id: nextId++, index, input: inputs[index], started: performance.now(), waitedMs: 0 };
      slot.task = task;
      startClock(slot, task);
      await slot.ready;
      send(slot, { type: 'task', id: task.id, abs: task.input.abs, path: task.input.path });
    };

    const finish = (task: Task, outcome: TaskOutcome) => {
      clearTimeout(task.timer);
      open--;
      options.onOutcome(task.input, outcome);
      if (slots.size === 0 && open === 0 && !failedToStart) resolve();
    };

    const complete = (slot: Slot, outcome: TaskOutcome) => {
      const task = slot.task!;
      slot.task = undefined;
      finish(task, outcome);
    };

    const onMessage = (slot: Slot, m: Exclude<FromWorker, { type: 'ready' }>) => {
      const task = slot.task;
      if (!task || m.id !== task.id) return;
      if (m.type === 'hashed') {
        task.sha256 = m.sha256;
        task.bytes = m.bytes;
        clearTimeout(task.timer);
        task.waitingSince = performance.now();
        order.arrive(task.index, () => decided(slot, task, options.decide(m.sha256)));
        return;
      }
      if (m.type === 'unreadable') {
        order.arrive(task.index);
        complete(slot, { kind: 'unreadable', message: m.message });
      } else {
        complete(slot, { kind: 'scanned', sha256: task.sha256!, bytes: task.bytes!, app: m.app, findings: m.findings, errors: m.errors, ms: Math.round(elapsed(task)), worker: slot.serial, usage: m.usage });
      }
      void dispatch(slot);
    };

    const decided = (slot: Slot, task: Task, decision: SkipReason | 'go') => {
      task.decision = decision;
      task.waitedMs += performance.now() - task.waitingSince!;
      task.waitingSince = undefined;
      if (task.died) {
        const { message, ms } = task.died;
        finish(task, decision === 'go' ? { kind: 'failed', sha256: task.sha256!, bytes: task.bytes!, message, ms } : { kind: 'skipped', reason: decision });
        return;
      }
      send(slot, { type: decision === 'go' ? 'go' : 'skip', id: task.id });
      if (decision === 'go') {
        startClock(slot, task);
        return;
      }
      complete(slot, { kind: 'skipped', reason: decision });
      void dispatch(slot);
    };

    /** The outcome of a task whose worker died. */
    const died = (task: Task, message: string) => {
      const ms = Math.round(elapsed(task));
      if (task.decision === 'go') return finish(task, { kind: 'failed', sha256: task.sha256!, bytes: task.bytes!, message, ms });
      if (task.sha256 !== undefined) {
        task.died = { message, ms }; // the decision is pending: decided() gives the outcome
        return;
      }
      // it died before hashing: the parent hashes the artifact, so its line carries the sha256 and
      // the decision (duplicate, resumed, other shard) is made as for any other
      void sha256Artifact(task.input.abs).then(
        (id) => order.arrive(task.index, () => {
          const decision = options.decide(id.sha256);
          finish(task, decision === 'go' ? { kind: 'failed', ...id, message, ms } : { kind: 'skipped', reason: decision });
        }),
        (e: NodeJS.ErrnoException) => order.arrive(task.index, () => finish(task, { kind: 'unreadable', message: `${message}; then unreadable (${e.code ?? 'error'})` })),
      );
    };

    const onExit = (slot: Slot, code: number | null, signal: NodeJS.Signals | null) => {
      slots.delete(slot);
      const task = slot.task;
      slot.task = undefined;
      if (!slot.isReady && code !== null) {
        // the bundle cannot even start a worker (it exited by itself): every artifact would fail the same way
        if (task) clearTimeout(task.timer);
        failedToStart = true;
        for (const s of slots) s.child.kill('SIGKILL');
        reject(new Error(`cannot start a batch worker (${signal ?? `exit code ${code}`}): ${slot.stderrTail.trim().split('\n').pop() ?? ''}`));
        return;
      }
      if (next < inputs.length && !failedToStart && !slot.retired) spawn(); // a replacement goes on with the queue
      if (task) {
        clearTimeout(task.timer);
        died(task, failureMessage(task.killedForTime === true, code, signal, slot.stderrTail, options));
      } else if (slots.size === 0 && open === 0 && !failedToStart) resolve();
    };

    for (let k = Math.max(1, Math.min(options.jobs, inputs.length)); k > 0; k--) spawn();
  });
}


function failureMessage(timedOut: boolean, code: number | null, signal: NodeJS.Signals | null, stderr: string, options: PoolOptions): string {
  if (timedOut) return `scan did not finish within ${Math.round(options.timeoutMs / 1000)} s (--artifact-timeout); worker stopped and replaced`;
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) return `worker ran out of memory (heap cap ${options.heapMb} MB, --worker-memory); replaced`;
  return `worker crashed (${signal ? `signal ${signal}` : `exit code ${code}`}); replaced`;
}
