// Cloud Storage for Firebase: the client SDK's list call `GET /v0/b/<bucket>/o` (Storage Rules
// decide). 200 → open-list; 401/403 → auth-required; 404 → no such bucket.
import { classifyDenied, failure, json, listed, someNames, withWrite, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

const BASE = 'https://firebasestorage.googleapis.com/v0/b/';

export async function probeFirebaseStorage(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const u = new URL(t.url);
  const bucket = /^\/v0\/b\/([^/]+)/.exec(u.pathname)?.[1] ?? (/\.(?:appspot\.com|firebasestorage\.app)$/.test(u.hostname) ? u.hostname : undefined);
  if (!bucket) return { status: 'not-probed', evidence: 'no Firebase Storage bucket in the endpoint' };
  const b = encodeURIComponent(decodeURIComponent(bucket));
  let read: ProbeResult;
  try {
    const r = await ctx.http.request('storage', `${BASE}${b}/o?delimiter=%2F&maxResults=5`);
    if (r.status === 200) {
      const body = json(r) as { items?: Array<{ name?: string }>; prefixes?: string[] } | undefined;
      const items = (body?.items ?? []).map((i) => String(i?.name ?? ''));
      const prefixes = (body?.prefixes ?? []).map(String);
      const names = [...prefixes, ...items];
      read = listed('open-list', `HTTP 200, anonymous list: ${items.length} objects, ${prefixes.length} folders at the root${names.length ? ` (${someNames(names)})` : ''}`, names);
    } else read = classifyDenied(r);
  } catch (e) {
    return failure(e);
  }
  return withWrite(
    ctx,
    read,
    (name) => ctx.http.request('storage', `${BASE}${b}/o?name=${name}`, { method: 'POST', body: 'leaklens write probe', headers: { 'content-type': 'text/plain' } }),
    (name) => ctx.http.request('storage', `${BASE}${b}/o/${name}`, { method: 'DELETE' }),
  );
}
