// Every quick fix through the bundled server: code action → WorkspaceEdit applied to a temp copy of
// the fixture project → its diagnostic goes away, touched files stay valid, a second round is a no-op.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, applyWorkspaceEdit, writeProject } from './lspHarness';
import { checkGitignore, checkGradle, checkPlist, checkXcconfig, checkXml, projectFiles } from '../unit/fixes/project';

interface Case {
  file: string;
  rule: string;
  title: RegExp;
  /** Picks the diagnostic when the file has several of the rule. */
  message?: RegExp;
  /** Files the fix must create or change. */
  touches: string[];
}

const CASES: Case[] = [
  { file: 'app/src/main/java/com/acme/data/Config.kt', rule: 'google-api-key', title: /local\.properties/, touches: ['app/build.gradle', 'local.properties'] },
  { file: 'app/src/main/java/com/acme/Api.java', rule: 'google-api-key', title: /local\.properties/, touches: ['app/build.gradle', 'local.properties'] },
  { file: 'wear/src/main/java/com/acme/wear/Keys.kt', rule: 'google-api-key', title: /local\.properties/, touches: ['wear/build.gradle.kts', 'local.properties'] },
  { file: 'app/src/main/res/values/strings.xml', rule: 'google-api-key', title: /resValue/, touches: ['app/build.gradle', 'local.properties'] },
  { file: 'ios/Runner/Info.plist', rule: 'google-api-key', title: /Secrets\.xcconfig/, touches: ['ios/Secrets.xcconfig', '.gitignore', 'ios/Flutter/Release.xcconfig'] },
  { file: 'ios/Runner/AppDelegate.swift', rule: 'google-api-key', title: /Secrets\.xcconfig/, touches: ['ios/Runner/Info.plist', 'ios/Secrets.xcconfig'] },
  { file: '.env', rule: 'aws-access-key-id', title: /gitignore/, touches: ['.gitignore'] },
  { file: 'ios/Config/Prod.xcconfig', rule: 'firebase-database-url', title: /gitignore/, touches: ['.gitignore'] },
  { file: 'app/src/main/java/com/acme/data/Config.kt', rule: 'insecure-cloud-endpoint', title: /https/, touches: [] },
  { file: 'app/src/main/AndroidManifest.xml', rule: 'cleartext-traffic', title: /cleartext/, touches: [] },
  { file: 'ios/Runner/Info.plist', rule: 'cleartext-traffic', title: /cleartext/, touches: [] },
  { file: 'app/google-services.json', rule: 'firebase-rules-missing', title: /database\.rules\.json/, touches: ['database.rules.json', 'firebase.json'] },
  { file: 'app/google-services.json', rule: 'firebase-rules-missing', message: /^Storage bucket/, title: /storage\.rules/, touches: ['storage.rules', 'firebase.json'] },
  { file: 'app/google-services.json', rule: 'firebase-rules-missing', title: /baseline/, touches: ['.leaklens.json'] },
  { file: 'app/google-services.json', rule: 'firebase-storage-bucket', title: /baseline/, touches: ['.leaklens.json'] },
  { file: 'app/src/main/java/com/acme/data/Config.kt', rule: 'google-api-key', title: /Suppress/, touches: [] },
  { file: 'app/src/main/res/values/strings.xml', rule: 'google-api-key', title: /Suppress/, touches: [] },
  { file: '.env', rule: 'aws-access-key-id', title: /Suppress/, touches: [] },
];

async function validate(dir: string, path: string): Promise<void> {
  const text = readFileSync(path, 'utf8');
  const rel = relative(dir, path);
  if (/\.gradle(\.kts)?$/.test(rel)) checkGradle(text);
  else if (rel.endsWith('.plist')) await checkPlist(text);
  else if (rel.endsWith('.xcconfig')) checkXcconfig(text);
  else if (rel.endsWith('.gitignore')) checkGitignore(text);
  else if (rel.endsWith('.json')) JSON.parse(text);
  else if (rel.endsWith('.xml')) checkXml(text);
}

for (const c of CASES) {
  test(`${c.rule} in ${c.file}: "${c.title.source}"`, { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaklens-fix-'));
    const lsp = new LspClient();
    try {
      writeProject(dir, projectFiles());
      await lsp.initialize(dir, { trusted: true });
      const path = join(dir, c.file);
      const uri = await lsp.open(path, readFileSync(path, 'utf8'));
      const diag = (await lsp.waitVersion(uri, 1)).diagnostics.find((d: Diagnostic) => d.code === c.rule && (!c.message || c.message.test(d.message)));
      assert.ok(diag, `${c.rule} reported in ${c.file}`);
      const actions: CodeAction[] = await lsp.codeActions(uri, [diag]);
      const action = actions.find((a) => c.title.test(a.title));
      assert.ok(action?.edit, `action ${c.title} among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(action.kind, 'quickfix');
      const touched = applyWorkspaceEdit(action.edit);
      for (const t of c.touches) assert.ok(existsSync(join(dir, t)) && touched.includes(join(dir, t)), `${t} written`);
      for (const t of new Set(touched)) await validate(dir, t);
      // What VS Code's file watchers (synchronize.fileEvents) report for the written files.
      await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [...new Set(touched)].map((t) => ({ uri: pathToFileURL(t).href, type: 2 })) });
      // The editor now holds the fixed text.
      const v = await lsp.change(uri, [{ text: readFileSync(path, 'utf8') }]);
      const after = (await lsp.waitVersion(uri, v)).diagnostics;
      const same = after.filter((d) => d.code === c.rule && (d.data as { fingerprint: string }).fingerprint === (diag.data as { fingerprint: string }).fingerprint);
      assert.deepEqual(same, [], 'diagnostic gone');
      // Second round with the old diagnostic: the same fix is not offered again (or changes nothing).
      const snapshot = touched.map((t) => readFileSync(t, 'utf8'));
      const again = (await lsp.codeActions(uri, [diag])).filter((a) => a.title === action.title);
      const again2 = same.length ? (await lsp.codeActions(uri, same)).filter((a) => a.title === action.title) : [];
      for (const a of [...again, ...again2]) applyWorkspaceEdit(a.edit!);
      assert.deepEqual(touched.map((t) => readFileSync(t, 'utf8')), snapshot, 'applying twice changes nothing');
      assert.ok(lsp.alive);
    } finally {
      await lsp.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
