// Cloudflare R2 public development URL (`https://pub-<id>.r2.dev/`): a plain read GET of the root.
// r2.dev serves objects by name and never lists a bucket: 2xx → open-read, 401/403 → the public URL is
// off (auth-required), 404 → nothing at the root (not-found; objects may still be readable by name). Docs: https://developers.cloudflare.com/r2/buckets/public-buckets/
import { classifyDenied, failure, httpEvidence, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

export async function probeR2Public(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  try {
    const r = await ctx.http.request('r2', t.url);
    if (r.status >= 200 && r.status < 300) return { status: 'open-read', evidence: `HTTP ${r.status}: the r2.dev URL serves the bucket to anyone` };
    // r2.dev never lists: a 404 at the root says nothing about the objects the app names.
    if (r.status === 404) return { status: 'not-found', evidence: `${httpEvidence(r)} at the root (r2.dev serves objects by name and never lists)` };
    return classifyDenied(r);
  } catch (e) {
    return failure(e);
  }
}
