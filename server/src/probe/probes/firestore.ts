// Cloud Firestore: `documents.list` through the REST API with the API key the app ships with
// (sent as `x-goog-api-key`, never in the URL). 200 → open-list; 403 PERMISSION_DENIED → auth-required.
import { appValues, classifyDenied, evidence, failure, json, listed, someNames, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

const MAX_COLLECTIONS = 3;

export async function probeFirestore(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const m = /\/v1\/projects\/([a-z0-9-]{1,64})\/databases\/([^/]+)\/documents/.exec(new URL(t.url).pathname);
  if (!m) return { status: 'not-probed', evidence: 'not a Firestore documents URL' };
  const [key] = appValues(ctx, t, 'google-api-key');
  if (!key) return { status: 'not-probed', evidence: 'needs the Google API key the app ships with; none was found' };
  const base = `https://firestore.googleapis.com/v1/projects/${m[1]}/databases/${m[2]}/documents`;
  const paths = ctx.firestoreCollections.length ? ctx.firestoreCollections.slice(0, MAX_COLLECTIONS).map((c) => `/${encodeURIComponent(c)}`) : [''];
  let best: ProbeResult | undefined;
  for (const p of paths) {
    let res: ProbeResult;
    try {
      const r = await ctx.http.request('firestore', `${base}${p}?pageSize=5`, { headers: { 'x-goog-api-key': key } });
      if (r.status === 200) {
        const docs = ((json(r) as { documents?: Array<{ name?: string }> } | undefined)?.documents ?? []).filter((d) => typeof d?.name === 'string');
        const collections = [...new Set(docs.map((d) => d.name!.split('/documents/')[1]?.split('/')[0] ?? ''))].filter(Boolean);
        res = listed(
          'open-list',
          docs.length
            ? `HTTP 200, list without sign-in (app API key)${p ? ` of ${p.slice(1)}` : ''}: ${docs.length}${r.truncated ? '+' : ''} documents (collections: ${someNames(collections)})`
            : `HTTP 200, list without sign-in (app API key)${p ? ` of ${p.slice(1)}` : ''} allowed, no documents returned`,
          collections,
        );
      } else res = classifyDenied(r);
    } catch (e) {
      res = failure(e);
    }
    best = best ? { status: res.status, evidence: evidence(best.evidence, res.evidence) } : res;
    if (res.status === 'open-list') return res;
  }
  return best!;
}
