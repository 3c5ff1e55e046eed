// S3 and S3-compatible buckets (DigitalOcean Spaces, Alibaba OSS, and the stores of probes/stores.ts): anonymous ListObjectsV2
// (`?list-type=2`) and GetBucketAcl (`?acl`). An S3 301 names the bucket's region in
// `x-amz-bucket-region`; the list is retried once at the regional endpoint.
import { bucketOfHost, type OverrideKey } from '../policy';
import {
  classifyDenied, evidence, failure, httpEvidence, listed, mostOpen, someNames, text, withWrite, xmlValues,
  type ProbeContext, type ProbeResult, type ProbeTarget,
} from '../common';

// AWS `acs.amazonaws.com/groups/global/AllUsers`, Tencent COS `cam.qcloud.com/groups/global/AllUsers`, Huawei OBS `<Canned>Everyone</Canned>`.
const ALL_USERS = /\/groups\/global\/(AllUsers|AuthenticatedUsers)|<Canned>(Everyone)<\/Canned>/;

/** The bucket root URL (with a trailing slash) and bucket name, virtual-hosted or path-style. */
export function bucketRoot(service: OverrideKey, url: string): { bucket: string; root: string } | undefined {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const bucket = bucketOfHost(service, host);
  const virtual = bucket ? [host, bucket] : undefined;
  if (virtual && service === 's3') {
    // Website endpoints serve HTML, not the REST API; dotted bucket names break the wildcard TLS
    // certificate of virtual-hosted URLs. Both go to the REST endpoint, path-style when dotted.
    const region = /\.s3[.-](?:website[.-])?([a-z]{2}(?:-gov)?-[a-z]+-\d)\./.exec(host)?.[1];
    const s3host = region ? `s3.${region}.amazonaws.com` : 's3.amazonaws.com';
    if (virtual[1].includes('.')) return { bucket: virtual[1], root: `https://${s3host}/${virtual[1]}/` };
    if (host.includes('s3-website')) return { bucket: virtual[1], root: `https://${virtual[1]}.${s3host}/` };
  }
  if (virtual) return { bucket: virtual[1], root: `https://${host}/` };
  const first = u.pathname.split('/')[1];
  return first ? { bucket: decodeURIComponent(first), root: `https://${host}/${first}/` } : undefined;
}

async function list(ctx: ProbeContext, service: OverrideKey, root: string): Promise<ProbeResult & { region?: string }> {
  const r = await ctx.http.request(service, `${root}?list-type=2&max-keys=5`);
  if (r.status === 200) {
    const xml = text(r);
    const keys = xmlValues(xml, 'Key', 5);
    const count = xmlValues(xml, 'KeyCount', 1)[0] ?? String(keys.length);
    const more = xmlValues(xml, 'IsTruncated', 1)[0] === 'true' ? '+' : '';
    return listed('open-list', `HTTP 200, anonymous ListObjectsV2: ${count}${more} keys${keys.length ? ` (${someNames(keys)})` : ''}`, keys);
  }
  if (r.status === 301) {
    const region = r.headers['x-amz-bucket-region'];
    return { status: 'error', evidence: httpEvidence(r), region: typeof region === 'string' && /^[a-z0-9-]{4,30}$/.test(region) ? region : undefined };
  }
  return classifyDenied(r);
}

async function acl(ctx: ProbeContext, service: OverrideKey, root: string): Promise<ProbeResult | undefined> {
  const r = await ctx.http.request(service, `${root}?acl`);
  if (r.status !== 200) return undefined;
  const grants = text(r).split(/<Grant>/).slice(1);
  const open = grants.filter((g) => ALL_USERS.test(g)).map((g) => { const m = ALL_USERS.exec(g)!; return `${m[1] ?? m[2]} ${xmlValues(g, 'Permission', 1)[0] ?? '?'}`; });
  const perms = open.join(' ');
  const status = /WRITE\b|FULL_CONTROL/.test(perms.replace(/WRITE_ACP/g, '')) ? 'open-write' : /READ\b/.test(perms.replace(/READ_ACP/g, '')) ? 'open-list' : 'auth-required';
  return { status, evidence: open.length ? `ACL readable anonymously, grants ${someNames(open)}` : 'ACL readable anonymously (no public grants)' };
}

/** `acl: false` for stores without GetBucketAcl (Cloudflare R2 has no ACLs). */
export async function probeS3Compatible(service: OverrideKey, t: ProbeTarget, ctx: ProbeContext, options: { acl?: boolean } = {}): Promise<ProbeResult> {
  const where = bucketRoot(service, t.url);
  if (!where) return { status: 'not-probed', evidence: 'no bucket in the endpoint' };
  let root = where.root;
  let read: ProbeResult;
  try {
    let l = await list(ctx, service, root);
    if (l.region && service === 's3') {
      root = `https://${where.bucket}.s3.${l.region}.amazonaws.com/`;
      const moved = `bucket is in ${l.region}`;
      l = await list(ctx, service, root);
      l = { ...l, evidence: evidence(moved, l.evidence) };
    }
    read = l;
    if (read.status !== 'not-found' && options.acl !== false) {
      const a = await acl(ctx, service, root).catch(() => undefined);
      if (a) read = { ...read, status: mostOpen(read.status, a.status), evidence: evidence(read.evidence, a.evidence) };
    }
  } catch (e) {
    return failure(e);
  }
  return withWrite(
    ctx,
    read,
    (name) => ctx.http.request(service, `${root}${name}`, { method: 'PUT', body: 'leaklens write probe', headers: { 'content-type': 'text/plain' } }),
    (name) => ctx.http.request(service, `${root}${name}`, { method: 'DELETE' }),
  );
}
