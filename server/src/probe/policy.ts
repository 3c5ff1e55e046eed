// The probe safety policy (DESIGN §7) as pure decisions: which hosts a provider may be probed on,
// which resolved addresses are refused, and how an explicit `--endpoint-override` rewrites a real
// endpoint URL to a local stand-in. The HTTP client (client.ts) asks this module before every
// request, every redirect and every connection.
import { isIP } from 'node:net';

/** Override keys (`--endpoint-override KEY=BASE`), one per kind of service. */
export const OVERRIDE_KEYS = [
  'firebase', 'firestore', 'storage', 'remoteconfig', 'gcs', 's3', 'spaces', 'oss', 'azure', 'supabase',
  // the stores of DESIGN §3 "More stores and keys": one key per provider
  'r2', 'b2', 'wasabi', 'linode', 'scaleway', 'cos', 'obs', 'ibm', 'oci',
] as const;
export type OverrideKey = (typeof OVERRIDE_KEYS)[number];

/** Hosts each service may be probed on, derived from the rules' provider patterns. */
const HOSTS: Record<OverrideKey, RegExp> = {
  firebase: /^[a-z0-9][a-z0-9-]{0,62}(?:\.firebaseio\.com|\.[a-z]+-[a-z]+\d\.firebasedatabase\.app)$/,
  firestore: /^firestore\.googleapis\.com$/,
  storage: /^firebasestorage\.googleapis\.com$/,
  remoteconfig: /^firebaseremoteconfig\.googleapis\.com$/,
  gcs: /^(?:[a-z0-9][a-z0-9._-]{1,220}\.)?storage\.googleapis\.com$/,
  // virtual-hosted, path-style, regional, dualstack and website endpoints
  s3: /^(?:[a-z0-9][a-z0-9.-]{1,62}\.)?s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/,
  spaces: /^(?:[a-z0-9][a-z0-9-]{1,62}\.)?[a-z]{3}\d\.digitaloceanspaces\.com$/,
  oss: /^(?:[a-z0-9][a-z0-9-]{1,62}\.)?oss-[a-z0-9-]+\.aliyuncs\.com$/,
  azure: /^[a-z0-9]{3,24}\.blob\.core\.windows\.net$/,
  supabase: /^[a-z0-9]{10,40}\.supabase\.co$/,
  // S3 API on the account host (path style, optionally a jurisdiction), virtual-hosted, and the public r2.dev URL
  r2: /^(?:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\.)?[0-9a-f]{32}\.(?:(?:eu|fedramp|us)\.)?r2\.cloudflarestorage\.com$|^pub-[0-9a-f]{32}\.r2\.dev$/,
  b2: /^(?:[a-z0-9][a-z0-9-]{4,61}[a-z0-9]\.)?s3\.[a-z]{2}-[a-z]{3,8}-\d{3}\.backblazeb2\.com$/,
  wasabi: /^(?:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\.)?s3\.[a-z]{2}-(?:[a-z]{4,9}-)?\d\.wasabisys\.com$/,
  linode: /^(?:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\.)?[a-z]{2}-[a-z]{3,9}-\d{1,2}\.linodeobjects\.com$/,
  scaleway: /^(?:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\.)?s3\.[a-z]{2}-[a-z]{3}\.scw\.cloud$/,
  cos: /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?-\d{10}\.cos\.(?:[a-z]{2}-[a-z]{4,14}(?:-fsi)?|accelerate)\.myqcloud\.com$/,
  obs: /^(?:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\.)?obs\.(?:[a-z]{2}-[a-z]{4,9}-\d{1,3}\.)?myhuaweicloud\.(?:com|eu)$/,
  ibm: /^(?:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\.)?s3\.[a-z]{2,3}(?:-[a-z]{2,5}|\d\d)?\.cloud-object-storage\.appdomain\.cloud$/,
  oci: /^objectstorage\.[a-z]{2}-[a-z]{4,12}-\d\.oraclecloud\.com$/,
};

/** True when `host` is one this service may be probed on. */
export function isAllowedHost(key: OverrideKey, host: string): boolean {
  return HOSTS[key].test(host.toLowerCase());
}

/** The service a host belongs to, if any. */
export function serviceOfHost(host: string): OverrideKey | undefined {
  return OVERRIDE_KEYS.find((k) => isAllowedHost(k, host));
}

export type UrlDecision = { ok: true } | { ok: false; reason: string };

/** Checks a real (not overridden) URL: https, no credentials/odd port, host of the same service. */
export function checkUrl(key: OverrideKey, url: URL): UrlDecision {
  if (url.protocol !== 'https:') return { ok: false, reason: `refused ${url.protocol}// (https only)` };
  if (url.username || url.password) return { ok: false, reason: 'refused URL with credentials' };
  if (url.port && url.port !== '443') return { ok: false, reason: `refused port ${url.port}` };
  if (isIP(url.hostname.replace(/^\[|\]$/g, ''))) return { ok: false, reason: `refused IP address host ${url.hostname}` };
  if (!isAllowedHost(key, url.hostname)) return { ok: false, reason: `refused host ${url.hostname} (not a ${key} endpoint)` };
  return { ok: true };
}

// ---- resolved addresses -------------------------------------------------------------------

const V4_BLOCKED: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'], ['10.0.0.0', 8, 'private'], ['100.64.0.0', 10, 'CGNAT'],
  ['127.0.0.0', 8, 'loopback'], ['169.254.0.0', 16, 'link-local'], ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol'], ['192.168.0.0', 16, 'private'], ['198.18.0.0', 15, 'benchmark'],
  ['224.0.0.0', 4, 'multicast'], ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

function v4Class(ip: string): string | undefined {
  const n = v4ToInt(ip);
  for (const [base, bits, name] of V4_BLOCKED) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((n & mask) === (v4ToInt(base) & mask)) return name;
  }
  return undefined;
}

/** Expands an IPv6 address to 8 16-bit groups (handles `::` and a trailing dotted IPv4). */
function v6Groups(ip: string): number[] {
  let s = ip.toLowerCase().split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4ToInt(dotted[1]);
    s = s.slice(0, -dotted[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g || '0', 16));
}

/** Why an address is refused (`loopback`, `private`, …), or undefined when it is public. */
export function blockedAddressReason(ip: string): string | undefined {
  const family = isIP(ip);
  if (family === 4) return v4Class(ip);
  if (family !== 6) return 'not an IP address';
  const g = v6Groups(ip);
  const embeddedV4 = (hi: number, lo: number): string => `${hi >>> 8}.${hi & 0xff}.${lo >>> 8}.${lo & 0xff}`;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d: judge the IPv4 address
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return v4Class(embeddedV4(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b) return v4Class(embeddedV4(g[6], g[7])); // NAT64 64:ff9b::/96
  if (g[0] === 0x2002) return v4Class(embeddedV4(g[1], g[2])); // 6to4
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local (ULA)';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation';
  return undefined;
}

// ---- endpoint overrides ---------------------------------------------------------------------

export type Overrides = Partial<Record<OverrideKey, URL>>;

/** Report provider names accepted for the service they stand for. */
const ALIASES: Record<string, OverrideKey> = {
  aws: 's3', digitalocean: 'spaces', alibaba: 'oss', rtdb: 'firebase', 'firebase-storage': 'storage',
  cloudflare: 'r2', backblaze: 'b2', tencent: 'cos', huawei: 'obs', oracle: 'oci',
};

/**
 * Parses `KEY=BASE` (CLI) or a settings map into validated overrides. Throws an Error with one
 * clear sentence on a bad key or URL (the CLI prints it and exits 2).
 */
export function parseOverrides(input: Record<string, string> | readonly string[] | undefined): Overrides {
  const out: Overrides = {};
  const pairs: Array<[string, string]> = Array.isArray(input)
    ? input.map((s: string) => {
        const i = s.indexOf('=');
        if (i <= 0) throw new Error(`--endpoint-override expects PROVIDER=URL, got "${s}"`);
        return [s.slice(0, i), s.slice(i + 1)];
      })
    : Object.entries((input ?? {}) as Record<string, string>);
  for (const [rawKey, base] of pairs) {
    const key = ALIASES[rawKey.trim().toLowerCase()] ?? rawKey.trim().toLowerCase();
    if (!(OVERRIDE_KEYS as readonly string[]).includes(key)) {
      throw new Error(`unknown endpoint override "${rawKey}" (expected one of ${OVERRIDE_KEYS.join(', ')})`);
    }
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new Error(`endpoint override ${key}=${base} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`endpoint override ${key} must be an http(s) URL`);
    out[key as OverrideKey] = url;
  }
  return out;
}

/** `BASE` + path (BASE may carry a path prefix) + query. */
function join(base: URL, path: string, search: string): URL {
  const u = new URL(base.href);
  u.pathname = base.pathname.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
  u.search = search;
  return u;
}

/** Virtual-hosted bucket hosts of the S3-compatible services: group 1 is the bucket. */
const VIRTUAL_HOST: Partial<Record<OverrideKey, RegExp>> = {
  s3: /^(.+?)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/,
  spaces: /^(.+?)\.[a-z]{3}\d\.digitaloceanspaces\.com$/,
  oss: /^(.+?)\.oss-[a-z0-9-]+\.aliyuncs\.com$/,
  r2: /^(.+?)\.[0-9a-f]{32}\.(?:(?:eu|fedramp|us)\.)?r2\.cloudflarestorage\.com$/,
  b2: /^(.+?)\.s3\.[a-z0-9-]+\.backblazeb2\.com$/,
  wasabi: /^(.+?)\.s3\.[a-z0-9-]+\.wasabisys\.com$/,
  linode: /^(.+?)\.[a-z]{2}-[a-z]+-\d+\.linodeobjects\.com$/,
  scaleway: /^(.+?)\.s3\.[a-z]{2}-[a-z]{3}\.scw\.cloud$/,
  cos: /^(.+?)\.cos\.[a-z0-9-]+\.myqcloud\.com$/,
  obs: /^(.+?)\.obs\.(?:[a-z0-9-]+\.)?myhuaweicloud\.(?:com|eu)$/,
  ibm: /^(.+?)\.s3\.[a-z0-9-]+\.cloud-object-storage\.appdomain\.cloud$/,
};

/** First label(s) of a virtual-hosted bucket host, or undefined for a path-style/service host. */
export function bucketOfHost(key: OverrideKey, host: string): string | undefined {
  return VIRTUAL_HOST[key]?.exec(host.toLowerCase())?.[1];
}

/**
 * Rewrites a real endpoint URL to the stand-in at `base`, path-style as the emulators expect
 * (DESIGN §7): azure → BASE/<account>/<path>; s3/spaces/oss and the S3-compatible stores
 * (r2, b2, wasabi, linode, scaleway, cos, obs, ibm) → BASE/<bucket>/<key>;
 * firebase → BASE/<path>?ns=<db>&…; every other service → BASE/<path>.
 */
export function rewriteForOverride(key: OverrideKey, real: URL, base: URL): URL {
  const host = real.hostname.toLowerCase();
  switch (key) {
    case 'azure':
      return join(base, `/${host.split('.')[0]}${real.pathname}`, real.search);
    case 's3': case 'spaces': case 'oss': case 'r2': case 'b2': case 'wasabi': case 'linode': case 'scaleway': case 'cos': case 'obs': case 'ibm': {
      const bucket = bucketOfHost(key, host);
      return join(base, bucket ? `/${bucket}${real.pathname}` : real.pathname, real.search);
    }
    case 'firebase': {
      const q = new URLSearchParams(real.search);
      const rest = [...q].filter(([k]) => k !== 'ns');
      const search = new URLSearchParams([['ns', host.split('.')[0]], ...rest]).toString();
      return join(base, real.pathname, `?${search}`);
    }
    default:
      return join(base, real.pathname, real.search);
  }
}
