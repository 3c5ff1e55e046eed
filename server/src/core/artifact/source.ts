// Random access to an artifact's bytes, so the archive layer reads only what it needs: the end
// record, the central directory and the entries it inflates. The node adapter reads a file
// descriptor (node/fileSource.ts); bytes already in memory (a nested archive, tests, an editor
// buffer) are their own source. Core stays free of fs.
// Why (issue 15): reading an 18 MB APK whole kept 18 MB resident for the whole scan, though
// 22 MB of its 42 MB inflated bytes are skipped by name without being read.

export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /**
   * Up to `length` bytes at `position`: fewer at the end, none outside [0, size). The bytes are the
   * caller's to keep: a source never writes over what it returned. May throw (an I/O error).
   */
  read(position: number, length: number): Uint8Array;
}

/** Bytes in memory as a source: reads are views, no copy. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (position, length) => (position < 0 || position >= bytes.length || length <= 0 ? bytes.subarray(0, 0) : bytes.subarray(position, Math.min(bytes.length, position + length))),
  };
}

export const isByteSource = (x: Uint8Array | ByteSource): x is ByteSource => !(x instanceof Uint8Array);

/** The first `length` bytes of bytes or a source (a magic number to test). */
export const headOf = (input: Uint8Array | ByteSource, length: number): Uint8Array => (isByteSource(input) ? input.read(0, length) : input.subarray(0, length));
