// Offline analysis of an Azure SAS token (no network): what the token in the app lets anyone do.
// Fields per learn.microsoft.com "Create an account SAS" / "Create a service SAS": sv version,
// ss services, srt resource types (account SAS), sr resource (service SAS), sp permissions,
// st/se start/expiry, spr protocols, sip IP range, si stored access policy.
import type { ProbeResult } from '../common';
import { evidence } from '../common';

const PERMISSION_NAMES: Record<string, string> = {
  r: 'read', a: 'add', c: 'create', w: 'write', d: 'delete', x: 'delete-version', y: 'permanent-delete', l: 'list',
  t: 'tags', f: 'filter', m: 'move', e: 'execute', o: 'ownership', p: 'permissions', i: 'set-immutability', u: 'update',
};
const WRITE = /[acwdxymiuop]/;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface SasInfo {
  kind: 'account' | 'service' | 'user-delegation';
  permissions: string[];
  expiry?: Date;
  expired: boolean;
  farFuture: boolean;
  httpAllowed: boolean;
  storedPolicy?: string;
  services?: string;
  resource?: string;
}

/** Pulls the SAS query parameters out of a URL, a query string or a connection string. */
export function sasParams(value: string): URLSearchParams | undefined {
  const m = /(?:^|[?&;\s"'=])(sv=[^\s"'<>;]*)/.exec(value);
  if (!m) return undefined;
  const q = new URLSearchParams(m[1].replace(/&amp;/g, '&'));
  return q.get('sv') ? q : undefined;
}

/**
 * SAS parameters of a finding. The report value is redacted, so they come from the value only when
 * it is unredacted (tests, baselines), else from the rule's message, which names sp/se/srt/sr
 * ("… (permissions rwdl, expires 2030-01-01, resource types sco, resource c)").
 */
export function sasFromFinding(f: { value: string; message: string; endpoint?: string }): URLSearchParams | undefined {
  const direct = sasParams(f.value);
  if (direct && direct.get('sp') !== null) return direct;
  const q = new URLSearchParams({ sv: direct?.get('sv') ?? 'unknown' });
  const grab = (re: RegExp) => re.exec(f.message)?.[1];
  const fields: Array<[string, string | undefined]> = [
    ['sp', grab(/[(,] ?permissions ([a-z]{1,20})[,)]/)],
    ['se', grab(/[(,] ?expires ([0-9][0-9T:.Z+-]{3,30})[,)]/)],
    ['srt', grab(/[(,] ?resource types ([a-z]{1,3})[,)]/)],
    ['sr', grab(/[(,] ?resource ([a-z]{1,2})[,)]/)],
  ];
  for (const [k, v] of fields) if (v) q.set(k, v);
  return q.get('sp') || q.get('se') ? q : undefined;
}

export function analyzeSas(q: URLSearchParams, now = new Date()): SasInfo {
  const sp = q.get('sp') ?? '';
  const se = q.get('se');
  const expiry = se ? new Date(se) : undefined;
  const valid = expiry && !Number.isNaN(expiry.getTime()) ? expiry : undefined;
  return {
    kind: q.get('skoid') ? 'user-delegation' : q.get('ss') || q.get('srt') ? 'account' : 'service',
    permissions: [...new Set(sp.split(''))].filter((c) => PERMISSION_NAMES[c]).map((c) => PERMISSION_NAMES[c]),
    expiry: valid,
    expired: valid !== undefined && valid.getTime() < now.getTime(),
    farFuture: valid !== undefined && valid.getTime() - now.getTime() > YEAR_MS,
    httpAllowed: q.get('spr') !== null && q.get('spr')!.split(',').includes('http'),
    storedPolicy: q.get('si') ?? undefined,
    services: q.get('ss') ?? undefined,
    resource: q.get('sr') ?? undefined,
  };
}

const IMPORTANT = ['read', 'write', 'delete', 'list', 'create', 'add'];

/** The permissions that matter most by name, the rest counted. */
function keyPermissions(perms: string[]): string {
  const named = IMPORTANT.filter((p) => perms.includes(p));
  const rest = perms.length - named.length;
  return `${named.join(', ')}${rest ? ` +${rest} more` : ''}`;
}

/** The exposure a SAS shipped in the app gives anyone who unpacks it. */
export function sasResult(value: string | URLSearchParams | undefined, now = new Date()): ProbeResult {
  const q = typeof value === 'string' ? sasParams(value) : value;
  if (!q) return { status: 'not-probed', evidence: 'SAS parameters not present in the finding value' };
  const s = analyzeSas(q, now);
  const sp = q.get('sp') ?? '';
  const scope = s.kind === 'account' ? `account SAS (services ${s.services ?? '?'}, types ${q.get('srt') ?? '?'})` : `${s.kind} SAS (sr=${s.resource ?? '?'})`;
  const when = s.expiry
    ? s.expired ? `expired ${s.expiry.toISOString().slice(0, 10)}` : `valid until ${s.expiry.toISOString().slice(0, 10)}${s.farFuture ? ' (more than a year ahead)' : ''}`
    : s.storedPolicy ? `expiry from stored policy ${s.storedPolicy}` : 'no expiry';
  const ev = evidence(
    `offline SAS analysis: ${scope}`,
    s.permissions.length ? `sp=${sp.slice(0, 20)}: ${keyPermissions(s.permissions)}` : s.storedPolicy ? 'permissions from stored access policy' : 'no permissions',
    when,
    s.httpAllowed && 'plain http allowed',
  );
  if (s.expired) return { status: 'auth-required', evidence: ev };
  const status = WRITE.test(sp) ? 'open-write' : sp.includes('l') ? 'open-list' : sp.includes('r') ? 'open-read' : 'auth-required';
  return { status, evidence: ev };
}
