// Reading one project file for the scan, and scanning a list of them: shared by the CLI's main
// thread and its worker (cli/parallel.ts), so both apply the same limits and produce the same items.
import { readFileSync, statSync } from 'node:fs';
import type { Engine } from '../core/engine';
import { isMisconfigFile, type ProjectFile } from '../core/misconfig';
import { isCompiledFormat } from '../core/artifact';
import type { Finding, ScanError } from '../core/types';

const BINARY_SNIFF_BYTES = 8192;

export interface FileJob { abs: string; rel: string }

/** What one file yields: findings and errors, or its text when it must join the cross-file batch. */
export interface FileOutcome {
  findings: Finding[];
  errors: ScanError[];
  /** Files the cross-file analyzers read together (rules files, Supabase migrations). */
  batch?: ProjectFile;
  /** Files that only help join rules findings to the app's config (google-services.json). */
  context?: ProjectFile;
  /** A compiled format (DEX, Mach-O, ELF, binary plist, Hermes…): the caller scans it as an artifact. */
  compiled?: true;
}

const skipped = (rel: string, message: string): FileOutcome => ({ findings: [], errors: [{ file: rel, entry: null, message }] });

/** The text of a project file, or why it was skipped (size, binary, unreadable). Sync reads: several times faster than fs/promises for many small files. */
export function readProjectText(abs: string, rel: string, maxBytes: number): { text: string } | { skip: FileOutcome } {
  let bytes: Buffer;
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { skip: skipped(rel, 'not a regular file; skipped') };
    if (st.size > maxBytes) {
      return { skip: skipped(rel, `file is ${Math.ceil(st.size / 1024)} KB, over the ${Math.round(maxBytes / 1024)} KB limit (--max-file-size); skipped`) };
    }
    bytes = readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { skip: skipped(rel, `cannot read file (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'error'}); skipped`) };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { skip: isCompiledFormat(bytes) ? { findings: [], errors: [], compiled: true } : skipped(rel, 'binary file (NUL bytes in the first 8 KB); skipped') };
  }
  const text = bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Reads and scans one file; misconfiguration inputs come back as text for the cross-file batch. */
export function scanProjectFile(engine: Engine, job: FileJob, maxBytes: number): FileOutcome {
  const read = readProjectText(job.abs, job.rel, maxBytes);
  if ('skip' in read) return read.skip;
  const { text } = read;
  const context = /(?:^|\/)google-services\.json$/.test(job.rel) && text.length < 1024 * 1024 ? { path: job.rel, text } : undefined;
  if (isMisconfigFile(job.rel)) return { findings: [], errors: [], batch: { path: job.rel, text }, context };
  try {
    const r = engine.scanText(job.rel, text);
    return { findings: r.findings, errors: r.errors, context };
  } catch (e) {
    return { ...skipped(job.rel, `internal error while scanning: ${(e as Error)?.message ?? String(e)}`), context };
  }
}
