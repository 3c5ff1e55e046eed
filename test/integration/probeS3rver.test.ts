// S3 probes against s3rver (npm), in-process on a free 127.0.0.1 port, through `s3=` / `spaces=` /
// `oss=` overrides. s3rver has no ACLs or bucket policies: every bucket answers anonymous
// requests, and GetBucketAcl is NotImplemented (501). So it represents open-list, not-found
// (NoSuchBucket) and anonymous write + delete; AccessDenied, ACL grants and the 301 region
// redirect are covered by the documented-response stand-in in probeProviders.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { probeFindings } from '../../server/src/probe';
import { finding } from '../helpers/fakeProviders';

// s3rver ships no type declarations; only these members are used.
interface S3rverServer { run(): Promise<unknown>; close(): Promise<void> }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => S3rverServer;

let server: S3rverServer;
let base: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leaklens-s3rver-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'acme-media', configs: [] }, { name: 'acme-space', configs: [] }, { name: 'acme-clinic', configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  base = `http://127.0.0.1:${port}`;
  for (const key of ['avatars/u1.png', 'avatars/u2.png', 'backup.sql']) {
    const r = await request(`${base}/acme-media/${key}`, { method: 'PUT', body: 'x' });
    assert.equal(r.statusCode, 200);
    await r.body.dump();
  }
  for (const key of ['patients/8812/lab_results/2024-03-01.pdf', 'patients/8812/prescriptions/rx-17.pdf', 'sessions/3f9c.json', 'users/8812/profile.json']) {
    const r = await request(`${base}/acme-clinic/${key}`, { method: 'PUT', body: '{}' });
    assert.equal(r.statusCode, 200);
    await r.body.dump();
  }
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const s3 = (b: string) => finding('aws-s3-bucket', 'aws', b, `https://${b}.s3.amazonaws.com/`);

test('an existing bucket lists anonymously → open-list with key count and names; missing → not-found', async () => {
  const { endpoints, findings } = await probeFindings([s3('acme-media'), s3('acme-missing')], { overrides: { s3: base } });
  assert.equal(endpoints[0].url, 'https://acme-media.s3.amazonaws.com/');
  assert.equal(endpoints[0].kind, 's3-bucket');
  assert.equal(endpoints[0].status, 'open-list');
  assert.match(endpoints[0].evidence, /^HTTP 200, anonymous ListObjectsV2: 3 keys \(avatars\/u1\.png, avatars\/u2\.png, backup\.sql\)$/);
  assert.equal(endpoints[1].status, 'not-found');
  assert.match(endpoints[1].evidence, /HTTP 404 NoSuchBucket/);
  assert.equal(findings[0].severity, 'critical');
  assert.equal(findings[1].severity, 'low');
});

test('path-style URLs and S3-compatible Spaces / OSS buckets go through their own overrides', async () => {
  const fs = [
    finding('aws-s3-bucket', 'aws', 'acme-media', 'https://s3.eu-west-1.amazonaws.com/acme-media/'),
    finding('digitalocean-spaces-bucket', 'digitalocean', 'acme-space', 'https://acme-space.fra1.digitaloceanspaces.com/'),
    finding('alibaba-oss-bucket', 'alibaba', 'acme-media', 'https://acme-media.oss-cn-hangzhou.aliyuncs.com/'),
  ];
  const { endpoints } = await probeFindings(fs, { overrides: { s3: base, spaces: base, oss: base } });
  assert.deepEqual(endpoints.map((e) => [e.kind, e.status]), [['s3-bucket', 'open-list'], ['spaces-bucket', 'open-list'], ['oss-bucket', 'open-list']]);
  assert.match(endpoints[1].evidence, /0 keys/);
  // without the spaces override the Spaces bucket is not sent to the s3 stand-in
  const none = await probeFindings([fs[1]], { overrides: { s3: base }, lookup: (_h, _o, cb) => cb(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []) });
  assert.equal(none.endpoints[0].status, 'not-found');
});

test('write probe (allowWrite) on an anonymous-write bucket: object created, deleted, nothing left on the server', async () => {
  const { endpoints } = await probeFindings([s3('acme-media')], { overrides: { s3: base }, allowWrite: true });
  assert.equal(endpoints[0].status, 'open-write');
  assert.match(endpoints[0].evidence, /^wrote leaklens-probe-[0-9a-f]{12} \(HTTP 200\) and deleted it \(HTTP 204\)/);
  const r = await request(`${base}/acme-media/?list-type=2`);
  const xml = await r.body.text();
  assert.doesNotMatch(xml, /leaklens-probe/);
  assert.equal((xml.match(/<Key>/g) ?? []).length, 3);
});

test('exposes: object keys of the anonymous list name what the bucket holds (health and credentials rank first)', async () => {
  const { endpoints } = await probeFindings([s3('acme-media'), s3('acme-clinic'), s3('acme-missing')], { overrides: { s3: base } });
  assert.deepEqual(endpoints[0].exposes, ['media'], 'avatars/u1.png');
  assert.equal(endpoints[1].status, 'open-list');
  assert.deepEqual(endpoints[1].exposes, ['personal-data', 'health', 'credentials'], 'patients/…/lab_results/, sessions/, users/…/profile.json');
  assert.equal(endpoints[2].exposes, undefined, 'not found: nothing exposed');
});
