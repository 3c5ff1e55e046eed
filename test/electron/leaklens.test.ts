// Extension-host suite (@vscode/test-cli, mocha): the e2e scenarios through the VS Code API, on a
// throw-away copy of examples/android opened by .vscode-test.mjs. Probes go to an in-test stand-in.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startFakeProviders, type FakeProviders } from '../helpers/fakeProviders';

const EXTENSION_ID = 'leaklens.leaklens';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}
const file = (rel: string) => vscode.Uri.joinPath(folder(), rel);

/** Polls `check` (diagnostics, files) until it is truthy. */
async function until<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function leaklensDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'LeakLens' && (!ruleId || codeOf(d) === ruleId));
}
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('LeakLens in the extension host', () => {
  let fake: FakeProviders;

  before(async () => {
    fake = await startFakeProviders({
      rtdb: { 'acme-photos-prod-default-rtdb': { kind: 'open', data: { users: {}, photos: {} } } },
      firestore: { 'acme-photos-prod': 'denied' },
      storage: { 'acme-photos-prod.appspot.com': { objects: ['avatars/u1.jpg'] } },
      gcs: { 'acme-photos-avatars': { objects: ['u1.jpg'], iam: ['storage.objects.list'] } },
      remoteConfig: {},
      supabase: { anonKey: 'none', tables: {} },
    });
    const overrides = Object.fromEntries(['firebase', 'firestore', 'storage', 'remoteconfig', 'gcs', 's3', 'spaces', 'oss', 'azure', 'supabase'].map((k) => [k, fake.base]));
    const config = vscode.workspace.getConfiguration('leaklens', folder());
    await config.update('probe.enabled', true, vscode.ConfigurationTarget.Workspace);
    await config.update('probe.endpointOverrides', overrides, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await fake?.stop();
  });

  it('activates without errors', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('flags strings.xml and a Kotlin file; hover explains the rule', async () => {
    const strings = file('app/src/main/res/values/strings.xml');
    await vscode.window.showTextDocument(strings);
    await until('google-api-key in strings.xml', () => leaklensDiagnostics(strings, 'google-api-key').length > 0);
    const kt = file('app/src/main/java/com/acme/photos/CloudConfig.kt');
    await vscode.window.showTextDocument(kt);
    await until('azure-storage-account-key in CloudConfig.kt', () => leaklensDiagnostics(kt, 'azure-storage-account-key').length > 0);

    const rtdb = leaklensDiagnostics(strings, 'firebase-database-url')[0];
    assert.ok(rtdb, 'the RTDB URL is flagged');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', strings, rtdb.range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /How to lock it down/);
  });

  it('quick fix moves an AWS key to local.properties and BuildConfig', async () => {
    const uploader = file('app/src/main/java/com/acme/photos/Uploader.java');
    await vscode.window.showTextDocument(uploader);
    const d = await until('aws-access-key-id in Uploader.java', () => leaklensDiagnostics(uploader, 'aws-access-key-id')[0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uploader, d.range, vscode.CodeActionKind.QuickFix.value);
    const move = actions.find((a) => /local\.properties/.test(a.title));
    assert.ok(move?.edit, `a move-to-local.properties fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(await vscode.workspace.applyEdit(move.edit), true);
    await vscode.workspace.saveAll(true);
    assert.match(readFileSync(uploader.fsPath, 'utf8'), /ACCESS_KEY = BuildConfig\.\w+;/);
    assert.match(readFileSync(file('local.properties').fsPath, 'utf8'), /=AKIA44L8J67DRCPYONC4$/m);
  });

  it('a typed cloud URL gets its diagnostic', async () => {
    const kt = file('app/src/main/java/com/acme/photos/CloudConfig.kt');
    const editor = await vscode.window.showTextDocument(kt);
    await editor.edit((e) => e.insert(new vscode.Position(9, 0), '    const val TYPED = "https://e2e-typed-uploads.s3.amazonaws.com/"\n'));
    await until('the typed bucket diagnostic', () => leaklensDiagnostics(kt, 'aws-s3-bucket').some((x) => x.message.includes('e2e-typed-uploads')));
  });

  it('Build & Scan builds the APK and probes the stand-in', async () => {
    const before = fake.requests.length;
    await vscode.commands.executeCommand('leaklens.buildAndScan');
    await until('the APK', () => existsSync(join(folder().fsPath, 'app/build/outputs/apk/debug/app-debug.apk')), 120_000);
    await until('a probe request to the RTDB stand-in', () => fake.requests.slice(before).some((r) => r.url.includes('ns=acme-photos-prod-default-rtdb')), 120_000);
  });
});
