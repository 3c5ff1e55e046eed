import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';

const engine = createEngine();
const keys = (path: string, text: string): Finding[] => engine.scanText(path, text).findings.filter((f) => f.ruleId === 'private-key');
/** The source text a finding's range covers (1-based, end-exclusive columns). */
function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  const { line, column, endLine, endColumn } = f.location;
  if (line === endLine) return lines[line - 1].slice(column - 1, endColumn - 1);
  return [lines[line - 1].slice(column - 1), ...lines.slice(line, endLine - 1), lines[endLine - 1].slice(0, endColumn - 1)].join('\n');
}

// Real key material generated per run (never committed), in each PEM flavour.
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PKCS8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
const PKCS1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().trim();
const SEC1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString().trim();
const ENCRYPTED = ec.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'not-a-real-passphrase' }).toString().trim();
const PUBLIC = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();

/** Deterministic fake OpenSSH key (fixed length, so ranges can be written down). */
function fakeOpenSsh(): string {
  let bytes = Buffer.from('openssh-key-v1\0');
  for (let h = 'leaklens'; bytes.length < 390; ) {
    const d = createHash('sha256').update(h).digest();
    bytes = Buffer.concat([bytes, d]);
    h = d.toString('hex');
  }
  const body = bytes.subarray(0, 390).toString('base64').match(/.{1,70}/g)!;
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...body, '-----END OPENSSH PRIVATE KEY-----'].join('\n');
}
const OPENSSH = fakeOpenSsh();
const escaped = (pem: string) => pem.replace(/\n/g, '\\n');

test('service-account JSON with \\n escapes: one redacted finding ranged on the block', () => {
  const json = [
    '{',
    '  "type": "service_account",',
    '  "project_id": "pantry-pal-7c1e9",',
    `  "private_key": "${escaped(PKCS8)}\\n",`,
    '  "client_email": "uploader@pantry-pal-7c1e9.iam.gserviceaccount.com"',
    '}',
  ].join('\n');
  const [f, ...rest] = keys('android/app/src/main/assets/service-account.json', json);
  assert.equal(rest.length, 0);
  assert.deepEqual([f.value, f.severity, f.provider], ['-----BEG…', 'critical', 'generic']);
  assert.deepEqual([f.location.line, f.location.column, f.location.endLine, f.location.endColumn], [4, 19, 4, 19 + escaped(PKCS8).length]);
  assert.equal(covered(json, f), escaped(PKCS8));
  assert.match(f.message, /service-account private key for uploader@pantry-pal-7c1e9\.iam\.gserviceaccount\.com/);
  assert.ok(!JSON.stringify(f).includes(PKCS8.split('\n')[1]), 'no key material in the finding');
});

test('a service-account JSON held in a Kotlin/Java string: the key\'s `\\n` escapes are escaped once more', () => {
  const twice = PKCS8.replace(/\n/g, '\\\\n'); // `\\n` in the source: the JSON's `\n` inside a string literal
  const kt = `val credentials = "{\\"type\\": \\"service_account\\", \\"private_key\\": \\"${twice}\\\\n\\"}"\n`;
  const [f, ...rest] = keys('app/src/main/java/com/acme/Credentials.kt', kt);
  assert.equal(rest.length, 0);
  assert.equal(covered(kt, f), twice);
  // the same text with the base64 elided is documentation, not a key
  assert.deepEqual(keys('a.kt', `val k = "-----BEGIN PRIVATE KEY-----\\\\n...\\\\n-----END PRIVATE KEY-----"\n`), []);
});

/** An OpenSSH key laid out as ssh-keygen writes it: length-prefixed fields, so its base64 holds `AAAAAAAA` runs. */
function opensshLayout(): string {
  const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length >> 8, b.length & 255].slice(1)), b]);
  const u32 = (n: number) => Buffer.from([0, 0, 0, n]);
  const random = (n: number, seed: string) => createHash('sha512').update(seed).digest().subarray(0, n);
  const pub = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(random(32, 'pub'))]);
  const priv = Buffer.concat([u32(0x5a), u32(0x5a), pub, field(random(64, 'priv')), field(Buffer.from('dev@laptop')), Buffer.from([1, 2, 3])]);
  const bytes = Buffer.concat([Buffer.from('openssh-key-v1\0'), field(Buffer.from('none')), field(Buffer.from('none')), field(Buffer.alloc(0)), u32(1), field(pub), field(priv)]);
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...bytes.toString('base64').match(/.{1,70}/g)!, '-----END OPENSSH PRIVATE KEY-----'].join('\n');
}

test('an OpenSSH key in ssh-keygen\'s layout (zero-byte runs, `AAAAAAAA` in base64) is a key, not a placeholder', () => {
  const pem = opensshLayout();
  assert.match(pem, /AAAAAAAA/);
  const [k, ...rest] = keys('app/src/main/assets/deploy_key', `${pem}\n`);
  assert.equal(rest.length, 0);
  assert.match(k.message, /OpenSSH private key/);
});

test('PEM blocks in Kotlin, Swift, strings.xml, .env, Java, JS and Dart', () => {
  const kt = `object Creds {\n    val SSH = """\n${OPENSSH}\n""".trimIndent()\n}\n`;
  const [k] = keys('app/src/main/java/io/app/Creds.kt', kt);
  const last = OPENSSH.split('\n').length;
  assert.deepEqual([k.location.line, k.location.column, k.location.endLine, k.location.endColumn], [3, 1, 2 + last, 34]);
  assert.equal(covered(kt, k), OPENSSH);
  assert.match(k.message, /OpenSSH private key/);

  const swift = `let signingKey = """\n${SEC1}\n"""\n`;
  const [s] = keys('ios/App/Signer.swift', swift);
  assert.equal(covered(swift, s), SEC1);
  assert.match(s.message, /EC private key/);

  const xml = `<resources>\n  <string name="tls_key">${PKCS1}</string>\n</resources>\n`;
  const [x] = keys('app/src/main/res/values/strings.xml', xml);
  assert.deepEqual([x.location.line, x.location.column], [2, 26]);
  assert.equal(covered(xml, x), PKCS1);

  const env = `FIREBASE_ADMIN_PRIVATE_KEY="${escaped(PKCS8)}\\n"\n`;
  assert.equal(covered(env, keys('.env', env)[0]), escaped(PKCS8));

  // Java: one literal per line joined by `+`, as people paste keys into code.
  const javaLines = SEC1.split('\n').map((l, i, a) => `      "${l}${i < a.length - 1 ? '\\n' : ''}"${i < a.length - 1 ? ' +' : ';'}`);
  const java = `class Keys {\n  static final String PEM =\n${javaLines.join('\n')}\n}\n`;
  const [j] = keys('app/src/main/java/io/app/Keys.java', java);
  assert.deepEqual([j.location.line, j.location.column, j.location.endLine], [3, 8, 2 + javaLines.length]);
  assert.equal(j.location.endColumn, javaLines[javaLines.length - 1].indexOf('";') + 1);

  const js = `export const key = \`${ENCRYPTED}\`;\n`;
  const [e] = keys('src/crypto.ts', js);
  assert.equal(covered(js, e), ENCRYPTED);
  assert.match(e.message, /encrypted private key/);

  const dart = `const pem = '${escaped(PKCS1)}';\n`;
  assert.equal(keys('lib/keys.dart', dart).length, 1);
});

test('a truncated block (no END line) in extracted artifact strings is still a finding', () => {
  const body = OPENSSH.split('\n').slice(0, 4).join('\n');
  const text = `log tag\n${body}\nnext string\n`;
  const [f] = keys('classes.dex.txt', text);
  assert.equal(covered(text, f), body);
});

test('public keys, certificates, placeholders, elided docs and PEM-handling code are not findings', () => {
  const cases: Array<[string, string]> = [
    ['src/main/res/raw/pub.xml', `<resources><string name="pub">${PUBLIC}</string></resources>`],
    ['src/api.ts', 'const pem = "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n";'],
    ['README.kt', '// "-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA...\\n-----END RSA PRIVATE KEY-----"'],
    ['Pem.kt', 'val der = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replace("\\n", "")'],
    ['Pem.java', 'static final String HEADER = "-----BEGIN RSA PRIVATE KEY-----";\nstatic final String FOOTER = "-----END RSA PRIVATE KEY-----";'],
    ['.env.example', 'FIREBASE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nYOUR_PRIVATE_KEY_GOES_HERE_PASTE_THE_WHOLE_BASE64_BODY_FROM_THE_JSON_FILE\\n-----END PRIVATE KEY-----\\n"'],
    ['src/admin.js', 'admin.initializeApp({ credential: admin.credential.cert({ privateKey: process.env.FIREBASE_PRIVATE_KEY }) });'],
    ['ios/Cert.swift', '// -----BEGIN CERTIFICATE----- pinned below\nlet pin = "-----BEGIN PRIVATE KEY-----<your key>-----END PRIVATE KEY-----"'],
  ];
  for (const [path, text] of cases) assert.deepEqual(keys(path, text), [], path);
});

test('private-key scanning stays linear on 1 MB adversarial lines', { timeout: 20_000 }, () => {
  const mb = 1 << 20;
  const begin = '-----BEGIN PRIVATE KEY-----';
  assert.equal(keys('a.txt', begin.repeat(mb / begin.length)).length, 0);
  assert.equal(keys('a.txt', `${begin} x -----END PRIVATE KEY-----`.repeat(mb / 55)).length, 0);
  assert.equal(keys('a.txt', `${begin}\\n`.repeat(mb / 30)).length, 0);
  const body = Buffer.alloc(mb, 0);
  for (let i = 0; i < mb; i++) body[i] = (i * 7919 + (i >> 8)) & 0xff;
  const [f] = keys('a.txt', begin + '\n' + body.toString('base64'));
  assert.ok(f.location.endColumn - 1 <= 20_000, 'a truncated block is bounded');
});
