// The CLI package (issue 16 acceptance): pack → install into a temporary prefix offline → run
// `leaklens` from an unrelated folder, without the repository or its node_modules; also `npx` of the
// tarball and `leaklens lsp --stdio` from the installed package; and the VSIX still built from
// .vscodeignore alone. `npm run test:package` (in .ci/run: packing rebuilds the production bundles,
// so it does not run beside the other suites).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { openRtdb } from '../helpers/fakeProviders';
import { CLI_PACKAGE_FILES, cleanEnv, packAndInstall, ROOT, type InstalledCli } from './install';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const RTDB = 'https://acme-prod-default-rtdb.firebaseio.com';
const AWS_KEY = 'AKIAQ3EGRUSTZ7PXWL4K';

let work: string;
let project: string;
let elsewhere: string;
let cli: InstalledCli;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'leaklens-pack-'));
  project = mkdtempSync(join(tmpdir(), 'leaklens-pack-project-'));
  elsewhere = mkdtempSync(join(tmpdir(), 'leaklens-pack-cwd-'));
  for (const [rel, text] of Object.entries({
    'android/app/src/main/res/values/strings.xml': `<resources>\n  <string name="firebase_database_url">${RTDB}</string>\n</resources>\n`,
    'lib/config.dart': `const awsKeyId = '${AWS_KEY}';\n`,
  })) {
    mkdirSync(dirname(join(project, rel)), { recursive: true });
    writeFileSync(join(project, rel), text);
  }
  cli = packAndInstall(work);
});

after(() => {
  for (const d of [work, project, elsewhere]) rmSync(d, { recursive: true, force: true });
});

function leaklens(args: string[], cwd = elsewhere) {
  return spawnSync('leaklens', args, { cwd, env: cli.env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
}

test('the tarball holds only what the CLI runs: bundles, docs, README, licence; no maps, sources, fixtures or dependencies', () => {
  assert.deepEqual(cli.pack.files.map((f) => f.path).sort(), CLI_PACKAGE_FILES);
  assert.ok(cli.pack.size < 1.5 * 1024 * 1024, `${cli.pack.size} bytes packed`);
  assert.ok(cli.pack.entryCount < 50);
  const installed = join(cli.prefix, 'lib/node_modules/leaklens');
  assert.equal(realpathSync(cli.bin), join(installed, 'server/out/cli.js'));
  assert.equal(statSync(cli.bin).mode & 0o111, 0o111, 'npm made the bin executable');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest.dependencies, undefined, 'the bundles are self-contained');
  assert.deepEqual(manifest.bin, { leaklens: 'server/out/cli.js' });
  assert.equal((manifest.engines as { node: string }).node, '>=20');
  assert.ok(!existsSync(join(installed, 'node_modules')), readdirSync(installed).join(' '));
  const bundle = readFileSync(join(installed, 'server/out/cli.js'), 'utf8');
  assert.ok(bundle.startsWith('#!/usr/bin/env node\n'));
  assert.doesNotMatch(bundle, /sourceMappingURL/, 'production bundle');
});

test('leaklens --version and --help from the installed bin, in an unrelated folder', () => {
  const v = leaklens(['--version']);
  assert.equal(v.status, 0, v.stderr);
  assert.equal(v.stdout.trim(), VERSION);
  const h = leaklens(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /Usage: leaklens scan PATH/);
  assert.match(h.stdout, /leaklens lsp \[--stdio\]/);
  assert.match(leaklens(['lsp', '--help']).stdout, /Usage: leaklens lsp/);
});

test('leaklens scan <project> --format sarif: findings, exit code 1 at the default --fail-on high', () => {
  const r = leaklens(['scan', project, '--format', 'sarif']);
  assert.equal(r.status, 1, r.stderr);
  const sarif = JSON.parse(r.stdout) as { version: string; runs: Array<{ tool: { driver: { name: string; version: string } }; results: Array<{ ruleId: string }> }> };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].tool.driver.name, 'LeakLens');
  assert.equal(sarif.runs[0].tool.driver.version, VERSION);
  assert.deepEqual([...new Set(sarif.runs[0].results.map((x) => x.ruleId))].sort(), ['aws-access-key-id', 'firebase-database-url', 'firebase-rules-missing']);
  assert.equal(leaklens(['scan', project, '--fail-on', 'none']).status, 0);
  const bad = leaklens(['scan', join(project, 'missing')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^leaklens: /);
});

test('--probe loads the probe bundle from the package', { timeout: 60_000 }, async () => {
  const rtdb = await openRtdb('acme-prod-default-rtdb', { users: { u1: true } });
  try {
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
      const child = spawn('leaklens', ['scan', project, '--probe', '--endpoint-override', `firebase=${rtdb.base}`, '--format', 'json', '--fail-on', 'none'], { cwd: elsewhere, env: cli.env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => { stdout += String(d); });
      child.stderr.on('data', (d) => { stderr += String(d); });
      child.on('close', (code) => res({ code, stdout, stderr }));
    });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { endpoints: Array<{ url: string; status: string }> };
    assert.match(report.endpoints.find((e) => e.url.includes('firebaseio.com'))!.status, /^open-/);
  } finally {
    await rtdb.stop();
  }
});

test('npx ./leaklens-<version>.tgz runs the same CLI without installing it globally', () => {
  const cache = join(work, 'npx-cache');
  const r = spawnSync('npx', ['--yes', '--offline', '--cache', cache, `./${basename(cli.tarball)}`, 'scan', project, '--format', 'json', '--fail-on', 'none'], {
    cwd: dirname(cli.tarball), env: cleanEnv(), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { tool: { version: string } }).tool.version, VERSION);
});

test('leaklens lsp --stdio from the installed package: initialize, diagnostics on open, clean exit', { timeout: 60_000 }, async () => {
  const child = spawn('leaklens', ['lsp', '--stdio'], { cwd: elsewhere, env: cli.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += String(d); });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(join(project, 'lib/config.dart')).href;
  const published = new Promise<PublishDiagnosticsParams>((res) => conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { if (p.uri === uri) res(p); }));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  conn.listen();
  try {
    const rootUri = pathToFileURL(project).href;
    const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'p' }], capabilities: {} })) as { serverInfo: { name: string; version: string } };
    assert.deepEqual(init.serverInfo, { name: 'leaklens', version: VERSION });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dart', version: 1, text: readFileSync(join(project, 'lib/config.dart'), 'utf8') } });
    const p = await published;
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['aws-access-key-id'], stderr);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    conn.dispose();
    child.kill();
  }
});

test('npm run package still builds the VSIX from .vscodeignore alone (package.json "files" is the npm package\'s)', { timeout: 180_000 }, async () => {
  const vsix = join(ROOT, `leaklens-${VERSION}.vsix`);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/package-vsix.mjs')], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  try {
    const zip = await JSZip.loadAsync(readFileSync(vsix));
    const allowed = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const expected = ['extension.vsixmanifest', '[Content_Types].xml', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
      ...allowed.filter((f) => !/^(README\.md|CHANGELOG\.md|LICENSE)$/.test(f)).map((f) => `extension/${f}`)];
    assert.deepEqual(Object.keys(zip.files).filter((f) => !f.endsWith('/')).sort(), expected.sort());
    const manifest = JSON.parse(await zip.file('extension/package.json')!.async('string')) as Record<string, unknown>;
    assert.equal(manifest.files, undefined);
    assert.equal(manifest.main, './client/out/extension.js');
  } finally {
    rmSync(vsix, { force: true });
  }
});
