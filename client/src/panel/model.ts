// Builds the panel's view model from a report: endpoints with their findings from source and from
// the artifact joined under one row, so a user reads "in strings.xml:12, shipped in
// resources.arsc, bucket open-list". Pure.
import type { EndpointResult, Finding, Report, Severity } from '../../../server/src/core/types';
import { exposureTier } from '../../../server/src/core/exposure';
import type { PanelEndpoint, PanelFinding, PanelModel } from './messages';

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const STATUS_RANK: Record<string, number> = { 'open-write': 0, 'open-list': 1, 'open-read': 2, error: 3, unreachable: 4, 'auth-required': 5, 'not-found': 6, 'not-probed': 7 };

export interface ModelInput {
  report: Report;
  title: string;
  artifacts: string[];
  builtAt: string | null;
  canProbe: boolean;
  /** Rule titles for display (from the rule docs). */
  titles?: Record<string, string>;
}

export function buildPanelModel(input: ModelInput): PanelModel {
  const { report } = input;
  const toPanel = (f: Finding): PanelFinding => ({
    fingerprint: f.fingerprint, ruleId: f.ruleId, title: input.titles?.[f.ruleId] ?? f.ruleId, severity: f.severity,
    value: f.value, message: f.message, location: f.location, origin: f.location.entry ? 'artifact' : 'source',
    where: f.where ?? 'app',
  });
  const probed = new Map<string, EndpointResult>(report.endpoints.map((e) => [e.url, e]));
  const groups = new Map<string | null, Finding[]>();
  for (const f of report.findings) {
    const key = f.endpoint ?? null;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const endpoints: PanelEndpoint[] = [...groups].map(([url, findings]) => {
    const e = url ? probed.get(url) : undefined;
    const worst = findings.reduce<Severity>((w, f) => (RANK[f.severity] < RANK[w] ? f.severity : w), 'info');
    return {
      url, provider: e?.provider ?? findings[0].provider, kind: e?.kind ?? (url ? 'endpoint' : 'no endpoint'),
      status: e?.status ?? 'not-probed', evidence: e?.evidence ?? '', checkedAt: e?.checkedAt ?? null, exposes: e?.exposes ?? [], severity: worst,
      // source first, then the artifact entries that ship the same value
      findings: findings.map(toPanel).sort((a, b) => (a.origin === b.origin ? RANK[a.severity] - RANK[b.severity] : a.origin === 'source' ? -1 : 1)),
    };
  });
  // open endpoints exposing health or credentials first (core/exposure.ts), then by status and severity
  const open = (e: PanelEndpoint) => STATUS_RANK[e.status] <= STATUS_RANK['open-read'];
  endpoints.sort((a, b) => (a.url === null ? 1 : 0) - (b.url === null ? 1 : 0) || Number(open(b)) - Number(open(a)) ||
    exposureTier(a.exposes) - exposureTier(b.exposes) || STATUS_RANK[a.status] - STATUS_RANK[b.status] || RANK[a.severity] - RANK[b.severity] || (a.url ?? '').localeCompare(b.url ?? ''));
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  return {
    title: input.title, artifacts: input.artifacts, builtAt: input.builtAt, counts,
    providers: [...new Set(report.findings.map((f) => f.provider))].sort(),
    endpoints, errors: report.errors, canProbe: input.canProbe,
  };
}
