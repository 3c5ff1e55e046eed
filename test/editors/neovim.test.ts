// A real client other than VS Code: headless Neovim (its built-in LSP client) starts
// `leaklens lsp --stdio` from the CLI tarball installed into a temporary prefix (no repository
// checkout on its PATH), receives the diagnostics, reads a hover, applies a quick fix through its own
// code-action menu and saves (one fix that edits three files, one that creates a file), then runs
// Scan Workspace. Asserted from what Neovim reports (neovim.lua writes it as JSON) and from the files
// on disk. `npm run test:editors` (.ci/run).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAndInstall, type InstalledCli } from '../package/install';
import { writeProject } from '../integration/lspHarness';
import { KEY_KT, KEY_SWIFT, projectFiles } from '../unit/fixes/project';

const KT = 'app/src/main/java/com/acme/data/Config.kt';
const PLIST = 'ios/Runner/Info.plist';
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

test('Neovim: diagnostics, hover, quick fixes applied and saved, Scan Workspace', { timeout: 300_000 }, () => {
  const out = join(work, 'nvim-report.json');
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${join(__dirname, 'neovim.lua')}`], {
    cwd: project,
    env: {
      ...cli.env, // PATH: the installed package's bin first
      LEAKLENS_OUT: out,
      LEAKLENS_ROOT: project,
      LEAKLENS_FILE: join(project, KT),
      LEAKLENS_OTHER_FILE: join(project, PLIST),
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

  // 1. what vim.diagnostic holds: LeakLens findings, mapped severities, initializationOptions honoured
  const codes = report.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('google-api-key') && codes.includes('firebase-database-url'), codes.join(' '));
  assert.ok(!codes.includes('insecure-cloud-endpoint'), 'turned off by init_options');
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

  // 5. Scan Workspace (workspace/executeCommand): a file Neovim never opened, and the summary message
  assert.deepEqual([...new Set(report.other.map((d) => d.code))].sort(), ['cleartext-traffic', 'google-api-key']);
  assert.ok(report.messages.some((m) => /^LeakLens: \d+ findings in \d+ files/.test(m)), report.messages.join('\n'));
});
