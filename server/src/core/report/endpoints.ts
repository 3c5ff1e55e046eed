// Endpoint grouping (DESIGN §4 `endpoints[]`): one entry per distinct finding `endpoint`, with the
// fingerprints of the findings that lead to it. Without probes every status is `not-probed`; the
// probe results are laid over this list by URL.
import type { EndpointResult, Finding } from '../types';

/** Endpoint kind by host shape; checked first because one rule can point at different kinds. */
const KIND_BY_HOST: ReadonlyArray<[RegExp, string | ((u: URL) => string)]> = [
  [/\.(?:firebaseio\.com|firebasedatabase\.app)$/, 'rtdb'],
  [/^firestore\.googleapis\.com$/, 'firestore'],
  [/^firebasestorage\.googleapis\.com$|\.(?:appspot\.com|firebasestorage\.app)$/, 'firebase-storage'],
  [/(?:^|\.)s3[.-](?:[a-z0-9-]+\.)*amazonaws\.com(?:\.cn)?$|^s3\.amazonaws\.com$/, 's3-bucket'],
  [/^cognito-identity\./, 'cognito-identity-pool'],
  [/(?:^|\.)storage\.googleapis\.com$/, 'gcs-bucket'],
  [/\.blob\.core\.windows\.net$/, (u) => (u.pathname.replace(/\/+$/, '') === '' ? 'azure-account' : 'azure-container')],
  [/\.digitaloceanspaces\.com$/, 'spaces-bucket'],
  [/\.aliyuncs\.com$/, 'oss-bucket'],
  [/\.supabase\.(?:co|in)$/, 'supabase-rest'],
  [/\.r2\.cloudflarestorage\.com$/, 'r2-bucket'],
  [/^pub-[0-9a-f]{32}\.r2\.dev$/, 'r2-public'],
  [/\.backblazeb2\.com$/, 'b2-bucket'],
  [/\.wasabisys\.com$/, 'wasabi-bucket'],
  [/\.linodeobjects\.com$/, 'linode-bucket'],
  [/\.scw\.cloud$/, 'scaleway-bucket'],
  [/\.myqcloud\.com$/, 'cos-bucket'],
  [/\.myhuaweicloud\.(?:com|eu)$/, 'obs-bucket'],
  [/\.cloud-object-storage\.appdomain\.cloud$/, 'ibm-cos-bucket'],
  [/^objectstorage\.[a-z0-9-]+\.oraclecloud\.com$/, (u) => (u.pathname.startsWith('/p/') ? 'oci-par' : 'oci-bucket')],
];

/** Fallback by rule id, for endpoints whose host says nothing (overrides, unknown forms). */
const KIND_BY_RULE: Readonly<Record<string, string>> = {
  'firebase-database-url': 'rtdb',
  'firebase-storage-bucket': 'firebase-storage',
  'firebase-project-id': 'firestore',
  'aws-s3-bucket': 's3-bucket',
  'aws-cognito-identity-pool': 'cognito-identity-pool',
  'gcs-bucket': 'gcs-bucket',
  'azure-storage-account-key': 'azure-account',
  'azure-sas-token': 'azure-container',
  'azure-blob-container': 'azure-container',
  'digitalocean-spaces-bucket': 'spaces-bucket',
  'alibaba-oss-bucket': 'oss-bucket',
  'supabase-url': 'supabase-rest',
  'supabase-anon-key': 'supabase-rest',
  'supabase-service-role-key': 'supabase-rest',
  'firebase-rules-public-read': 'rtdb',
  'firebase-rules-public-write': 'rtdb',
  'firebase-rules-test-mode': 'rtdb',
  'supabase-rls-disabled': 'supabase-rest',
  'supabase-policy-permissive': 'supabase-rest',
  'amplify-storage-guest-access': 's3-bucket',
  'cloudflare-r2-bucket': 'r2-bucket',
  'backblaze-b2-bucket': 'b2-bucket',
  'wasabi-bucket': 'wasabi-bucket',
  'linode-object-storage-bucket': 'linode-bucket',
  'scaleway-object-storage-bucket': 'scaleway-bucket',
  'tencent-cos-bucket': 'cos-bucket',
  'huawei-obs-bucket': 'obs-bucket',
  'ibm-cos-bucket': 'ibm-cos-bucket',
  'oci-object-storage-bucket': 'oci-bucket',
};

/** The kind of resource an endpoint URL names (`rtdb`, `s3-bucket`, `azure-container`, …). */
export function endpointKind(url: string, ruleId: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed) {
    const host = parsed.hostname.toLowerCase();
    for (const [re, kind] of KIND_BY_HOST) if (re.test(host)) return typeof kind === 'string' ? kind : kind(parsed);
  }
  return KIND_BY_RULE[ruleId] ?? 'other';
}

/** One `not-probed` endpoint per distinct finding endpoint, in first-seen order. */
export function groupEndpoints(findings: readonly Finding[]): EndpointResult[] {
  const byUrl = new Map<string, EndpointResult>();
  for (const f of findings) {
    if (!f.endpoint) continue;
    let e = byUrl.get(f.endpoint);
    if (!e) {
      e = {
        provider: f.provider,
        kind: endpointKind(f.endpoint, f.ruleId),
        url: f.endpoint,
        status: 'not-probed',
        evidence: '',
        checkedAt: null,
        findings: [],
      };
      byUrl.set(f.endpoint, e);
    }
    if (!e.findings.includes(f.fingerprint)) e.findings.push(f.fingerprint);
  }
  return [...byUrl.values()];
}

/**
 * Lays probe results over the grouped endpoints: a probed entry replaces the `not-probed` one with
 * the same URL (keeping the union of finding fingerprints); probed URLs no finding names are appended.
 */
export function mergeEndpoints(grouped: readonly EndpointResult[], probed: readonly EndpointResult[]): EndpointResult[] {
  const out = new Map(grouped.map((e) => [e.url, { ...e, findings: [...e.findings] }]));
  for (const p of probed) {
    const base = out.get(p.url);
    const findings = base ? [...new Set([...base.findings, ...p.findings])] : [...p.findings];
    out.set(p.url, { ...p, kind: p.kind || base?.kind || 'other', findings });
  }
  return [...out.values()];
}

/** S3: virtual-hosted `b.s3[.region].amazonaws.com[.cn]` or path style `s3[.region].amazonaws.com[.cn]/b/`. */
const S3_HOST = /^(?:(?<b>[a-z0-9][a-z0-9.-]*)\.)?s3(?:\.(?<r>[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d))?\.amazonaws\.com(?<cn>\.cn)?$/;
/** Azure: the container of a blob endpoint URL (exactly one path segment). */
const AZURE_HOST = /\.blob\.core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/;

/**
 * The resource an endpoint URL names, when one resource has several URL forms: an S3 bucket with or
 * without its region, an Azure container as its URL or its list URL. `rank` prefers the more
 * specific form (the region saves a redirect; the list URL is what the probe asks).
 */
function resourceOf(url: string): { key: string; rank: number } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  const s3 = S3_HOST.exec(host);
  if (s3) {
    const bucket = s3.groups!.b ?? /^\/([^/]+)\/?$/.exec(u.pathname)?.[1];
    return bucket ? { key: `s3 ${bucket}${s3.groups!.cn ?? ''}`, rank: s3.groups!.r ? 2 : 1 } : undefined;
  }
  const container = AZURE_HOST.test(host) ? /^\/([^/]+)\/?$/.exec(u.pathname)?.[1] : undefined;
  if (container) return { key: `azure ${host}/${container.toLowerCase()}`, rank: u.searchParams.get('restype') === 'container' ? 2 : 1 };
  return undefined;
}

/**
 * Findings that name one resource through different URL forms get one endpoint — its most specific
 * form — so reports, probes and the panel show one entry per bucket/container. Returns copies of
 * the findings it changes; the others as they are.
 */
export function unifyEndpoints(findings: readonly Finding[]): Finding[] {
  const best = new Map<string, { url: string; rank: number }>();
  const keyOf = new Map<string, string>();
  for (const f of findings) {
    if (!f.endpoint || keyOf.has(f.endpoint)) continue;
    const r = resourceOf(f.endpoint);
    if (!r) continue;
    keyOf.set(f.endpoint, r.key);
    const had = best.get(r.key);
    if (!had || r.rank > had.rank) best.set(r.key, { url: f.endpoint, rank: r.rank });
  }
  return findings.map((f) => {
    const key = f.endpoint ? keyOf.get(f.endpoint) : undefined;
    const url = key ? best.get(key)!.url : undefined;
    return url && url !== f.endpoint ? { ...f, endpoint: url } : f;
  });
}
