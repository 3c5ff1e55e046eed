import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'wasabi-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('wasabi-bucket: virtual-hosted, path-style, region-less and alias hosts give one endpoint per bucket', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/java/com/acme/Media.kt', 'val url = "https://acme-media.s3.eu-central-1.wasabisys.com/a.png"\n', 'acme-media', 'https://acme-media.s3.eu-central-1.wasabisys.com/'],
    ['ios/App/Config.swift', 'let u = "https://s3.nl-1.wasabisys.com/acme-media/b.png"\n', 'acme-media', 'https://acme-media.s3.eu-central-1.wasabisys.com/'],
    ['src/config.js', 'export const CDN = "https://s3.wasabisys.com/acme-videos/";\n', 'acme-videos', 'https://acme-videos.s3.us-east-1.wasabisys.com/'],
    ['lib/env.dart', "const files = 'https://s3.ap-northeast-1.wasabisys.com/files.acme.jp/x';\n", 'files.acme.jp', 'https://s3.ap-northeast-1.wasabisys.com/files.acme.jp/'],
    ['.env', 'WASABI_ENDPOINT=https://s3.us-west-1.wasabisys.com\nWASABI_BUCKET=acme-west\n', 'acme-west', 'https://acme-west.s3.us-west-1.wasabisys.com/'],
    ['app/src/main/res/values/strings.xml', '<string name="wasabi">https://acme-app.s3.wasabisys.com</string>\n', 'acme-app', 'https://acme-app.s3.us-east-1.wasabisys.com/'],
    ['config.yml', 'media:\n  base: "https://acme-eu.s3.eu-south-1.wasabisys.com/"\n', 'acme-eu', 'https://acme-eu.s3.eu-south-1.wasabisys.com/'],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text);
    assert.equal(covered(text, f), value, path);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, 'low', 'wasabi'], path);
  }
});

test('wasabi-bucket: console/IAM hosts, Dell ObjectScale hosts, built hosts and placeholders are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val c = "https://console.wasabisys.com/"\nval i = "https://iam.wasabisys.com"\nval s = "https://sts.wasabisys.com"\n'],
    ['a.java', 'String e = "https://s3.us-east-1-dell-obs.wasabisys.com:9021/acme-media";\n'],
    ['a.py.ts', 'const h = "{bucket}.s3.{region}.wasabisys.com"; const g = `https://${bucket}.s3.${region}.wasabisys.com`;\n'],
    ['a.swift', 'let e = "https://s3.wasabisys.com/your-bucket/"\nlet f = "https://bucket-name.s3.us-east-2.wasabisys.com"\n'],
    ['.env', 'WASABI_ENDPOINT=https://s3.eu-central-2.wasabisys.com\nWASABI_REGION=eu-central-2\n'],
    ['config.yaml', 'source:\n  provider: s3\n  bucket: wasabi-bucket\n  endpoint: https://s3.us-east-2.wasabisys.com\ntarget:\n  bucket: aws-bucket\n'],
    ['a.js', 'const x = "https://acme.s3.wasabisys.com.evil.net/a"; const y = "https://Acme_Media.s3.wasabisys.com";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
