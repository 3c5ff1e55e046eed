// Probes of the stores added with the real-repository issue, end to end: the engine scans
// examples/stores, and the findings' endpoints are probed through `--endpoint-override`s.
// s3rver (npm, in-process on 127.0.0.1) plays the S3-compatible stores (R2's S3 API, B2, Wasabi,
// Linode, Scaleway, IBM COS): anonymous ListObjectsV2 on each, NoSuchBucket → not-found. The
// in-test stand-in (test/helpers/fakeStores.ts) speaks what s3rver cannot: OCI's JSON ListObjects
// (plain and through a PAR), the r2.dev public URL, and the COS/OBS forms of GetBucketAcl.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { request } from 'undici';
import { createEngine } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/types';
import { probeFindings } from '../../server/src/probe';
import { startFakeStores, type FakeStores } from '../helpers/fakeStores';

interface S3rverServer { run(): Promise<unknown>; close(): Promise<void> }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => S3rverServer;

const ROOT = join(__dirname, '../../examples/stores');
let s3rver: S3rverServer;
let s3Base: string;
let dir: string;
let stores: FakeStores;
let findings: Finding[];

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
}
const byRule = (...ids: string[]) => findings.filter((f) => ids.includes(f.ruleId) && f.endpoint);

before(async () => {
  const engine = createEngine();
  findings = walk(ROOT).flatMap((p) => engine.scanText(relative(ROOT, p), readFileSync(p, 'utf8')).findings);
  dir = mkdtempSync(join(tmpdir(), 'leaklens-stores-'));
  const buckets = ['acme-uploads', 'acme-thumbs', 'acme-videos', 'acme-tokyo-clips', 'acme-avatars', 'acme-docs'];
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: buckets.map((name) => ({ name, configs: [] })) });
  const { port } = (await s3rver.run()) as { port: number };
  s3Base = `http://127.0.0.1:${port}`;
  for (const key of ['avatars/u1.png', 'exports/users.csv']) {
    const r = await request(`${s3Base}/acme-uploads/${key}`, { method: 'PUT', body: 'x' });
    assert.equal(r.statusCode, 200);
    await r.body.dump();
  }
  stores = await startFakeStores({
    oci: { 'frx7k2qmz9ab/acme-catalog': ['catalog.json', 'prices.json'], 'frx7k2qmz9ab/acme-feed': ['today.json', 'users/u1.json', 'users/u2.json', 'users/u3.json', 'users/u4.json', 'users/u5.json'] },
    pars: { 'Vq8Zk3Lm7Rt2Xw9Bn4Yc6Pd1Gh5Jf0Ks-Ua3Ei_Wo8Tq2Nb': { bucket: 'frx7k2qmz9ab/acme-feed' } },
    r2dev: { 'pub-3f9b2e7d1c6a4058b9e2d7f1a3c5b8e0.r2.dev': 200 },
    acl: {
      'acme-banners-1307654321': { keys: ['banner1.jpg'], format: 'cos', grants: ['READ'] },
      'acme-ios-media': { keys: [], format: 'obs', grants: ['READ', 'WRITE'] },
      'acme-uploads': { keys: ['a.png'], format: 'cos', grants: ['READ'] },
    },
  });
});
after(async () => {
  await s3rver.close();
  await stores.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('S3-compatible stores on s3rver: ListObjectsV2 on each provider\'s bucket; a missing bucket is not-found', async () => {
  const fs = byRule('cloudflare-r2-bucket', 'backblaze-b2-bucket', 'wasabi-bucket', 'linode-object-storage-bucket', 'scaleway-object-storage-bucket', 'ibm-cos-bucket')
    .filter((f) => !f.endpoint!.includes('r2.dev'));
  const overrides = { r2: s3Base, b2: s3Base, wasabi: s3Base, linode: s3Base, scaleway: s3Base, ibm: s3Base };
  const { endpoints, findings: graded } = await probeFindings(fs, { overrides });
  const got = Object.fromEntries(endpoints.map((e) => [e.url, [e.kind, e.status]]));
  assert.deepEqual(got, {
    'https://7c3e9a1f5b2d4e6081a9c7b5d3f1e2a4.r2.cloudflarestorage.com/acme-uploads/': ['r2-bucket', 'open-list'],
    'https://acme-thumbs.s3.us-east-005.backblazeb2.com/': ['b2-bucket', 'open-list'],
    'https://acme-videos.s3.eu-central-2.wasabisys.com/': ['wasabi-bucket', 'open-list'],
    'https://acme-tokyo-clips.s3.ap-northeast-1.wasabisys.com/': ['wasabi-bucket', 'open-list'],
    'https://acme-avatars.us-iad-1.linodeobjects.com/': ['linode-bucket', 'open-list'],
    'https://acme-docs.s3.fr-par.scw.cloud/': ['scaleway-bucket', 'open-list'],
    'https://acme-reports.s3.eu-de.cloud-object-storage.appdomain.cloud/': ['ibm-cos-bucket', 'not-found'],
  });
  const r2 = endpoints.find((e) => e.kind === 'r2-bucket')!;
  assert.match(r2.evidence, /^HTTP 200, anonymous ListObjectsV2: 2 keys \(avatars\/u1\.png, exports\/users\.csv\)$/);
  assert.deepEqual(r2.exposes, ['personal-data', 'media'], 'every S3-compatible store gets exposes through the shared ListObjectsV2 reader');
  assert.match(endpoints.find((e) => e.kind === 'ibm-cos-bucket')!.evidence, /HTTP 404 NoSuchBucket/);
  assert.deepEqual([...new Set(graded.filter((f) => f.endpoint?.includes('r2.cloudflarestorage')).map((f) => f.severity))], ['critical'], 'an open bucket re-grades its findings');
  assert.equal(graded.find((f) => f.ruleId === 'ibm-cos-bucket')!.severity, 'low');
});

test('without its own override a store is not sent to another provider\'s stand-in: its real host is resolved, and loopback is refused', async () => {
  const wasabi = byRule('wasabi-bucket').slice(0, 1);
  const refused = await probeFindings(wasabi, { overrides: { s3: s3Base }, lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) });
  assert.equal(refused.endpoints[0].status, 'not-probed');
  assert.match(refused.endpoints[0].evidence, /resolves to 127\.0\.0\.1 \(loopback\)/);
});

test('COS and OBS ACL grants are read in their own forms; R2 is never asked for an ACL', async () => {
  const fs = [...byRule('tencent-cos-bucket', 'huawei-obs-bucket'), ...byRule('cloudflare-r2-bucket').filter((f) => f.endpoint!.includes('cloudflarestorage'))];
  const before = stores.requests.length;
  const { endpoints } = await probeFindings(fs, { overrides: { cos: stores.base, obs: stores.base, r2: stores.base } });
  const cos = endpoints.find((e) => e.kind === 'cos-bucket')!;
  assert.equal(cos.status, 'open-list');
  assert.match(cos.evidence, /1 keys \(banner1\.jpg\); ACL readable anonymously, grants AllUsers READ/);
  const obs = endpoints.find((e) => e.kind === 'obs-bucket')!;
  assert.equal(obs.status, 'open-write', 'Everyone WRITE in the ACL');
  assert.match(obs.evidence, /grants Everyone READ, Everyone WRITE/);
  const seen = stores.requests.slice(before);
  assert.ok(seen.some((r) => r.url === '/acme-banners-1307654321/?acl'));
  assert.ok(!seen.some((r) => r.url.startsWith('/acme-uploads/?acl')), 'no GetBucketAcl to R2');
  assert.ok(seen.every((r) => r.method === 'GET'), 'read-only by default');
});

test('OCI: anonymous ListObjects on a public bucket, the list through a PAR, BucketNotFound for private ones; r2.dev plain read', async () => {
  const fs = byRule('oci-object-storage-bucket', 'cloudflare-r2-bucket').filter((f) => !f.endpoint!.includes('cloudflarestorage'));
  const { endpoints, findings: graded } = await probeFindings(fs, { overrides: { oci: stores.base, r2: stores.base } });
  const by = (kind: string) => endpoints.find((e) => e.kind === kind)!;
  assert.equal(by('oci-bucket').url, 'https://objectstorage.eu-frankfurt-1.oraclecloud.com/n/frx7k2qmz9ab/b/acme-catalog/o');
  assert.deepEqual([by('oci-bucket').status, by('oci-bucket').evidence], ['open-list', 'HTTP 200, anonymous ListObjects: 2 objects (catalog.json, prices.json)']);
  assert.equal(by('oci-par').status, 'open-list');
  assert.equal(by('oci-par').evidence, 'HTTP 200, listed through the pre-authenticated request: 5+ objects (today.json, users/u1.json, users/u2.json, …)');
  assert.deepEqual(by('oci-par').exposes, ['personal-data'], 'users/…');
  assert.equal(by('oci-bucket').exposes, undefined, 'catalog.json, prices.json');
  assert.deepEqual([by('r2-public').status, by('r2-public').evidence], ['open-read', 'HTTP 200: the r2.dev URL serves the bucket to anyone']);
  assert.ok(stores.requests.some((r) => r.url === '/n/frx7k2qmz9ab/b/acme-catalog/o?limit=5&fields=name'));
  assert.ok(graded.filter((f) => f.ruleId === 'oci-object-storage-bucket').every((f) => f.severity === 'critical'));

  // A private bucket and a PAR that does not list: OCI answers 404 BucketNotFound for both.
  stores.requests.length = 0;
  const priv = await probeFindings(
    fs.filter((f) => f.ruleId === 'oci-object-storage-bucket').map((f) => ({ ...f, endpoint: f.endpoint!.replace('acme-catalog', 'acme-private').replace('Vq8Zk3', 'Zz9Yy8') })),
    { overrides: { oci: stores.base } },
  );
  assert.deepEqual(priv.endpoints.map((e) => e.status), ['auth-required', 'auth-required']);
  assert.match(priv.endpoints[0].evidence, /BucketNotFound: private or missing \(OCI does not say which\)$/);
  assert.match(priv.endpoints[1].evidence, /the PAR does not allow listing, or it expired/);
});
