// Binary vs text from the first bytes, decoding (UTF-8 BOM, UTF-16 `.strings`), and the newly read
// kinds scanned with their own syntax (pairs, concatenation, suppressions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { SNIFF_BYTES, decodeText, looksBinary } from '../../../server/src/core/text/sniff';
import { rng } from '../../helpers/rng';
import { createEngine } from '../../../server/src/core/engine';

const engine = createEngine();
const SECRET = 'q3EGRDCXPLZ7wXyZ0a1B2c3D4e5F6g7H8i9J0k1L';
const rules = (path: string, text: string) => engine.scanText(path, text).findings.map((f) => `${f.ruleId}@${f.location.line}`);

test('binary or text from the first 8 KB', () => {
  assert.ok(!looksBinary(Buffer.from('plain ascii\nwith lines\ttabs\r\n')));
  assert.ok(!looksBinary(Buffer.from('Grüße, café, 日本語, emoji 🚀\n'.repeat(50))));
  assert.ok(!looksBinary(Buffer.from('\ufeff{"a": 1}')));
  // Latin-1 text (a Java .properties file): a few invalid UTF-8 bytes stay text
  assert.ok(!looksBinary(Buffer.from('title=Caf\xe9 des amis\nname=Jos\xe9\n'.repeat(20), 'latin1')));
  assert.ok(looksBinary(Buffer.from('abc\0def')));
  // compressed data: no NUL in the window, mostly invalid UTF-8
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = 0x80 + ((i * 7919) % 127);
  assert.ok(looksBinary(noise));
  // many control characters
  assert.ok(looksBinary(Buffer.from('\x01\x02\x03\x04abcdefg\x05\x06\x07\x08')));
  // UTF-16 with a BOM holds NULs but is text
  assert.ok(!looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('"k" = "v";\n', 'utf16le')])));
});

test('decoding: UTF-8 BOM dropped, UTF-16 LE/BE (Xcode .strings) decoded', () => {
  assert.equal(decodeText(Buffer.from('\ufeffa=b', 'utf8')), 'a=b');
  const line = '"bucket" = "https://acme-media.s3.amazonaws.com/";\n';
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(line, 'utf16le')])), line);
  const be = Buffer.from(line, 'utf16le');
  for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), line);
});

test('the new kinds are scanned with their syntax: env/shell/ini assignments, C#/Python/Ruby concatenation', () => {
  assert.deepEqual(rules('config/production.env', `AWS_ACCESS_KEY_ID=AKIAQ3EGRDCXPLZ7WXYZ\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`), ['aws-access-key-id@1', 'aws-secret-access-key@2']);
  assert.deepEqual(rules('ci/deploy.sh', `#!/bin/sh\nexport S3_SECRET=${SECRET}\naws s3 sync build s3://acme-release-builds\n`), ['aws-secret-access-key@2', 'aws-s3-bucket@3']);
  assert.deepEqual(rules('tools/aws.cfg', `[deploy]\naws_secret = ${SECRET}\n`), ['aws-secret-access-key@2']);
  for (const [path, text] of [
    ['Droid/Config.cs', 'var url = "https://acme-" +\n    "prod.firebaseio.com";\n'],
    ['scripts/seed.py', 'url = ("https://acme-" +\n       "prod.firebaseio.com")\n'],
    ['fastlane/Fastfile', 'url = "https://acme-" +\n  "prod.firebaseio.com"\n'],
  ]) {
    const [f] = engine.scanText(path, text).findings;
    assert.equal(f?.value, 'acme-prod.firebaseio.com', path);
    assert.equal(f.location.line, 1, path);
  }
});

test('suppression comments in the new kinds hide the named rule', () => {
  assert.deepEqual(rules('app.env', '# leaklens-ignore-next-line aws-access-key-id\nKEY=AKIAQ3EGRDCXPLZ7WXYZ\n'), []);
  assert.deepEqual(rules('Podfile', "# leaklens-ignore-next-line aws-s3-bucket\nsource 'https://acme-pods.s3.amazonaws.com/specs'\n"), []);
  assert.deepEqual(rules('index.html', '<!-- leaklens-ignore-next-line firebase-database-url -->\n<meta content="https://acme-prod.firebaseio.com">\n'), []);
  assert.deepEqual(rules('Main.cs', '// leaklens-ignore-next-line firebase-database-url\nvar u = "https://acme-prod.firebaseio.com";\n'), []);
});

test('a PEM key file of any name, and a generic text file, are scanned', () => {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const pem = `Bag Attributes\n    friendlyName: key\n${key}`;
  for (const path of ['AuthKey_ABCDE12345.p8', 'certificates.pem', 'server.key', 'signing-material']) {
    assert.deepEqual(rules(path, pem), ['private-key@3'], path);
  }
  assert.deepEqual(rules('NOTES', 'staging db: https://acme-staging-default-rtdb.firebaseio.com\n'), ['firebase-database-url@1']);
});

test('looksBinary on ASCII heads (its native fast path): a NUL, or more than 1 in 10 control bytes', () => {
  // the rule for bytes below 0x80, written out: tab, LF, FF, CR and ESC are text
  const model = (b: Uint8Array) => {
    const head = b.subarray(0, SNIFF_BYTES);
    if (head.includes(0)) return true;
    const odd = head.filter((x) => x < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(x)).length;
    return odd * 10 > head.length;
  };
  const r = rng(7);
  const cases: Uint8Array[] = [
    Buffer.from(''), Buffer.from('plain ascii\nwith\ttabs\r\n\f\x1b[0m\x7f'), Buffer.from('a'.repeat(SNIFF_BYTES) + '\0 after the head'),
    Buffer.from('abc\0def'), Buffer.from('\x01\x02\x03\x04abcdefg\x05\x06\x07\x08'), Buffer.from('\x01abcdefghi'), Buffer.from('\x01\x02abcdefgh'),
  ];
  for (let i = 0; i < 500; i++) {
    const b = new Uint8Array(Math.floor(r() * 40));
    for (let j = 0; j < b.length; j++) { const x = r(); b[j] = x < 0.9 ? 0x20 + Math.floor(r() * 96) : x < 0.99 ? Math.floor(r() * 0x20) : 0; }
    cases.push(b);
  }
  for (const b of cases) assert.equal(looksBinary(b), model(b), JSON.stringify(Buffer.from(b).toString('latin1')));
  // past an ASCII head, the rest is not looked at; a non-ASCII head takes the byte loop
  assert.ok(!looksBinary(Buffer.concat([Buffer.from('x'.repeat(SNIFF_BYTES)), Buffer.alloc(100)])));
  assert.ok(!looksBinary(Buffer.from('é' + 'x'.repeat(100))));
  assert.ok(looksBinary(Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0x41])));
});
