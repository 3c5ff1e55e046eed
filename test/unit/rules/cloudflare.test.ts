import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'cloudflare-r2-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);
const ACCT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const PUB = 'pub-9f8e7d6c5b4a39281706f5e4d3c2b1a0.r2.dev';

test('cloudflare-r2-bucket: S3 API path/virtual-hosted/jurisdiction URLs, r2.dev and SDK configs in every file type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/java/com/acme/Media.kt', `val base = "https://${ACCT}.r2.cloudflarestorage.com/acme-media/avatars/"\n`, 'acme-media', `https://${ACCT}.r2.cloudflarestorage.com/acme-media/`],
    ['ios/App/Uploader.swift', `let url = URL(string: "https://acme-ios.${ACCT}.r2.cloudflarestorage.com/\\(key)")!\n`, 'acme-ios', `https://${ACCT}.r2.cloudflarestorage.com/acme-ios/`],
    ['lib/storage.dart', `const r2 = 'https://${ACCT}.eu.r2.cloudflarestorage.com/acme-eu';\n`, 'acme-eu', `https://${ACCT}.eu.r2.cloudflarestorage.com/acme-eu/`],
    ['src/upload.ts', `const s3 = new S3Client({ region: "auto", endpoint: "https://${ACCT}.r2.cloudflarestorage.com" });\nawait s3.send(new PutObjectCommand({ Bucket: "acme-uploads", Key: name }));\n`, 'acme-uploads', `https://${ACCT}.r2.cloudflarestorage.com/acme-uploads/`],
    ['app/src/main/res/values/strings.xml', `<resources>\n  <string name="cdn_base">https://${PUB}/</string>\n</resources>\n`, PUB, `https://${PUB}/`],
    ['assets/config.json', `{ "images": "https:\\/\\/${PUB}\\/img\\/logo.png" }\n`, PUB, `https://${PUB}/`],
    ['.env', `R2_PUBLIC_URL=https://${PUB}\n`, PUB, `https://${PUB}/`],
    ['ios/App/Info.plist', `<key>R2Endpoint</key>\n<string>https://${ACCT}.fedramp.r2.cloudflarestorage.com/acme-gov</string>\n`, 'acme-gov', `https://${ACCT}.fedramp.r2.cloudflarestorage.com/acme-gov/`],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text);
    assert.equal(covered(text, f), value, `${path}: the range covers the value`);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, 'low', 'cloudflare'], path);
  }
  assert.equal(one(cases[3][0], cases[3][1]).location.line, 2, 'the bucket key next to the bare endpoint');
  assert.match(one(cases[4][0], cases[4][1]).message, /public development URL .* readable by anyone/);
  assert.match(one(cases[2][0], cases[2][1]).message, /eu jurisdiction/);
});

test('cloudflare-r2-bucket: doc account ids, placeholders, built hosts, bare endpoints and look-alike hosts are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.ts', 'const e = "https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com/example-bucket";\n'],
    ['a.js', 'const e = "https://abcdef1234567890abcdef1234567890.r2.cloudflarestorage.com/photos"; const p = "https://pub-abcdef1234567890abcdef1234567890.r2.dev";\n'],
    ['a.kt', `val e = "https://\${accountId}.r2.cloudflarestorage.com/\${bucket}"\nval f = "https://%s.r2.cloudflarestorage.com/%s"\nval g = "https://<ACCOUNT_ID>.r2.cloudflarestorage.com/<bucket>"\n`],
    ['a.swift', `let e = "https://${ACCT}.r2.cloudflarestorage.com"\nlet region = "auto"\n`],
    ['a.dart', `const u = 'https://${ACCT}.r2.cloudflarestorage.com/your-bucket'; const v = 'https://${ACCT}.r2.cloudflarestorage.com/my-bucket';\n`],
    ['a.java', 'String u = "https://acme.r2.cloudflarestorage.com/media"; String v = "https://pub-12345.r2.dev/x"; String w = "https://r2.dev.evil.com/a";\n'],
    ['app/src/main/res/xml/network_security_config.xml', `<domain-config>\n  <domain includeSubdomains="true">${PUB}</domain>\n</domain-config>\n`],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
