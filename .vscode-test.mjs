// @vscode/test-cli config: the extension-host (Electron) suite in test/electron, for machines that can
// download VS Code (`npx vscode-test`; see test/electron/README.md). The CI end-to-end run on this
// project's machines is test/e2e (code-server + chromium), which covers the same scenarios in the UI.
import { defineConfig } from '@vscode/test-cli';
import { buildSync } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve('.');
// the mocha files run inside the extension host: bundle them (TypeScript + test helpers) to CommonJS
buildSync({
  entryPoints: ['test/electron/*.test.ts'], outdir: 'test/electron/out', bundle: true, platform: 'node', target: 'node20',
  format: 'cjs', external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
});
// a throw-away copy of examples/android (Build & Scan writes its APK into it; its build imports jszip)
const workspace = mkdtempSync(join(tmpdir(), 'leaklens-electron-'));
cpSync(join(root, 'examples/android'), workspace, { recursive: true, filter: (p) => !/\/build(\/|$)/.test(p) });
symlinkSync(join(root, 'node_modules'), join(workspace, 'node_modules'));
const userData = mkdtempSync(join(tmpdir(), 'leaklens-electron-data-'));
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none' }));

export default defineConfig({
  label: 'extension-host',
  files: 'test/electron/out/*.test.js',
  version: process.env.VSCODE_VERSION ?? 'stable',
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--user-data-dir', userData],
  env: { LEAKLENS_REPO: root },
  mocha: { ui: 'bdd', timeout: 180_000 },
});
