import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, renderJson } from '../../../server/src/core/report';
import { VERSION } from '../../../server/src/core/version';
import { engineFindings, finding, mixedReport } from './fixtures';

test('report has exactly the DESIGN §4 top-level and finding fields', () => {
  const report = JSON.parse(renderJson(buildReport({ root: 'examples/android', findings: engineFindings(), errors: [] })));
  assert.deepEqual(Object.keys(report), ['tool', 'root', 'findings', 'endpoints', 'errors']);
  assert.deepEqual(report.tool, { name: 'leaklens', version: VERSION });
  assert.equal(report.root, 'examples/android');
  const [f] = report.findings;
  assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'provider', 'message', 'value', 'endpoint', 'location', 'fingerprint', 'where']);
  assert.equal(f.where, 'app');
  assert.deepEqual(f.location, { file: 'android/app/src/main/res/values/strings.xml', line: 2, column: 48, endLine: 2, endColumn: 85, entry: null });
  assert.equal(f.value, 'acme-prod-default-rtdb.firebaseio.com');
  assert.equal(f.endpoint, 'https://acme-prod-default-rtdb.firebaseio.com/');
  assert.match(f.fingerprint, /^[0-9a-f]{24}$/);
  assert.deepEqual(Object.keys(report.endpoints[0]), ['provider', 'kind', 'url', 'status', 'evidence', 'checkedAt', 'findings']);
});

test('findings are sorted by file, entry, line and column; errors get entry null', () => {
  const report = mixedReport();
  const keys = report.findings.map((f) => `${f.location.file}|${f.location.entry ?? ''}|${String(f.location.line).padStart(4, '0')}`);
  assert.deepEqual(keys, [...keys].sort());
  assert.deepEqual(report.errors[1], { file: 'big.json', entry: null, message: 'file is 20481 KB, over the 1024 KB limit' });
  assert.equal(report.endpoints.length, 2);
});

test('engine-internal extras are dropped and a finding without endpoint has none', () => {
  const f = { ...finding({ ruleId: 'private-key', severity: 'critical', provider: 'generic', value: '-----BEG…', file: 'k.pem' }), extra: 'x' };
  const [out] = buildReport({ root: '.', findings: [f], errors: [] }).findings;
  assert.equal('extra' in out, false);
  assert.equal('endpoint' in out, false);
});

test('every finding says where it lives: the engine\'s value, else from its path (archive entries ship)', () => {
  const report = mixedReport();
  const where = new Map(report.findings.map((f) => [`${f.location.file}|${f.location.entry ?? ''}`, f.where]));
  assert.equal(where.get('build/app.apk|classes2.dex'), 'app');
  assert.equal(where.get('ios/Config.xcconfig|'), 'app');
  const [ci] = buildReport({ root: '.', findings: [finding({ ruleId: 'aws-s3-bucket', severity: 'info', provider: 'aws', value: 'acme-ci', file: '.github/workflows/release.yml' })], errors: [] }).findings;
  assert.equal(ci.where, 'ci');
});
