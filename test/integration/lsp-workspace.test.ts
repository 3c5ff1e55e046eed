// Custom requests of the bundled server: scanWorkspace (progress, cancellation, diagnostics kept
// after close), report, and probe (trust and settings gating, re-graded diagnostics).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, writeProject } from './lspHarness';
import { projectFiles } from '../unit/fixes/project';

let dir: string;
let big: string;
const clients: LspClient[] = [];
let rtdb: Server;
let rtdbBase = '';
const rtdbRequests: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leaklens-ws-'));
  writeProject(dir, projectFiles());
  // A workspace big enough that a scan takes a while: 4000 small Kotlin files.
  big = mkdtempSync(join(tmpdir(), 'leaklens-big-'));
  const many: Record<string, string> = {};
  for (let i = 0; i < 4000; i++) many[`app/src/main/java/p${i % 40}/F${i}.kt`] = `package p\nval u${i} = "https://acme-${i}.firebaseio.com"\n${'val x = 1\n'.repeat(50)}`;
  writeProject(big, many);
  // Stand-in for the Realtime Database (the Firebase emulator's ?ns= convention).
  rtdb = createServer((req, res) => {
    rtdbRequests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ users: true, orders: true }));
  });
  await new Promise<void>((r) => rtdb.listen(0, '127.0.0.1', r));
  const addr = rtdb.address();
  rtdbBase = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

after(async () => {
  for (const c of clients) await c.dispose();
  rtdb.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(big, { recursive: true, force: true });
});

async function client(root: string, trusted: boolean, settings: Record<string, unknown> = {}): Promise<LspClient> {
  const c = new LspClient();
  c.settings = settings;
  clients.push(c);
  await c.initialize(root, { trusted });
  return c;
}

test('scanWorkspace publishes diagnostics for unopened files, reports progress, and keeps them after close', { timeout: 120_000 }, async () => {
  const lsp = await client(dir, false);
  const progress: unknown[] = [];
  lsp.conn.onNotification('$/progress', (p: { token: string; value: unknown }) => { if (p.token === 'scan-1') progress.push(p.value); });
  const r = await lsp.conn.sendRequest('leaklens/scanWorkspace', { workDoneToken: 'scan-1' }) as { files: number; findings: number; cancelled: boolean };
  assert.ok(r.files >= 10, JSON.stringify(r));
  assert.ok(r.findings >= 8, JSON.stringify(r));
  assert.equal(r.cancelled, false);
  assert.ok(progress.some((p) => (p as { kind: string }).kind === 'begin') && progress.some((p) => (p as { kind: string }).kind === 'end'), JSON.stringify(progress));
  const plistUri = pathToFileURL(join(dir, 'ios/Runner/Info.plist')).href;
  const codes = (await lsp.waitFor(plistUri)).diagnostics.map((d: Diagnostic) => d.code).sort();
  assert.deepEqual(codes, ['cleartext-traffic', 'google-api-key']);
  // .env is not git-ignored in the fixture: flagged
  assert.ok(lsp.published.get(pathToFileURL(join(dir, '.env')).href)?.diagnostics.some((d) => d.code === 'aws-access-key-id'));
  // open, edit away the key, close: the workspace-scan diagnostics stay (a file Scan Workspace covered)
  const ktPath = join(dir, 'app/src/main/java/com/acme/data/Config.kt');
  const uri = await lsp.open(ktPath, projectFiles()['app/src/main/java/com/acme/data/Config.kt'], 'kotlin');
  await lsp.waitVersion(uri, 1);
  // saved without the key, then closed: the workspace diagnostics stay, re-read from disk
  writeFileSync(ktPath, projectFiles()['app/src/main/java/com/acme/data/Config.kt'].replace(/^.*AIza.*\n/m, ''));
  await lsp.close(uri);
  const after = await lsp.waitFor(uri, (p) => p.version === undefined);
  assert.deepEqual(after.diagnostics.map((d) => d.code).sort(), ['firebase-database-url', 'firebase-rules-missing', 'insecure-cloud-endpoint'], 'closing keeps what Scan Workspace covers');
  const report = await lsp.conn.sendRequest('leaklens/report') as { tool: { name: string }; findings: Array<{ ruleId: string; location: { file: string } }> };
  assert.equal(report.tool.name, 'leaklens');
  assert.ok(report.findings.some((f) => f.location.file === 'app/src/main/res/values/strings.xml' && f.ruleId === 'google-api-key'));
  assert.ok(lsp.statuses.some((s) => s.state === 'scanning'), 'status bar told about the scan');
  assert.equal(lsp.statuses.at(-1)!.state, 'idle');
  assert.ok(lsp.statuses.at(-1)!.findings >= r.findings - 1);
});

test('$/cancelRequest stops a running scanWorkspace promptly; the server keeps serving', { timeout: 120_000 }, async () => {
  const lsp = await client(big, false);
  const source = new CancellationTokenSource();
  let reports = 0;
  let furthest = 0;
  lsp.conn.onNotification('$/progress', (p: { token: string; value: { kind: string; percentage?: number } }) => {
    if (p.token !== 'scan-big' || p.value.kind !== 'report') return;
    furthest = Math.max(furthest, p.value.percentage ?? 0);
    if (++reports === 2) source.cancel();
  });
  const outcome = await lsp.conn.sendRequest('leaklens/scanWorkspace', { workDoneToken: 'scan-big' }, source.token).then(
    (r) => ({ ok: true as const, r }),
    (e: { code?: number; message?: string }) => ({ ok: false as const, e }),
  );
  assert.equal(outcome.ok, false, `expected a cancellation, got ${JSON.stringify(outcome)}`);
  assert.equal(!outcome.ok && outcome.e.code, -32800, 'RequestCancelled');
  assert.ok(reports >= 2);
  // cancelled at about 1 % (the second report): by its own progress it stopped early, not at the
  // end (the bound leaves room for a client that reads its notifications late on a loaded machine)
  assert.ok(furthest < 50, `the cancelled scan got to ${furthest} % of the files`);
  // A full scan for comparison: it completes and finds every planted URL.
  const full = await lsp.conn.sendRequest('leaklens/scanWorkspace', {}) as { files: number; findings: number };
  assert.equal(full.files, 4000);
  assert.equal(full.findings, 8000, 'each URL, and that the workspace keeps no rules for its database');
  assert.ok(lsp.alive);
});

test('scanArtifact scans an APK with progress and becomes the last report; a bad path is one clear error', { timeout: 120_000 }, async () => {
  const lsp = await client(dir, false);
  const apk = join(__dirname, '../fixtures/android/leaky.apk');
  const kinds: string[] = [];
  lsp.conn.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => { if (p.token === 'apk') kinds.push(p.value.kind); });
  const report = await lsp.conn.sendRequest('leaklens/scanArtifact', { path: apk, workDoneToken: 'apk' }) as { root: string; findings: Array<{ ruleId: string; location: { file: string; entry: string | null } }> };
  assert.ok(report.findings.length >= 5, JSON.stringify(report.findings.map((f) => f.ruleId)));
  assert.ok(report.findings.every((f) => f.location.file === 'leaky.apk' && f.location.entry), 'findings name the archive and the entry');
  assert.ok(report.findings.some((f) => f.ruleId === 'firebase-database-url' && f.location.entry === 'AndroidManifest.xml'));
  assert.deepEqual([kinds[0], kinds.at(-1)], ['begin', 'end']);
  const last = await lsp.conn.sendRequest('leaklens/report') as { root: string; findings: unknown[] };
  assert.equal(last.findings.length, report.findings.length);
  await assert.rejects(lsp.conn.sendRequest('leaklens/scanArtifact', { path: join(dir, 'missing.apk') }), /no such file or folder/);
  assert.ok(lsp.alive);
});

test('Supabase migrations are judged together, live and in Scan Workspace', { timeout: 120_000 }, async () => {
  const sb = mkdtempSync(join(tmpdir(), 'leaklens-sb-'));
  try {
    writeProject(sb, {
      'supabase/config.toml': '[api]\nschemas = ["public"]\n',
      'supabase/migrations/20240101000000_init.sql': 'create table public.todos (id bigint primary key);\ncreate table public.audit (id bigint primary key);\n',
      'supabase/migrations/20240102000000_rls.sql': 'alter table public.todos enable row level security;\n',
    });
    const lsp = await client(sb, false);
    const init = join(sb, 'supabase/migrations/20240101000000_init.sql');
    const uri = await lsp.open(init, readFileSync(init, 'utf8'));
    const live = (await lsp.waitVersion(uri, 1)).diagnostics.filter((d) => d.code === 'supabase-rls-disabled');
    assert.deepEqual(live.map((d) => d.range.start.line), [1], 'only audit: todos gets RLS in the next migration');
    await lsp.close(uri);
    const r = await lsp.conn.sendRequest('leaklens/scanWorkspace', {}) as { findings: number };
    const scanned = (await lsp.waitFor(uri, (p) => p.diagnostics.length > 0)).diagnostics.filter((d) => d.code === 'supabase-rls-disabled');
    assert.deepEqual(scanned.map((d) => d.range.start.line), [1]);
    assert.equal(r.findings, 1);
  } finally {
    rmSync(sb, { recursive: true, force: true });
  }
});

test('probe is refused in an untrusted workspace and when probes are off', { timeout: 120_000 }, async () => {
  const untrusted = await client(dir, false, { probe: { enabled: true } });
  const uri = await untrusted.open(join(dir, 'app/google-services.json'), projectFiles()['app/google-services.json'], 'json');
  const { diagnostics } = await untrusted.waitVersion(uri, 1);
  const db = diagnostics.find((d) => d.code === 'firebase-database-url')!;
  const fp = (db.data as { fingerprint: string }).fingerprint;
  await assert.rejects(untrusted.conn.sendRequest('leaklens/probe', { fingerprints: [fp] }), /untrusted/);
  const actions = await untrusted.codeActions(uri, [db]);
  assert.ok(!actions.some((a) => a.title === 'Probe this endpoint now'), 'no probe action when untrusted');
  const off = await client(dir, true, {});
  const uri2 = await off.open(join(dir, 'app/google-services.json'), projectFiles()['app/google-services.json'], 'json');
  await off.waitVersion(uri2, 1);
  await assert.rejects(off.conn.sendRequest('leaklens/probe', { fingerprints: [fp] }), /leaklens\.probe\.enabled/);
  await assert.rejects(untrusted.conn.sendRequest('leaklens/probe', { fingerprints: [fp], explicit: true }), /untrusted/, 'an explicit request is still refused when untrusted');
  assert.equal(rtdbRequests.length, 0, 'nothing was sent');
  // the panel's Probe button (explicit) works in a trusted workspace even with automatic probing off
  const clicked = await client(dir, true, { probe: { enabled: false, endpointOverrides: { firebase: rtdbBase } } });
  const uri3 = await clicked.open(join(dir, 'app/google-services.json'), projectFiles()['app/google-services.json'], 'json');
  await clicked.waitVersion(uri3, 1);
  const r = await clicked.conn.sendRequest('leaklens/probe', { fingerprints: [fp], explicit: true }) as { endpoints: Array<{ status: string }> };
  assert.equal(r.endpoints[0]?.status, 'open-read');
  assert.equal(rtdbRequests.length, 1, 'one request, to the local stand-in');
});

test('a probe through an endpoint override re-grades the diagnostic and shows the evidence', { timeout: 120_000 }, async () => {
  const lsp = await client(dir, true, { probe: { enabled: true, endpointOverrides: { firebase: rtdbBase } } });
  const uri = await lsp.open(join(dir, 'app/google-services.json'), projectFiles()['app/google-services.json'], 'json');
  const { diagnostics } = await lsp.waitVersion(uri, 1);
  const db = diagnostics.find((d) => d.code === 'firebase-database-url')!;
  assert.equal(db.severity, 2);
  const actions = await lsp.codeActions(uri, [db]);
  const probeAction = actions.find((a) => a.title === 'Probe this endpoint now')!;
  assert.equal(probeAction.command?.command, 'leaklens.probeEndpoint');
  const args = probeAction.command!.arguments![0] as { fingerprint: string };
  const result = await lsp.conn.sendRequest('leaklens/probe', { fingerprints: [args.fingerprint] }) as { endpoints: Array<{ url: string; status: string; exposes?: string[] }> };
  assert.ok(rtdbRequests.some((u) => /ns=acme-prod-default-rtdb/.test(u)), rtdbRequests.join(', '));
  const ep = result.endpoints.find((e) => e.url === 'https://acme-prod-default-rtdb.firebaseio.com/');
  assert.ok(ep, JSON.stringify(result.endpoints));
  assert.match(ep.status, /^open-/);
  assert.deepEqual(ep.exposes, ['personal-data', 'payments'], 'from the shallow keys users, orders');
  const regraded = await lsp.waitFor(uri, (p) => p.diagnostics.some((d) => d.code === 'firebase-database-url' && d.severity === 1));
  const d = regraded.diagnostics.find((x) => x.code === 'firebase-database-url')!;
  assert.match(d.relatedInformation![0].message, /Probe https:\/\/acme-prod-default-rtdb\.firebaseio\.com\/: open-/);
  const hover = await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start }) as { contents: { value: string } };
  assert.match(hover.contents.value, /\*\*Probe:\*\* `open-/);
  assert.match(hover.contents.value, /\*\*What it exposes\*\* \(judged from the names the probe saw\): `personal-data`, `payments`/);
  assert.match(d.message, /\[probe: open-read; exposes personal-data, payments\]$/);
});
