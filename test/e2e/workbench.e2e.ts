// LeakLens in a real VS Code workbench (code-server + the packaged VSIX), trusted folder: what a
// user sees in a copy of examples/android. Scenarios share one server and run in order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  copyExample, leaklensActivation, widenSideBar, goTo, launchBrowser, openFile, openWorkbench, panelFrame, problems, runCommand, shot,
  startCodeServer, until, type CodeServer,
} from './harness';
import { startStandIns, type StandIns } from './stubs';

const SQUIGGLE = '.editor-instance .monaco-editor .view-overlays [class*="squiggly-"]';
let standIns: StandIns;
let server: CodeServer;
let browser: Browser;
let page: Page;
let folder: string;

describe('LeakLens in VS Code (trusted workspace)', { timeout: 540_000 }, () => {
  before(async () => {
    standIns = await startStandIns();
    folder = copyExample('android', { 'leaklens.probe.enabled': true, 'leaklens.probe.endpointOverrides': standIns.overrides });
    server = await startCodeServer();
    browser = await launchBrowser();
    page = await openWorkbench(browser, server, folder);
  });

  after(async () => {
    if (page) await shot(page, 'zz-last-state').catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await standIns?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('strings.xml and a Kotlin file show squiggles and LeakLens problems; hover explains the rule', async () => {
    await openFile(page, 'app/src/main/res/values/strings.xml');
    await page.locator(SQUIGGLE).first().waitFor({ timeout: 60_000 });
    const rows = await problems(page, 'google-api-key');
    await rows.first().waitFor({ timeout: 30_000 });
    assert.match(await rows.first().innerText(), /LeakLens/);
    await shot(page, '01-strings-xml-diagnostics');

    await openFile(page, 'app/src/main/java/com/acme/photos/CloudConfig.kt');
    await page.locator(SQUIGGLE).first().waitFor({ timeout: 30_000 });
    const kt = await problems(page, 'azure-storage-account-key');
    await kt.first().waitFor({ timeout: 30_000 });
    assert.match(await kt.first().innerText(), /LeakLens/);
    // every problem in the file comes from LeakLens, with its rule id
    const all = page.locator('.markers-panel .monaco-list-row', { hasText: 'LeakLens' });
    assert.ok((await all.count()) >= 5, 'LeakLens rows in Problems');

    // hover on the RTDB URL in strings.xml (line 6, inside the value): the rule documentation
    await openFile(page, 'app/src/main/res/values/strings.xml');
    await goTo(page, 6, 80);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'LeakLens:' });
    await hover.first().waitFor({ timeout: 30_000 });
    const text = await hover.first().innerText();
    assert.match(text, /firebase-database-url/);
    assert.match(text, /How to lock it down/);
    assert.match(text, /rule documentation/);
    await shot(page, '02-hover');
    await page.keyboard.press('Escape');
  });

  test('quick fix from the lightbulb moves an AWS key to local.properties and BuildConfig', async () => {
    await openFile(page, 'app/src/main/java/com/acme/photos/Uploader.java');
    await page.locator(SQUIGGLE).first().waitFor({ timeout: 30_000 });
    await goTo(page, 9, 50); // inside "AKIA44L8J67DRCPYONC4"
    await chooseQuickFix(page, 'local.properties', '03-quick-fix-menu');
    await runCommand(page, 'File: Save All');
    const uploader = join(folder, 'app/src/main/java/com/acme/photos/Uploader.java');
    await until('Uploader.java to read BuildConfig', () => /ACCESS_KEY = BuildConfig\.\w+;/.test(readFileSync(uploader, 'utf8')));
    assert.doesNotMatch(readFileSync(uploader, 'utf8'), /AKIA44L8J67DRCPYONC4/);
    const props = join(folder, 'local.properties');
    await until('local.properties with the key', () => existsSync(props) && /=AKIA44L8J67DRCPYONC4$/m.test(readFileSync(props, 'utf8')));
    const gradle = join(folder, 'app/build.gradle');
    await until('app/build.gradle with the buildConfigField', () => /buildConfigField\s+"String",\s*"ACCESS_KEY"/.test(readFileSync(gradle, 'utf8')));
    await shot(page, '04-quick-fix-applied');
  });

  test('"Create locked-down database.rules.json" writes the rules and its problems go away', async () => {
    await openFile(page, 'app/google-services.json');
    await problems(page, 'LeakLens');
    // Problems renders only the rows in view: filter it down to the rule's messages
    const filter = page.getByPlaceholder(/^Filter \(e\.g\./);
    await filter.fill('this project keeps no');
    const database = page.locator('.markers-panel .monaco-list-row', { hasText: 'keeps no database rules' });
    const storage = page.locator('.markers-panel .monaco-list-row', { hasText: 'keeps no storage.rules' });
    await until('"keeps no database rules" problems', async () => (await database.count()) >= 3, 30_000); // strings.xml, CloudConfig.kt, google-services.json
    await goTo(page, 4, 40); // inside the firebase_url value
    await chooseQuickFix(page, 'Create locked-down database.rules.json');
    await runCommand(page, 'File: Save All');
    const rules = join(folder, 'database.rules.json');
    await until('database.rules.json on disk', () => existsSync(rules) && /"auth != null"/.test(readFileSync(rules, 'utf8')));
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'firebase.json'), 'utf8')), { database: { rules: 'database.rules.json' } });
    // the client's file watcher tells the server: every "keeps no database rules" problem goes, the bucket's stay
    await until('no "keeps no database rules" problem left', async () => (await database.count()) === 0, 30_000);
    assert.ok((await storage.count()) >= 2, 'the bucket still has no rules');
    await shot(page, '04b-rules-created');
    await filter.fill('');
  });

  test('typing a new cloud URL shows its diagnostic', async () => {
    await openFile(page, 'app/src/main/java/com/acme/photos/CloudConfig.kt');
    await goTo(page, 9, 1); // `object CloudConfig {`: a new line below it, indented by the editor
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // the closing quote types over an auto-closed one where the language has auto-closing pairs
    await page.keyboard.type('const val TYPED_BUCKET = "https://e2e-typed-uploads.s3.amazonaws.com/"');
    const rows = await problems(page, 'e2e-typed-uploads');
    await rows.first().waitFor({ timeout: 30_000 });
    assert.match(await rows.first().innerText(), /aws-s3-bucket/);
    await shot(page, '05-typed-url-diagnostic');
  });

  test('Build & Scan builds the APK, the panel lists endpoints graded by local stand-ins, a finding opens its source', async (t) => {
    await runCommand(page, 'LeakLens: Build & Scan');
    const apk = join(folder, 'app/build/outputs/apk/debug/app-debug.apk');
    await until('the APK built by the project build command', () => existsSync(apk), 120_000);
    const panel = await panelFrame(page, 120_000);
    const rtdb = panel.locator('[data-testid=endpoint-row][data-url*="acme-photos-prod-default-rtdb"]');
    await rtdb.first().waitFor({ timeout: 120_000 });
    assert.match(await rtdb.first().locator('[data-testid=status]').innerText(), /open-(read|list)/);
    // the S3 bucket s3rver lists anonymously
    const s3 = panel.locator('[data-testid=endpoint-row][data-url*="acme-photos-user-uploads"]');
    assert.match(await s3.first().locator('[data-testid=status]').innerText(), /open-(read|list|write)/);
    const rows = panel.locator('[data-testid=endpoint-row]');
    const graded: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      graded.push(`${await rows.nth(i).locator('[data-testid=status]').innerText()} ${await rows.nth(i).getAttribute('data-url')}`);
    }
    for (const g of graded) t.diagnostic(g);
    // the stand-in denies this GCS bucket; the SAS token shipped for the Azure container grants writes
    assert.ok(graded.includes('auth-required https://storage.googleapis.com/storage/v1/b/acme-photos-exports/o'), 'denied GCS bucket');
    assert.ok(graded.includes('open-write https://acmephotosbackup.blob.core.windows.net/shared?restype=container&comp=list'), 'Azure container opened by its SAS');
    // one row per resource: the bucket is named with and without its region in the app
    assert.equal(graded.filter((g) => g.includes('acme-photos-user-uploads')).length, 1, 'one row for the S3 bucket');
    assert.ok(Number.parseInt(await panel.locator('[data-testid=count-critical]').innerText(), 10) > 0, 'critical findings counted');
    await widenSideBar(page, 560);
    await shot(page, '06-build-and-scan-panel');

    // click-to-source: a source finding in strings.xml opens the editor on that line
    const link = panel.locator('[data-testid=finding-link]', { hasText: 'strings.xml' }).first();
    const where = await link.innerText();
    await link.click();
    await page.locator('.tabs-container .tab.active[aria-label*="strings.xml"]').waitFor({ timeout: 30_000 });
    const line = /:(\d+)/.exec(where)?.[1];
    if (line) await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).first().waitFor({ timeout: 30_000 });
    await shot(page, '07-finding-opens-source');
  });

  test('the Findings tree lists the scan by source file and by artifact entry; a finding opens its line', async () => {
    const pane = (name: string) => page.locator('.pane', { has: page.locator('.pane-header', { hasText: name }) });
    const exposure = pane('Exposure').locator('.pane-header');
    const findings = pane('Findings');
    // room for the tree: fold the Exposure panel for a moment
    if ((await exposure.getAttribute('aria-expanded')) === 'true') await exposure.click();
    const header = findings.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const rows = findings.locator('.monaco-list-row');
    await rows.filter({ hasText: 'CloudConfig.kt' }).first().waitFor({ timeout: 30_000 });
    await shot(page, '07c-findings-tree');
    // folded to its groups: the source files, then the APK
    await header.hover();
    await findings.locator('.pane-header .action-label.codicon-collapse-all').click();
    await until('only groups shown', async () => !(await rows.filter({ hasText: ' · line ' }).count()));
    const groups: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) groups.push(await rows.nth(i).innerText());
    assert.ok(groups.some((g) => /CloudConfig\.kt\s*\d+ findings/.test(g)), groups.join(' | '));
    assert.match(groups.at(-1)!, /app-debug\.apk\s*\d+ findings/, 'the artifact after the source files');
    // a source finding opens its line
    await rows.filter({ hasText: 'CloudConfig.kt' }).first().click();
    const key = rows.filter({ hasText: 'azure-storage-account-key' }).first();
    await key.waitFor();
    const line = /line (\d+)/.exec(await key.innerText())![1];
    await key.click();
    await page.locator('.tabs-container .tab.active[aria-label*="CloudConfig.kt"]').waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).first().waitFor({ timeout: 30_000 });
    await exposure.click(); // the panel back for the next scenario
  });

  test('Scan Artifact… on the APK Build & Scan produced lists what ships in it', async () => {
    const apk = join(folder, 'app/build/outputs/apk/debug/app-debug.apk');
    assert.ok(existsSync(apk), 'the APK from the Build & Scan scenario');
    await runCommand(page, 'LeakLens: Scan Artifact…');
    // VS Code's own open dialog (a quick input taking a path in the browser workbench)
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Scan' }).first().waitFor();
    // the dialog fills in its start folder asynchronously: type the path only after it did
    const start = Date.now();
    while (!(await input.inputValue()).endsWith('/')) {
      assert.ok(Date.now() - start < 30_000, 'the open dialog shows its start folder');
      await page.waitForTimeout(100); // polling interval for the condition above
    }
    // the dialog validates the typed path asynchronously; type it again if it did not take it
    for (let attempt = 1; ; attempt++) {
      await input.fill(apk);
      await page.locator('.quick-input-widget .monaco-button', { hasText: 'Scan' }).first().click();
      try {
        await input.waitFor({ state: 'hidden', timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
    const panel = await panelFrame(page);
    // no source findings are joined in: every finding points into the APK
    await panel.locator('[data-testid=finding-link]', { hasNotText: 'shipped in' }).first().waitFor({ state: 'detached', timeout: 120_000 });
    const links = panel.locator('[data-testid=finding-link]');
    assert.ok((await links.count()) >= 10, 'artifact findings listed');
    assert.match(await panel.locator('[data-testid=title]').innerText(), /app-debug\.apk/);
    await page.locator('.notification-toast', { hasText: 'probing endpoints' }).waitFor({ state: 'detached', timeout: 60_000 });
    await shot(page, '07b-scan-artifact-panel');
  });

  test('the extension host log shows LeakLens activated without errors', async () => {
    const { log, errors } = await leaklensActivation(server);
    assert.doesNotMatch(log, /Activating extension .?leaklens\.leaklens.? failed/i);
    assert.deepEqual(errors, []);
  });
});

/** Opens the lightbulb menu at the cursor and runs the quick fix whose title contains `title`. */
async function chooseQuickFix(page: Page, title: string, screenshot?: string): Promise<void> {
  // Ctrl+. opens the menu at the cursor; asked again while the server is still busy
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await item.first().waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 6) throw e;
      await page.keyboard.press('Escape');
    }
  }
  if (screenshot) await shot(page, screenshot);
  // chosen with the keyboard, as the menu's pointer guard swallows synthetic clicks right after opening
  for (let i = 0; i < 10 && !(await page.locator('.action-widget .monaco-list-row.focused', { hasText: title }).count()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}
