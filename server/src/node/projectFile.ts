// Reading one project file as text for the scan, with the policy every reader shares (CLI, its
// worker, Scan Workspace): size limit, binary detection, compiled formats, and which skips are
// worth an `errors` item. Sync reads: several times faster than fs/promises for many small files.
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { readFully } from './fileSource';
import { isCompiledFormat } from '../core/artifact';
import { fileKind } from '../core/text/fileKind';
import { SNIFF_BYTES, decodeText, looksBinary } from '../core/text/sniff';

export type ProjectRead =
  | { text: string }
  /** A compiled format the artifact scanner reads (DEX, Mach-O, ELF, binary plist, Hermes…). */
  | { compiled: true }
  /** Not read: the message of its `errors` item, or null when the skip is silent. */
  | { skipped: string | null }
  /** Text the caller has no use for (`needed` said so): not decoded. */
  | { unneeded: true };

export interface ReadOptions {
  maxBytes: number;
  /** Named by the user (a PATH): every skip is reported, whatever the name. */
  explicit?: boolean;
  /** Whether the caller needs the text of these bytes (a text file's); when not, it is not decoded. */
  needed?(bytes: Uint8Array): boolean;
}

/**
 * Policy (docs/cli.md "What is read"): a file whose name gives a kind (`config.json`, `key.pem`) or
 * that the user named is expected to be text. Binary, it is read as an artifact when it is a
 * compiled format the artifact scanner knows (a binary `Info.plist`, a Hermes `.bundle`; the
 * artifact limits apply, not --max-file-size), else it gets an `errors` item; text over the size
 * limit gets one too. A file whose name says nothing is judged by its content: text over the limit
 * gets an `errors` item; binary is skipped silently, whatever its format (vendored libraries and
 * build intermediates: scan the built artifact).
 */
export function readProjectFile(abs: string, rel: string, options: ReadOptions): ProjectRead {
  const expected = options.explicit === true || fileKind(rel) !== undefined;
  let bytes: Uint8Array;
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { skipped: 'not a regular file; skipped' };
    if (st.size > options.maxBytes) {
      // the limit is for text: a compiled file goes to the artifact scanner and its own limits
      const head = readHead(abs);
      if (looksBinary(head)) return binary(head, expected);
      return { skipped: `file is ${Math.ceil(st.size / 1024)} KB, over the ${Math.round(options.maxBytes / 1024)} KB limit (--max-file-size); skipped` };
    }
    bytes = readWhole(abs, st.size);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { skipped: `cannot read file (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'error'}); skipped` };
  }
  if (looksBinary(bytes)) return binary(bytes, expected);
  return options.needed && !options.needed(bytes) ? { unneeded: true } : { text: decodeText(bytes) };
}

/** One buffer per thread for the reads (decoding copies what is kept): no allocation per file. */
let readBuffer = new Uint8Array(64 * 1024);
/** Files above this are read into a buffer of their own, so a large --max-file-size is not kept. */
const SHARED_MAX = 4 * 1024 * 1024;

/** The file's bytes, as many as `size` (its size when stat'ed); in `readBuffer` (valid until the next read) when small. */
function readWhole(abs: string, size: number): Uint8Array {
  if (size === 0) return readFileSync(abs); // empty, or a pseudo-file whose size says nothing: read to its end
  if (readBuffer.length < size && size <= SHARED_MAX) readBuffer = new Uint8Array(Math.min(SHARED_MAX, Math.max(size, 2 * readBuffer.length)));
  const into = size <= SHARED_MAX ? readBuffer : new Uint8Array(size);
  const fd = openSync(abs, 'r');
  try {
    return into.subarray(0, readFully(fd, into, size, 0));
  } finally {
    closeSync(fd);
  }
}

function binary(head: Uint8Array, expected: boolean): ProjectRead {
  if (!expected) return { skipped: null };
  return isCompiledFormat(head) ? { compiled: true } : { skipped: 'binary file (not text in the first 8 KB); skipped' };
}

function readHead(abs: string): Uint8Array {
  const fd = openSync(abs, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    return head.subarray(0, readFully(fd, head, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}
