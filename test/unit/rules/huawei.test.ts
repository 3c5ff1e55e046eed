import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'huawei-obs-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('huawei-obs-bucket: virtual-hosted, region-less, path-style, .eu hosts and SDK configs in every file type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/java/com/acme/Obs.java', 'String u = "https://acme-obs.obs.cn-north-4.myhuaweicloud.com/a.png";\n', 'acme-obs', 'https://acme-obs.obs.cn-north-4.myhuaweicloud.com/'],
    ['ios/App/Obs.swift', 'let u = "https://obs.ap-southeast-1.myhuaweicloud.com/acme-sg/x.jpg"\n', 'acme-sg', 'https://acme-sg.obs.ap-southeast-1.myhuaweicloud.com/'],
    ['lib/obs.dart', "const u = 'https://acme-flutter.obs.myhuaweicloud.com/';\n", 'acme-flutter', 'https://acme-flutter.obs.myhuaweicloud.com/'],
    ['src/obs.ts', 'const client = new ObsClient({ server: "https://obs.la-south-2.myhuaweicloud.com" });\nconst bucketName = "acme-latam";\n', 'acme-latam', 'https://acme-latam.obs.la-south-2.myhuaweicloud.com/'],
    ['.env', 'OBS_URL=https://acme-eu.obs.eu-west-101.myhuaweicloud.eu\n', 'acme-eu', 'https://acme-eu.obs.eu-west-101.myhuaweicloud.eu/'],
    ['app/src/main/res/values/strings.xml', '<string name="obs">https://files.acme.obs.cn-east-3.myhuaweicloud.com/</string>\n', 'files.acme', 'https://obs.cn-east-3.myhuaweicloud.com/files.acme/'],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text);
    assert.equal(covered(text, f), value, path);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, 'low', 'huawei'], path);
  }
});

test('huawei-obs-bucket: service endpoints alone, SDK-built hosts, other services and placeholders are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.java', 'String e = "https://obs.cn-north-4.myhuaweicloud.com"; String r = "cn-north-4";\n'],
    ['a.kt', 'val h = "%s.obs.%s.myhuaweicloud.com"\nval i = "https://${bucket}.obs.${region}.myhuaweicloud.com"\n'],
    ['a.ts', 'const iam = "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens"; const c = "https://console.huaweicloud.com/obs";\n'],
    ['a.swift', 'let u = "https://bucketname.obs.cn-north-4.myhuaweicloud.com"\nlet v = "https://your-bucket.obs.cn-north-4.myhuaweicloud.com"\n'],
    ['a.dart', "const u = 'https://acme.obs.cn-north-4.myhuaweicloud.com.evil.org/';\n"],
    ['a.xml', '<CreateBucketConfiguration xmlns="http://obs.cn-north-4.myhuaweicloud.com/doc/2015-06-30/"><Location>af-south-1</Location></CreateBucketConfiguration>\n'],
    ['a.sh', 'docker pull swr.cn-south-1.myhuaweicloud.com/acme/mysql:8.0.25\ncurl https://ecs.cn-north-4.myhuaweicloud.com/v1/p/cloudservers/detail\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
