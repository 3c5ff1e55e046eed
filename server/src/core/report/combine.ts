// Several reports as one (Build & Scan: the source scan and each artifact scan).
import type { Finding, Report } from '../types';
import { groupEndpoints, mergeEndpoints, unifyEndpoints } from './endpoints';
import { compareEndpointRisk, orderFindingsByRisk } from '../exposure';

/**
 * Each finding once, one endpoint per resource even when the sources and the artifact name it in
 * different URL forms (`unifyEndpoints`), a probed status kept over `not-probed`.
 */
export function combineReports(parts: readonly Report[], root: string): Report {
  const seen = new Set<string>();
  const merged: Finding[] = [];
  for (const f of parts.flatMap((p) => p.findings)) if (!seen.has(f.fingerprint)) { seen.add(f.fingerprint); merged.push(f); }
  const findings = unifyEndpoints(merged);
  const urls = new Set(findings.map((f) => f.endpoint));
  const probed = parts.flatMap((p) => p.endpoints).filter((e) => e.status !== 'not-probed' && urls.has(e.url));
  const endpoints = mergeEndpoints(groupEndpoints(findings), probed).sort(compareEndpointRisk);
  return {
    tool: parts[0]?.tool ?? { name: 'leaklens', version: '0' },
    root,
    findings: orderFindingsByRisk(findings, endpoints),
    endpoints,
    errors: parts.flatMap((p) => p.errors),
  };
}
