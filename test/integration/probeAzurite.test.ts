// Azure probes against Azurite (node_modules/.bin/azurite-blob) on a free 127.0.0.1 port through
// `azure=`: containers made with the dev account over SharedKey, and a real SAS for a second
// account, verified against Azurite, then found by the engine and analysed offline.
// Azurite answers anonymous requests for a missing container with 403 AuthorizationFailure,
// exactly as for a private one (real Azure answers both with 404 ResourceNotFound), so a missing
// container cannot be told apart here: the test records what Azurite represents.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { createEngine } from '../../server/src/core/engine';
import { probeFindings } from '../../server/src/probe';
import { accountSas, startAzurite, type Azurite } from '../helpers/azurite';
import { finding } from '../helpers/fakeProviders';

const ACME_KEY = randomBytes(64).toString('base64');
let az: Azurite;

before(async () => {
  az = await startAzurite({ acmeprod: ACME_KEY });
  for (const [c, access] of [['public-media', 'container'], ['private-docs', undefined], ['blob-only', 'blob'], ['support', 'container']] as const) {
    const r = await az.signed('PUT', `/${c}?restype=container`, access ? { 'x-ms-blob-public-access': access } : {});
    assert.equal(r.status, 201, r.body);
  }
  for (const b of ['avatar-1.png', 'avatar-2.png', 'report.pdf']) {
    const put = await az.signed('PUT', `/public-media/${b}`, { 'x-ms-blob-type': 'BlockBlob' }, 'x');
    assert.equal(put.status, 201, put.body);
  }
  for (const b of ['conversations/2024/ticket-77.json', 'customers/export.csv']) {
    const put = await az.signed('PUT', `/support/${b}`, { 'x-ms-blob-type': 'BlockBlob' }, '{}');
    assert.equal(put.status, 201, put.body);
  }
  assert.equal((await az.signed('PUT', '/uploads?restype=container', {}, undefined, 'acmeprod')).status, 201);
});
after(() => az.stop());

const container = (account: string, c: string) =>
  finding('azure-blob-container', 'azure', `${account}/${c}`, `https://${account}.blob.core.windows.net/${c}?restype=container&comp=list`);

test('public container → open-list, private → auth-required, reported under the real URL', async () => {
  const fs = [container('devstoreaccount1', 'public-media'), container('devstoreaccount1', 'private-docs'), container('devstoreaccount1', 'blob-only')];
  const { endpoints, findings } = await probeFindings(fs, { overrides: { azure: az.base } });
  assert.deepEqual(endpoints.map((e) => e.kind), ['azure-container', 'azure-container', 'azure-container']);
  assert.equal(endpoints[0].url, 'https://devstoreaccount1.blob.core.windows.net/public-media?restype=container&comp=list');
  assert.equal(endpoints[0].status, 'open-list');
  assert.equal(endpoints[0].evidence, 'HTTP 200, anonymous container list: 3 blobs (avatar-1.png, avatar-2.png, report.pdf)');
  assert.equal(endpoints[1].status, 'auth-required');
  assert.equal(endpoints[1].evidence, 'HTTP 403 AuthorizationFailure');
  assert.equal(endpoints[2].status, 'auth-required', '"blob" access: blobs readable by name, but no listing');
  assert.equal(findings[0].severity, 'critical');
  assert.equal(findings[1].severity, 'low');
  assert.deepEqual(endpoints[0].exposes, ['media'], 'avatar-1.png');
  assert.equal(endpoints[1].exposes, undefined);
});

test('exposes: blob names of a public container (conversations/, customers/) → messages and personal data', async () => {
  const { endpoints } = await probeFindings([container('devstoreaccount1', 'support')], { overrides: { azure: az.base } });
  assert.equal(endpoints[0].status, 'open-list');
  assert.deepEqual(endpoints[0].exposes, ['personal-data', 'messages']);
});

test('a missing container: Azurite answers 403 like a private one (no anonymous way to tell)', async () => {
  const { endpoints } = await probeFindings([container('devstoreaccount1', 'no-such-container')], { overrides: { azure: az.base } });
  assert.equal(endpoints[0].status, 'auth-required');
  assert.match(endpoints[0].evidence, /HTTP 403 AuthorizationFailure/);
});

test('account endpoint (from an account key): one anonymous request, the key is never sent', async () => {
  const key = finding('azure-storage-account-key', 'azure', 'Eby8vdM0…', 'https://devstoreaccount1.blob.core.windows.net/');
  const { endpoints, findings } = await probeFindings([key], { overrides: { azure: az.base } });
  assert.equal(endpoints[0].kind, 'azure-account');
  assert.equal(endpoints[0].status, 'auth-required');
  assert.match(endpoints[0].evidence, /account devstoreaccount1 exists \(HTTP 403 AuthorizationFailure to an anonymous request\); the key in the app was not used/);
  assert.equal(findings[0].severity, 'low');
});

test('a real SAS (accepted by Azurite) found by the engine is analysed offline: write/delete/list → open-write', async () => {
  const sas = accountSas({ account: 'acmeprod', key: ACME_KEY, permissions: 'rwdl', expiry: '2031-01-01T00:00:00Z', protocol: 'https,http' });
  // (https,http: Azurite serves plain http, and Azure refuses an https-only token over http)
  // the token is real: Azurite lists with it and refuses without it
  const withSas = await request(`${az.base}/acmeprod/uploads?restype=container&comp=list&${sas}`);
  assert.equal(withSas.statusCode, 200);
  await withSas.body.dump();
  const source = `object Storage {\n    const val UPLOADS = "https://acmeprod.blob.core.windows.net/uploads?${sas}"\n}\n`;
  const scanned = createEngine().scanText('app/src/main/java/com/acme/Storage.kt', source).findings.filter((f) => f.ruleId === 'azure-sas-token');
  assert.equal(scanned.length, 1, 'the engine reports the SAS');
  assert.ok(scanned[0].value.endsWith('…') && !scanned[0].value.includes(new URLSearchParams(sas).get('sig')!), 'value redacted');
  const before = new Date('2026-01-01T00:00:00Z');
  const { endpoints, findings } = await probeFindings(scanned, { overrides: { azure: az.base }, now: before });
  assert.equal(endpoints[0].url, 'https://acmeprod.blob.core.windows.net/uploads');
  assert.equal(endpoints[0].status, 'open-write');
  assert.match(endpoints[0].evidence, /^HTTP 403 AuthorizationFailure; offline SAS analysis: account SAS \(services \?, types sco\); sp=rwdl: read, write, delete, list; valid until 2031-01-01 \(more than a year ahead\)$/);
  assert.equal(findings[0].severity, 'critical');
  // expired by the time of the probe → the token no longer opens anything
  const late = await probeFindings(scanned, { overrides: { azure: az.base }, now: new Date('2032-01-01T00:00:00Z') });
  assert.equal(late.endpoints[0].status, 'auth-required');
  assert.match(late.endpoints[0].evidence, /expired 2031-01-01/);
});
