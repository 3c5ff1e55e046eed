// `firebase-rules-missing` through the bundled server: it follows the project's rules files as they
// appear and disappear on disk, as firebase.json is edited in the editor, and in Scan Workspace.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, writeProject, type Published } from './lspHarness';

const GS = 'app/google-services.json';
const KT = 'app/src/main/java/com/acme/Db.kt';
const files = {
  [GS]: JSON.stringify({ project_info: { project_id: 'acme', firebase_url: 'https://acme-default-rtdb.firebaseio.com', storage_bucket: 'acme.appspot.com' } }, null, 2),
  [KT]: 'package com.acme\n\nval db = "https://acme-default-rtdb.firebaseio.com"\n',
  'README.md': 'nothing here\n',
};
const LOCKED = '{ "rules": { ".read": "auth != null", ".write": "auth != null" } }\n';

let dir: string;
let lsp: LspClient;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leaklens-rules-missing-'));
  writeProject(dir, files);
  lsp = new LspClient();
  await lsp.initialize(dir, { trusted: true });
});
after(async () => {
  await lsp.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const missing = (p: Published) => p.diagnostics.filter((d: Diagnostic) => d.code === 'firebase-rules-missing').map((d) => d.message.split(' ')[0]);
const watched = (rel: string, type: 1 | 2 | 3) => lsp.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, rel)).href, type }] });

test('rules files created and deleted on disk update open documents without an edit', { timeout: 60_000 }, async () => {
  const gs = await lsp.open(join(dir, GS), files[GS], 'json');
  const kt = await lsp.open(join(dir, KT), files[KT], 'kotlin');
  // the file's own findings may come first; firebase-rules-missing once the root's Firebase files are listed
  assert.deepEqual(missing(await lsp.waitFor(gs, (p) => p.version === 1 && missing(p).length > 0)), ['Realtime', 'Storage']);
  const first = await lsp.waitFor(kt, (p) => p.version === 1 && missing(p).length > 0);
  assert.deepEqual(missing(first), ['Realtime']);
  const range = first.diagnostics.find((d) => d.code === 'firebase-rules-missing')!.range;
  assert.deepEqual(range, first.diagnostics.find((d) => d.code === 'firebase-database-url')!.range, 'on the URL itself');

  writeFileSync(join(dir, 'database.rules.json'), LOCKED);
  await watched('database.rules.json', 1);
  assert.deepEqual(missing(await lsp.waitFor(gs, (p) => missing(p).length === 1)), ['Storage']);
  await lsp.waitFor(kt, (p) => missing(p).length === 0);

  rmSync(join(dir, 'database.rules.json'));
  await watched('database.rules.json', 3);
  await lsp.waitFor(gs, (p) => missing(p).length === 2);
  assert.deepEqual(missing(await lsp.waitFor(kt, (p) => missing(p).length === 1)), ['Realtime']);

  // Typing in the Kotlin file (keystroke fast path) keeps the finding on the moved URL.
  const v = await lsp.change(kt, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n\n' }]);
  const typed = await lsp.waitVersion(kt, v);
  assert.deepEqual(typed.diagnostics.filter((d) => d.code === 'firebase-rules-missing').map((d) => d.range.start.line), [4]);
  await lsp.close(gs);
  await lsp.close(kt);
});

test('firebase.json edited in the editor (unsaved) counts; its rules file must exist', { timeout: 60_000 }, async () => {
  const gs = await lsp.open(join(dir, GS), files[GS], 'json');
  await lsp.waitFor(gs, (p) => p.version === 1 && missing(p).length === 2);
  mkdirSync(join(dir, 'firebase'));
  const fj = await lsp.open(join(dir, 'firebase.json'), '{}', 'json');
  await lsp.change(fj, [{ text: JSON.stringify({ storage: { rules: 'firebase/storage-prod.rules' } }) }]);
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(missing(lsp.published.get(gs)!).length, 2, 'the named file does not exist');
  writeFileSync(join(dir, 'firebase', 'storage-prod.rules'), "rules_version = '2';\n");
  await lsp.change(fj, [{ text: JSON.stringify({ storage: { rules: 'firebase/storage-prod.rules' } }, null, 2) }]);
  assert.deepEqual(missing(await lsp.waitFor(gs, (p) => missing(p).length === 1)), ['Realtime']);
  await lsp.close(fj);
  await lsp.close(gs);
  rmSync(join(dir, 'firebase'), { recursive: true, force: true });
});

test('Scan Workspace reports it for closed files and drops it when the rules appear', { timeout: 60_000 }, async () => {
  const result = await lsp.conn.sendRequest('leaklens/scanWorkspace', {}) as { findings: number };
  assert.ok(result.findings > 0);
  const gsUri = pathToFileURL(join(dir, GS)).href;
  assert.deepEqual(missing(await lsp.waitFor(gsUri, (p) => missing(p).length === 2)), ['Realtime', 'Storage']);
  writeFileSync(join(dir, 'storage.rules'), "rules_version = '2';\n");
  await watched('storage.rules', 1);
  assert.deepEqual(missing(await lsp.waitFor(gsUri, (p) => missing(p).length === 1)), ['Realtime']);
  rmSync(join(dir, 'storage.rules'));
  await watched('storage.rules', 3);
});

test('a file outside the workspace folders has no project to judge: no firebase-rules-missing', { timeout: 60_000 }, async () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'leaklens-outside-'));
  try {
    const path = join(elsewhere, 'Db.kt');
    writeFileSync(path, files[KT]);
    const uri = await lsp.open(path, files[KT], 'kotlin');
    const p = await lsp.waitVersion(uri, 1);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['firebase-database-url']);
    await lsp.close(uri);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
