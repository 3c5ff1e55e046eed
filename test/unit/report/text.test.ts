import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, renderText } from '../../../server/src/core/report';
import { finding, mixedReport } from './fixtures';

test('grouped by file with line:col, severity, rule, value, endpoint; errors and summary at the end', () => {
  const out = renderText(mixedReport());
  const lines = out.trimEnd().split('\n');
  assert.equal(lines[0], 'android/app/google-services.json');
  const strings = lines.indexOf('android/app/src/main/res/values/strings.xml');
  assert.ok(strings > 0);
  assert.match(lines[strings + 1], /^ {2}2:48 +medium +app +firebase-database-url {2}acme-prod-default-rtdb\.firebaseio\.com$/);
  assert.match(lines[strings + 3], /→ https:\/\/acme-prod-default-rtdb\.firebaseio\.com\/$/);
  assert.ok(lines.includes('build/app.apk!/classes2.dex'));
  const errors = lines.indexOf('Errors');
  assert.ok(errors > strings);
  assert.equal(lines[errors + 1], '  build/app.apk!/classes9.dex: truncated DEX header');
  assert.equal(lines.at(-1), '6 findings (1 critical, 1 high, 2 medium, 1 low, 1 info) in 5 files, 2 endpoints, 2 errors');
  assert.doesNotMatch(out, /\x1b\[/); // eslint-disable-line no-control-regex
});

test('each finding says where it lives (app, build, ci, test)', () => {
  const report = buildReport({ root: '.', errors: [], findings: [
    finding({ ruleId: 'aws-s3-bucket', severity: 'info', provider: 'aws', value: 'acme-ci-cache', file: '.github/workflows/ci.yml', line: 7 }),
    finding({ ruleId: 'aws-s3-bucket', severity: 'low', provider: 'aws', value: 'acme-media', file: 'app/src/main/res/values/strings.xml' }),
  ] });
  const lines = renderText(report).split('\n');
  assert.ok(lines.some((l) => /^ {2}7:3 +info +ci +aws-s3-bucket {2}acme-ci-cache$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^ {2}1:3 +low +app +aws-s3-bucket {2}acme-media$/.test(l)));
});

test('colour only when asked; control characters in values never reach the terminal raw', () => {
  const report = mixedReport();
  assert.match(renderText(report, { color: true }), /\x1b\[35mcritical/); // eslint-disable-line no-control-regex
  const evil = buildReport({ root: '.', errors: [], findings: [finding({ ruleId: 'gcs-bucket', severity: 'low', provider: 'gcs', value: 'a\x1b[2Jb\nc', file: 'x.js' })] });
  const out = renderText(evil, { color: false });
  assert.ok(out.includes('a\\x1b[2Jb\\nc'));
  assert.doesNotMatch(out, /\x1b/); // eslint-disable-line no-control-regex
});

test('no findings: a summary line only', () => {
  assert.equal(renderText(buildReport({ root: '.', findings: [], errors: [] })), 'No findings, 0 endpoints, 0 errors\n');
});

test('probe status is shown next to the endpoint once probed', () => {
  const base = mixedReport();
  const probed = buildReport({ root: '.', findings: base.findings, errors: [], probed: [{ ...base.endpoints[0], status: 'open-read', evidence: '200 with 2 keys', checkedAt: '2026-01-01T00:00:00Z' }] });
  assert.match(renderText(probed), /→ https:\/\/acme-prod-default-rtdb\.firebaseio\.com\/ \[open-read: 200 with 2 keys\]/);
  assert.match(renderText(probed), /2 endpoints \(1 probed\)/);
});
