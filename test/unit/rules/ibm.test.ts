import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'ibm-cos-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('ibm-cos-bucket: regional, cross-region, single-site, private/direct and path-style URLs in every file type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/java/com/acme/Cos.kt', 'val u = "https://acme-cos.s3.us-south.cloud-object-storage.appdomain.cloud/a.png"\n', 'acme-cos', 'https://acme-cos.s3.us-south.cloud-object-storage.appdomain.cloud/'],
    ['ios/App/Cos.swift', 'let u = "https://s3.eu-de.cloud-object-storage.appdomain.cloud/acme-de/x"\n', 'acme-de', 'https://acme-de.s3.eu-de.cloud-object-storage.appdomain.cloud/'],
    ['lib/cos.dart', "const u = 'https://acme-ams.s3.ams03.cloud-object-storage.appdomain.cloud';\n", 'acme-ams', 'https://acme-ams.s3.ams03.cloud-object-storage.appdomain.cloud/'],
    ['src/cos.js', 'const u = "https://acme-us.s3.private.us.cloud-object-storage.appdomain.cloud/";\n', 'acme-us', 'https://acme-us.s3.us.cloud-object-storage.appdomain.cloud/'],
    ['.env', 'COS_ENDPOINT=https://s3.direct.jp-tok.cloud-object-storage.appdomain.cloud\nCOS_BUCKET=acme-tokyo\n', 'acme-tokyo', 'https://acme-tokyo.s3.jp-tok.cloud-object-storage.appdomain.cloud/'],
    ['ios/App/Info.plist', '<key>CosBase</key>\n<string>https://s3.eu-gb.cloud-object-storage.appdomain.cloud/files.acme.uk/</string>\n', 'files.acme.uk', 'https://s3.eu-gb.cloud-object-storage.appdomain.cloud/files.acme.uk/'],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text);
    assert.equal(covered(text, f), value, path);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, 'low', 'ibm'], path);
  }
});

test('ibm-cos-bucket: endpoints alone, IAM/config hosts, built hosts and placeholders are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.java', 'String e = "https://s3.us-south.cloud-object-storage.appdomain.cloud"; String loc = "us-south-standard";\n'],
    ['a.kt', 'val iam = "https://iam.cloud.ibm.com/identity/token"\nval cfg = "https://config.cloud-object-storage.cloud.ibm.com/v1/b/acme"\n'],
    ['a.ts', 'const u = `https://${bucket}.s3.${region}.cloud-object-storage.appdomain.cloud`;\n'],
    ['a.swift', 'let u = "https://my-bucket.s3.us-south.cloud-object-storage.appdomain.cloud"\nlet v = "https://<bucket>.s3.us-south.cloud-object-storage.appdomain.cloud"\n'],
    ['a.dart', "const u = 'https://acme.cloud-object-storage.appdomain.cloud/x'; const v = 'https://acme.s3.us-south.cloud-object-storage.appdomain.cloud.evil.net';\n"],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
