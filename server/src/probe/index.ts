// Exposure probes (DESIGN §7): every request goes through one safety policy (policy.ts, enforced by
// the only HTTP client probes get, client.ts). Findings are grouped into endpoints by
// core/report/endpoints.ts, each endpoint is probed by the probe of its kind, and the findings of an
// endpoint found open are re-graded to critical with the evidence in their message.
import type { EndpointResult, Finding } from '../core/types';
import { groupEndpoints, unifyEndpoints } from '../core/report/endpoints';
import { classifyNames } from '../core/exposure';
import { ProbeHttp, type LookupFn } from './client';
import { parseOverrides } from './policy';
import { isOpen, mostOpen, evidence, type ProbeContext, type ProbeResult, type ProbeTarget } from './common';
import { probeRtdb } from './probes/rtdb';
import { probeFirestore } from './probes/firestore';
import { probeFirebaseStorage } from './probes/firebaseStorage';
import { probeGcs } from './probes/gcs';
import { probeS3Compatible } from './probes/s3';
import { probeAzureAccount, probeAzureContainer } from './probes/azure';
import { sasFromFinding, sasResult } from './probes/sas';
import { probeSupabase } from './probes/supabase';
import { probeRemoteConfig, remoteConfigUrl } from './probes/remoteConfig';
import { storeProbe } from './probes/stores';
import { probeR2Public } from './probes/r2Public';
import { probeOci } from './probes/oci';

export { parseOverrides, OVERRIDE_KEYS } from './policy';

export interface ProbeOptions {
  /** Allow write probes (unique object, deleted right after). */
  allowWrite?: boolean;
  /** provider → base URL of a local stand-in (`--endpoint-override`); keys in policy.ts OVERRIDE_KEYS. */
  overrides?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?(message: string, fraction?: number): void;
  /** Per request, ms (default 10 000). */
  timeoutMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** At least this long between two requests to one host (default 0: no wait). */
  perHostIntervalMs?: number;
  /** Response bytes read at most (default 64 KB). */
  maxBodyBytes?: number;
  /** At most this many endpoints are probed (default 50); the rest are `not-probed`. */
  maxEndpoints?: number;
  /** Firebase app ids for the Remote Config fetch (also taken from `firebase-app-id` findings). */
  firebaseAppIds?: string[];
  /** Supabase tables the app reads, probed before those the OpenAPI root lists. */
  supabaseTables?: string[];
  /** Firestore collections to list (the database root when none). */
  firestoreCollections?: string[];
  /** DNS resolver (tests); node:dns lookup by default. Every answer is still checked. */
  lookup?: LookupFn;
  /** Clock for the offline SAS analysis (tests). */
  now?: Date;
}

export interface ProbeOutcome {
  endpoints: EndpointResult[];
  /** The same findings, re-graded by what the probes saw (open → critical). */
  findings: Finding[];
}

const APP_ID = /^\d{1,20}:\d{6,20}:(?:android|ios|web):[0-9a-f]{6,40}$/;

/** Probes every endpoint the findings imply. Throws only for bad options (one-sentence message). */
export async function probeFindings(given: Finding[], options: ProbeOptions = {}): Promise<ProbeOutcome> {
  const prober = createProber(options);
  try {
    return await prober.probe(given);
  } finally {
    await prober.close();
  }
}

/**
 * One prober for many reports (`leaklens batch --probe`): each resource is probed once however many
 * apps name it, through one HTTP client, so the global concurrency cap and the per-host rate limit
 * hold across every call. Throws only for bad options.
 */
export interface Prober {
  probe(findings: Finding[]): Promise<ProbeOutcome>;
  close(): Promise<void>;
}

export function createProber(options: ProbeOptions = {}): Prober {
  const overrides = parseOverrides(options.overrides);
  const http = new ProbeHttp({
    overrides, timeoutMs: options.timeoutMs, concurrency: options.concurrency, maxBodyBytes: options.maxBodyBytes,
    signal: options.signal, lookup: options.lookup, perHostIntervalMs: options.perHostIntervalMs,
  });
  const seen = new Map<string, Promise<ProbeResult>>();
  return { probe: (findings) => probeWith(findings, http, seen, options), close: () => http.close() };
}

async function probeWith(given: Finding[], http: ProbeHttp, seen: Map<string, Promise<ProbeResult>>, options: ProbeOptions): Promise<ProbeOutcome> {
  const findings = unifyEndpoints(given); // one probe and one result per bucket/container
  const ctx: ProbeContext = {
    http,
    allowWrite: options.allowWrite === true,
    all: findings,
    firebaseAppIds: [...new Set([...(options.firebaseAppIds ?? []), ...findings.filter((f) => APP_ID.test(f.value)).map((f) => f.value)])],
    supabaseTables: options.supabaseTables ?? [],
    firestoreCollections: options.firestoreCollections ?? [],
  };
  const byFp = new Map(findings.map((f) => [f.fingerprint, f]));
  const targets: ProbeTarget[] = groupEndpoints(findings).map((e) => ({
    provider: e.provider, kind: e.kind, url: e.url, findings: e.findings.map((fp) => byFp.get(fp)!).filter(Boolean),
  }));
  // Remote Config has no finding of its own: one extra endpoint per Firestore project when an app id is known.
  if (ctx.firebaseAppIds.length) {
    for (const t of targets.filter((x) => x.kind === 'firestore')) {
      const project = /\/projects\/([^/]+)\//.exec(t.url)?.[1];
      if (project) targets.push({ provider: 'firebase', kind: 'remote-config', url: remoteConfigUrl(project), findings: t.findings });
    }
  }
  const max = options.maxEndpoints ?? 50;
  let done = 0;
  const results = await Promise.all(
    targets.map(async (t, i): Promise<EndpointResult> => {
      const r: ProbeResult = i >= max
        ? { status: 'not-probed', evidence: `more than ${max} endpoints; not probed` }
        : options.signal?.aborted ? { status: 'not-probed', evidence: 'cancelled' } : await probeOne(t, ctx, seen, options.now);
      options.onProgress?.(`probed ${t.url}`, ++done / targets.length);
      // what the names an open endpoint showed suggest is inside (DESIGN §4 `exposes`; only when any)
      const exposes = isOpen(r.status) && r.names ? classifyNames(r.names) : [];
      return {
        provider: t.provider, kind: t.kind, url: t.url, status: r.status, evidence: r.evidence,
        checkedAt: r.status === 'not-probed' ? null : new Date().toISOString(), findings: t.findings.map((f) => f.fingerprint),
        ...(exposes.length ? { exposes } : {}),
      };
    }),
  );
  return { endpoints: results, findings: regrade(findings, results) };
}

/** One network probe per resource: `…/shared` and `…/shared?restype=container&comp=list` are one container. */
function resourceKey(t: ProbeTarget): string {
  try {
    const u = new URL(t.url);
    return `${t.kind} ${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return `${t.kind} ${t.url}`;
  }
}

async function probeOne(t: ProbeTarget, ctx: ProbeContext, seen: Map<string, Promise<ProbeResult>>, now?: Date): Promise<ProbeResult> {
  try {
    const key = resourceKey(t);
    let pending = seen.get(key);
    if (!pending) seen.set(key, (pending = probeNetwork(t, ctx)));
    const network = await pending;
    // A SAS token shipped with the app opens the endpoint as far as its permissions go.
    const sas = t.findings.filter((f) => f.ruleId === 'azure-sas-token').map((f) => sasResult(sasFromFinding(f), now));
    return sas.reduce(
      (acc, s) => ({ ...acc, status: mostOpen(acc.status, s.status), evidence: evidence(acc.evidence, s.evidence) }),
      network,
    );
  } catch (e) {
    return { status: 'error', evidence: evidence(`probe failed: ${(e as Error)?.message ?? String(e)}`) };
  }
}

function probeNetwork(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  switch (t.kind) {
    case 'rtdb': return probeRtdb(t, ctx);
    case 'firestore': return probeFirestore(t, ctx);
    case 'firebase-storage': return probeFirebaseStorage(t, ctx);
    case 'remote-config': return probeRemoteConfig(t, ctx);
    case 'gcs-bucket': return probeGcs(t, ctx);
    case 's3-bucket': return probeS3Compatible('s3', t, ctx);
    case 'spaces-bucket': return probeS3Compatible('spaces', t, ctx);
    case 'oss-bucket': return probeS3Compatible('oss', t, ctx);
    case 'azure-container': return probeAzureContainer(t, ctx);
    case 'azure-account': return probeAzureAccount(t, ctx);
    case 'supabase-rest': return probeSupabase(t, ctx);
    case 'cognito-identity-pool':
      // GetId would create an identity in the pool: not a read-only request.
      return Promise.resolve({ status: 'not-probed', evidence: 'not probed: an unauthenticated GetId call would create an identity in the pool' });
    case 'r2-public': return probeR2Public(t, ctx);
    case 'oci-bucket': case 'oci-par': return probeOci(t, ctx);
    default: return storeProbe(t.kind)?.(t, ctx) ?? Promise.resolve({ status: 'not-probed', evidence: `no probe for ${t.kind} endpoints` });
  }
}

/**
 * Open endpoints make their findings critical, with the evidence appended to the message.
 * Remote Config is readable by design, so it informs but does not re-grade.
 */
function regrade(findings: Finding[], endpoints: readonly EndpointResult[]): Finding[] {
  const open = new Map<string, EndpointResult>();
  for (const e of endpoints) {
    if (!isOpen(e.status) || e.kind === 'remote-config') continue;
    for (const fp of e.findings) if (!open.has(fp)) open.set(fp, e);
  }
  return findings.map((f) => {
    const e = open.get(f.fingerprint);
    if (!e) return f;
    const short = e.evidence.length > 100 ? `${e.evidence.slice(0, 99)}…` : e.evidence;
    return { ...f, severity: 'critical', message: `${f.message} — probe: ${e.status} (${short})` };
  });
}
