// The batch output file: JSON Lines appended one whole line per write. With --resume the file is
// read back first: the sha256 of every complete line is kept (those artifacts are not scanned
// again), and a half-written last line (the batch was killed while writing it) is cut off, so a
// killed batch, rerun, ends with each artifact exactly once.
import { closeSync, createReadStream, existsSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';
import { parseBatchLine } from '../../core/fleet/line';

export interface ResumeState {
  /** sha256 of the artifacts already in the file. */
  done: Set<string>;
  /** Complete lines that are not batch lines (kept as they are). */
  invalid: number;
  /** Bytes of a half-written last line that were cut off. */
  truncated: number;
}

/** Reads an existing output file (streamed: it may hold millions of lines). */
export async function readResumeState(path: string): Promise<ResumeState> {
  const state: ResumeState = { done: new Set(), invalid: 0, truncated: 0 };
  if (!existsSync(path)) return state;
  let complete = 0; // bytes up to and including the last newline
  let offset = 0;
  let pending: Buffer[] = [];
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      const line = Buffer.concat([...pending, chunk.subarray(start, nl)]).toString('utf8');
      pending = [];
      const parsed = line.trim() ? parseBatchLine(line) : undefined;
      if (parsed) state.done.add(parsed.sha256);
      else if (line.trim()) state.invalid++;
      start = nl + 1;
      complete = offset + start;
    }
    if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
    offset += chunk.length;
  }
  const size = statSync(path).size;
  if (size > complete) {
    // the last line has no newline: written in part when the batch was killed (or whole, but
    // without its newline: it is scanned again rather than trusted)
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, complete);
    } finally {
      closeSync(fd);
    }
    state.truncated = size - complete;
  }
  return state;
}

/** Appends whole lines, one write each (no interleaving, at most one partial line on a kill). */
export class LineWriter {
  private constructor(private readonly sink: (buf: Buffer) => void, private readonly done: () => void) {}

  static toFile(path: string, append: boolean): LineWriter {
    const fd = openSync(path, append ? 'a' : 'w');
    return new LineWriter((buf) => {
      for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off);
    }, () => closeSync(fd));
  }

  /** Standard output (synchronous for files and pipes on Linux and macOS). */
  static toStream(stream: NodeJS.WritableStream): LineWriter {
    return new LineWriter((buf) => stream.write(buf), () => undefined);
  }

  write(line: string): void {
    this.sink(Buffer.from(`${line}\n`, 'utf8'));
  }

  close(): void {
    this.done();
  }
}
