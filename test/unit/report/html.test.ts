import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, renderHtml } from '../../../server/src/core/report';
import { finding, mixedReport } from './fixtures';

const EVIL = `<img src=x onerror=alert(1)>"'&`;

test('self-contained: no scripts, no external resources, a strict CSP', () => {
  const html = renderHtml(mixedReport());
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<script|<link|<iframe|src=|url\(|@import/i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /https?:\/\/(?!acme)[^"<\s]*"/, 'no attribute points at an external URL');
});

test('summary by severity, endpoints, findings and errors tables', () => {
  const html = renderHtml(mixedReport());
  assert.match(html, /<b class="critical">1<\/b><span class="sev critical">critical<\/span>/);
  assert.match(html, /<b class="medium">2<\/b>/);
  assert.match(html, /<h2>Endpoints \(2\)<\/h2>/);
  assert.match(html, /<td>rtdb<\/td><td><code>https:\/\/acme-prod-default-rtdb\.firebaseio\.com\/<\/code><\/td><td class="st not-probed">not-probed<\/td>/);
  assert.match(html, /<h2>Findings \(6\)<\/h2>/);
  assert.match(html, /build\/app\.apk!\/classes2\.dex:1:3/);
  assert.match(html, /<th>Where<\/th>/);
  assert.match(html, /<td class="sev low">low<\/td><td class="where">app<\/td><td><code>aws-s3-bucket<\/code>/);
  assert.match(html, /<td>truncated DEX header<\/td>/);
});

test('every value is escaped: markup in bucket, value, message, file, evidence and root shows as text', () => {
  const f = finding({ ruleId: 'aws-s3-bucket', severity: 'low', provider: 'aws', value: EVIL, message: `bucket ${EVIL}`, file: `dir/${EVIL}.xml`, endpoint: `https://x.s3.amazonaws.com/${EVIL}` });
  const report = buildReport({
    root: EVIL, findings: [f], errors: [{ file: EVIL, message: EVIL }],
    probed: [{ provider: 'aws', kind: 's3-bucket', url: f.endpoint!, status: 'open-list', evidence: EVIL, checkedAt: null, findings: [f.fingerprint] }],
  });
  const html = renderHtml(report);
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes(`"'&`));
  const escaped = '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;';
  assert.ok(html.split(escaped).length - 1 >= 8, 'every occurrence is escaped');
});
