// Firebase Realtime Database: `GET /.json?shallow=true` reads only the top-level key names.
// 200 → open-read; 401 "Permission denied" → auth-required; 404 no such database; 423 deactivated.
// Region redirects (firebaseio.com → <region>.firebasedatabase.app) are followed by the client.
import { classifyDenied, evidence, failure, httpEvidence, json, listed, someNames, withWrite, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

export async function probeRtdb(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const root = `https://${new URL(t.url).host}/`;
  let read: ProbeResult;
  let at = root;
  try {
    const r = await ctx.http.request('firebase', `${root}.json?shallow=true`);
    at = `https://${new URL(r.url).host}/`;
    const moved = at !== root ? `redirected to ${new URL(at).host}` : undefined;
    if (r.status === 200) {
      const body = json(r);
      if (r.truncated) read = { status: 'open-read', evidence: evidence('HTTP 200, anonymous read: more top-level keys than fit in 64 KB', moved) };
      else if (body === null) read = { status: 'open-read', evidence: evidence('HTTP 200, anonymous read: database is empty (null)', moved) };
      else if (body && typeof body === 'object') {
        const keys = Object.keys(body);
        read = listed('open-read', evidence(`HTTP 200, anonymous read: ${keys.length} top-level keys (${someNames(keys)})`, moved), keys);
      } else read = { status: 'open-read', evidence: evidence('HTTP 200, anonymous read of a scalar root value', moved) };
    } else if (r.status === 423) {
      read = { status: 'not-found', evidence: evidence(`${httpEvidence(r)}: database deactivated`, moved) };
    } else {
      const d = classifyDenied(r);
      read = { ...d, evidence: evidence(d.evidence, moved) };
    }
  } catch (e) {
    return failure(e);
  }
  return withWrite(
    ctx,
    read,
    (name) => ctx.http.request('firebase', `${at}${name}.json`, { method: 'PUT', body: '"leaklens write probe"', headers: { 'content-type': 'application/json' } }),
    (name) => ctx.http.request('firebase', `${at}${name}.json`, { method: 'DELETE' }),
  );
}
