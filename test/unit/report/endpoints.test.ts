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
