// Reading one project file for the scan, and scanning its text: shared by the CLI's main thread and
// its worker (cli/parallel.ts), so both apply the same limits and produce the same items. What is
// read and which skips are reported: node/projectFile.ts (docs/cli.md "What is read").
import type { Engine } from '../core/engine';
import { isMisconfigFile } from '../core/misconfig';
import { isCompiledFormat } from '../core/artifact';
import type { FileOutcome } from '../core/pipeline/collect';
import { readProjectFile } from '../node/projectFile';

export type { FileOutcome } from '../core/pipeline/collect';

/** `explicit`: named by the user as a PATH (every skip is reported, whatever the name). */
export interface FileJob { abs: string; rel: string; explicit?: boolean }

const skipped = (rel: string, message: string | null): FileOutcome => ({ findings: [], errors: message ? [{ file: rel, entry: null, message }] : [] });

/** A file above `--max-file-size`. */
export function oversized(rel: string, bytes: number, maxBytes: number): FileOutcome {
  return skipped(rel, `file is ${Math.ceil(bytes / 1024)} KB, over the ${Math.round(maxBytes / 1024)} KB limit (--max-file-size); skipped`);
}

/** Binary bytes a source handed over (a git blob, a batch input): compiled (the caller scans it as an artifact) or an `errors` item. */
export function binaryOutcome(bytes: Uint8Array, rel: string): FileOutcome {
  return isCompiledFormat(bytes) ? { findings: [], errors: [], compiled: true } : skipped(rel, 'binary file (not text in the first 8 KB); skipped');
}

const isContextFile = (rel: string): boolean => rel === 'google-services.json' || rel.endsWith('/google-services.json');

/**
 * Reads and scans one file; misconfiguration inputs come back as text for the cross-file batch.
 * A file in which the engine can find nothing (most) is not decoded: its outcome is the empty one
 * scanning its text gives.
 */
export function scanProjectFile(engine: Engine, job: FileJob, maxBytes: number): FileOutcome {
  const needed = (bytes: Uint8Array) => isContextFile(job.rel) || engine.mayFind(job.rel, bytes);
  const read = readProjectFile(job.abs, job.rel, { maxBytes, explicit: job.explicit, needed });
  if ('skipped' in read) return skipped(job.rel, read.skipped);
  if ('compiled' in read) return { findings: [], errors: [], compiled: true };
  if ('unneeded' in read) return { findings: [], errors: [] };
  return scanProjectText(engine, job.rel, read.text);
}

/** Scans the text of one project file; misconfiguration inputs come back as text for the cross-file batch. */
export function scanProjectText(engine: Engine, rel: string, text: string): FileOutcome {
  const context = isContextFile(rel) && text.length < 1024 * 1024 ? { path: rel, text } : undefined;
  if (isMisconfigFile(rel)) return { findings: [], errors: [], batch: { path: rel, text }, context };
  try {
    const r = engine.scanText(rel, text);
    return { findings: r.findings, errors: r.errors, context };
  } catch (e) {
    return { ...skipped(rel, `internal error while scanning: ${(e as Error)?.message ?? String(e)}`), context };
  }
}
