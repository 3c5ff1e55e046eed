// Scan Workspace joins open Firebase rules and the database URL the app ships: the diagnostic on
// google-services.json points (relatedInformation) at the rule that opens the database, and back.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, writeProject } from './lspHarness';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-join-'));
const lsp = new LspClient();
after(async () => { await lsp.dispose(); rmSync(dir, { recursive: true, force: true }); });

test('relatedInformation links google-services.json and database.rules.json after Scan Workspace', { timeout: 60_000 }, async () => {
  writeProject(dir, {
    'firebase.json': JSON.stringify({ database: { rules: 'database.rules.json' } }),
    '.firebaserc': JSON.stringify({ projects: { default: 'acme-prod' } }),
    'database.rules.json': '{\n  "rules": {\n    ".read": true\n  }\n}\n',
    'app/google-services.json': JSON.stringify({ project_info: { project_id: 'acme-prod', firebase_url: 'https://acme-prod-default-rtdb.firebaseio.com' } }, null, 2),
  });
  await lsp.initialize(dir, { trusted: false });
  await lsp.conn.sendRequest('leaklens/scanWorkspace', {});
  const gs = await lsp.waitFor(pathToFileURL(join(dir, 'app/google-services.json')).href, (p) => p.diagnostics.some((d) => d.code === 'firebase-database-url'));
  const url = gs.diagnostics.find((d) => d.code === 'firebase-database-url')!;
  assert.ok(url.relatedInformation?.some((r) => r.location.uri.endsWith('/database.rules.json') && r.location.range.start.line === 2 && /open because of/.test(r.message)), JSON.stringify(url.relatedInformation));
  const rules = await lsp.waitFor(pathToFileURL(join(dir, 'database.rules.json')).href, (p) => p.diagnostics.length > 0);
  const open = rules.diagnostics.find((d) => d.code === 'firebase-rules-public-read')!;
  assert.ok(open.relatedInformation?.some((r) => r.location.uri.endsWith('/app/google-services.json')), JSON.stringify(open.relatedInformation));
});
