// End-to-end harness: a real VS Code workbench (code-server from test/e2e/setup.sh) with the packaged
// LeakLens VSIX installed, driven by playwright-core through Debian's chromium. Servers run in their
// own process group and are killed by pid; every wait is on a condition (selector, file, log line).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { freePort, waitForPort } from '../helpers/fakeProviders';

export const ROOT = resolve(__dirname, '../..');
export const CODE_SERVER = join(ROOT, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
export const SHOTS = join(ROOT, 'test-results/e2e');
/** Set by run.sh: the extensions dir the VSIX was installed into. */
export const EXTENSIONS_DIR = process.env.LEAKLENS_E2E_EXTENSIONS ?? '';

export interface CodeServer {
  url: string;
  pid: number;
  userDataDir: string;
  stop(): Promise<void>;
}

/** Starts code-server on a free port with its own user data; `trust` switches workspace trust on. */
export async function startCodeServer(opts: { restricted?: boolean; extensionsDir?: string } = {}): Promise<CodeServer> {
  const extensionsDir = opts.extensionsDir ?? EXTENSIONS_DIR;
  if (!existsSync(CODE_SERVER)) throw new Error('code-server is not installed: run bash test/e2e/setup.sh');
  if (!extensionsDir || !existsSync(extensionsDir)) throw new Error('LEAKLENS_E2E_EXTENSIONS is not set: run the suite with npm run test:e2e');
  const userDataDir = mkdtempSync(join(tmpdir(), 'leaklens-e2e-data-'));
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': !!opts.restricted,
    // untrusted folders open straight into Restricted Mode (no modal to click through)
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'editor.hover.delay': 100,
    'editor.lightbulb.enabled': 'on',
    'files.autoSave': 'off',
    'workbench.editor.enablePreview': false,
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
    'git.enabled': false,
  }, null, 2));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [
    CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '' } });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-8000); });
  child.stderr?.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-8000); });
  try {
    await waitForPort(port, 60_000);
  } catch (e) {
    killGroup(child);
    throw new Error(`code-server did not start: ${(e as Error).message}\n${out}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    userDataDir,
    async stop() {
      const exited = child.exitCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
      killGroup(child);
      await exited;
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
}

/** A copy of examples/android in a temp folder (its build script imports jszip: node_modules linked). */
export function copyExample(name = 'android', settings: Record<string, unknown> = {}): string {
  const work = mkdtempSync(join(tmpdir(), `leaklens-e2e-${name}-`));
  cpSync(join(ROOT, 'examples', name), work, { recursive: true, filter: (p) => !/\/build(\/|$)/.test(p) });
  symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));
  const file = join(work, '.vscode/settings.json');
  const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> : {};
  mkdirSync(join(work, '.vscode'), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
  return work;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the workbench on `folder` and waits until the explorer shows it. */
export async function openWorkbench(browser: Browser, server: CodeServer, folder: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
  return page;
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Opens a quick input with `key`; pressed again if the workbench was not ready to take it yet. */
async function quickInput(page: Page, key: string): Promise<Locator> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await input.waitFor({ timeout: 5_000 });
      return input;
    } catch (e) {
      if (attempt === 6) throw e;
    }
  }
}

/** Quick Open (Ctrl+P) a workspace-relative path, then wait for its editor tab. */
export async function openFile(page: Page, relPath: string): Promise<void> {
  const base = relPath.split('/').pop()!;
  const tab = page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`);
  for (let attempt = 1; ; attempt++) {
    const input = await quickInput(page, 'Control+P');
    await input.fill(relPath);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().click();
    try {
      await tab.waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  const input = await quickInput(page, 'Control+G');
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

/** Runs a command by its title from the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = await quickInput(page, 'F1');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Problems rows (Ctrl+Shift+M) whose text includes `text`. */
export async function problems(page: Page, text: string): Promise<Locator> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor();
  return page.locator('.markers-panel .monaco-list-row', { hasText: text });
}

/** The inner frame of the webview whose document shows `[data-testid=leaklens-panel]`. */
export async function panelFrame(page: Page, timeoutMs = 60_000): Promise<FrameLocator> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const outer = page.locator('iframe.webview');
    const n = await outer.count();
    for (let i = 0; i < n; i++) {
      // code-server nests the extension's document in #active-frame inside the webview host iframe
      const inner = outer.nth(i).contentFrame().frameLocator('#active-frame');
      if (await inner.locator('[data-testid=leaklens-panel]').count().catch(() => 0)) return inner;
    }
    if (Date.now() > until) throw new Error('the LeakLens panel webview did not appear');
    await page.waitForTimeout(250); // polling interval between frame-tree checks, not a fixed wait for an effect
  }
}

/** Waits for `check()` to be truthy (files on disk, logs). */
export async function until<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every extension-host log file under the server's user data dir, concatenated. */
export function extensionHostLog(userDataDir: string): string {
  const logs: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 6 || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, depth + 1);
      else if (/exthost\.log$/i.test(name)) logs.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(userDataDir, 'logs'), 0);
  return logs.join('\n');
}

/**
 * The extension host log once it records LeakLens's activation, the event that activated it, and
 * the log's error lines about LeakLens.
 */
export async function leaklensActivation(server: CodeServer): Promise<{ log: string; event?: string; errors: string[] }> {
  const log = await until('the extension host log to record the activation', () => {
    const l = extensionHostLog(server.userDataDir);
    return /_doActivateExtension leaklens\.leaklens/i.test(l) ? l : undefined;
  });
  const event = /_doActivateExtension leaklens\.leaklens[^\n]*activationEvent: '([^']+)'/i.exec(log)?.[1];
  return { log, event, errors: log.split('\n').filter((l) => /\[error\]/.test(l) && /leaklens/i.test(l)) };
}

/** Drags the side bar's sash, as a user widens the panel (for readable screenshots). */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(`(document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) >= ${width - 40}`);
}
