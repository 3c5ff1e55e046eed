import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'oci-object-storage-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);
const PAR = 'Xk3vQ9mZr2LbT8wYc5NdF1gHj7KsP0aE4uV6iOyBq_Wn-Rt';

test('oci-object-storage-bucket: native, dedicated, S3-compat and pre-authenticated URLs in every file type', () => {
  const cases: Array<[string, string, string, string, string]> = [
    ['app/src/main/java/com/acme/Oci.java', 'String u = "https://objectstorage.us-ashburn-1.oraclecloud.com/n/axaxnpcrorw5/b/acme-media/o/logo.png";\n', 'axaxnpcrorw5/acme-media', 'https://objectstorage.us-ashburn-1.oraclecloud.com/n/axaxnpcrorw5/b/acme-media/o', 'low'],
    ['ios/App/Api.swift', `let par = "https://objectstorage.eu-frankfurt-1.oraclecloud.com/p/${PAR}/n/axaxnpcrorw5/b/acme-uploads/o/"\n`, 'axaxnpcrorw5/acme-uploads', `https://objectstorage.eu-frankfurt-1.oraclecloud.com/p/${PAR}/n/axaxnpcrorw5/b/acme-uploads/o/`, 'high'],
    ['lib/oci.dart', "const u = 'https://idq2m3xkz9ab.objectstorage.ap-mumbai-1.oci.customer-oci.com/n/idq2m3xkz9ab/b/Acme_Assets/o/a.json';\n", 'idq2m3xkz9ab/Acme_Assets', 'https://objectstorage.ap-mumbai-1.oraclecloud.com/n/idq2m3xkz9ab/b/Acme_Assets/o', 'low'],
    ['src/config.ts', 'export const S3 = "https://axaxnpcrorw5.compat.objectstorage.uk-london-1.oraclecloud.com/acme-compat";\n', 'axaxnpcrorw5/acme-compat', 'https://objectstorage.uk-london-1.oraclecloud.com/n/axaxnpcrorw5/b/acme-compat/o', 'low'],
    ['app/src/main/res/values/strings.xml', `<string name="feed">https://objectstorage.sa-saopaulo-1.oraclecloud.com/p/${PAR}/n/grbr4k2x1t0q/b/feeds/o/today.json</string>\n`, 'grbr4k2x1t0q/feeds', `https://objectstorage.sa-saopaulo-1.oraclecloud.com/p/${PAR}/n/grbr4k2x1t0q/b/feeds/o/`, 'high'],
    ['.env', 'OCI_BASE=https://objectstorage.me-jeddah-1.oraclecloud.com/n/axaxnpcrorw5/b/acme-sa\n', 'axaxnpcrorw5/acme-sa', 'https://objectstorage.me-jeddah-1.oraclecloud.com/n/axaxnpcrorw5/b/acme-sa/o', 'low'],
    ['app/src/main/assets/config.json', '{"url":"https:\\/\\/objectstorage.us-phoenix-1.oraclecloud.com\\/n\\/axaxnpcrorw5\\/b\\/acme-json\\/o\\/"}\n', 'axaxnpcrorw5/acme-json', 'https://objectstorage.us-phoenix-1.oraclecloud.com/n/axaxnpcrorw5/b/acme-json/o', 'low'],
  ];
  for (const [path, text, value, endpoint, severity] of cases) {
    const f = one(path, text);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, severity, 'oracle'], path);
  }
  const par = one(cases[1][0], cases[1][1]);
  assert.match(par.message, /pre-authenticated request URL for bucket axaxnpcrorw5\/acme-uploads/);
  assert.ok(!par.message.includes(PAR), 'the PAR id stays out of the message');
  const plain = one(cases[0][0], cases[0][1]);
  assert.equal(covered(cases[0][1], plain), 'axaxnpcrorw5/b/acme-media', 'the range runs from the namespace to the bucket');
});

test('oci-object-storage-bucket: doc names, placeholders, built URLs, other OCI services and look-alikes are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.java', 'String u = "https://objectstorage.us-ashburn-1.oraclecloud.com/n/MyNamespace/b/MyBucket/o/";\nString v = "https://objectstorage.us-phoenix-1.oraclecloud.com/n/namespace_name/b/bucket_name/o";\n'],
    ['a.kt', 'val u = "https://objectstorage.$region.oraclecloud.com/n/$namespace/b/$bucket/o/"\nval v = "https://objectstorage.%s.oraclecloud.com/n/%s/b/%s/o"\n'],
    ['a.swift', 'let u = "https://objectstorage.us-ashburn-1.oraclecloud.com/p/<par-id>/n/<namespace>/b/<bucket>/o/"\n'],
    ['a.ts', 'const u = "https://objectstorage.us-ashburn-1.oraclecloud.com/n/axaxnpcrorw5/b/"; const i = "https://identity.us-ashburn-1.oraclecloud.com/20160918/users";\n'],
    ['a.dart', "const u = 'https://objectstorage.us-ashburn-1.oraclecloud.com.evil.net/n/axaxnpcrorw5/b/acme/o'; const v = 'https://objectstorage.ashburn.oraclecloud.com/n/axaxnpcrorw5/b/acme/o';\n"],
    ['a.js', 'const p = "https://objectstorage.us-ashburn-1.oraclecloud.com/p/xxxxxxxxxxxxxxxxxxxxxxxx/n/axaxnpcrorw5/b/acme-media/o/";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
