// The probe safety policy, end to end over real sockets on 127.0.0.1: redirects, DNS answers,
// https only, read-only by default, timeout, retry, concurrency cap, capped bodies, cancellation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { probeFindings } from '../../server/src/probe';
import { ProbeError, ProbeHttp, type LookupFn } from '../../server/src/probe/client';
import { finding, startFakeProviders, type FakeProviders } from '../helpers/fakeProviders';

let fake: FakeProviders;
let overrides: Record<string, string>;
const rtdb = (db: string) => finding('firebase-database-url', 'firebase', `${db}.firebaseio.com`, `https://${db}.firebaseio.com/`);

/** A resolver that records every name asked and answers from a table (ENOTFOUND otherwise). */
function recordingLookup(table: Record<string, LookupAddress[]>): { lookup: LookupFn; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: (host, _o, cb) => {
      asked.push(host);
      const a = table[host];
      if (a) cb(null, a);
      else cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
    },
  };
}

before(async () => {
  fake = await startFakeProviders({
    rtdb: {
      'acme-away': { kind: 'redirect', location: 'https://evil.example.com/.json?shallow=true' },
      'acme-downgrade': { kind: 'redirect', location: 'http://acme-downgrade.firebaseio.com/.json?shallow=true' },
      'acme-slow': { kind: 'slow' },
      'acme-huge': { kind: 'huge' },
      'acme-flaky': { kind: 'flaky', data: { a: 1, b: 2 } },
      'acme-reset': { kind: 'reset', data: { a: 1 } },
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`acme-n${i}`, { kind: 'open' as const, data: { k: 1 } }])),
    },
    firestore: {}, storage: {}, gcs: {}, remoteConfig: {}, supabase: { anonKey: 'x', tables: {} },
  });
  overrides = { firebase: fake.base };
});
after(() => fake.stop());

test('a redirect to another host (or to plain http) is not followed', async () => {
  const { lookup, asked } = recordingLookup({});
  const { endpoints } = await probeFindings([rtdb('acme-away'), rtdb('acme-downgrade')], { overrides, lookup });
  assert.equal(endpoints[0].status, 'not-probed');
  assert.match(endpoints[0].evidence, /redirect to evil\.example\.com refused: host evil\.example\.com \(not a firebase endpoint\)/);
  assert.match(endpoints[1].evidence, /redirect to acme-downgrade\.firebaseio\.com refused: http:\/\/ \(https only\)/);
  assert.deepEqual(asked, [], 'nothing else was even resolved');
  assert.equal(fake.requests.filter((r) => /acme-(away|downgrade)/.test(r.url)).length, 2);
});

test('an allowed hostname whose DNS answer is loopback/private is refused without an override', async () => {
  const { lookup, asked } = recordingLookup({
    'acme-prod.firebaseio.com': [{ address: '127.0.0.1', family: 4 }],
    'acme-mixed.s3.amazonaws.com': [{ address: '52.216.8.1', family: 4 }, { address: '10.0.0.7', family: 4 }],
    'acme.blob.core.windows.net': [{ address: '::ffff:169.254.169.254', family: 6 }],
  });
  const fs = [
    rtdb('acme-prod'),
    finding('aws-s3-bucket', 'aws', 'acme-mixed', 'https://acme-mixed.s3.amazonaws.com/'),
    finding('azure-blob-container', 'azure', 'https://acme.blob.core.windows.net/c', 'https://acme.blob.core.windows.net/c'),
  ];
  const { endpoints } = await probeFindings(fs, { lookup });
  assert.deepEqual(endpoints.map((e) => e.status), ['not-probed', 'not-probed', 'not-probed']);
  assert.match(endpoints[0].evidence, /refused: acme-prod\.firebaseio\.com resolves to 127\.0\.0\.1 \(loopback\)/);
  assert.match(endpoints[1].evidence, /resolves to 10\.0\.0\.7 \(private\)/, 'every address is checked, not just the first');
  assert.match(endpoints[2].evidence, /169\.254\.169\.254 \(link-local\)/);
  assert.deepEqual([...new Set(asked)].sort(), ['acme-mixed.s3.amazonaws.com', 'acme-prod.firebaseio.com', 'acme.blob.core.windows.net']);
  // with the system resolver: localhost is not a provider host, so it is refused before DNS
  const local = await probeFindings([finding('firebase-database-url', 'firebase', 'localhost', 'https://localhost/')]);
  assert.equal(local.endpoints[0].status, 'not-probed');
  assert.match(local.endpoints[0].evidence, /refused host localhost/);
});

test('plain http and IP hosts are refused by the client itself; NXDOMAIN → not-found', async () => {
  const http = new ProbeHttp({ lookup: recordingLookup({}).lookup });
  try {
    await assert.rejects(http.request('firebase', 'http://acme.firebaseio.com/.json'), (e: ProbeError) => e.kind === 'refused' && /https only/.test(e.message));
    await assert.rejects(http.request('s3', 'https://127.0.0.1/bucket'), (e: ProbeError) => e.kind === 'refused' && /IP address/.test(e.message));
    await assert.rejects(http.request('azure', 'https://nosuchacct.blob.core.windows.net/?comp=list'), (e: ProbeError) => e.kind === 'dns');
  } finally {
    await http.close();
  }
  const gone = await probeFindings([finding('azure-storage-account-key', 'azure', 'DefaultE…', 'https://nosuchacct.blob.core.windows.net/')], { lookup: recordingLookup({}).lookup });
  assert.equal(gone.endpoints[0].kind, 'azure-account');
  assert.equal(gone.endpoints[0].status, 'not-found');
});

test('read-only by default: only GET requests reach the server', async () => {
  const before = fake.requests.length;
  await probeFindings([rtdb('acme-n0'), rtdb('acme-n1')], { overrides });
  const seen = fake.requests.slice(before);
  assert.equal(seen.length, 2);
  assert.ok(seen.every((r) => r.method === 'GET'));
});

// the stand-in never answers: without the per-request timeout the probe would hang (the test's
// own timeout is only a guard against that hang, not a measurement)
test('the per-request timeout holds and gives unreachable', { timeout: 120_000 }, async () => {
  const { endpoints } = await probeFindings([rtdb('acme-slow')], { overrides, timeoutMs: 300 });
  assert.equal(endpoints[0].status, 'unreachable');
  assert.equal(endpoints[0].evidence, 'timed out');
});

test('one retry on a network error; progress is reported per endpoint', async () => {
  const before = fake.requests.length;
  const progress: Array<number | undefined> = [];
  const { endpoints } = await probeFindings([rtdb('acme-reset'), rtdb('acme-n5')], { overrides, onProgress: (_m, f) => progress.push(f) });
  assert.equal(endpoints[0].status, 'open-read');
  assert.equal(fake.requests.length - before, 3, 'reset request + its retry + the other endpoint');
  assert.deepEqual(progress.sort(), [0.5, 1]);
});

test('one resource named by two endpoint URLs is probed once; each endpoint keeps its own findings', async () => {
  const a = rtdb('acme-n9');
  const b = finding('firebase-database-url', 'firebase', 'acme-n9.firebaseio.com', 'https://acme-n9.firebaseio.com', 'ios/App/GoogleService-Info.plist');
  const before = fake.requests.length;
  const { endpoints } = await probeFindings([a, b], { overrides });
  assert.equal(fake.requests.length - before, 1);
  assert.deepEqual(endpoints.map((e) => [e.status, e.findings]), [['open-read', [a.fingerprint]], ['open-read', [b.fingerprint]]]);
});

test('the number of endpoints probed per run is bounded', async () => {
  const { endpoints } = await probeFindings([rtdb('acme-n6'), rtdb('acme-n7'), rtdb('acme-n8')], { overrides, maxEndpoints: 2 });
  assert.deepEqual(endpoints.map((e) => e.status), ['open-read', 'open-read', 'not-probed']);
  assert.match(endpoints[2].evidence, /more than 2 endpoints/);
  assert.equal(endpoints[2].checkedAt, null);
});

test('one retry on a 5xx', async () => {
  const before = fake.requests.length;
  const { endpoints } = await probeFindings([rtdb('acme-flaky')], { overrides });
  assert.equal(endpoints[0].status, 'open-read');
  assert.match(endpoints[0].evidence, /2 top-level keys/);
  assert.equal(fake.requests.length - before, 2);
});

test('the global concurrency cap holds (requests and connections counted on the server)', async () => {
  fake.maxConcurrent = 0;
  fake.maxConnections = 0;
  // each answer held long enough that the client's three requests overlap on the server even when
  // a loaded machine schedules the client late (the lower bound below needs two at once)
  fake.delayMs = 300;
  try {
    const fs = Array.from({ length: 12 }, (_, i) => rtdb(`acme-n${i}`));
    const { endpoints } = await probeFindings(fs, { overrides, concurrency: 3 });
    assert.equal(endpoints.filter((e) => e.status === 'open-read').length, 12);
    assert.ok(fake.maxConcurrent <= 3 && fake.maxConcurrent >= 2, `max concurrent requests ${fake.maxConcurrent}`);
    assert.ok(fake.maxConnections <= 3, `max connections ${fake.maxConnections}`);
  } finally {
    fake.delayMs = 0;
  }
});

test('a 1 GB response is not read past the cap', async () => {
  const { endpoints } = await probeFindings([rtdb('acme-huge')], { overrides, maxBodyBytes: 64 * 1024 });
  assert.equal(endpoints[0].status, 'open-read');
  assert.match(endpoints[0].evidence, /more top-level keys than fit in 64 KB/);
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(fake.hugeBytesSent < 32 * 1024 * 1024, `server wrote ${fake.hugeBytesSent} bytes before the client hung up`);
});

test('cancellation stops probing', async () => {
  const ac = new AbortController();
  ac.abort();
  const { endpoints } = await probeFindings([rtdb('acme-n3')], { overrides, signal: ac.signal });
  assert.equal(endpoints[0].status, 'not-probed');
  assert.equal(endpoints[0].evidence, 'cancelled');
});

test('the new stores: their own host forms pass the policy (and meet the DNS check); look-alikes, http and IP hosts are refused first', async () => {
  const acct = '7c3e9a1f5b2d4e6081a9c7b5d3f1e2a4';
  const allowed: Array<[Parameters<ProbeHttp['request']>[0], string]> = [
    ['r2', `https://${acct}.r2.cloudflarestorage.com/acme/?list-type=2`], ['r2', 'https://pub-3f9b2e7d1c6a4058b9e2d7f1a3c5b8e0.r2.dev/'],
    ['b2', 'https://acme-b2.s3.us-west-004.backblazeb2.com/?list-type=2'], ['wasabi', 'https://s3.eu-central-2.wasabisys.com/acme/?list-type=2'],
    ['linode', 'https://acme.us-east-1.linodeobjects.com/?list-type=2'], ['scaleway', 'https://acme.s3.fr-par.scw.cloud/?list-type=2'],
    ['cos', 'https://acme-1301234567.cos.ap-guangzhou.myqcloud.com/?list-type=2'], ['obs', 'https://acme.obs.cn-north-4.myhuaweicloud.com/?acl'],
    ['ibm', 'https://acme.s3.us-south.cloud-object-storage.appdomain.cloud/?list-type=2'], ['oci', 'https://objectstorage.us-ashburn-1.oraclecloud.com/n/ns1/b/acme/o'],
  ];
  const refused: Array<[Parameters<ProbeHttp['request']>[0], string, RegExp]> = [
    ['r2', `https://${acct}.r2.cloudflarestorage.com.evil.net/acme/`, /not a r2 endpoint/], ['r2', 'https://r2.dev/', /not a r2 endpoint/],
    ['b2', 'https://api.backblazeb2.com/b2api/v2/b2_list_buckets', /not a b2 endpoint/], ['wasabi', 'http://s3.eu-central-2.wasabisys.com/acme/', /https only/],
    ['linode', 'https://api.linode.com/v4/object-storage/buckets', /not a linode endpoint/], ['scaleway', 'https://s3.fr-par.scw.cloud.attacker.org/', /not a scaleway endpoint/],
    ['cos', 'https://service.cos.myqcloud.com/', /not a cos endpoint/], ['obs', 'https://10.0.0.8/acme/', /IP address/],
    ['ibm', 'https://s3.us-south.cloud-object-storage.appdomain.cloud:8443/acme/', /port 8443/], ['oci', 'https://identity.us-ashburn-1.oraclecloud.com/20160918/users', /not a oci endpoint/],
  ];
  const table: Record<string, LookupAddress[]> = {};
  for (const [, u] of allowed) table[new URL(u).hostname] = [{ address: '192.168.1.20', family: 4 }];
  const { lookup, asked } = recordingLookup(table);
  const http = new ProbeHttp({ lookup });
  try {
    for (const [key, u] of allowed) {
      await assert.rejects(http.request(key, u), (e: ProbeError) => e.kind === 'refused' && /resolves to 192\.168\.1\.20 \(private\)/.test(e.message), `${key} ${u}`);
    }
    const before = asked.length;
    for (const [key, u, why] of refused) await assert.rejects(http.request(key, u), (e: ProbeError) => e.kind === 'refused' && why.test(e.message), `${key} ${u}`);
    assert.equal(asked.length, before, 'refused URLs are never even resolved');
  } finally {
    await http.close();
  }
  assert.deepEqual([...new Set(asked)].sort(), Object.keys(table).sort(), 'every allowed form reached the DNS check');
});
