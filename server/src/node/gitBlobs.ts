// Blob contents through one `git cat-file --batch` process: requests are written as they come and
// answered in order, so reading thousands of blobs costs one process. A blob over the size limit is
// skipped as it streams past, never held in memory.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { firstFatal, gitSpawn, GitError } from './git';

export type BlobResult =
  | { kind: 'blob'; bytes: Buffer }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' };

interface Pending { resolve(r: BlobResult): void; reject(e: Error): void; limit: number }

export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  /** The blob being received: its size, what is kept of it, how much is still to come. */
  private body: { type: string; size: number; parts: Buffer[] | undefined; left: number } | undefined;
  private failure: Error | undefined;
  private stderr = '';

  constructor(cwd: string) {
    this.child = gitSpawn(cwd, ['cat-file', '--batch']);
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => { if (this.stderr.length < 4096) this.stderr += chunk.toString('utf8'); });
    this.child.on('error', (e: NodeJS.ErrnoException) => this.fail(new GitError(e.code === 'ENOENT' ? 'git is not installed or not on PATH' : `git cat-file: ${e.message}`)));
    this.child.on('close', () => this.fail(new GitError(`git cat-file ended early${this.stderr ? `: ${firstFatal(this.stderr)}` : ''}`)));
    this.child.stdin.on('error', () => { /* reported by 'close' */ });
  }

  /** Requests in flight (the caller bounds it). */
  get pending(): number {
    return this.queue.length;
  }

  /** The bytes of a blob (by id, or `rev:path`), unless it is larger than `limit`. */
  read(object: string, limit: number): Promise<BlobResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (/[\n\r]/.test(object)) return Promise.resolve({ kind: 'missing' });
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject, limit });
      this.child.stdin.write(`${object}\n`);
    });
  }

  close(): void {
    this.failure ??= new GitError('blob reader closed');
    this.child.stdin.end();
  }

  private fail(e: Error): void {
    if (!this.failure) this.failure = e;
    for (const p of this.queue.splice(0)) p.reject(this.failure);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.body) {
        const { body } = this;
        const take = Math.min(body.left, this.buffer.length);
        if (body.parts) body.parts.push(this.buffer.subarray(0, take));
        body.left -= take;
        this.buffer = this.buffer.subarray(take);
        if (body.left > 0) return;
        if (this.buffer.length < 1) return; // the newline after the contents
        this.buffer = this.buffer.subarray(1);
        this.body = undefined;
        const p = this.queue.shift();
        if (!p) continue;
        if (body.type !== 'blob') p.resolve({ kind: 'missing' }); // a tree or commit named by mistake
        else if (!body.parts) p.resolve({ kind: 'too-large', size: body.size });
        else p.resolve({ kind: 'blob', bytes: body.parts.length === 1 ? Buffer.from(body.parts[0]) : Buffer.concat(body.parts) });
        continue;
      }
      const nl = this.buffer.indexOf(10);
      if (nl < 0) return;
      const header = this.buffer.subarray(0, nl).toString('utf8');
      this.buffer = this.buffer.subarray(nl + 1);
      const m = /^\S+ (\S+) (\d+)$/.exec(header);
      if (!m) { this.queue.shift()?.resolve({ kind: 'missing' }); continue; } // `<object> missing` / `ambiguous`
      const size = Number(m[2]);
      const p = this.queue[0];
      const keep = m[1] === 'blob' && !!p && size <= p.limit;
      this.body = { type: m[1], size, parts: keep ? [] : undefined, left: size };
    }
  }
}
