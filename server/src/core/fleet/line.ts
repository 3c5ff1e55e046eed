// One JSON Lines object per artifact (`leaklens batch`, DESIGN §5) and reading it back
// (`--resume`, `leaklens summary`). Findings, endpoints and errors are the §4 report's.
import type { AppIdentity } from '../artifact/appIdentity';
import type { EndpointResult, Finding, ScanError } from '../types';

export interface BatchLine {
  /** The artifact's path as given (on the command line, in the list, or below a given folder). */
  artifact: string;
  /** Of the archive's bytes; of an .app/.xcarchive folder, see node/fleet/hash.ts. */
  sha256: string;
  bytes: number;
  app: AppIdentity;
  findings: Finding[];
  endpoints: EndpointResult[];
  errors: ScanError[];
  /** Wall time of this artifact's scan (probes not included). */
  ms: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A line of a batch output file, or undefined when it is not one (a half-written last line, garbage). */
export function parseBatchLine(text: string): BatchLine | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const o = v as Partial<BatchLine> | null;
  if (!o || typeof o !== 'object' || typeof o.artifact !== 'string' || typeof o.sha256 !== 'string' || !SHA256.test(o.sha256)) return undefined;
  if (!Array.isArray(o.findings) || !Array.isArray(o.endpoints) || !Array.isArray(o.errors)) return undefined;
  const app = o.app && typeof o.app === 'object' ? o.app : { id: null, version: null, platform: null };
  return { artifact: o.artifact, sha256: o.sha256, bytes: Number(o.bytes) || 0, app, findings: o.findings, endpoints: o.endpoints, errors: o.errors, ms: Number(o.ms) || 0 };
}

/** The line as written: one object, keys in DESIGN §5 order, no newline inside. */
export function formatBatchLine(line: BatchLine): string {
  const { artifact, sha256, bytes, app, findings, endpoints, errors, ms } = line;
  return JSON.stringify({ artifact, sha256, bytes, app, findings, endpoints, errors, ms });
}
