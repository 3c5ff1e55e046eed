import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { panelHtml } from '../../../client/src/panel/html';
import { buildPanelModel } from '../../../client/src/panel/model';
import { parsePanelMessage } from '../../../client/src/panel/messages';
import type { Finding, Report } from '../../../server/src/core/types';

const XSS = '<img src=x onerror=alert(1)>';

function finding(over: Partial<Finding> & { file: string; entry?: string | null }): Finding {
  return {
    ruleId: 'aws-s3-bucket', severity: 'low', provider: 'aws', message: 'S3 bucket', value: 'acme-media',
    endpoint: 'https://acme-media.s3.amazonaws.com/', fingerprint: `${over.file}!${over.entry ?? ''}`,
    location: { file: over.file, line: 12, column: 5, endLine: 12, endColumn: 20, entry: over.entry ?? null },
    ...over,
  };
}

test('the panel HTML has a strict CSP whose nonce is the script nonce, and no inline script', () => {
  const html = panelHtml({ cspSource: 'vscode-resource:', scriptUri: 'vscode-resource:/media/out/panel.js', styleUri: 'vscode-resource:/media/panel.css', codiconsUri: 'vscode-resource:/c.css' }, 'bm9uY2U=');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
  assert.match(csp, /^default-src 'none';/);
  assert.match(csp, /script-src 'nonce-bm9uY2U='/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0][1], /nonce="bm9uY2U="/);
  assert.equal(scripts[0][2].trim(), '', 'no inline script body');
});

test('asset URIs are attribute-escaped', () => {
  const html = panelHtml({ cspSource: 'x', scriptUri: `x"${XSS}`, styleUri: 's', codiconsUri: 'c' }, 'n');
  assert.ok(!html.includes(XSS));
  assert.ok(html.includes('x&quot;&lt;img src=x onerror=alert(1)&gt;'));
});

test('the webview script renders through DOM text nodes only', () => {
  const src = readFileSync(join(__dirname, '../../../client/src/panel/webview/main.ts'), 'utf8');
  assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
});

test('source and artifact findings of one endpoint are joined under one row, source first', () => {
  const report: Report = {
    tool: { name: 'leaklens', version: '0' }, root: '.',
    findings: [
      finding({ file: 'app.apk', entry: 'resources.arsc' }),
      finding({ file: 'app/src/main/res/values/strings.xml' }),
      finding({ file: 'a.kt', ruleId: 'aws-access-key-id', severity: 'high', endpoint: undefined, value: 'AKIA…' }),
    ],
    endpoints: [{ provider: 'aws', kind: 's3-bucket', url: 'https://acme-media.s3.amazonaws.com/', status: 'open-list', evidence: 'ListBucketResult with 3 keys', checkedAt: '2026-11-25T10:00:00Z', findings: [] }],
    errors: [],
  };
  const m = buildPanelModel({ report, title: 'app.apk', artifacts: ['app.apk'], builtAt: null, canProbe: true });
  assert.equal(m.endpoints.length, 2);
  const [bucket, none] = m.endpoints;
  assert.equal(bucket.status, 'open-list');
  assert.deepEqual(bucket.findings.map((f) => [f.origin, f.location.entry]), [['source', null], ['artifact', 'resources.arsc']]);
  assert.equal(none.url, null, 'findings without an endpoint come last');
  assert.deepEqual(m.counts, { critical: 0, high: 1, medium: 0, low: 2, info: 0 });
});

test('each panel finding says where it lives; artifact entries ship', () => {
  const report: Report = {
    tool: { name: 'leaklens', version: '0' }, root: '.',
    findings: [
      finding({ file: 'app.apk', entry: 'classes.dex', where: 'app' }),
      finding({ file: '.github/workflows/ci.yml', where: 'ci', severity: 'info' }),
      finding({ file: 'legacy.kt' }),
    ],
    endpoints: [],
    errors: [],
  };
  const m = buildPanelModel({ report, title: '.', artifacts: [], builtAt: null, canProbe: false });
  const wheres = new Map(m.endpoints[0].findings.map((f) => [f.location.file, f.where]));
  assert.deepEqual([...wheres], [['legacy.kt', 'app'], ['.github/workflows/ci.yml', 'ci'], ['app.apk', 'app']]);
  const src = readFileSync(join(__dirname, '../../../client/src/panel/webview/main.ts'), 'utf8');
  assert.match(src, /'filter-where'/, 'the panel filters by where');
});

test('open endpoints exposing health or credentials come first, each with its exposure', () => {
  const url = (b: string) => `https://${b}.s3.amazonaws.com/`;
  const ep = (b: string, status: 'open-list' | 'auth-required', exposes?: Array<'media' | 'health' | 'credentials'>) =>
    ({ provider: 'aws' as const, kind: 's3-bucket', url: url(b), status, evidence: '', checkedAt: null, findings: [], ...(exposes ? { exposes } : {}) });
  const report: Report = {
    tool: { name: 'leaklens', version: '0' }, root: '.',
    findings: ['acme-media', 'acme-private', 'acme-clinic', 'acme-auth'].map((b) => finding({ file: `${b}.xml`, value: b, endpoint: url(b), severity: b === 'acme-private' ? 'low' : 'critical' })),
    endpoints: [ep('acme-media', 'open-list', ['media']), ep('acme-private', 'auth-required'), ep('acme-clinic', 'open-list', ['health']), ep('acme-auth', 'open-list', ['credentials', 'media'])],
    errors: [],
  };
  const m = buildPanelModel({ report, title: 't', artifacts: [], builtAt: null, canProbe: true });
  assert.deepEqual(m.endpoints.map((e) => [e.url, e.exposes]), [
    [url('acme-auth'), ['credentials', 'media']], [url('acme-clinic'), ['health']], [url('acme-media'), ['media']], [url('acme-private'), []],
  ]);
});

test('messages from the webview are validated', () => {
  assert.deepEqual(parsePanelMessage({ type: 'open', fingerprint: 'abc' }), { type: 'open', fingerprint: 'abc' });
  assert.deepEqual(parsePanelMessage({ type: 'export', format: 'sarif' }), { type: 'export', format: 'sarif' });
  assert.equal(parsePanelMessage({ type: 'export', format: 'exe' }), undefined);
  assert.equal(parsePanelMessage({ type: 'probe', url: 'http://169.254.169.254/' }), undefined);
  assert.equal(parsePanelMessage({ type: 'open', fingerprint: 42 }), undefined);
  assert.equal(parsePanelMessage({ type: 'run', command: 'rm -rf /' }), undefined);
  assert.equal(parsePanelMessage('ready'), undefined);
});
