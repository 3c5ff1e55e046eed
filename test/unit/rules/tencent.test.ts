import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'tencent-cos-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('tencent-cos-bucket: regional, website and accelerated hosts in every file type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/java/com/acme/Cos.java', 'String u = "https://acme-media-1301234567.cos.ap-guangzhou.myqcloud.com/avatar.png";\n', 'acme-media-1301234567', 'https://acme-media-1301234567.cos.ap-guangzhou.myqcloud.com/'],
    ['ios/App/Cos.m', 'NSString *u = @"https://acme-ios-1258765432.cos.ap-shanghai.myqcloud.com/a.jpg";\n', 'acme-ios-1258765432', 'https://acme-ios-1258765432.cos.ap-shanghai.myqcloud.com/'],
    ['lib/cos.dart', "const u = 'https://acme-web-1309876543.cos-website.ap-beijing.myqcloud.com';\n", 'acme-web-1309876543', 'https://acme-web-1309876543.cos.ap-beijing.myqcloud.com/'],
    ['src/cdn.ts', 'const u = "https://acme-fast-1251234987.cos.accelerate.myqcloud.com/x";\n', 'acme-fast-1251234987', 'https://acme-fast-1251234987.cos.accelerate.myqcloud.com/'],
    ['app/src/main/res/values/strings.xml', '<string name="cos">https://acme-sv-1304567123.cos.na-siliconvalley.myqcloud.com</string>\n', 'acme-sv-1304567123', 'https://acme-sv-1304567123.cos.na-siliconvalley.myqcloud.com/'],
    ['app/src/main/assets/app.json', '{"cos":"https:\\/\\/acme-fsi-1257654321.cos.ap-shanghai-fsi.myqcloud.com\\/"}\n', 'acme-fsi-1257654321', 'https://acme-fsi-1257654321.cos.ap-shanghai-fsi.myqcloud.com/'],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text);
    assert.equal(covered(text, f), value, path);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, 'low', 'tencent'], path);
  }
});

test('tencent-cos-bucket: doc buckets, SDK-built hosts, service hosts, names without APPID and placeholders are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.java', 'String u = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/exampleobject";\n'],
    ['a.kt', 'val h = String.format("%s.cos.%s.myqcloud.com", bucket, region)\nval i = "${bucket}.cos.${region}.myqcloud.com"\n'],
    ['a.m', 'NSString *s = @"https://service.cos.myqcloud.com"; NSString *t = @"https://cos.ap-guangzhou.myqcloud.com";\n'],
    ['a.swift', 'let u = "https://acme-media.cos.ap-guangzhou.myqcloud.com/a"\n'],
    ['a.dart', "const u = 'https://<BucketName-APPID>.cos.ap-guangzhou.myqcloud.com'; const v = 'https://your-bucket-1250000001.cos.ap-beijing.myqcloud.com';\n"],
    ['a.js', 'const x = "https://acme-1301234567.cos.ap-guangzhou.myqcloud.com.evil.net/";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
