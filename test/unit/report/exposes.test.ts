// Endpoint `exposes` (DESIGN §4) in every report format, and the risk order it gives findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, buildSarif, combineReports, renderHtml, renderText } from '../../../server/src/core/report';
import type { EndpointResult, Report } from '../../../server/src/core/types';
import { engine, finding } from './fixtures';
import { sarifErrors } from './sarif-schema';

const MEDIA = 'https://acme-media.s3.amazonaws.com/';
const CLINIC = 'https://acme-clinic-default-rtdb.firebaseio.com/';
const CLOSED = 'https://acme-private.s3.amazonaws.com/';

const findings = [
  finding({ ruleId: 'aws-s3-bucket', severity: 'critical', provider: 'aws', value: 'acme-media', file: 'android/app/build.gradle', line: 3, endpoint: MEDIA }),
  finding({ ruleId: 'aws-s3-bucket', severity: 'low', provider: 'aws', value: 'acme-private', file: 'android/app/build.gradle', line: 9, endpoint: CLOSED }),
  finding({ ruleId: 'firebase-project-id', severity: 'info', provider: 'firebase', value: 'acme-clinic', file: 'android/app/google-services.json', line: 2 }),
  finding({ ruleId: 'firebase-database-url', severity: 'critical', provider: 'firebase', value: 'acme-clinic-default-rtdb.firebaseio.com', file: 'lib/main.dart', line: 7, endpoint: CLINIC }),
];
const probed = (url: string, status: EndpointResult['status'], exposes?: EndpointResult['exposes']): EndpointResult => ({
  provider: url.includes('firebaseio') ? 'firebase' : 'aws', kind: url.includes('firebaseio') ? 'rtdb' : 's3-bucket', url, status,
  evidence: status === 'auth-required' ? 'HTTP 403 AccessDenied' : 'HTTP 200, anonymous read', checkedAt: '2026-01-01T00:00:00Z', findings: [], ...(exposes ? { exposes } : {}),
});
const report = (): Report => buildReport({
  root: '.', errors: [], findings,
  probed: [probed(MEDIA, 'open-list', ['media']), probed(CLINIC, 'open-read', ['personal-data', 'health']), probed(CLOSED, 'auth-required')],
});

test('JSON: exposes on the open endpoints; the riskiest endpoint and its findings first, then file/line order', () => {
  const r = report();
  assert.deepEqual(r.endpoints.map((e) => [e.url, e.exposes]), [[CLINIC, ['personal-data', 'health']], [MEDIA, ['media']], [CLOSED, undefined]]);
  assert.deepEqual(r.findings.map((f) => `${f.location.file}:${f.location.line}`), [
    'lib/main.dart:7', 'android/app/build.gradle:3', 'android/app/build.gradle:9', 'android/app/google-services.json:2',
  ]);
  // unprobed, the order is file/line as before
  const plain = buildReport({ root: '.', errors: [], findings });
  assert.deepEqual(plain.findings.map((f) => `${f.location.file}:${f.location.line}`), [
    'android/app/build.gradle:3', 'android/app/build.gradle:9', 'android/app/google-services.json:2', 'lib/main.dart:7',
  ]);
  assert.ok(plain.endpoints.every((e) => e.exposes === undefined));
  // combined reports (Build & Scan) keep both
  const combined = combineReports([plain, report()], '.');
  assert.equal(combined.endpoints[0].url, CLINIC);
  assert.deepEqual(combined.endpoints[0].exposes, ['personal-data', 'health']);
  assert.equal(combined.findings[0].location.file, 'lib/main.dart');
});

test('text: the exposure next to the probe verdict; files in risk order, each file once', () => {
  const out = renderText(report());
  const lines = out.split('\n');
  assert.equal(lines[0], 'lib/main.dart');
  assert.ok(lines.includes(`            → ${CLINIC} [open-read: HTTP 200, anonymous read] exposes personal-data, health`), out);
  assert.ok(lines.includes(`            → ${MEDIA} [open-list: HTTP 200, anonymous read] exposes media`));
  assert.ok(lines.includes(`            → ${CLOSED} [auth-required: HTTP 403 AccessDenied]`));
  assert.equal(lines.filter((l) => l === 'android/app/build.gradle').length, 1);
});

test('HTML: an Exposes column with one chip per category', () => {
  const html = renderHtml(report());
  assert.match(html, /<th>Exposes<\/th>/);
  assert.match(html, /<span class="chip x-personal-data">personal-data<\/span><span class="chip x-health">health<\/span>/);
  assert.match(html, /<td class="st auth-required">auth-required<\/td><td><\/td>/);
});

test('SARIF: exposes in the result properties and message; still valid against the schema', () => {
  const log = buildSarif(report(), { rules: engine.rules, rootUri: 'file:///work/app/' });
  const results = log.runs[0].results!;
  const clinic = results.find((r) => r.properties?.endpoint === CLINIC)!;
  assert.deepEqual(clinic.properties!.exposes, ['personal-data', 'health']);
  assert.match(clinic.message.text!, /— the open endpoint exposes personal-data, health$/);
  const closed = results.find((r) => r.properties?.endpoint === CLOSED)!;
  assert.equal(closed.properties!.exposes, undefined);
  assert.doesNotMatch(closed.message.text!, /exposes/);
  assert.deepEqual(sarifErrors(JSON.parse(JSON.stringify(log))), []);
});
