// In-test HTTP stand-in (127.0.0.1 only) for the stores s3rver cannot play: OCI Object Storage's
// documented JSON (ListObjects `GET /n/<ns>/b/<bucket>/o`, the same through a PAR
// `/p/<par>/n/<ns>/b/<bucket>/o/`, 404 `BucketNotFound` for private or missing buckets), the R2
// public r2.dev URL (told apart by `x-forwarded-host`), and S3-style buckets whose GetBucketAcl
// answers in Tencent COS (`cam.qcloud.com/groups/global/AllUsers`) or Huawei OBS
// (`<Canned>Everyone</Canned>`) form. Reached through `--endpoint-override`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface StoresState {
  /** OCI `<ns>/<bucket>` → public objects, or `private` (answers BucketNotFound like a missing one). */
  oci: Record<string, string[] | 'private'>;
  /** OCI PAR id → the `<ns>/<bucket>` it lists, or `no-list` (a PAR without ListObjects). */
  pars: Record<string, { bucket: string } | 'no-list'>;
  /** r2.dev host → HTTP status of a GET of its root. */
  r2dev: Record<string, number>;
  /** S3-style bucket → keys and the ACL grant format it answers with. */
  acl: Record<string, { keys: string[]; format: 'cos' | 'obs'; grants: string[] }>;
}

export interface FakeStores {
  base: string;
  requests: Array<{ method: string; url: string; host: string | undefined }>;
  stop(): Promise<void>;
}

const ociError = (bucket: string, ns: string) => ({
  code: 'BucketNotFound',
  message: `Either the bucket named '${bucket}' does not exist in the namespace '${ns}' or you are not authorized to access it`,
});

export async function startFakeStores(state: StoresState): Promise<FakeStores> {
  const fake: FakeStores = { base: '', requests: [], stop: async () => undefined };
  const server = createServer((req, res) => {
    fake.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', host: req.headers['x-forwarded-host'] as string | undefined });
    route(req, res);
  });

  function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
    res.writeHead(status, { 'content-type': type, 'opc-request-id': 'fake/0000' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const host = req.headers['x-forwarded-host'] as string | undefined;
    if (req.method !== 'GET') return send(res, 405, { code: 'MethodNotAllowed', message: 'read-only stand-in' });
    if (host && /\.r2\.dev$/.test(host)) return send(res, state.r2dev[host] ?? 404, state.r2dev[host] === 200 ? 'hello' : 'Not Found', 'text/plain');
    let m: RegExpExecArray | null;
    if ((m = /^\/p\/([^/]+)\/n\/([^/]+)\/b\/([^/]+)\/o\/$/.exec(url.pathname))) {
      const par = state.pars[m[1]];
      if (!par || par === 'no-list' || par.bucket !== `${m[2]}/${m[3]}`) return send(res, 404, ociError(m[3], m[2]));
      return list(res, state.oci[par.bucket], url, m[3], m[2]);
    }
    if ((m = /^\/n\/([^/]+)\/b\/([^/]+)\/o$/.exec(url.pathname))) return list(res, state.oci[`${m[1]}/${m[2]}`], url, m[2], m[1]);
    if ((m = /^\/([^/]+)\/$/.exec(url.pathname)) && state.acl[m[1]]) return s3(res, m[1], url);
    return send(res, 404, { code: 'NotFound', message: 'unknown path' });
  }

  function list(res: ServerResponse, objects: string[] | 'private' | undefined, url: URL, bucket: string, ns: string): void {
    if (!objects || objects === 'private') return send(res, 404, ociError(bucket, ns));
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    const page = objects.slice(0, limit).map((name) => ({ name }));
    return send(res, 200, { objects: page, prefixes: [], ...(objects.length > limit ? { nextStartWith: objects[limit] } : {}) });
  }

  function s3(res: ServerResponse, bucket: string, url: URL): void {
    const b = state.acl[bucket];
    const xml = (body: string) => send(res, 200, `<?xml version="1.0" encoding="UTF-8"?>\n${body}`, 'application/xml');
    if (url.searchParams.has('acl')) {
      const grant = (perm: string) => b.format === 'cos'
        ? `<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://cam.qcloud.com/groups/global/AllUsers</URI></Grantee><Permission>${perm}</Permission></Grant>`
        : `<Grant><Grantee><Canned>Everyone</Canned></Grantee><Permission>${perm}</Permission></Grant>`;
      const owner = b.format === 'cos' ? 'qcs::cam::uin/100000000001:uin/100000000001' : '75aa57f09aa0c8caeab4f8c24e99d10f';
      return xml(`<AccessControlPolicy><Owner><ID>${owner}</ID></Owner><AccessControlList><Grant><Grantee><ID>${owner}</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>${b.grants.map(grant).join('')}</AccessControlList></AccessControlPolicy>`);
    }
    // COS and OBS answer a list with the v1 shape (no KeyCount).
    return xml(`<ListBucketResult><Name>${bucket}</Name><Prefix></Prefix><MaxKeys>5</MaxKeys><IsTruncated>false</IsTruncated>${b.keys.map((k) => `<Contents><Key>${k}</Key><Size>1</Size></Contents>`).join('')}</ListBucketResult>`);
  }

  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  fake.stop = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return fake;
}
