// Every text file is read (issue 14), in real VS Code: a folder holding only a committed APNs-style
// key (`.pem`) and a `production.env` — no Android/iOS project markers — activates LeakLens lazily
// (workspaceContains / onLanguage, never `*`), and each file opened shows its diagnostics (squiggle
// and Problems entry).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, leaklensActivation, openFile, openWorkbench, problems, shot, startCodeServer, type CodeServer } from './harness';

let server: CodeServer;
let browser: Browser;
let page: Page;
let folder: string;

const KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const ENV = 'API_BASE=https://api.acme-photos.io\nAWS_ACCESS_KEY_ID=AKIAQ3EGRDCXPLZ7WXYZ\nMEDIA_BUCKET=https://acme-photos-media.s3.eu-west-1.amazonaws.com/\n';

describe('LeakLens in VS Code: keys and env files of any name', { timeout: 300_000 }, () => {
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'leaklens-e2e-every-'));
    mkdirSync(join(folder, 'ios/certs'), { recursive: true });
    mkdirSync(join(folder, 'config'), { recursive: true });
    writeFileSync(join(folder, 'ios/certs/certificates.pem'), `Bag Attributes\n    friendlyName: push\n${KEY}`);
    writeFileSync(join(folder, 'config/production.env'), ENV);
    server = await startCodeServer();
    browser = await launchBrowser();
    page = await openWorkbench(browser, server, folder);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('a .pem opened in the editor shows its private-key diagnostic', async () => {
    await openFile(page, 'ios/certs/certificates.pem');
    // the squiggle in the editor, on the key block
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    const rows = await problems(page, 'private-key');
    await rows.first().waitFor({ timeout: 60_000 });
    assert.match(await rows.first().innerText(), /LeakLens/);
    assert.match(await rows.first().innerText(), /PEM private key/);
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'certificates.pem' }).first().waitFor();
    await shot(page, '20-pem-private-key');
  });

  test('a production.env opened in the editor shows its key and bucket diagnostics', async () => {
    await openFile(page, 'config/production.env');
    const key = await problems(page, 'aws-access-key-id');
    await key.first().waitFor({ timeout: 60_000 });
    const bucket = await problems(page, 'aws-s3-bucket');
    await bucket.first().waitFor({ timeout: 60_000 });
    assert.match(await bucket.first().innerText(), /acme-photos-media/);
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'production.env' }).first().waitFor();
    await shot(page, '21-production-env');
  });

  test('the extension activated lazily from a key or env file, without errors', async () => {
    const { log, event, errors } = await leaklensActivation(server);
    assert.doesNotMatch(log, /Activating extension .?leaklens\.leaklens.? failed/i);
    // the event that woke it: one of the new triggers (a *.pem/*.p8/*.env in the folder, a plaintext
    // file), whichever came first. VS Code names a workspace search's activation by every
    // workspaceContains glob of the extension, comma-joined (not the one that matched): the folder
    // holds no other file any of them matches, so the list must hold a new trigger. Opening a file
    // first (the search is slower, or times out, on a loaded machine) gives onLanguage instead.
    const trail = log.split('\n').filter((l) => /leaklens/i.test(l)).join('\n');
    const globs = /^workspaceContains:(.+)$/.exec(event ?? '')?.[1].split(',');
    if (globs) assert.ok(globs.some((g) => /^\*\*\/\*\.(pem|p8|env)$/.test(g)), trail);
    else assert.match(event ?? '', /^onLanguage:(plaintext|properties)$/, trail);
    assert.deepEqual(errors, []);
  });
});
