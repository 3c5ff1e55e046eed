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
import { parseRules } from '../../server/src/core/misconfig/firebaseRulesLang';
import { splitStatements } from '../../server/src/core/misconfig/sqlLexer';
import { checkGitignore, checkGradle, checkPlist, checkXcconfig, checkXml, projectFiles } from '../unit/fixes/project';

interface Case {
  file: string;
  rule: string;
  title: RegExp;
  /** Picks the diagnostic when the file has several of the rule. */
  message?: RegExp;
  /** Files the fix must create or change. */
  touches: string[];
  /** Files added to the fixture project for this case. */
  extra?: Record<string, string>;
}

const NSC = 'app/src/main/res/xml/network_security_config.xml';
const rtdbRules = (rules: string) => `{\n  "rules": ${rules}\n}\n`;
const securityRules = (service: 'cloud.firestore' | 'firebase.storage', body: string) =>
  `rules_version = '2';\nservice ${service} {\n  match /${service === 'cloud.firestore' ? 'databases/{database}/documents' : 'b/{bucket}/o'} {\n${body}\n  }\n}\n`;
const MIGRATION = 'supabase/migrations/20240101000000_init.sql';
const GEN1 = 'amplify/backend/storage/s3media/cli-inputs.json';
const GEN2 = 'amplify/storage/resource.ts';

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
  { file: NSC, rule: 'cleartext-traffic', title: /cleartext/, touches: [], extra: { [NSC]: '<?xml version="1.0" encoding="utf-8"?>\n<network-security-config>\n    <base-config cleartextTrafficPermitted="true" />\n</network-security-config>\n' } },
  { file: 'database.rules.json', rule: 'firebase-rules-public-read', title: /auth\.uid === \$uid/, touches: [], extra: { 'database.rules.json': rtdbRules('{\n    "users": {\n      "$uid": {\n        ".read": true\n      }\n    }\n  }') } },
  { file: 'database.rules.json', rule: 'firebase-rules-test-mode', title: /auth != null/, touches: [], extra: { 'database.rules.json': rtdbRules('{\n    ".read": "now < 1893456000000",\n    ".write": false\n  }') } },
  { file: 'firestore.rules', rule: 'firebase-rules-public-read', title: /Require the owner/, touches: [], extra: { 'firestore.rules': securityRules('cloud.firestore', '    match /users/{userId} {\n      allow read: if true;\n    }') } },
  { file: 'storage.rules', rule: 'firebase-rules-public-write', title: /Deny/, touches: [], extra: { 'storage.rules': securityRules('firebase.storage', '    match /uploads/{fileName} {\n      allow write;\n    }') } },
  { file: MIGRATION, rule: 'supabase-rls-disabled', title: /row level security/, touches: [], extra: { [MIGRATION]: 'create table public.orders (\n  id bigint primary key,\n  note text\n);\n' } },
  { file: GEN1, rule: 'amplify-storage-guest-access', title: /guest write/, touches: [], extra: { [GEN1]: '{\n  "storageAccess": "authAndGuest",\n  "guestAccess": [\n    "CREATE_AND_UPDATE",\n    "DELETE"\n  ]\n}\n' } },
  { file: GEN2, rule: 'amplify-storage-guest-access', title: /Remove guest access/, touches: [], extra: { [GEN2]: "export const storage = defineStorage({\n  name: 'm',\n  access: (allow) => ({\n    'up/*': [\n      allow.guest.to(['write', 'delete']),\n      allow.authenticated.to(['read']),\n    ],\n  }),\n});\n" } },
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
  else if (rel.endsWith('.rules')) parseRules(text); // throws on a syntax error
  else if (rel.endsWith('.sql')) assert.ok(splitStatements(text).length > 0);
}

for (const c of CASES) {
  test(`${c.rule} in ${c.file}: "${c.title.source}"`, { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaklens-fix-'));
    const lsp = new LspClient();
    try {
      writeProject(dir, { ...projectFiles(), ...c.extra });
      await lsp.initialize(dir, { trusted: true });
      const path = join(dir, c.file);
      const uri = await lsp.open(path, readFileSync(path, 'utf8'));
      const wanted = (d: Diagnostic) => d.code === c.rule && (!c.message || c.message.test(d.message));
      // project-level findings (firebase-rules-missing) follow the file's own in a second publication
      const diag = (await lsp.waitFor(uri, (p) => p.version === 1 && p.diagnostics.some(wanted))).diagnostics.find(wanted);
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
