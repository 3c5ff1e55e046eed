// What every probe shares: its inputs, its result, and small helpers that keep evidence short
// (HTTP status, counts, at most a few names; never more than 200 bytes of content).
import { randomBytes } from 'node:crypto';
import type { EndpointStatus, Finding, Provider } from '../core/types';
import { ProbeError, type ProbeHttp, type ProbeResponse } from './client';

export interface ProbeTarget {
  provider: Provider;
  /** `rtdb`, `s3-bucket`, `azure-container`, … (core/report/endpoints.ts). */
  kind: string;
  /** The real endpoint URL as the findings name it. */
  url: string;
  findings: Finding[];
}

export interface ProbeContext {
  http: ProbeHttp;
  allowWrite: boolean;
  /** Every finding of the scan (probes look up keys the app ships with, e.g. the API key). */
  all: readonly Finding[];
  /** Firebase app ids (`1:123:android:abc`) for Remote Config, from options or findings. */
  firebaseAppIds: string[];
  /** Supabase tables to read (the app's own references), before the ones OpenAPI lists. */
  supabaseTables: string[];
  /** Firestore collections to list; the database root when empty. */
  firestoreCollections: string[];
}

export interface ProbeResult {
  status: EndpointStatus;
  evidence: string;
  /**
   * The names an open endpoint showed (top-level keys, object keys, collection ids, table names),
   * as the probe already read them: index.ts judges the endpoint's `exposes` from these (core/exposure.ts).
   * Every probe that lists something sets it (`listed`); never contents.
   */
  names?: string[];
}

/** Bound on the names a probe result carries. */
export const MAX_NAMES = 1000;

/** An open listing: its status, its evidence and the names it showed (bounded). */
export const listed = (status: EndpointStatus, evidenceText: string, names: readonly string[]): ProbeResult =>
  ({ status, evidence: evidenceText, names: names.slice(0, MAX_NAMES) });

/** Most open first; used to combine several checks of one endpoint. */
const ORDER: EndpointStatus[] = ['open-write', 'open-list', 'open-read', 'auth-required', 'not-found', 'unreachable', 'error', 'not-probed'];
export const mostOpen = (a: EndpointStatus, b: EndpointStatus): EndpointStatus => (ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b);
export const isOpen = (s: EndpointStatus): boolean => s === 'open-read' || s === 'open-list' || s === 'open-write';

export const MAX_EVIDENCE = 200;

/** Joins evidence parts and bounds the result. */
export function evidence(...parts: Array<string | undefined | false>): string {
  const s = parts.filter((p): p is string => !!p).join('; ');
  return s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE - 1)}…` : s;
}

/** At most three names, each at most 40 characters, printable only. */
export function someNames(names: readonly string[], total = names.length): string {
  if (names.length === 0) return '';
  const shown = names.slice(0, 3).map((n) => {
    const clean = n.replace(/[^\x20-\x7e]/g, '?');
    return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
  });
  return `${shown.join(', ')}${total > shown.length ? ', …' : ''}`;
}

/** A unique name for a write probe. */
export const probeObjectName = (): string => `leaklens-probe-${randomBytes(6).toString('hex')}`;

/** The text of a body for parsing; only the capped bytes the client read. */
export const text = (r: ProbeResponse): string => r.body.toString('utf8');

export function json(r: ProbeResponse): unknown {
  try {
    return JSON.parse(text(r));
  } catch {
    return undefined;
  }
}

/** Contents of every `<tag>…</tag>` (S3/Azure XML), bounded. */
export function xmlValues(xml: string, tag: string, max = 1000): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}>([^<]{0,1024})</${tag}>`, 'g');
  for (let m = re.exec(xml); m && out.length < max; m = re.exec(xml)) out.push(unescapeXml(m[1]));
  return out;
}

const unescapeXml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Short error code/message from a JSON or XML error body (`AccessDenied`, `Permission denied`). */
export function errorText(r: ProbeResponse): string | undefined {
  const x = xmlValues(text(r), 'Code', 1)[0];
  if (x) return x;
  const j = json(r) as { error?: unknown; message?: unknown } | undefined;
  const e = j?.error;
  const msg = typeof e === 'string' ? e
    : e && typeof e === 'object' ? ((e as { status?: string }).status ?? (e as { message?: string }).message)
    : typeof j?.message === 'string' ? j.message : undefined;
  return typeof msg === 'string' ? (msg.length > 48 ? `${msg.slice(0, 47)}…` : msg) : undefined;
}

/** `HTTP 403 AccessDenied`. */
export const httpEvidence = (r: ProbeResponse): string => `HTTP ${r.status}${errorText(r) ? ` ${errorText(r)}` : ''}`;

/** The usual mapping of a refused/failed answer: 401/403 → auth-required, 404 → not-found. */
export function classifyDenied(r: ProbeResponse): ProbeResult {
  if (r.status === 401 || r.status === 403) return { status: 'auth-required', evidence: httpEvidence(r) };
  if (r.status === 404) return { status: 'not-found', evidence: httpEvidence(r) };
  return { status: 'error', evidence: httpEvidence(r) };
}

/** A failed request as a result: refused by policy, DNS NXDOMAIN, timeout, network error. */
export function failure(e: unknown): ProbeResult {
  if (e instanceof ProbeError) {
    if (e.kind === 'refused') return { status: 'not-probed', evidence: evidence(e.message.startsWith('refused') ? e.message : `refused: ${e.message}`) };
    if (e.kind === 'dns') return { status: 'not-found', evidence: e.message };
    if (e.kind === 'aborted') return { status: 'not-probed', evidence: 'cancelled' };
    return { status: 'unreachable', evidence: e.message };
  }
  return { status: 'error', evidence: evidence(`probe failed: ${(e as Error)?.message ?? String(e)}`) };
}

/**
 * Write probe: create a unique object, delete it right away, report both steps. `create` and
 * `remove` return the HTTP status of each step.
 */
export async function writeProbe(
  create: (name: string) => Promise<ProbeResponse>,
  remove: (name: string) => Promise<ProbeResponse>,
): Promise<{ written: boolean; evidence: string }> {
  const name = probeObjectName();
  let created: ProbeResponse;
  try {
    created = await create(name);
  } catch (e) {
    return { written: false, evidence: `write ${name}: ${failure(e).evidence}` };
  }
  if (created.status < 200 || created.status >= 300) return { written: false, evidence: `write denied (HTTP ${created.status})` };
  let removed: ProbeResponse | undefined;
  try {
    removed = await remove(name);
  } catch {
    removed = undefined;
  }
  const ok = removed !== undefined && removed.status >= 200 && removed.status < 300;
  return {
    written: true,
    evidence: ok
      ? `wrote ${name} (HTTP ${created.status}) and deleted it (HTTP ${removed!.status})`
      : `wrote ${name} (HTTP ${created.status}) but could NOT delete it (${removed ? `HTTP ${removed.status}` : 'network error'}): remove it by hand`,
  };
}

/** Runs the write probe when allowed and folds it into a read result. */
export async function withWrite(
  ctx: ProbeContext,
  read: ProbeResult,
  create: (name: string) => Promise<ProbeResponse>,
  remove: (name: string) => Promise<ProbeResponse>,
): Promise<ProbeResult> {
  if (!ctx.allowWrite || read.status === 'not-found' || read.status === 'not-probed' || read.status === 'unreachable') return read;
  const w = await writeProbe(create, remove);
  return { ...read, status: w.written ? 'open-write' : read.status, evidence: evidence(w.evidence, read.evidence) };
}

/** Finds the values of findings of `ruleId`, preferring those in the same files as `target`. */
export function appValues(ctx: ProbeContext, target: ProbeTarget, ruleId: string): string[] {
  const files = new Set(target.findings.map((f) => f.location.file));
  const all = ctx.all.filter((f) => f.ruleId === ruleId && !f.value.endsWith('…'));
  const inGroup = target.findings.filter((f) => f.ruleId === ruleId && !f.value.endsWith('…'));
  const near = all.filter((f) => files.has(f.location.file));
  return [...new Set([...inGroup, ...near, ...all].map((f) => f.value))];
}
