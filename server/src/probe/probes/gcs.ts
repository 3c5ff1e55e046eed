// Google Cloud Storage: JSON API object list and `testIamPermissions` as the anonymous caller.
// testIamPermissions tells what allUsers may do without doing it (create/delete → open-write).
import { classifyDenied, evidence, failure, json, listed, mostOpen, someNames, withWrite, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

const API = 'https://storage.googleapis.com/storage/v1/b/';
const PERMISSIONS = ['storage.objects.list', 'storage.objects.get', 'storage.objects.create', 'storage.objects.delete'];

/** Bucket from `<b>.storage.googleapis.com`, `storage.googleapis.com/<b>` or `/storage/v1/b/<b>`. */
export function gcsBucket(url: string): string | undefined {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  if (host !== 'storage.googleapis.com' && host.endsWith('.storage.googleapis.com')) return host.slice(0, -'.storage.googleapis.com'.length);
  const api = /^\/(?:upload\/)?storage\/v1\/b\/([^/]+)/.exec(u.pathname);
  if (api) return decodeURIComponent(api[1]);
  const first = u.pathname.split('/')[1];
  return first ? decodeURIComponent(first) : undefined;
}

export async function probeGcs(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const bucket = gcsBucket(t.url);
  if (!bucket) return { status: 'not-probed', evidence: 'no bucket in the endpoint' };
  const b = encodeURIComponent(bucket);
  let list: ProbeResult;
  try {
    const r = await ctx.http.request('gcs', `${API}${b}/o?maxResults=5`);
    if (r.status === 200) {
      const items = ((json(r) as { items?: Array<{ name?: string }> } | undefined)?.items ?? []).map((i) => String(i?.name ?? ''));
      list = listed('open-list', `HTTP 200, anonymous list: ${items.length}${r.truncated ? '+' : ''} objects${items.length ? ` (${someNames(items)})` : ''}`, items);
    } else list = classifyDenied(r);
  } catch (e) {
    return failure(e);
  }
  if (list.status === 'not-found') return list;

  let iam: ProbeResult | undefined;
  try {
    const q = PERMISSIONS.map((p) => `permissions=${p}`).join('&');
    const r = await ctx.http.request('gcs', `${API}${b}/iam/testPermissions?${q}`);
    if (r.status === 200) {
      const granted = ((json(r) as { permissions?: string[] } | undefined)?.permissions ?? []).filter((p) => PERMISSIONS.includes(p));
      const status = granted.some((p) => p.endsWith('.create') || p.endsWith('.delete')) ? 'open-write'
        : granted.includes('storage.objects.list') ? 'open-list'
        : granted.includes('storage.objects.get') ? 'open-read'
        : 'auth-required';
      iam = { status, evidence: granted.length ? `testIamPermissions grants allUsers ${granted.map((p) => p.split('.').pop()).join(', ')}` : 'testIamPermissions: no permissions for allUsers' };
    }
  } catch {
    iam = undefined; // the list answer already says enough
  }
  const read: ProbeResult = iam ? { ...list, status: mostOpen(list.status, iam.status), evidence: evidence(list.evidence, iam.evidence) } : list;
  return withWrite(
    ctx,
    read,
    (name) => ctx.http.request('gcs', `https://storage.googleapis.com/upload/storage/v1/b/${b}/o?uploadType=media&name=${name}`, {
      method: 'POST', body: 'leaklens write probe', headers: { 'content-type': 'text/plain' },
    }),
    (name) => ctx.http.request('gcs', `${API}${b}/o/${name}`, { method: 'DELETE' }),
  );
}
