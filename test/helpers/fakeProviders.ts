// In-test HTTP stand-ins for the probe tests (127.0.0.1 only): port helpers, and a server speaking
// the documented responses of Firebase RTDB, Firestore, Firebase Storage, GCS, Remote Config and
// Supabase, reached through `--endpoint-override`. It also counts requests and concurrent connections.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, connect } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Finding, Provider } from '../../server/src/core/types';
import { fingerprint } from '../../server/src/core/fingerprint';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(true); });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a stand-in started as a child process (SIGTERM, waits for its exit) and removes its data folder. */
export async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.pid) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(child.pid, 'SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}

export type RtdbDb =
  | { kind: 'open'; data: Record<string, unknown> | null }
  | { kind: 'denied' | 'locked' | 'slow' | 'huge' }
  | { kind: 'flaky'; data: Record<string, unknown> } // 503 on the first request, then open
  | { kind: 'reset'; data: Record<string, unknown> } // connection reset on the first request, then open
  | { kind: 'redirect'; location: string } // 307 to `location` unless the request is for that host already
  | { kind: 'regional'; host: string; data: Record<string, unknown> }; // served only at `host`

export interface FakeState {
  rtdb: Record<string, RtdbDb>;
  /** Firestore project → documents (names relative to `documents/`), or denied. */
  firestore: Record<string, string[] | 'denied'>;
  /** Firebase Storage / GCS bucket → objects, or denied. `writable` buckets accept anonymous writes. */
  storage: Record<string, { objects: string[]; writable?: boolean } | 'denied'>;
  gcs: Record<string, { objects: string[]; iam: string[] } | 'denied'>;
  remoteConfig: Record<string, Record<string, string>>;
  /** Supabase: anon key accepted, tables with rows readable by anon (empty array = RLS hides rows). */
  supabase: { anonKey: string; tables: Record<string, Array<Record<string, unknown>>> };
  /** S3 buckets (path-style): private, ACL grants to AllUsers, or living in another region. */
  s3?: Record<string, { kind: 'denied' } | { kind: 'acl'; grants: string[]; keys: string[] } | { kind: 'region'; region: string; keys: string[] }>;
}

export interface FakeProviders {
  base: string;
  state: FakeState;
  /** Every request seen: method, path+query, headers. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  /** Most requests in progress at once, and most TCP connections open at once. */
  maxConcurrent: number;
  maxConnections: number;
  /** Delay before answering each request (to make concurrency observable). */
  delayMs: number;
  /** Bytes of the 1 GB body actually written before the client went away. */
  hugeBytesSent: number;
  stop(): Promise<void>;
}

const GB = 1024 ** 3;
const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
const gErr = (code: number, message: string, status?: string) => ({ error: { code, message, ...(status ? { status } : {}) } });

/** A stand-in with one open Realtime Database (`ns` → its data) and nothing else. */
export function openRtdb(ns: string, data: Record<string, unknown>): Promise<FakeProviders> {
  return startFakeProviders({ rtdb: { [ns]: { kind: 'open', data } }, firestore: {}, storage: {}, gcs: {}, remoteConfig: {}, supabase: { anonKey: '', tables: {} } });
}

export async function startFakeProviders(state: FakeState): Promise<FakeProviders> {
  let active = 0;
  const fake: FakeProviders = { base: '', state, requests: [], maxConcurrent: 0, maxConnections: 0, delayMs: 0, hugeBytesSent: 0, stop: async () => undefined };
  let sockets = 0;
  const flakySeen = new Set<string>();

  const server = createServer((req, res) => {
    active++;
    fake.maxConcurrent = Math.max(fake.maxConcurrent, active);
    let finished = false;
    const done = () => { if (!finished) { finished = true; active--; } };
    res.on('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fake.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const go = () => route(req, res, Buffer.concat(chunks).toString('utf8'));
      if (fake.delayMs > 0) setTimeout(go, fake.delayMs);
      else go();
    });
  });
  server.on('connection', (sock) => {
    sockets++;
    fake.maxConnections = Math.max(fake.maxConnections, sockets);
    sock.on('close', () => sockets--);
  });

  function route(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const p = decodeURIComponent(url.pathname);
    const m = req.method ?? 'GET';
    if (url.searchParams.has('ns')) return rtdb(req, res, url, body);
    let x: RegExpExecArray | null;
    if ((x = /^\/v1\/projects\/([^/]+)\/databases\/\(default\)\/documents(?:\/(.+))?$/.exec(p))) {
      if (!req.headers['x-goog-api-key']) return send(res, 403, gErr(403, 'Method doesn\'t allow unregistered callers', 'PERMISSION_DENIED'));
      const docs = state.firestore[x[1]];
      if (docs === undefined) return send(res, 404, gErr(404, `The database (default) does not exist for project ${x[1]}`, 'NOT_FOUND'));
      if (docs === 'denied') return send(res, 403, gErr(403, 'Missing or insufficient permissions.', 'PERMISSION_DENIED'));
      const list = docs.filter((d) => !x![2] || d.startsWith(`${x![2]}/`)).slice(0, Number(url.searchParams.get('pageSize') ?? 20));
      return send(res, 200, list.length ? { documents: list.map((d) => ({ name: `projects/${x![1]}/databases/(default)/documents/${d}`, fields: { secret: { stringValue: 'do-not-echo' } } })) } : {});
    }
    if ((x = /^\/v1\/projects\/([^/]+)\/namespaces\/firebase:fetch$/.exec(p)) && m === 'POST') {
      const entries = state.remoteConfig[x[1]];
      if (!req.headers['x-goog-api-key'] || !JSON.parse(body || '{}').appId) return send(res, 400, gErr(400, 'Invalid request', 'INVALID_ARGUMENT'));
      return send(res, 200, entries ? { entries, state: 'UPDATE', templateVersion: '7' } : { state: 'NO_TEMPLATE' });
    }
    if ((x = /^\/v0\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(p))) return firebaseStorage(res, m, x[1], x[2], url);
    if ((x = /^\/(upload\/)?storage\/v1\/b\/([^/]+)\/(o|iam\/testPermissions)(?:\/(.+))?$/.exec(p))) return gcs(res, m, x[2], x[3], x[4], !!x[1], url);
    if ((x = /^\/rest\/v1\/(.*)$/.exec(p))) return supabase(req, res, x[1]);
    if ((x = /^\/([a-z0-9.-]+)\/$/.exec(p)) && state.s3?.[x[1]]) return s3(req, res, x[1], url);
    send(res, 404, { error: 'no such stand-in route' });
  }

  function rtdb(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    const ns = url.searchParams.get('ns')!;
    const db = state.rtdb[ns];
    const host = String(req.headers['x-forwarded-host'] ?? '');
    const key = decodeURIComponent(url.pathname).replace(/^\//, '').replace(/\.json$/, '');
    if (!db) return send(res, 404, { error: 'Firebase error. Please ensure that you spelled the name of your Firebase correctly' });
    switch (db.kind) {
      case 'denied': return send(res, 401, '{\n  "error" : "Permission denied"\n}\n');
      case 'locked': return send(res, 423, { error: `The Firebase database '${ns}' has been disabled by a database owner.` });
      case 'slow': return; // never answers
      case 'redirect': return send(res, 307, '', { location: db.location });
      case 'regional':
        if (host !== db.host) return send(res, 307, '', { location: `https://${db.host}${url.pathname}?${[...url.searchParams].filter(([k]) => k !== 'ns').map(([k, v]) => `${k}=${v}`).join('&')}` });
        return send(res, 200, Object.fromEntries(Object.keys(db.data).map((k) => [k, true])));
      case 'huge': return streamHuge(res);
      case 'reset':
        if (!flakySeen.has(ns)) { flakySeen.add(ns); return void req.socket.destroy(); }
        return send(res, 200, Object.fromEntries(Object.keys(db.data).map((k) => [k, true])));
      case 'flaky':
        if (!flakySeen.has(ns)) { flakySeen.add(ns); return send(res, 503, { error: 'Service Unavailable' }); }
        return send(res, 200, Object.fromEntries(Object.keys(db.data).map((k) => [k, true])));
      case 'open': {
        const m = req.method ?? 'GET';
        if (m === 'PUT') { db.data = { ...(db.data ?? {}), [key]: JSON.parse(body) }; return send(res, 200, body); }
        if (m === 'DELETE') { if (db.data) delete db.data[key]; return send(res, 200, 'null'); }
        if (key === '' || key === '.') return send(res, 200, db.data === null ? 'null' : Object.fromEntries(Object.keys(db.data).map((k) => [k, true])));
        return send(res, 200, JSON.stringify(db.data?.[key] ?? null));
      }
    }
  }

  function streamHuge(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(GB) });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (fake.hugeBytesSent < GB && !res.destroyed) {
        fake.hugeBytesSent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  function firebaseStorage(res: ServerResponse, m: string, bucket: string, object: string | undefined, url: URL): void {
    const b = state.storage[bucket];
    if (b === undefined) return send(res, 404, gErr(404, 'Not Found.'));
    if (b === 'denied') return send(res, 403, gErr(403, 'Permission denied.'));
    if (m === 'GET' && !object) {
      const names = b.objects.slice(0, Number(url.searchParams.get('maxResults') ?? 1000));
      return send(res, 200, { prefixes: [...new Set(names.filter((n) => n.includes('/')).map((n) => `${n.split('/')[0]}/`))], items: names.filter((n) => !n.includes('/')).map((name) => ({ name, bucket })) });
    }
    if (m === 'POST' && b.writable) { b.objects.push(url.searchParams.get('name')!); return send(res, 200, { name: url.searchParams.get('name'), bucket }); }
    if (m === 'DELETE' && b.writable && object) { b.objects = b.objects.filter((o) => o !== object); res.writeHead(204); return void res.end(); }
    return send(res, 403, gErr(403, 'Permission denied.'));
  }

  function gcs(res: ServerResponse, m: string, bucket: string, what: string, object: string | undefined, upload: boolean, url: URL): void {
    const b = state.gcs[bucket];
    if (b === undefined) return send(res, 404, gErr(404, 'The specified bucket does not exist.'));
    const iam = b === 'denied' ? [] : b.iam;
    if (what === 'iam/testPermissions') {
      const asked = url.searchParams.getAll('permissions').filter((x) => iam.includes(x));
      return send(res, 200, asked.length ? { kind: 'storage#testIamPermissionsResponse', permissions: asked } : { kind: 'storage#testIamPermissionsResponse' });
    }
    if (b === 'denied' || (m === 'GET' && !iam.includes('storage.objects.list'))) {
      return send(res, 401, gErr(401, `Anonymous caller does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).`));
    }
    if (m === 'GET' && !object) return send(res, 200, { kind: 'storage#objects', items: b.objects.slice(0, Number(url.searchParams.get('maxResults') ?? 1000)).map((name) => ({ kind: 'storage#object', name, bucket })) });
    if (m === 'POST' && upload && iam.includes('storage.objects.create')) { b.objects.push(url.searchParams.get('name')!); return send(res, 200, { kind: 'storage#object', name: url.searchParams.get('name'), bucket }); }
    if (m === 'DELETE' && object && iam.includes('storage.objects.delete')) { b.objects = b.objects.filter((o) => o !== object); res.writeHead(204); return void res.end(); }
    return send(res, 403, gErr(403, 'Anonymous caller does not have the permission'));
  }

  function s3(req: IncomingMessage, res: ServerResponse, bucket: string, url: URL): void {
    const b = state.s3![bucket];
    const xml = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/xml', ...headers });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
    };
    const err = (code: string, msg: string, extra = '') => `<Error><Code>${code}</Code><Message>${msg}</Message>${extra}<RequestId>4442587FB7D0A2F9</RequestId></Error>`;
    if (b.kind === 'denied') return xml(403, err('AccessDenied', 'Access Denied'));
    if (b.kind === 'region' && req.headers['x-forwarded-host'] !== `${bucket}.s3.${b.region}.amazonaws.com`) {
      return xml(301, err('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.', `<Endpoint>${bucket}.s3.${b.region}.amazonaws.com</Endpoint><Bucket>${bucket}</Bucket>`), { 'x-amz-bucket-region': b.region });
    }
    if (url.searchParams.has('acl')) {
      if (b.kind !== 'acl') return xml(403, err('AccessDenied', 'Access Denied'));
      const grant = (perm: string) => `<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>${perm}</Permission></Grant>`;
      return xml(200, `<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>${b.grants.map(grant).join('')}</AccessControlList></AccessControlPolicy>`);
    }
    if (url.searchParams.get('list-type') === '2') {
      return xml(200, `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix></Prefix><KeyCount>${b.keys.length}</KeyCount><MaxKeys>5</MaxKeys><IsTruncated>false</IsTruncated>${b.keys.map((k) => `<Contents><Key>${k}</Key><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('')}</ListBucketResult>`);
    }
    return xml(400, err('InvalidRequest', 'unsupported by the stand-in'));
  }

  function supabase(req: IncomingMessage, res: ServerResponse, table: string): void {
    const s = state.supabase;
    if (req.headers.apikey !== s.anonKey) return send(res, 401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
    if (table === '') {
      const paths: Record<string, unknown> = { '/': { get: {} }, '/rpc/hello': { post: {} } };
      for (const t of Object.keys(s.tables)) paths[`/${t}`] = { get: {}, post: {} };
      return send(res, 200, { swagger: '2.0', info: { title: 'standard public schema', version: '12.2.3' }, paths }, { 'content-type': 'application/openapi+json; charset=utf-8' });
    }
    const rows = s.tables[table.split('?')[0]];
    if (!rows) return send(res, 404, { code: '42P01', message: `relation "public.${table}" does not exist` });
    return send(res, 200, rows.slice(0, 1), { 'content-range': `0-${Math.min(rows.length, 1) - 1}/*` });
  }

  // Port 0: the OS picks a free port at bind time (no race with other processes on the machine).
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  fake.stop = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return fake;
}

/** A finding as the engine reports it, for probe tests that do not depend on a rule's matcher. */
export function finding(ruleId: string, provider: Provider, value: string, endpoint: string | undefined, file = 'app/src/main/res/values/strings.xml'): Finding {
  return {
    ruleId, provider, severity: 'low', message: `${ruleId} ${value}`, value, endpoint,
    location: { file, line: 1, column: 1, endLine: 1, endColumn: 1 + value.length, entry: null },
    fingerprint: fingerprint(ruleId, file, null, value),
  };
}
