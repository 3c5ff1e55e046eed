// Mutable server state shared by the handlers: findings per URI (live documents and the last
// workspace scan), probe results, the last report and workspace trust.
import type { EndpointResult, Finding, Report, Severity } from '../core/types';
import type { ProbeInfo } from './convert';

export class ServerState {
  /** Findings of open documents, from their live text. */
  readonly live = new Map<string, Finding[]>();
  /** Findings "Scan Workspace" published (kept when the document closes). */
  readonly scanned = new Map<string, Finding[]>();
  /** Probe results by endpoint URL, and re-graded severities by fingerprint. */
  readonly endpoints = new Map<string, EndpointResult>();
  readonly regraded = new Map<string, Severity>();
  /** Another URL form of a probed resource → the URL its result is kept under (report/endpoints.ts `unifyEndpoints`). */
  readonly aliases = new Map<string, string>();
  lastReport: Report | null = null;
  trusted = false;

  findingsOf(uri: string): Finding[] {
    return this.live.get(uri) ?? this.scanned.get(uri) ?? [];
  }

  /** Total findings currently published. */
  count(): number {
    let n = 0;
    for (const [uri, f] of this.scanned) if (!this.live.has(uri)) n += f.length;
    for (const f of this.live.values()) n += f.length;
    return n;
  }

  probeInfo(f: Finding): ProbeInfo | undefined {
    const endpoint = f.endpoint ? this.endpoints.get(f.endpoint) ?? this.endpoints.get(this.aliases.get(f.endpoint) ?? '') : undefined;
    return endpoint && endpoint.status !== 'not-probed' ? { endpoint, severity: this.regraded.get(f.fingerprint) } : undefined;
  }

  /** Every known finding with its URI (live first), for probes by fingerprint or endpoint. */
  *allFindings(): Generator<[string, Finding]> {
    for (const [uri, fs] of this.live) for (const f of fs) yield [uri, f];
    for (const [uri, fs] of this.scanned) if (!this.live.has(uri)) for (const f of fs) yield [uri, f];
  }
}
