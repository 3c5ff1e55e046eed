// A file as a ByteSource (core/artifact/source.ts): positioned reads from its descriptor, so an
// archive scan holds the central directory and one entry at a time, never the whole file.
// Small reads (a central-directory record, a local header, a small entry) are served from a
// read-ahead window: the records lie one after another, so a walk of 3,841 of them costs a few
// reads instead of two syscalls each. Reads are synchronous, as the zip walk is (core/artifact/zip.ts).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../core/artifact/source';

/** Reads below this size go through the window. */
const SMALL = 16 * 1024;
/** Bytes read ahead for a small read (a new buffer each time: views handed out stay valid). */
const WINDOW = 64 * 1024;

export interface FileSource extends ByteSource {
  close(): void;
}

/** Opens `absPath` for positioned reads; the caller closes it. */
export function openFileSource(absPath: string): FileSource {
  const fd = openSync(absPath, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  let window: Buffer = Buffer.alloc(0);
  let windowAt = 0;

  const readAt = (position: number, length: number): Buffer => {
    const buffer = Buffer.allocUnsafe(length);
    const n = readFully(fd, buffer, length, position);
    return n < length ? buffer.subarray(0, n) : buffer;
  };

  return {
    size,
    read(position, length) {
      const end = Math.min(size, position + Math.max(0, length));
      if (position < 0 || position >= end) return Buffer.alloc(0);
      if (position >= windowAt && end <= windowAt + window.length) return window.subarray(position - windowAt, end - windowAt);
      if (end - position >= SMALL) return readAt(position, end - position);
      window = readAt(position, Math.min(WINDOW, size - position));
      windowAt = position;
      return window.subarray(0, Math.min(window.length, end - position));
    },
    close: () => closeSync(fd),
  };
}

/** Runs `use` on the file opened as a source and closes it once `use` is done. */
export async function withFileSource<T>(absPath: string, use: (source: FileSource) => T | Promise<T>): Promise<T> {
  const source = openFileSource(absPath);
  try {
    return await use(source);
  } finally {
    source.close();
  }
}

/** Reads up to `length` bytes at `position` into `into` (from 0); fewer only at the file's end (it may have shrunk). */
export function readFully(fd: number, into: Uint8Array, length: number, position: number): number {
  let n = 0;
  for (let got = 1; n < length && got > 0; n += got) got = readSync(fd, into, n, length - n, position + n);
  return n;
}
