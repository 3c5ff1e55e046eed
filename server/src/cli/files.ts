// Reading one project file for the scan, and scanning a list of them: shared by the CLI's main
// thread and its worker (cli/parallel.ts), so both apply the same limits and produce the same items.
import { readFileSync, statSync } from 'node:fs';
import type { Engine } from '../core/engine';
import { isMisconfigFile } from '../core/misconfig';
import { isCompiledFormat } from '../core/artifact';
import { BINARY_SNIFF_BYTES, textOfBytes } from '../core/pipeline/fragment';
import type { FileOutcome } from '../core/pipeline/collect';

export type { FileOutcome } from '../core/pipeline/collect';

export interface FileJob { abs: string; rel: string }

const skipped = (rel: string, message: string): FileOutcome => ({ findings: [], errors: [{ file: rel, entry: null, message }] });

/** A file above `--max-file-size`. */
export function oversized(rel: string, bytes: number, maxBytes: number): FileOutcome {
  return skipped(rel, `file is ${Math.ceil(bytes / 1024)} KB, over the ${Math.round(maxBytes / 1024)} KB limit (--max-file-size); skipped`);
}

/** The text of a project file, or why it was skipped (size, binary, unreadable). Sync reads: several times faster than fs/promises for many small files. */
export function readProjectText(abs: string, rel: string, maxBytes: number): { text: string } | { skip: FileOutcome } {
  let bytes: Buffer;
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { skip: skipped(rel, 'not a regular file; skipped') };
    if (st.size > maxBytes) return { skip: oversized(rel, st.size, maxBytes) };
    bytes = readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { skip: skipped(rel, `cannot read file (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'error'}); skipped`) };
  }
  const text = textOfBytes(bytes);
  return text === undefined ? { skip: binaryOutcome(bytes, rel) } : { text };
}

/** A binary file: compiled (the caller scans it as an artifact) or skipped. */
export function binaryOutcome(bytes: Uint8Array, rel: string): FileOutcome {
  return isCompiledFormat(bytes) ? { findings: [], errors: [], compiled: true } : skipped(rel, `binary file (NUL bytes in the first ${BINARY_SNIFF_BYTES / 1024} KB); skipped`);
}

/** Reads and scans one file; misconfiguration inputs come back as text for the cross-file batch. */
export function scanProjectFile(engine: Engine, job: FileJob, maxBytes: number): FileOutcome {
  const read = readProjectText(job.abs, job.rel, maxBytes);
  return 'skip' in read ? read.skip : scanProjectText(engine, job.rel, read.text);
}

/** Scans the text of one project file; misconfiguration inputs come back as text for the cross-file batch. */
export function scanProjectText(engine: Engine, rel: string, text: string): FileOutcome {
  const context = /(?:^|\/)google-services\.json$/.test(rel) && text.length < 1024 * 1024 ? { path: rel, text } : undefined;
  if (isMisconfigFile(rel)) return { findings: [], errors: [], batch: { path: rel, text }, context };
  try {
    const r = engine.scanText(rel, text);
    return { findings: r.findings, errors: r.errors, context };
  } catch (e) {
    return { ...skipped(rel, `internal error while scanning: ${(e as Error)?.message ?? String(e)}`), context };
  }
}
