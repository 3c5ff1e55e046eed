import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBatchLine, parseBatchLine, type BatchLine } from '../../../server/src/core/fleet/line';
import { summarize } from '../../../server/src/core/fleet/summary';
import { renderSummaryText } from '../../../server/src/core/fleet/summaryText';
import { renderSummaryHtml } from '../../../server/src/core/fleet/summaryHtml';
import type { EndpointResult, Finding, Severity } from '../../../server/src/core/types';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const finding = (ruleId: string, severity: Severity, provider: Finding['provider'], fp: string): Finding => ({
  ruleId, severity, provider, message: ruleId, value: 'v', fingerprint: fp,
  location: { file: 'a.apk', line: 1, column: 1, endLine: 1, endColumn: 2, entry: 'classes.dex' },
});
const endpoint = (url: string, status: EndpointResult['status'], exposes?: EndpointResult['exposes']): EndpointResult => ({
  provider: 'firebase', kind: 'rtdb', url, status, evidence: '', checkedAt: null, findings: [], ...(exposes ? { exposes } : {}),
});
function line(n: number, over: Partial<BatchLine>): BatchLine {
  return { artifact: `app-${n}.apk`, sha256: hex(n), bytes: 10, app: { id: `com.acme.a${n}`, version: '1.0', platform: 'android' }, findings: [], endpoints: [], errors: [], ms: 5, ...over };
}

const lines: BatchLine[] = [
  line(1, { findings: [finding('firebase-database-url', 'critical', 'firebase', 'f1')], endpoints: [endpoint('https://a.firebaseio.com/', 'open-read', ['personal-data', 'health'])] }),
  line(2, { findings: [finding('firebase-database-url', 'medium', 'firebase', 'f2')], endpoints: [endpoint('https://a.firebaseio.com/', 'not-probed')] }),
  line(3, { findings: [finding('aws-secret-access-key', 'critical', 'aws', 'f3'), finding('aws-s3-bucket', 'low', 'aws', 'f4')], endpoints: [{ ...endpoint('https://b.s3.amazonaws.com/', 'auth-required'), provider: 'aws', kind: 's3-bucket' }] }),
  line(4, { app: { id: null, version: null, platform: null }, errors: [{ file: 'app-4.apk', entry: null, message: 'unreadable zip archive' }] }),
  line(5, { app: { id: 'com.acme.ios', version: '2', platform: 'ios' } }),
];

test('counts apps, apps with cloud and open endpoints, failures, per provider, rule, status and exposure', () => {
  const s = summarize(lines);
  assert.equal(s.apps, 5);
  assert.deepEqual(s.platforms, { android: 3, ios: 1, unknown: 1 });
  assert.equal(s.appsWithFindings, 3);
  assert.equal(s.appsWithCloudEndpoints, 3);
  assert.equal(s.appsWithOpenEndpoints, 1);
  assert.equal(s.appsWithErrors, 1);
  assert.equal(s.appsFailed, 1);
  assert.deepEqual(s.providers.map((p) => [p.provider, p.apps, p.findings, p.endpoints]), [
    ['firebase', 2, 2, { 'open-read': 1 }], // one database, counted once at its most open status
    ['aws', 1, 2, { 'auth-required': 1 }],
  ]);
  assert.deepEqual(s.rules.map((r) => [r.key, r.apps, r.count, r.severity]), [
    ['firebase-database-url', 2, 2, 'critical'], ['aws-s3-bucket', 1, 1, 'low'], ['aws-secret-access-key', 1, 1, 'critical'],
  ]);
  assert.deepEqual(s.statuses, [{ key: 'open-read', count: 1, apps: 2 }, { key: 'auth-required', count: 1, apps: 1 }]);
  assert.deepEqual(s.exposes, [{ key: 'personal-data', count: 1, apps: 2 }, { key: 'health', count: 1, apps: 2 }]);
  assert.deepEqual(s.worst.map((w) => w.artifact), ['app-1.apk', 'app-3.apk', 'app-2.apk'], 'open endpoints first, then critical findings');
  assert.deepEqual(s.worst[0].exposes, ['personal-data', 'health']);
});

test('order and duplicates do not change the summary (shards, reruns)', () => {
  const a = summarize(lines);
  const b = summarize([...lines].reverse().concat(lines.slice(0, 2)));
  assert.equal(b.duplicateLines, 2);
  assert.deepEqual({ ...b, duplicateLines: 0 }, a);
  assert.equal(summarize(lines, { top: 1 }).worst.length, 1);
});

test('lines round-trip; half-written or foreign lines are not batch lines', () => {
  const text = formatBatchLine(lines[0]);
  assert.ok(!text.includes('\n'));
  assert.deepEqual(parseBatchLine(text), lines[0]);
  assert.equal(parseBatchLine(text.slice(0, 40)), undefined);
  assert.equal(parseBatchLine('{"artifact":"x","sha256":"nothex","findings":[],"endpoints":[],"errors":[]}'), undefined);
  assert.equal(parseBatchLine('[1,2]'), undefined);
});

test('text and html name the numbers; values are escaped, nothing is loaded', () => {
  const hostile = line(9, { artifact: '<img src=x onerror=alert(1)>.apk', app: { id: '"><script>x</script>', version: null, platform: 'android' }, findings: [finding('google-api-key', 'high', 'google', 'f9')] });
  const s = summarize([...lines, hostile]);
  const text = renderSummaryText(s);
  assert.match(text, /6 apps \(4 Android, 1 iOS, 1 unknown\)/);
  assert.match(text, /with open endpoints\s+1\s+16\.7%/);
  assert.match(text, /personal-data\s+1\s+2/);
  const html = renderSummaryHtml(s);
  assert.doesNotMatch(html, /<script|<img/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;\.apk/);
  assert.match(html, /<rect [^>]*fill="#e16f24"><title>firebase: 1 open-read<\/title>/);
  assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'"/);
});
