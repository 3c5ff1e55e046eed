// A real client other than VS Code: headless Neovim (its built-in LSP client), configured with the
// Neovim 0.7 block of docs/editors.md as its init.lua, starts `leaklens lsp --stdio` from the CLI
// tarball installed into a temporary prefix (no repository checkout on its PATH), receives the diagnostics, reads a hover, applies a quick fix through its own
// code-action menu and saves (one fix that edits three files, one that creates a file), then runs
// Scan Workspace. Asserted from what Neovim reports (neovim.lua writes it as JSON) and from the files
// on disk. `npm run test:editors` (.ci/run).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAndInstall, type InstalledCli } from '../package/install';
import { writeProject } from '../integration/lspHarness';
import { KEY_KT, KEY_SWIFT, projectFiles } from '../unit/fixes/project';

const KT = 'app/src/main/java/com/acme/data/Config.kt';
const SERVICES = 'app/google-services.json';
const SWIFT = 'ios/Runner/AppDelegate.swift';
let work: string;
let project: string;
let cli: InstalledCli;

interface NvimDiagnostic { code: string; source: string; severity: number; lnum: number; col: number; message: string }
interface NvimReport {
  version: string;
  error?: string;
  diagnostics: NvimDiagnostic[];
  hover?: string;
  fix: { actions: string[]; chosen?: string };
  creating_fix: { actions: string[]; chosen?: string };
  modified_after_save: number;
  after_fix: NvimDiagnostic[];
  other: NvimDiagnostic[];
  messages: string[];
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'leaklens-nvim-'));
  project = mkdtempSync(join(tmpdir(), 'leaklens-nvim-project-'));
  // An Android + iOS project; local.properties exists, as in any checkout Android Studio has opened.
  writeProject(project, { ...projectFiles(), 'local.properties': 'sdk.dir=/opt/android-sdk\n' });
  cli = packAndInstall(work);
});

after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

const luaBlocks = () => [...readFileSync(join(__dirname, '../../docs/editors.md'), 'utf8').matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The docs' Neovim 0.7 setup, verbatim: the fenced lua block that uses vim.lsp.start_client. */
function documentedSetup(): string {
  const setup = luaBlocks().filter((b) => b.includes('vim.lsp.start_client('));
  assert.equal(setup.length, 1, 'one Neovim 0.7 block in docs/editors.md');
  return setup[0];
}

test('Neovim: diagnostics, hover, quick fixes applied and saved, Scan Workspace', { timeout: 300_000 }, () => {
  const out = join(work, 'nvim-report.json');
  const init = join(work, 'init.lua');
  writeFileSync(init, documentedSetup());
  const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, '-c', `luafile ${join(__dirname, 'neovim.lua')}`], {
    cwd: project,
    env: {
      ...cli.env, // PATH: the installed package's bin first
      LEAKLENS_OUT: out,
      LEAKLENS_ROOT: project,
      LEAKLENS_FILE: join(project, KT),
      LEAKLENS_OTHER_FILE: join(project, SERVICES),
      LEAKLENS_FIX: 'local.properties',
      LEAKLENS_CREATING_FILE: join(project, SWIFT),
      LEAKLENS_CREATING_FIX: 'Secrets.xcconfig',
    },
    encoding: 'utf8',
    timeout: 240_000,
  });
  let report: NvimReport;
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as NvimReport;
  } catch {
    assert.fail(`Neovim wrote no report (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  assert.equal(report.error, undefined, `${report.error}\n${r.stdout}\n${r.stderr}`);

  // 1. what vim.diagnostic holds: LeakLens findings with their severities
  const codes = report.diagnostics.map((d) => d.code);
  // (firebase-rules-missing joins once the server's first walk of the project's Firebase files is done)
  assert.deepEqual([...new Set(codes)].filter((c) => c !== 'firebase-rules-missing').sort(), ['firebase-database-url', 'google-api-key', 'insecure-cloud-endpoint']);
  const key = report.diagnostics.find((d) => d.code === 'google-api-key')!;
  assert.equal(key.source, 'LeakLens');
  assert.equal(key.severity, 2, 'medium → vim.diagnostic.severity.WARN');
  const line = projectFiles()[KT].split('\n')[key.lnum];
  assert.equal(line.slice(key.col, key.col + KEY_KT.length), KEY_KT, 'Neovim placed it on the key');

  // 2. the hover Neovim received
  assert.match(report.hover ?? '', /API key/i);

  // 3. the fix chosen from Neovim's code-action menu, applied by Neovim and saved
  assert.match(report.fix.chosen ?? '', /local\.properties/);
  assert.ok(report.fix.actions.some((t) => /^Suppress google-api-key/.test(t)), report.fix.actions.join(' | '));
  assert.equal(report.modified_after_save, 0);
  const kt = readFileSync(join(project, KT), 'utf8');
  assert.ok(!kt.includes(KEY_KT), kt);
  assert.match(kt, /BuildConfig\.\w+/);
  const props = readFileSync(join(project, 'local.properties'), 'utf8');
  assert.match(props, /^sdk\.dir=\/opt\/android-sdk$/m);
  assert.ok(props.includes(KEY_KT), props);
  assert.match(readFileSync(join(project, 'app/build.gradle'), 'utf8'), /buildConfigField/);
  assert.ok(!report.after_fix.some((d) => d.code === 'google-api-key'));
  assert.ok(report.after_fix.some((d) => d.code === 'firebase-database-url'), 'the other finding stays');

  // 4. a fix that creates a file: Neovim announces resourceOperations (not documentChanges) and applies the create
  assert.match(report.creating_fix.chosen ?? '', /Secrets\.xcconfig/);
  assert.ok(readFileSync(join(project, 'ios/Secrets.xcconfig'), 'utf8').includes(KEY_SWIFT));
  assert.ok(!readFileSync(join(project, SWIFT), 'utf8').includes(KEY_SWIFT));

  // 5. Scan Workspace (workspace/executeCommand): a file Neovim never opened, with the documented
  // init_options applied (firebase-project-id off), and the summary message
  const other = new Set(report.other.map((d) => d.code));
  assert.ok(other.has('firebase-database-url') && other.has('firebase-storage-bucket'), [...other].join(' '));
  assert.ok(!other.has('firebase-project-id'), 'turned off by the setup\'s init_options');
  assert.ok(report.messages.some((m) => /^LeakLens: \d+ findings in \d+ files/.test(m)), report.messages.join('\n'));
});

test('every Lua snippet of docs/editors.md compiles in Neovim', () => {
  const files = luaBlocks().map((text, i) => {
    const f = join(work, `snippet-${i}.lua`);
    writeFileSync(f, text);
    return f;
  });
  assert.ok(files.length >= 3);
  const check = join(work, 'check.lua');
  writeFileSync(check, "local bad = {}\nfor _, f in ipairs(vim.fn.json_decode(os.getenv('SNIPPETS'))) do\n  local ok, err = loadfile(f)\n  if not ok then table.insert(bad, err) end\nend\nio.stdout:write(vim.fn.json_encode(bad))\nvim.cmd('qa!')\n");
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${check}`], { env: { ...process.env, SNIPPETS: JSON.stringify(files) }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), [], 'syntax errors');
});
