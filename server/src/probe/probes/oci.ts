// OCI Object Storage: the documented anonymous ListObjects `GET /n/<ns>/b/<bucket>/o` on
// objectstorage.<region>.oraclecloud.com (answers only for buckets whose visibility is "Public",
// `ObjectRead`), and for a pre-authenticated request the same list through the PAR's own
// `/p/<par>/n/<ns>/b/<bucket>/o/` (answers only for bucket PARs with listing allowed).
// OCI says 404 `BucketNotFound` ("Either the bucket … does not exist in the namespace … or you are
// not authorized to access it") for both a missing and a private bucket, so that is `auth-required`
// with the ambiguity in the evidence. No write probe: anonymous writes to a public bucket are never
// allowed, and a write PAR cannot delete what it wrote.
// Docs: https://docs.oracle.com/iaas/api/#/en/objectstorage/20160918/Object/ListObjects,
// https://docs.oracle.com/iaas/Content/Object/Tasks/managingbuckets.htm (public buckets),
// https://docs.oracle.com/iaas/Content/Object/Tasks/usingpreauthenticatedrequests.htm
import { classifyDenied, failure, json, listed, someNames, type ProbeContext, type ProbeResult, type ProbeTarget } from '../common';

export async function probeOci(t: ProbeTarget, ctx: ProbeContext): Promise<ProbeResult> {
  const par = new URL(t.url).pathname.startsWith('/p/');
  const list = `${t.url.replace(/\/+$/, '')}${par ? '/' : ''}?limit=5&fields=name`;
  try {
    const r = await ctx.http.request('oci', list);
    if (r.status === 200) {
      const body = json(r) as { objects?: Array<{ name?: unknown }>; nextStartWith?: unknown } | undefined;
      if (!Array.isArray(body?.objects)) return { status: 'error', evidence: 'HTTP 200 without an object list' };
      const names = body.objects.map((o) => (typeof o?.name === 'string' ? o.name : '?'));
      const more = typeof body.nextStartWith === 'string' ? '+' : '';
      const how = par ? 'listed through the pre-authenticated request' : 'anonymous ListObjects';
      return listed('open-list', `HTTP 200, ${how}: ${names.length}${more} objects${names.length ? ` (${someNames(names)})` : ''}`, names);
    }
    if (r.status === 404 && (json(r) as { code?: unknown } | undefined)?.code === 'BucketNotFound') {
      return { status: 'auth-required', evidence: `HTTP 404 BucketNotFound: private or missing (OCI does not say which)${par ? '; the PAR does not allow listing, or it expired' : ''}` };
    }
    return classifyDenied(r);
  } catch (e) {
    return failure(e);
  }
}
