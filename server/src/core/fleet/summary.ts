// `leaklens summary`: one report over any number of batch output files (shards, reruns). Each
// artifact (sha256) counts once whatever file or shard it is in; every list is sorted, so the summary
// of four shard files equals the summary of one batch over the same corpus.
import { EXPOSURE_CATEGORIES, SEVERITIES, severityRank, type EndpointStatus, type ExposureCategory, type Severity } from '../types';
import type { AppIdentity } from '../artifact/appIdentity';
import type { BatchLine } from './line';

export const ENDPOINT_STATUSES: readonly EndpointStatus[] = ['open-write', 'open-list', 'open-read', 'auth-required', 'not-found', 'unreachable', 'error', 'not-probed'];
const OPEN = new Set<EndpointStatus>(['open-read', 'open-list', 'open-write']);
export const isOpenStatus = (s: EndpointStatus): boolean => OPEN.has(s);

export interface ProviderRow {
  provider: string;
  apps: number;
  findings: number;
  /** Distinct endpoint URLs of this provider, by status (an endpoint counts once, at its most open status). */
  endpoints: Partial<Record<EndpointStatus, number>>;
}

export interface CountRow<K extends string> { key: K; apps: number; count: number }

export interface WorstApp {
  artifact: string;
  sha256: string;
  app: AppIdentity;
  openEndpoints: number;
  exposes: ExposureCategory[];
  severities: Record<Severity, number>;
  findings: number;
}

export interface FleetSummary {
  apps: number;
  /** Lines about an artifact already counted (the same sha256 in another file or line). */
  duplicateLines: number;
  platforms: { android: number; ios: number; unknown: number };
  appsWithFindings: number;
  appsWithCloudEndpoints: number;
  appsWithOpenEndpoints: number;
  appsWithErrors: number;
  /** Apps whose scan failed outright (a line with errors and nothing else). */
  appsFailed: number;
  providers: ProviderRow[];
  rules: Array<CountRow<string> & { severity: Severity }>;
  /** Distinct endpoints by status (count) and the apps naming them (apps). */
  statuses: Array<CountRow<EndpointStatus>>;
  /** What open endpoints expose: distinct open endpoints per category and the apps naming them. */
  exposes: Array<CountRow<ExposureCategory>>;
  /** Worst first: open endpoints, what they expose, then critical, high, medium findings. */
  worst: WorstApp[];
}

export interface SummaryOptions {
  /** Worst apps listed (default 25). */
  top?: number;
}

type ProviderAcc = { apps: Set<string>; findings: number; endpoints: Map<string, EndpointStatus> };
const newProvider = (): ProviderAcc => ({ apps: new Set(), findings: 0, endpoints: new Map() });

/** Lines in, one at a time (files of millions of lines are streamed), the summary out. */
export class SummaryBuilder {
  private readonly seen = new Set<string>();
  private readonly s: FleetSummary = {
    apps: 0, duplicateLines: 0, platforms: { android: 0, ios: 0, unknown: 0 }, appsWithFindings: 0, appsWithCloudEndpoints: 0,
    appsWithOpenEndpoints: 0, appsWithErrors: 0, appsFailed: 0, providers: [], rules: [], statuses: [], exposes: [], worst: [],
  };
  private readonly providers = new Map<string, ProviderAcc>();
  private readonly rules = new Map<string, { apps: Set<string>; count: number; severity: Severity }>();
  /** url → its most open status across apps, the apps naming it, what it exposes. */
  private readonly endpoints = new Map<string, { status: EndpointStatus; apps: Set<string>; exposes: Set<ExposureCategory> }>();
  private worst: WorstApp[] = [];

  constructor(private readonly top = 25) {}

  add(line: BatchLine): void {
    const s = this.s;
    if (this.seen.has(line.sha256)) { s.duplicateLines++; return; }
    this.seen.add(line.sha256);
    const app = line.sha256;
    s.apps++;
    const platform = line.app?.platform;
    s.platforms[platform === 'android' || platform === 'ios' ? platform : 'unknown']++;
    if (line.findings.length) s.appsWithFindings++;
    if (line.endpoints.length) s.appsWithCloudEndpoints++;
    if (line.errors.length) s.appsWithErrors++;
    if (line.errors.length && !line.findings.length && !line.app?.platform) s.appsFailed++;
    const open = line.endpoints.filter((e) => isOpenStatus(e.status));
    if (open.length) s.appsWithOpenEndpoints++;

    const severities = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    for (const f of line.findings) {
      severities[f.severity] = (severities[f.severity] ?? 0) + 1;
      const p = entry(this.providers, f.provider, newProvider);
      p.apps.add(app);
      p.findings++;
      const r = entry(this.rules, f.ruleId, () => ({ apps: new Set<string>(), count: 0, severity: f.severity }));
      r.apps.add(app);
      r.count++;
      if (severityRank(f.severity) < severityRank(r.severity)) r.severity = f.severity; // the worst it reached (probes re-grade)
    }
    for (const e of line.endpoints) {
      const p = entry(this.providers, e.provider, newProvider);
      p.apps.add(app);
      const known = p.endpoints.get(e.url);
      if (!known || moreOpen(e.status, known)) p.endpoints.set(e.url, e.status);
      const ep = entry(this.endpoints, e.url, () => ({ status: e.status, apps: new Set<string>(), exposes: new Set<ExposureCategory>() }));
      ep.apps.add(app);
      if (moreOpen(e.status, ep.status)) ep.status = e.status;
      for (const c of e.exposes ?? []) ep.exposes.add(c);
    }
    if (!line.findings.length && !open.length) return;
    const exposes = [...new Set(open.flatMap((e) => e.exposes ?? []))].sort(byCategory);
    this.worst.push({ artifact: line.artifact, sha256: line.sha256, app: line.app, openEndpoints: open.length, exposes, severities, findings: line.findings.length });
    // keep the list short: sort and cut once it is twice the size asked for
    if (this.worst.length >= 2 * this.top + 64) this.worst = this.worst.sort(worse).slice(0, this.top);
  }

  result(): FleetSummary {
    const s: FleetSummary = { ...this.s, platforms: { ...this.s.platforms } };
    s.providers = [...this.providers].map(([provider, p]) => {
      const counts: Partial<Record<EndpointStatus, number>> = {};
      for (const st of ENDPOINT_STATUSES) {
        const n = [...p.endpoints.values()].filter((x) => x === st).length;
        if (n) counts[st] = n;
      }
      return { provider, apps: p.apps.size, findings: p.findings, endpoints: counts };
    }).sort((a, b) => b.apps - a.apps || b.findings - a.findings || cmp(a.provider, b.provider));
    s.rules = [...this.rules].map(([key, r]) => ({ key, apps: r.apps.size, count: r.count, severity: r.severity }))
      .sort((a, b) => b.apps - a.apps || b.count - a.count || cmp(a.key, b.key));
    const eps = [...this.endpoints.values()];
    const row = <K extends string>(key: K, list: typeof eps): CountRow<K> => ({ key, count: list.length, apps: new Set(list.flatMap((e) => [...e.apps])).size });
    s.statuses = ENDPOINT_STATUSES.map((key) => row(key, eps.filter((e) => e.status === key))).filter((r) => r.count > 0);
    s.exposes = EXPOSURE_CATEGORIES.map((key) => row(key, eps.filter((e) => isOpenStatus(e.status) && e.exposes.has(key)))).filter((r) => r.count > 0);
    s.worst = [...this.worst].sort(worse).slice(0, this.top);
    return s;
  }
}

export function summarize(lines: Iterable<BatchLine>, options: SummaryOptions = {}): FleetSummary {
  const builder = new SummaryBuilder(options.top);
  for (const line of lines) builder.add(line);
  return builder.result();
}

function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

/** True when `a` says more about an endpoint than `b` (open beats closed beats not probed). */
function moreOpen(a: EndpointStatus, b: EndpointStatus): boolean {
  return ENDPOINT_STATUSES.indexOf(a) < ENDPOINT_STATUSES.indexOf(b);
}

const byCategory = (a: ExposureCategory, b: ExposureCategory) => EXPOSURE_CATEGORIES.indexOf(a) - EXPOSURE_CATEGORIES.indexOf(b);

/** Worst first; ties by artifact path then sha256, so every run orders alike. */
function worse(a: WorstApp, b: WorstApp): number {
  if (a.openEndpoints !== b.openEndpoints) return b.openEndpoints - a.openEndpoints;
  if (a.exposes.length !== b.exposes.length) return b.exposes.length - a.exposes.length;
  for (const sev of SEVERITIES) if (a.severities[sev] !== b.severities[sev]) return b.severities[sev] - a.severities[sev];
  return b.findings - a.findings || cmp(a.artifact, b.artifact) || cmp(a.sha256, b.sha256);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
