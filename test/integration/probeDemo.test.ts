// `npm run demo:probe` keeps working: the demo starts Azurite, s3rver and the Firebase/GCS stand-in,
// runs the built CLI with --probe on examples/android, and every endpoint kind it knows gets graded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

interface Endpoint { kind: string; url: string; status: string; evidence: string }

test('demo:probe grades the example app\'s endpoints against local stand-ins', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-probe.ts', '--format', 'json']);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout) as { endpoints: Endpoint[]; findings: Array<{ severity: string }> };
  const status = (re: RegExp) => report.endpoints.filter((e) => re.test(e.url)).map((e) => e.status);
  assert.deepEqual(status(/acme-photos-prod-default-rtdb\.firebaseio\.com/), ['open-read']);
  // named with and without its region in the app: one endpoint, one verdict
  assert.deepEqual(status(/^https:\/\/acme-photos-user-uploads\.s3\./), ['open-list']);
  // the container anyone can list, and the SAS token for it shipped with write rights: one endpoint
  assert.deepEqual(status(/acmephotosbackup\.blob\.core\.windows\.net\/shared\b/), ['open-write']);
  const shared = report.endpoints.find((e) => /\/shared\?/.test(e.url))!;
  assert.match(shared.evidence, /^HTTP 200, anonymous container list: 1 blobs \(family\.jpg\); offline SAS analysis: .*sp=rwdlac/);
  assert.deepEqual(status(/acmephotosbackup\.blob\.core\.windows\.net\/user-backups/), ['auth-required']);
  assert.deepEqual(status(/firestore\.googleapis\.com/), ['auth-required']);
  assert.deepEqual(status(/acme-photos-avatars/), ['open-list']);
  assert.ok(report.endpoints.every((e) => !e.url.includes('127.0.0.1')), 'real URLs in the report');
  assert.ok(report.endpoints.filter((e) => e.kind !== 'cognito-identity-pool').every((e) => e.status !== 'not-probed'), JSON.stringify(report.endpoints.filter((e) => e.status === 'not-probed')));
  assert.match(stderr, /demo: stand-ins: azurite http:\/\/127\.0\.0\.1:\d+/);
});
