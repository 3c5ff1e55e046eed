// Exposure probes (DESIGN §7): every request goes through one safety policy. Owned by the probe work.
import type { EndpointResult, Finding } from '../core/types';

export interface ProbeOptions {
  /** Allow write probes (unique object, deleted right after). */
  allowWrite?: boolean;
  /** provider → base URL of a local stand-in (`--endpoint-override`). */
  overrides?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?(message: string, fraction?: number): void;
}

export interface ProbeOutcome {
  endpoints: EndpointResult[];
  /** The same findings, re-graded by what the probes saw (open → critical). */
  findings: Finding[];
}

/** Probes every endpoint the findings imply. */
export async function probeFindings(findings: Finding[], _options: ProbeOptions = {}): Promise<ProbeOutcome> {
  return { endpoints: [], findings };
}
