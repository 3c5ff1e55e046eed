import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { computeFixes, applyFix } from '../../../server/src/core/fixes';

const engine = createEngine();
const RULE = 'insecure-cloud-endpoint';
const hits = (path: string, text: string) => engine.scanText(path, text).findings.filter((f) => f.ruleId === RULE);

const POSITIVES: Array<[string, string, string]> = [
  ['app/src/main/java/com/acme/Db.kt', 'val db = FirebaseDatabase.getInstance("http://acme-prod-default-rtdb.firebaseio.com")\n', 'http://acme-prod-default-rtdb.firebaseio.com'],
  ['app/src/main/res/values/strings.xml', '<resources>\n  <string name="media">http://acme-media.s3.eu-west-1.amazonaws.com/</string>\n</resources>\n', 'http://acme-media.s3.eu-west-1.amazonaws.com'],
  ['ios/App/Info.plist', '<dict>\n\t<key>Backup</key>\n\t<string>http://acmebackup.blob.core.windows.net/photos</string>\n</dict>\n', 'http://acmebackup.blob.core.windows.net'],
  ['lib/config.dart', "const avatars = 'http://storage.googleapis.com/acme-avatars/';\n", 'http://storage.googleapis.com'],
  ['src/api.ts', 'export const CDN = "http://" + "acme-fit.ams3.digitaloceanspaces.com/";\n', 'http://acme-fit.ams3.digitaloceanspaces.com'],
  ['.env', 'SUPABASE_URL=http://qwhtrkpzmxnvbcdfglas.supabase.co\n', 'http://qwhtrkpzmxnvbcdfglas.supabase.co'],
  ['ios/App/Legacy.m', 'static NSString *k = @"http://acme-cn.oss-cn-hangzhou.aliyuncs.com/";\n', 'http://acme-cn.oss-cn-hangzhou.aliyuncs.com'],
  ['lib/media.dart', "const v = 'http://s3.eu-central-2.wasabisys.com/acme-videos/';\n", 'http://s3.eu-central-2.wasabisys.com'],
  ['src/cdn.js', 'const u = "http://f004.backblazeb2.com/file/acme-public/a.png";\n', 'http://f004.backblazeb2.com'],
  ['ios/App/Cos.swift', 'let u = "http://acme-1301234567.cos.ap-guangzhou.myqcloud.com/a.jpg"\n', 'http://acme-1301234567.cos.ap-guangzhou.myqcloud.com'],
  ['app/src/main/res/values/strings.xml', '<string name="oci">http://objectstorage.us-ashburn-1.oraclecloud.com/n/ns1/b/acme/o/a</string>\n', 'http://objectstorage.us-ashburn-1.oraclecloud.com'],
  // an appspot (Firebase default) bucket reached over http through a storage host is still a store
  ['app/src/main/java/com/acme/Img.java', 'String u = "http://acme-prod.appspot.com.storage.googleapis.com/a.png";\n', 'http://acme-prod.appspot.com.storage.googleapis.com'],
  ['lib/img.dart', "const u = 'http://firebasestorage.googleapis.com/v0/b/acme-prod.appspot.com/o/a.png';\n", 'http://firebasestorage.googleapis.com'],
];

for (const [path, text, value] of POSITIVES) {
  test(`flags ${value} in ${path}`, () => {
    const [f, ...rest] = hits(path, text);
    assert.equal(rest.length, 0);
    assert.equal(f?.value, value);
    assert.equal(f.severity, 'medium');
  });
}

const NEGATIVES: Array<[string, string]> = [
  ['app/src/main/java/com/acme/Db.kt', 'val db = "https://acme-prod-default-rtdb.firebaseio.com"\n'],
  ['app/src/main/java/com/acme/Emu.kt', 'val emu = "http://10.0.2.2:9000/?ns=acme-prod"\nval azurite = "http://127.0.0.1:10000/devstoreaccount1"\n'],
  ['app/src/main/AndroidManifest.xml', '<manifest xmlns:android="http://schemas.android.com/apk/res/android" />\n'],
  ['src/docs.js', '// see http://docs.aws.amazon.com/AmazonS3/latest/dev/Welcome.html\n'],
  ['src/lookalike.js', 'const x = "http://firebaseio.com.evil.example/"; const y = "http://notfirebaseio.com/";\n'],
  ['src/other.ts', 'const api = "http://api.acme-photos.com/v1";\n'],
  // a bare <project>.appspot.com is an App Engine app, not a store (firebase-storage-bucket agrees)
  ['LibZxing/src/com/google/zxing/client/android/CaptureActivity.java', 'private static final String[] ZXING_URLS = {"http://zxing.appspot.com/scan", "zxing://scan/"};\n'],
  ['src/api.ts', 'const API = "http://acme-backend-4f2a1.appspot.com/api/v1"; const v2 = "http://v2.acme-backend.appspot.com";\n'],
  ['a.sh', 'docker pull http://rg.fr-par.scw.cloud/acme/api\ncurl http://weiyuntest-1253191691.image.myqcloud.com/a.png\ncurl http://1b48b31f.pub.instances.scw.cloud/\n'],
];

for (const [path, text] of NEGATIVES) {
  test(`does not flag ${JSON.stringify(text.trim().slice(0, 60))}`, () => {
    assert.deepEqual(hits(path, text), []);
  });
}

test('the range starts at the scheme, and the "Use https://" fix removes the finding (once)', () => {
  const path = 'app/src/main/java/com/acme/Db.kt';
  const text = 'package com.acme\n\nval db = "http://acme-prod-default-rtdb.firebaseio.com/"\n';
  const [f] = hits(path, text);
  assert.deepEqual([f.location.line, f.location.column, f.location.endColumn], [3, 11, 11 + 'http://acme-prod-default-rtdb.firebaseio.com'.length]);
  const { fixes } = computeFixes({ finding: f, path, text, readFile: () => undefined });
  const https = fixes.find((x) => /https/.test(x.title))!;
  const fixed = applyFix(https, () => text).get(path)!;
  assert.equal(fixed, text.replace('http://', 'https://'));
  assert.deepEqual(hits(path, fixed), []);
  // the database URL finding is not offered the https fix: it is not about the scheme
  const url = engine.scanText(path, text).findings.find((x) => x.ruleId === 'firebase-database-url')!;
  assert.equal(computeFixes({ finding: url, path, text, readFile: () => undefined }).fixes.some((x) => /https/.test(x.title)), false);
});
