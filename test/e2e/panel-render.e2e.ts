// The panel's webview script rendered in a real browser (Debian chromium): report values that look
// like HTML stay text, the CSP blocks inline script, and the webview's messages are the typed ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, launchBrowser, shot } from './harness';
import { panelHtml } from '../../client/src/panel/html';
import { buildPanelModel } from '../../client/src/panel/model';
import type { Report } from '../../server/src/core/types';


const XSS = '<img src=x onerror="window.__pwned=1">';
let server: Server;
let base = '';
let browser: Browser;
let page: Page;

before(async () => {
  // serves the shell (with a stand-in for acquireVsCodeApi) and the built media, like a webview would
  const stub = `window.acquireVsCodeApi = () => ({ postMessage: (m) => (window.__sent ||= []).push(m), getState: () => undefined, setState: (s) => (window.__state = s) });`;
  server = createServer((req, res) => {
    if (req.url === '/stub.js') { res.setHeader('content-type', 'text/javascript'); res.end(stub); return; }
    const path = (req.url ?? '').split('?')[0];
    if (path.startsWith('/media/')) {
      res.setHeader('content-type', path.endsWith('.css') ? 'text/css' : path.endsWith('.ttf') ? 'font/ttf' : 'text/javascript');
      res.end(readFileSync(join(ROOT, path)));
      return;
    }
    const nonce = 'bm9uY2U';
    const html = panelHtml({ cspSource: base, scriptUri: `${base}/media/out/panel.js`, styleUri: `${base}/media/panel.css`, codiconsUri: `${base}/media/out/codicons/codicon.css` }, nonce)
      .replace('<main', `<script nonce="${nonce}" src="${base}/stub.js"></script><script>window.__inline = 1</script><main`);
    res.setHeader('content-type', 'text/html');
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await launchBrowser();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('values that look like HTML render as text; inline script is blocked by the CSP', { timeout: 60_000 }, async () => {
  await page.goto(`${base}/`);
  await page.waitForSelector('[data-testid="empty"]');
  const report: Report = {
    tool: { name: 'leaklens', version: '0' }, root: '.',
    findings: [{
      ruleId: 'aws-s3-bucket', severity: 'low', provider: 'aws', message: XSS, value: XSS,
      endpoint: `https://x.s3.amazonaws.com/${XSS}`, fingerprint: 'f1',
      location: { file: `app/${XSS}.xml`, line: 3, column: 1, endLine: 3, endColumn: 9, entry: null },
    }],
    endpoints: [{ provider: 'aws', kind: 's3-bucket', url: `https://x.s3.amazonaws.com/${XSS}`, status: 'open-list', evidence: XSS, checkedAt: null, findings: ['f1'] }],
    errors: [{ file: XSS, message: XSS }],
  };
  const model = buildPanelModel({ report, title: XSS, artifacts: [XSS], builtAt: null, canProbe: true });
  await page.evaluate((m) => (globalThis as unknown as { postMessage(x: unknown, o: string): void }).postMessage({ type: 'model', model: m }, '*'), model);
  await page.waitForSelector('[data-testid="endpoint-row"]');
  assert.equal(await page.locator('img').count(), 0, 'no element was created from a value');
  assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await page.evaluate(() => (globalThis as unknown as { __inline?: number }).__inline), undefined, 'inline script without the nonce did not run');
  assert.equal(await page.getByTestId('title').textContent(), XSS);
  assert.ok((await page.getByTestId('endpoint-row').textContent())?.includes(XSS));
  assert.equal(await page.getByTestId('status').first().textContent(), 'open-list');
});

test('clicks post typed messages to the host; filters and the model survive a reload through setState', { timeout: 60_000 }, async () => {
  await page.getByTestId('finding-link').first().click();
  await page.getByTestId('export-sarif').click();
  const sent = await page.evaluate(() => (globalThis as unknown as { __sent: unknown[] }).__sent);
  assert.deepEqual(sent.slice(-2), [{ type: 'open', fingerprint: 'f1' }, { type: 'export', format: 'sarif' }]);
  await page.getByTestId('filter-severity').selectOption('critical');
  assert.equal(await page.getByTestId('no-match').count(), 1, 'a low finding is hidden by the critical filter');
  const state = await page.evaluate(() => (globalThis as unknown as { __state: { severity: string; model?: unknown } }).__state);
  assert.equal(state.severity, 'critical');
  assert.ok(state.model, 'the model is kept for a reload');
});

test('an open endpoint shows what it exposes as chips, riskiest endpoint first', { timeout: 60_000 }, async () => {
  const f = (id: string, url: string) => ({
    ruleId: 'aws-s3-bucket', severity: 'critical' as const, provider: 'aws' as const, message: 'S3 bucket', value: id, endpoint: url, fingerprint: id,
    location: { file: `app/src/main/res/values/${id}.xml`, line: 3, column: 1, endLine: 3, endColumn: 9, entry: null },
  });
  const media = 'https://acme-media.s3.amazonaws.com/';
  const clinic = 'https://acme-clinic.s3.amazonaws.com/';
  const report: Report = {
    tool: { name: 'leaklens', version: '0' }, root: '.', errors: [],
    findings: [f('m', media), f('c', clinic)],
    endpoints: [
      { provider: 'aws', kind: 's3-bucket', url: media, status: 'open-list', evidence: 'HTTP 200, anonymous ListObjectsV2: 2 keys (avatars/u1.png, avatars/u2.png)', checkedAt: null, findings: ['m'], exposes: ['media'] },
      { provider: 'aws', kind: 's3-bucket', url: clinic, status: 'open-list', evidence: 'HTTP 200, anonymous ListObjectsV2: 3 keys (patients/8812/lab_results/2024-03-01.pdf, sessions/3f9c.json, users/8812/profile.json)', checkedAt: null, findings: ['c'], exposes: ['personal-data', 'health', 'credentials'] },
    ],
  };
  const model = buildPanelModel({ report, title: 'app-release.apk', artifacts: ['app-release.apk'], builtAt: null, canProbe: true });
  await page.getByTestId('filter-severity').selectOption('all');
  await page.evaluate((m) => (globalThis as unknown as { postMessage(x: unknown, o: string): void }).postMessage({ type: 'model', model: m }, '*'), model);
  await page.waitForSelector('[data-testid="exposes"]');
  const rows = page.getByTestId('endpoint-row');
  assert.equal(await rows.first().getAttribute('data-url'), clinic, 'the endpoint exposing health and credentials first');
  assert.deepEqual(await rows.first().getByTestId('exposes-chip').allTextContents(), ['personal-data', 'health', 'credentials']);
  assert.deepEqual(await rows.nth(1).getByTestId('exposes-chip').allTextContents(), ['media']);
  assert.match((await rows.first().getAttribute('aria-label')) ?? '', /exposes personal-data, health, credentials/);
  await page.setViewportSize({ width: 420, height: 520 });
  await shot(page, 'panel-exposes');
});
