// "The value stays in git history" in the editor: hover and the move-to-local.properties fix, through
// the bundled language server and a real temporary repository. A `git` wrapper first on the server's
// PATH logs every git the server runs, so the test sees it ask once per file, not per request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspClient } from './lspHarness';
import { tempRepo, type TempRepo } from '../helpers/gitRepo';

const KEY = 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q';
const OTHER = 'AIzaSyZ9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J';
const CONFIG = 'app/src/main/java/com/acme/Config.kt';
const source = (key: string) => `package com.acme\n\nobject Config {\n    const val MAPS_KEY = "${key}"\n}\n`;

function androidRepo(t: { after(fn: () => void): void }): TempRepo {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({
    'settings.gradle': "include ':app'\n",
    'app/build.gradle': 'plugins { id "com.android.application" }\nandroid {\n    namespace "com.acme"\n    defaultConfig {\n        applicationId "com.acme"\n    }\n}\n',
    '.gitignore': 'local.properties\n',
    [CONFIG]: source(KEY),
  });
  repo.commit('app with a key', { all: true });
  return repo;
}

/** A server whose git runs are logged to the returned file. */
function server(t: { after(fn: () => void): void }): { lsp: LspClient; gitLog: string } {
  const bin = mkdtempSync(join(tmpdir(), 'leaklens-gitlog-'));
  const gitLog = join(bin, 'log');
  writeFileSync(gitLog, '');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> "${gitLog}"\nexec "${realGit}" "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const lsp = new LspClient({ PATH: `${bin}:${process.env.PATH}`, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' });
  t.after(async () => { await lsp.dispose(); rmSync(bin, { recursive: true, force: true }); });
  return { lsp, gitLog };
}

const catFiles = (log: string) => readFileSync(log, 'utf8').split('\n').filter((l) => / cat-file blob HEAD:/.test(l)).length;

async function keyDiagnostic(lsp: LspClient, uri: string): Promise<Diagnostic> {
  const pub = await lsp.waitFor(uri, (p) => p.diagnostics.some((d) => d.code === 'google-api-key'));
  return pub.diagnostics.find((d) => d.code === 'google-api-key')!;
}

async function hoverText(lsp: LspClient, uri: string, d: Diagnostic): Promise<string> {
  const hover: Hover | null = await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: d.range.start.line, character: d.range.start.character + 2 } });
  return hover ? (hover.contents as { value: string }).value : '';
}

const moveFix = (actions: CodeAction[]) => actions.find((a) => /local\.properties/.test(a.title))!;

test('a committed key: hover and the move fix say to rotate it; git asked once per file until a commit or a save', { timeout: 120_000 }, async (t) => {
  const repo = androidRepo(t);
  const { lsp, gitLog } = server(t);
  await lsp.initialize(repo.dir, { trusted: true });
  const uri = await lsp.open(join(repo.dir, CONFIG), source(KEY), 'kotlin');
  const d = await keyDiagnostic(lsp, uri);
  assert.equal(catFiles(gitLog), 0, 'diagnostics never ask git');

  const hover = await hoverText(lsp, uri, d);
  assert.match(hover, /Also in git history:\*\* this value is in the committed version of this file \(HEAD\)/);
  assert.match(hover, /Rotate it/);
  const fix = moveFix(await lsp.codeActions(uri, [d]));
  assert.match(fix.title, /^Move MAPS_KEY to local\.properties and read BuildConfig\.MAPS_KEY — then rotate it: the old value stays in git history$/);
  assert.match(JSON.stringify(fix.edit?.changeAnnotations ?? {}), /does not remove it from git history/);
  await hoverText(lsp, uri, d);
  await lsp.codeActions(uri, [d]);
  assert.equal(catFiles(gitLog), 1, 'one git read for the file, whatever the number of requests');

  // typing changes nothing on the git side
  const v = await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// note\n' }]);
  await lsp.waitVersion(uri, v);
  const moved = (await lsp.waitVersion(uri, v)).diagnostics.find((x) => x.code === 'google-api-key')!;
  assert.match(await hoverText(lsp, uri, moved), /Also in git history/);
  assert.equal(catFiles(gitLog), 1);

  // a commit that removes the key from the file: HEAD no longer holds it — asked again, no note
  repo.write({ [CONFIG]: source('') });
  repo.commit('no key', { all: true });
  assert.doesNotMatch(await hoverText(lsp, uri, moved), /git history/);
  assert.doesNotMatch(moveFix(await lsp.codeActions(uri, [moved])).title, /git history/);
  assert.equal(catFiles(gitLog), 2);

  // a save asks again too
  await lsp.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  await hoverText(lsp, uri, moved);
  assert.equal(catFiles(gitLog), 3);
});

test('no note for an untracked file, a value edited since the commit, or in an untrusted workspace (no git at all)', { timeout: 120_000 }, async (t) => {
  const repo = androidRepo(t);
  const { lsp, gitLog } = server(t);
  await lsp.initialize(repo.dir, { trusted: true });
  const fresh = join(repo.dir, 'app/src/main/java/com/acme/Fresh.kt');
  writeFileSync(fresh, source(OTHER).replace('Config', 'Fresh'));
  const untracked = await lsp.open(fresh, source(OTHER).replace('Config', 'Fresh'), 'kotlin');
  const du = await keyDiagnostic(lsp, untracked);
  assert.doesNotMatch(await hoverText(lsp, untracked, du), /git history/);
  assert.doesNotMatch(moveFix(await lsp.codeActions(untracked, [du])).title, /git history/);

  const edited = await lsp.open(join(repo.dir, CONFIG), source(OTHER), 'kotlin'); // the buffer's key is not HEAD's
  const de = await keyDiagnostic(lsp, edited);
  assert.doesNotMatch(await hoverText(lsp, edited, de), /git history/);

  const { lsp: restricted, gitLog: restrictedLog } = server(t);
  await restricted.initialize(repo.dir, { trusted: false });
  const uri = await restricted.open(join(repo.dir, CONFIG), source(KEY), 'kotlin');
  const d = await keyDiagnostic(restricted, uri);
  assert.doesNotMatch(await hoverText(restricted, uri, d), /git history/);
  await restricted.codeActions(uri, [d]);
  assert.equal(readFileSync(restrictedLog, 'utf8'), '', 'no git in an untrusted workspace');
  assert.ok(catFiles(gitLog) >= 1);
});
