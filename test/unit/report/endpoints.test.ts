import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointKind, groupEndpoints, mergeEndpoints } from '../../../server/src/core/report';
import { engineFindings, finding } from './fixtures';

test('one not-probed endpoint per distinct URL, with the fingerprints of every finding behind it', () => {
  const findings = engineFindings();
  assert.equal(findings.length, 2);
  const eps = groupEndpoints(findings);
  assert.deepEqual(eps, [{
    provider: 'firebase', kind: 'rtdb', url: 'https://acme-prod-default-rtdb.firebaseio.com/', status: 'not-probed',
    evidence: '', checkedAt: null, findings: findings.map((f) => f.fingerprint),
  }]);
});

test('findings without an endpoint make no endpoint entry', () => {
  assert.deepEqual(groupEndpoints([finding({ ruleId: 'private-key', severity: 'critical', provider: 'generic', value: '-----BEG…', file: 'k.pem' })]), []);
});

test('kind comes from the host, then from the rule', () => {
  const cases: Array<[string, string, string]> = [
    ['https://acme.europe-west1.firebasedatabase.app/', 'firebase-database-url', 'rtdb'],
    ['https://acme-media.s3.amazonaws.com/', 'aws-s3-bucket', 's3-bucket'],
    ['https://s3.eu-west-1.amazonaws.com/acme-media/', 'aws-s3-bucket', 's3-bucket'],
    ['https://storage.googleapis.com/acme-assets/', 'gcs-bucket', 'gcs-bucket'],
    ['https://acme.appspot.com/', 'firebase-storage-bucket', 'firebase-storage'],
    ['https://firebasestorage.googleapis.com/v0/b/acme.appspot.com/o', 'firebase-storage-bucket', 'firebase-storage'],
    ['https://firestore.googleapis.com/v1/projects/acme/databases/(default)/documents', 'firebase-project-id', 'firestore'],
    ['https://acmestore.blob.core.windows.net/', 'azure-storage-account-key', 'azure-account'],
    ['https://acmestore.blob.core.windows.net/media', 'azure-blob-container', 'azure-container'],
    ['https://acme.nyc3.digitaloceanspaces.com/', 'digitalocean-spaces-bucket', 'spaces-bucket'],
    ['https://acme.oss-cn-hangzhou.aliyuncs.com/', 'alibaba-oss-bucket', 'oss-bucket'],
    ['https://abcdefghijklmnopqrst.supabase.co/', 'supabase-url', 'supabase-rest'],
    ['not a url', 'supabase-anon-key', 'supabase-rest'],
    ['https://example.test/', 'some-new-rule', 'other'],
  ];
  for (const [url, rule, kind] of cases) assert.equal(endpointKind(url, rule), kind, url);
});

test('probe results replace the not-probed entry of the same URL and keep every fingerprint', () => {
  const grouped = groupEndpoints(engineFindings());
  const probed = [
    { provider: 'firebase' as const, kind: 'rtdb', url: grouped[0].url, status: 'open-read' as const, evidence: '200 with 3 keys', checkedAt: '2026-01-01T00:00:00.000Z', findings: [grouped[0].findings[0]] },
    { provider: 'aws' as const, kind: 's3-bucket', url: 'https://x.s3.amazonaws.com/', status: 'not-found' as const, evidence: 'NoSuchBucket', checkedAt: '2026-01-01T00:00:00.000Z', findings: [] },
  ];
  const merged = mergeEndpoints(grouped, probed);
  assert.equal(merged.length, 2);
  assert.equal(merged[0].status, 'open-read');
  assert.deepEqual(merged[0].findings, grouped[0].findings);
  assert.equal(merged[1].url, 'https://x.s3.amazonaws.com/');
  assert.equal(grouped[0].status, 'not-probed', 'input is not mutated');
});

test('endpoint kinds of the new stores come from their hosts (OCI PAR URLs are their own kind)', () => {
  const cases: Array<[string, string, string]> = [
    ['https://7c3e9a1f5b2d4e6081a9c7b5d3f1e2a4.r2.cloudflarestorage.com/acme/', 'cloudflare-r2-bucket', 'r2-bucket'],
    ['https://pub-3f9b2e7d1c6a4058b9e2d7f1a3c5b8e0.r2.dev/', 'cloudflare-r2-bucket', 'r2-public'],
    ['https://acme.s3.us-west-004.backblazeb2.com/', 'backblaze-b2-bucket', 'b2-bucket'],
    ['https://acme.s3.eu-central-1.wasabisys.com/', 'wasabi-bucket', 'wasabi-bucket'],
    ['https://acme.us-east-1.linodeobjects.com/', 'linode-object-storage-bucket', 'linode-bucket'],
    ['https://acme.s3.fr-par.scw.cloud/', 'scaleway-object-storage-bucket', 'scaleway-bucket'],
    ['https://acme-1301234567.cos.ap-guangzhou.myqcloud.com/', 'tencent-cos-bucket', 'cos-bucket'],
    ['https://acme.obs.cn-north-4.myhuaweicloud.com/', 'huawei-obs-bucket', 'obs-bucket'],
    ['https://acme.s3.us-south.cloud-object-storage.appdomain.cloud/', 'ibm-cos-bucket', 'ibm-cos-bucket'],
    ['https://objectstorage.us-ashburn-1.oraclecloud.com/n/ns1/b/acme/o', 'oci-object-storage-bucket', 'oci-bucket'],
    ['https://objectstorage.us-ashburn-1.oraclecloud.com/p/Xk3vQ9mZr2Lb/n/ns1/b/acme/o/', 'oci-object-storage-bucket', 'oci-par'],
    ['http://127.0.0.1:4568/acme/', 'wasabi-bucket', 'wasabi-bucket'],
  ];
  for (const [url, rule, kind] of cases) assert.equal(endpointKind(url, rule), kind, url);
});
