// The sha256 that names an artifact in batch output, sharding and --resume. An archive: of its
// bytes. An .app/.xcarchive folder: of its files in walk order (node/appFolder.ts, the part that
// ships), each as `<path>\0` then its bytes, so the same bundle copied elsewhere hashes the same.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { walkAppFolder } from '../appFolder';

/** An archive, read in 1 MB blocks (never held whole: the scan reads it through positioned reads too). */
export function sha256File(abs: string): string {
  const hash = createHash('sha256');
  const fd = openSync(abs, 'r');
  try {
    const block = Buffer.allocUnsafe(1024 * 1024);
    for (let n; (n = readSync(fd, block, 0, block.length, null)) > 0;) hash.update(block.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export async function sha256Folder(abs: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const e of walkAppFolder(abs, { skip: () => false })) {
    hash.update(`${e.entry}\0`);
    hash.update(e.bytes);
    bytes += e.bytes.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** An artifact's sha256 and size, archive or folder (`st`: its stat, when the caller has it). */
export async function sha256Artifact(abs: string, st: Stats = statSync(abs)): Promise<{ sha256: string; bytes: number }> {
  return st.isDirectory() ? sha256Folder(abs) : { sha256: sha256File(abs), bytes: st.size };
}
