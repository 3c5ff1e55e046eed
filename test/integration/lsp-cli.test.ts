// `leaklens lsp --stdio` as editors other than VS Code start it: what the server advertises, settings
// without workspace/configuration (defaults, null answers, initializationOptions, pushed settings),
// and Scan Workspace / "Probe this endpoint now" as workspace/executeCommand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Hover, type InitializeResult } from 'vscode-languageserver-protocol';
import { LspClient, VIA_CLI, writeProject } from './lspHarness';
import { projectFiles } from '../unit/fixes/project';
import { OWNER_RULES, OWNER_STORAGE_RULES } from './cli-helpers';
import { openRtdb, type FakeProviders } from '../helpers/fakeProviders';

const files = projectFiles();
const KT = 'app/src/main/java/com/acme/data/Config.kt';
let dir: string;
let rtdb: FakeProviders;
const clients: LspClient[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leaklens-lsp-cli-'));
  // The project keeps its Firebase rules: firebase-rules-missing (published after a walk) stays out of these tests.
  writeProject(dir, { ...files, 'database.rules.json': OWNER_RULES, 'storage.rules': OWNER_STORAGE_RULES });
  // The Realtime Database behind an endpoint override (DESIGN §7: tests probe 127.0.0.1 only).
  rtdb = await openRtdb('acme-prod', { users: { u1: true } });
});

after(async () => {
  for (const c of clients) await c.dispose();
  await rtdb.stop();
  rmSync(dir, { recursive: true, force: true });
});

type InitOptions = Parameters<LspClient['initialize']>[1];
async function start(options: InitOptions, settings: Record<string, unknown> | null = {}): Promise<{ lsp: LspClient; init: InitializeResult }> {
  const lsp = new LspClient({}, VIA_CLI);
  lsp.settings = settings;
  clients.push(lsp);
  const init = (await lsp.initialize(dir, options)) as InitializeResult;
  return { lsp, init };
}

async function openKt(lsp: LspClient): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = await lsp.open(join(dir, KT), files[KT], 'kotlin');
  return { uri, diagnostics: (await lsp.waitVersion(uri, 1)).diagnostics };
}
const codes = (ds: Diagnostic[]) => [...new Set(ds.map((d) => String(d.code)))].sort();

test('advertises hover, quick fixes and the two editor commands; not the commands when the VS Code client runs them', { timeout: 60_000 }, async () => {
  const { init } = await start({ configuration: false });
  assert.equal(init.serverInfo?.name, 'leaklens');
  assert.equal(init.capabilities.hoverProvider, true);
  assert.deepEqual((init.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix']);
  assert.deepEqual(init.capabilities.executeCommandProvider?.commands, ['leaklens.scanWorkspace', 'leaklens.probeEndpoint']);
  const vscode = await start({ initializationOptions: { clientCommands: true } });
  assert.equal(vscode.init.capabilities.executeCommandProvider, undefined);
});

test('a client without workspace/configuration gets the defaults: diagnostics, hover and quick fixes', { timeout: 60_000 }, async () => {
  const { lsp } = await start({ configuration: false });
  const { uri, diagnostics } = await openKt(lsp);
  assert.deepEqual(codes(diagnostics), ['firebase-database-url', 'google-api-key', 'insecure-cloud-endpoint']);
  assert.deepEqual(lsp.configRequests, [], 'the server never asks a client that cannot answer');
  const key = diagnostics.find((d) => d.code === 'google-api-key')!;
  assert.equal(key.severity, DiagnosticSeverity.Warning); // medium, the default
  const hover = (await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: key.range.start })) as Hover;
  assert.match((hover.contents as { value: string }).value, /API key/i);
  const actions = await lsp.codeActions(uri, [key]);
  assert.ok(actions.some((a) => /local\.properties/.test(a.title)), actions.map((a) => a.title).join(' | '));
  assert.ok(!actions.some((a) => a.title === 'Probe this endpoint now'), 'no probes unless trusted and enabled');
});

test('file-creating fixes: offered to a client announcing resourceOperations create (as Neovim does, without documentChanges), not to one without', { timeout: 60_000 }, async () => {
  const swift = 'ios/Runner/AppDelegate.swift';
  const titles = async (workspaceEdit: Record<string, unknown>) => {
    const { lsp } = await start({ configuration: false, workspaceEdit });
    const uri = await lsp.open(join(dir, swift), files[swift], 'swift');
    const key = (await lsp.waitVersion(uri, 1)).diagnostics.find((d) => d.code === 'google-api-key')!;
    return lsp.codeActions(uri, [key]);
  };
  const neovim = await titles({ resourceOperations: ['rename', 'create', 'delete'] });
  const move = neovim.find((a) => /Secrets\.xcconfig/.test(a.title));
  assert.ok(move?.edit?.documentChanges?.some((c) => 'kind' in c && c.kind === 'create' && c.uri.endsWith('/ios/Secrets.xcconfig')), JSON.stringify(move));
  const plain = await titles({});
  assert.ok(!plain.some((a) => /Secrets\.xcconfig/.test(a.title)), 'no way to create the file');
  assert.ok(plain.some((a) => /^Suppress/.test(a.title)), 'single-file fixes still offered');
});

test('null workspace/configuration answers fall back to initializationOptions, then the defaults', { timeout: 60_000 }, async () => {
  const configured = await start({ initializationOptions: { rules: { 'google-api-key': 'off' } } }, null);
  const a = await openKt(configured.lsp);
  assert.deepEqual(codes(a.diagnostics), ['firebase-database-url', 'insecure-cloud-endpoint']);
  assert.ok(configured.lsp.configRequests.length > 0, 'asked, answered null');
  const bare = await start({}, null);
  assert.ok(codes((await openKt(bare.lsp)).diagnostics).includes('google-api-key'));
});

test('initializationOptions under "leaklens" (Helix sends one table for both) and an answer that overrides them', { timeout: 60_000 }, async () => {
  const nested = await start({ configuration: false, initializationOptions: { leaklens: { rules: { 'google-api-key': 'critical' } } } });
  const key = (await openKt(nested.lsp)).diagnostics.find((d) => d.code === 'google-api-key')!;
  assert.equal(key.severity, DiagnosticSeverity.Error);
  // The answer's exclude replaces theirs (Config.kt is checked); their rules stay (the key is off).
  const both = await start({ initializationOptions: { rules: { 'google-api-key': 'off' }, exclude: ['**/*.kt'] } }, { exclude: [] });
  assert.deepEqual(codes((await openKt(both.lsp)).diagnostics), ['firebase-database-url', 'insecure-cloud-endpoint']);
  const excluded = await start({ configuration: false, initializationOptions: { exclude: ['**/*.kt'] } });
  assert.deepEqual((await openKt(excluded.lsp)).diagnostics, []);
});

test('a client that cannot be asked may push its settings with didChangeConfiguration', { timeout: 60_000 }, async () => {
  const { lsp } = await start({ configuration: false });
  const { uri } = await openKt(lsp);
  await lsp.conn.sendNotification('workspace/didChangeConfiguration', { settings: { leaklens: { rules: { 'firebase-database-url': 'off', 'insecure-cloud-endpoint': 'off' } } } });
  const after = await lsp.waitFor(uri, (p) => !p.diagnostics.some((d) => d.code === 'firebase-database-url'));
  assert.deepEqual(codes(after.diagnostics), ['google-api-key']);
});

test('workspace/executeCommand leaklens.scanWorkspace publishes every file, with progress and a message', { timeout: 120_000 }, async () => {
  const { lsp } = await start({ configuration: false });
  const progress: string[] = [];
  lsp.conn.onNotification('$/progress', (p: { value: { kind: string } }) => { progress.push(p.value.kind); });
  const r = (await lsp.conn.sendRequest('workspace/executeCommand', { command: 'leaklens.scanWorkspace' })) as { files: number; findings: number };
  assert.ok(r.files >= 10 && r.findings >= 8, JSON.stringify(r));
  const plist = await lsp.waitFor(pathToFileURL(join(dir, 'ios/Runner/Info.plist')).href);
  assert.deepEqual(codes(plist.diagnostics), ['cleartext-traffic', 'google-api-key']);
  assert.deepEqual([progress[0], progress.at(-1)], ['begin', 'end'], 'server-created progress (the request carried no token)');
  assert.ok(lsp.messages.some((m) => new RegExp(`^LeakLens: ${r.findings} findings in ${r.files} files`).test(m.message)), JSON.stringify(lsp.messages));
  await assert.rejects(lsp.conn.sendRequest('workspace/executeCommand', { command: 'leaklens.buildAndScan' }), /unknown command "leaklens\.buildAndScan"/);
});

test('"Probe this endpoint now" runs as workspace/executeCommand when initializationOptions trust the folder and enable probes', { timeout: 120_000 }, async () => {
  const untrusted = await start({ configuration: false, initializationOptions: { probe: { enabled: true } } });
  const fp = (await openKt(untrusted.lsp)).diagnostics.find((d) => d.code === 'firebase-database-url')!;
  await assert.rejects(untrusted.lsp.conn.sendRequest('workspace/executeCommand', { command: 'leaklens.probeEndpoint', arguments: [{ fingerprint: (fp.data as { fingerprint: string }).fingerprint }] }), /untrusted/);

  const { lsp } = await start({ configuration: false, trusted: true, initializationOptions: { probe: { enabled: true, endpointOverrides: { firebase: rtdb.base } } } });
  const { uri, diagnostics } = await openKt(lsp);
  const db = diagnostics.find((d) => d.code === 'firebase-database-url')!;
  const probe = (await lsp.codeActions(uri, [db])).find((a) => a.title === 'Probe this endpoint now');
  assert.ok(probe?.command, 'offered');
  const r = (await lsp.conn.sendRequest('workspace/executeCommand', { command: probe.command.command, arguments: probe.command.arguments })) as { endpoints: Array<{ status: string }> };
  assert.match(r.endpoints[0].status, /^open-/);
  assert.ok(lsp.messages.some((m) => m.type === 2 && /firebaseio\.com\/ → open-/.test(m.message)), JSON.stringify(lsp.messages));
  const regraded = await lsp.waitFor(uri, (p) => p.diagnostics.some((d) => d.code === 'firebase-database-url' && d.severity === DiagnosticSeverity.Error));
  assert.match(regraded.diagnostics.find((d) => d.code === 'firebase-database-url')!.relatedInformation![0].message, /^Probe https:\/\/acme-prod\.firebaseio\.com\/: open-/);
});

test('leaklens lsp: --help, and usage errors as one line on stderr with exit 2', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [VIA_CLI[0], 'lsp', ...args], { encoding: 'utf8', timeout: 30_000 });
  const help = run('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: leaklens lsp \[--stdio/);
  for (const [args, message] of [
    [['--bogus'], /^leaklens: lsp: unknown option "--bogus" \(see leaklens lsp --help\)\n$/],
    [['extra'], /^leaklens: lsp: unexpected argument "extra"/],
    [['--stdio', '--socket=5000'], /^leaklens: lsp: choose one transport, not --stdio and --socket\n$/],
    [['--socket=0'], /--socket must be a whole number between 1 and 65535, not "0"/],
  ] as const) {
    const r = run(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});
