// The language server over a real JSON-RPC client on the files issue 14 adds: keys, env files named
// either way, backups, fastlane, unknown names with text content — opened and in Scan Workspace;
// binary names, lockfiles and binary content stay quiet; a git-ignored key file is where keys belong.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, writeProject } from './lspHarness';
import { OWNER_RULES, OWNER_STORAGE_RULES } from './cli-helpers';

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const FILES: Record<string, string> = {
  'ios/AuthKey_ABCDE12345.p8': pem,
  'ios/certs/certificates.pem': pem,
  'config/production.env': 'API=https://api.acme.io\nAWS_ACCESS_KEY_ID=AKIAQ3EGRDCXPLZ7WXYZ\n',
  'android/app/google-services.json.v1': '{\n  "project_info": {\n    "firebase_url": "https://acme-old-default-rtdb.firebaseio.com"\n  }\n}\n',
  'ios/Runner/Info.plist.bak': '<plist><dict>\n<key>Bucket</key>\n<string>https://acme-ios.s3.amazonaws.com/</string>\n</dict></plist>\n',
  'fastlane/Fastfile': 'lane :beta do\n  s3(access_key: "AKIAQ3EGRDCXPLZ7ABCD")\nend\n',
  'tools/deploy-notes': 'staging: https://acme-staging-default-rtdb.firebaseio.com\n',
  'package-lock.json': '{"packages": {"": {"resolved": "https://acme-lock-default-rtdb.firebaseio.com/x.tgz"}}}\n',
  'res/logo.svg': '<svg><text>https://acme-svg-default-rtdb.firebaseio.com</text></svg>\n',
  'database.rules.json': OWNER_RULES,
  'storage.rules': OWNER_STORAGE_RULES,
};
/** Expected rule ids per file (the ones with findings). */
const EXPECTED: Record<string, string[]> = {
  'ios/AuthKey_ABCDE12345.p8': ['private-key'],
  'ios/certs/certificates.pem': ['private-key'],
  'config/production.env': ['aws-access-key-id'],
  'android/app/google-services.json.v1': ['firebase-database-url'],
  'ios/Runner/Info.plist.bak': ['aws-s3-bucket'],
  'fastlane/Fastfile': ['aws-access-key-id'],
  'tools/deploy-notes': ['firebase-database-url'],
};

let dir: string;
const clients: LspClient[] = [];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'leaklens-every-'));
  writeProject(dir, FILES);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets/blob.dat'), Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from('https://acme-blob-default-rtdb.firebaseio.com')]));
});

after(async () => {
  for (const c of clients) await c.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function client(): Promise<LspClient> {
  const c = new LspClient();
  clients.push(c);
  await c.initialize(dir, { trusted: false });
  return c;
}
const ids = (ds: Diagnostic[]) => [...new Set(ds.map((d) => String(d.code)))].sort();

test('opened .pem/.p8/production.env/backup/Fastfile/unknown-name files show diagnostics; lockfiles and SVGs do not', { timeout: 120_000 }, async () => {
  const lsp = await client();
  for (const [rel, rules] of Object.entries(EXPECTED)) {
    const uri = await lsp.open(join(dir, rel), FILES[rel], 'plaintext');
    const { diagnostics } = await lsp.waitVersion(uri, 1);
    assert.deepEqual(ids(diagnostics), rules, rel);
  }
  const [pemDiag] = (await lsp.waitVersion(pathToFileURL(join(dir, 'ios/AuthKey_ABCDE12345.p8')).href, 1)).diagnostics;
  assert.equal(pemDiag.range.start.line, 0, 'the key block starts on the first line');
  assert.equal(pemDiag.range.end.line, pem.trimEnd().split('\n').length - 1, 'and ends on its END line');
  for (const rel of ['package-lock.json', 'res/logo.svg']) {
    const uri = await lsp.open(join(dir, rel), FILES[rel], 'json');
    assert.deepEqual((await lsp.waitVersion(uri, 1)).diagnostics, [], rel);
  }
});

test('the PEM key file offers "Add to .gitignore"; once ignored, it is where the key belongs and is not flagged', { timeout: 120_000 }, async () => {
  const lsp = await client();
  const rel = 'ios/certs/certificates.pem';
  const uri = await lsp.open(join(dir, rel), FILES[rel], 'plaintext');
  const { diagnostics } = await lsp.waitVersion(uri, 1);
  const actions = await lsp.codeActions(uri, diagnostics);
  assert.ok(actions.some((a) => a.title === `Add ${rel} to .gitignore`), actions.map((a) => a.title).join(' | '));
  assert.ok(actions.some((a) => a.title === 'Suppress private-key on this line'));
  writeFileSync(join(dir, '.gitignore'), '*.pem\n');
  try {
    const other = await client(); // a fresh server reads the new .gitignore
    const again = await other.open(join(dir, rel), FILES[rel], 'plaintext');
    assert.deepEqual((await other.waitVersion(again, 1)).diagnostics, []);
  } finally {
    rmSync(join(dir, '.gitignore'));
  }
});

test('Scan Workspace reads every text file and skips binary names, lockfiles and unknown binaries without counting them', { timeout: 120_000 }, async () => {
  const lsp = await client();
  const r = await lsp.conn.sendRequest('leaklens/scanWorkspace', {}) as { files: number; skipped: number; cancelled: boolean };
  assert.equal(r.cancelled, false);
  // every text file: the 7 with findings and the two rules files; not the lockfile, the SVG or the blob
  assert.equal(r.files, Object.keys(EXPECTED).length + 2);
  assert.equal(r.skipped, 0);
  for (const [rel, rules] of Object.entries(EXPECTED)) {
    const pub = await lsp.waitFor(pathToFileURL(join(dir, rel)).href, (p) => p.diagnostics.length > 0);
    assert.deepEqual(ids(pub.diagnostics), rules, rel);
  }
  for (const rel of ['package-lock.json', 'res/logo.svg', 'assets/blob.dat']) assert.equal(lsp.published.get(pathToFileURL(join(dir, rel)).href), undefined, rel);
});
