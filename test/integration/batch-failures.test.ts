// A batch goes on when a worker hangs, crashes or runs out of memory (the artifact gets a line with
// `errors`, the worker is replaced), and a killed batch, rerun with --resume, ends with each artifact
// exactly once. Hangs and crashes are real: the test stops or kills the worker process itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { writeDex } from '../../scripts/dexwriter';
import { CLI, tempDir } from './cli-helpers';
import { childPids, distinctApks, readLines } from './batch-helpers';

interface Running { pid: number; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> }

function startBatch(args: string[], cwd: string): Running {
  const child = spawn(process.execPath, [CLI, 'batch', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  return { pid: child.pid!, done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr }))) };
}

async function until<T>(what: string, get: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A worker process of the batch `ppid` once it runs the CLI (its command line carries the heap cap).
 * Stopping a child between fork and exec would freeze the parent inside spawn() instead.
 */
const workerOf = (ppid: number) => childPids(ppid).find((pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--max-old-space-size');
  } catch {
    return false;
  }
});

const lineCount = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

function assertEachOnce(file: string, names: readonly string[]) {
  const lines = readLines(file);
  assert.deepEqual(lines.map((l) => l.artifact).sort(), [...names].sort(), 'each artifact has exactly one line');
  assert.equal(new Set(lines.map((l) => l.sha256)).size, names.length);
  return lines;
}

test('a worker that hangs is stopped after --artifact-timeout and replaced; its artifact is a line with errors', { timeout: 180_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const names = distinctApks(dir, 12);
    // a generous timeout: every other artifact (and the replacement worker's start-up) must fit in it
    // on a loaded machine too; only the frozen one may reach it
    const run = startBatch(['.', '--jobs', '1', '--artifact-timeout', '20', '-o', 'out.jsonl'], dir);
    // freeze the first worker process (a real hang from the parent's point of view)
    const worker = await until('a worker process', () => workerOf(run.pid));
    process.kill(worker, 'SIGSTOP');
    const { code, stderr } = await run.done;
    assert.equal(code, 0, stderr);
    const lines = assertEachOnce(join(dir, 'out.jsonl'), names);
    const failed = lines.filter((l) => l.errors.length);
    assert.equal(failed.length, 1, 'only the frozen worker\'s artifact failed');
    assert.match(failed[0].errors[0].message, /did not finish within 20 s \(--artifact-timeout\); worker stopped and replaced/);
    assert.deepEqual(failed[0].findings, []);
    assert.ok(lines.filter((l) => !l.errors.length).every((l) => l.findings.length > 0), 'the replacement scanned the rest');
    assert.equal(existsSync(`/proc/${worker}`), false, 'the frozen worker was killed');
  } finally {
    cleanup();
  }
});

test('a worker that crashes is replaced; its artifact is a line with errors', { timeout: 180_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const names = distinctApks(dir, 12);
    const run = startBatch(['.', '--jobs', '1', '-o', 'out.jsonl'], dir);
    const worker = await until('a worker process', () => workerOf(run.pid));
    process.kill(worker, 'SIGKILL');
    const { code, stderr } = await run.done;
    assert.equal(code, 0, stderr);
    const lines = assertEachOnce(join(dir, 'out.jsonl'), names);
    const failed = lines.filter((l) => l.errors.length);
    assert.equal(failed.length, 1);
    assert.match(failed[0].errors[0].message, /worker crashed \(signal SIGKILL\); replaced/);
    assert.match(failed[0].sha256, /^[0-9a-f]{64}$/, 'hashed by the worker, or by the parent when the worker died first');
  } finally {
    cleanup();
  }
});

test('a worker that runs out of memory (--worker-memory) is replaced; the batch goes on', { timeout: 180_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const names = distinctApks(dir, 2);
    // a DEX of 250 000 strings of CJK text: read as one two-byte text of ~45 MB (packed.ts), above any
    // 32 MB heap whatever the scanner allocates besides; scans in a normal worker
    const strings = Array.from({ length: 250_000 }, (_, i) => `Lcom/acme/gen/S${i.toString(36).padStart(6, '0')}${'\u65e5\u672c'.repeat(35)};`).sort();
    const zip = new JSZip();
    zip.file('classes.dex', writeDex(strings));
    writeFileSync(join(dir, 'huge-dex.apk'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const run = startBatch(['.', '--jobs', '1', '--worker-memory', '32', '-o', 'out.jsonl'], dir);
    const { code, stderr } = await run.done;
    assert.equal(code, 0, stderr);
    const lines = assertEachOnce(join(dir, 'out.jsonl'), [...names, 'huge-dex.apk']);
    const huge = lines.find((l) => l.artifact === 'huge-dex.apk')!;
    assert.match(huge.errors[0]?.message ?? '', /worker ran out of memory \(heap cap 32 MB, --worker-memory\); replaced/);
    assert.ok(lines.filter((l) => l.artifact !== 'huge-dex.apk').every((l) => !l.errors.length && l.findings.length > 0));
  } finally {
    cleanup();
  }
});

test('SIGKILL a batch halfway, rerun with --resume: each artifact exactly once (a half-written last line is dropped)', { timeout: 180_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const names = distinctApks(dir, 200);
    const out = join(dir, 'out.jsonl');
    const run = startBatch(['.', '--jobs', '2', '-o', 'out.jsonl'], dir);
    await until('40 lines', () => (lineCount(out) >= 40 ? true : undefined));
    const workers = childPids(run.pid);
    process.kill(run.pid, 'SIGKILL');
    const killed = await run.done;
    assert.equal(killed.signal, 'SIGKILL');
    const before = readLines(out).length;
    assert.ok(before >= 40 && before < names.length, `killed halfway (${before} lines)`);
    // as if it had died in the middle of a write
    appendFileSync(out, '{"artifact":"app-199.apk","sha256":"12ab');
    await until('the orphaned workers to exit', () => (workers.every((p) => !existsSync(`/proc/${p}`)) ? true : undefined));

    const rerun = startBatch(['.', '--jobs', '2', '-o', 'out.jsonl', '--resume'], dir);
    const { code, stderr } = await rerun.done;
    assert.equal(code, 0, stderr);
    assert.match(stderr, /dropped a half-written last line/);
    assert.match(stderr, new RegExp(`${names.length - before} artifacts written .* ${before} skipped`));
    const lines = assertEachOnce(out, names);
    assert.ok(lines.every((l) => !l.errors.length));
  } finally {
    cleanup();
  }
});
