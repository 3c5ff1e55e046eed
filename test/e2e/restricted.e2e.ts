// Restricted Mode: workspace trust on and the folder not trusted. Diagnostics keep working; Build &
// Scan explains that it needs trust and builds nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { copyExample, launchBrowser, openFile, openWorkbench, problems, runCommand, shot, startCodeServer, type CodeServer } from './harness';

let server: CodeServer;
let browser: Browser;
let page: Page;
let folder: string;

describe('LeakLens in VS Code (Restricted Mode)', { timeout: 300_000 }, () => {
  before(async () => {
    folder = copyExample('android');
    server = await startCodeServer({ restricted: true });
    browser = await launchBrowser();
    page = await openWorkbench(browser, server, folder);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('the untrusted folder opens in Restricted Mode and still shows diagnostics', async () => {
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    await openFile(page, 'app/src/main/res/values/strings.xml');
    const rows = await problems(page, 'firebase-database-url');
    await rows.first().waitFor({ timeout: 60_000 });
    assert.match(await rows.first().innerText(), /LeakLens/);
    await shot(page, '08-restricted-mode-diagnostics');
  });

  test('Build & Scan explains that it needs a trusted workspace and builds nothing', async () => {
    await runCommand(page, 'LeakLens: Build & Scan');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /trusted workspace/i });
    await toast.first().waitFor({ timeout: 30_000 });
    assert.match(await toast.first().innerText(), /Restricted Mode|trust/i);
    await toast.first().hover(); // waits until the slide-in settles (and keeps the toast from hiding)
    await shot(page, '09-restricted-mode-build-and-scan');
    assert.equal(existsSync(join(folder, 'app/build')), false, 'no build ran');
  });
});
