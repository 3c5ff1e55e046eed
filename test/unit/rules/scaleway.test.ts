import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'scaleway-object-storage-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('scaleway-object-storage-bucket: virtual-hosted, website and path-style URLs in every file type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/java/com/acme/Cdn.kt', 'val u = "https://acme-img.s3.fr-par.scw.cloud/a.png"\n', 'acme-img', 'https://acme-img.s3.fr-par.scw.cloud/'],
    ['ios/App/Web.swift', 'let u = "https://acme-web.s3-website.nl-ams.scw.cloud"\n', 'acme-web', 'https://acme-web.s3.nl-ams.scw.cloud/'],
    ['src/api.js', 'const u = "https://s3.pl-waw.scw.cloud/acme-waw/x.json";\n', 'acme-waw', 'https://acme-waw.s3.pl-waw.scw.cloud/'],
    ['lib/c.dart', "final c = Minio(endPoint: 's3.fr-par.scw.cloud', useSSL: true);\nconst bucket = 'acme-flutter';\n", 'acme-flutter', 'https://acme-flutter.s3.fr-par.scw.cloud/'],
    ['.env', 'SCW_MEDIA=https://media.acme.s3.fr-par.scw.cloud/\n', 'media.acme', 'https://s3.fr-par.scw.cloud/media.acme/'],
    ['ios/App/Info.plist', '<key>MediaBase</key>\n<string>https://acme-ios.s3.fr-par.scw.cloud</string>\n', 'acme-ios', 'https://acme-ios.s3.fr-par.scw.cloud/'],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text);
    assert.equal(covered(text, f), value, path);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, 'low', 'scaleway'], path);
  }
});

test('scaleway-object-storage-bucket: API hosts, region endpoints alone, built hosts and placeholders are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val api = "https://api.scaleway.com/instance/v1/zones/fr-par-1/servers"\nval c = "https://console.scaleway.com"\n'],
    ['a.ts', 'const e = "https://s3.fr-par.scw.cloud"; const region = "fr-par";\n'],
    ['a.swift', 'let u = "https://\\(bucket).s3.\\(region).scw.cloud"\nlet v = "https://%@.s3.fr-par.scw.cloud"\n'],
    ['a.java', 'String u = "https://your-bucket.s3.fr-par.scw.cloud"; String v = "https://example-bucket.s3.nl-ams.scw.cloud";\n'],
    ['a.js', 'const x = "https://acme.s3.fr-par.scw.cloud.evil.net/"; const y = "https://acme.s3.paris.scw.cloud/";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
