import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, range, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';
import { createEngine } from '../../../server/src/core/engine';

const engine = createEngine();

const RULE = 'alibaba-oss-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('alibaba-oss-bucket: public, internal and accelerate hosts in every file type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/res/values/strings.xml', '<resources>\n    <string name="oss_base">https://acme-media.oss-cn-hangzhou.aliyuncs.com/</string>\n</resources>\n', 'acme-media', 'https://acme-media.oss-cn-hangzhou.aliyuncs.com/'],
    ['ios/App/Info.plist', '<key>OssBase</key>\n<string>https://acme-ios.oss-ap-southeast-1.aliyuncs.com</string>\n', 'acme-ios', 'https://acme-ios.oss-ap-southeast-1.aliyuncs.com/'],
    ['app/src/main/java/com/acme/Oss.java', 'String url = "https://acme-uploads.oss-cn-shanghai-internal.aliyuncs.com/u/" + id;\n', 'acme-uploads', 'https://acme-uploads.oss-cn-shanghai.aliyuncs.com/'],
    ['.env', 'OSS_URL=https://acme-backup.oss-us-west-1.aliyuncs.com/db.gz\n', 'acme-backup', 'https://acme-backup.oss-us-west-1.aliyuncs.com/'],
    ['lib/oss.dart', "const cdn = 'https://acme-flutter.oss-accelerate.aliyuncs.com/';\n", 'acme-flutter', 'https://acme-flutter.oss-accelerate.aliyuncs.com/'],
    ['src/config.js', 'export const OSS = "https://acme-web.oss-" + "eu-central-1.aliyuncs.com";\n', 'acme-web', 'https://acme-web.oss-eu-central-1.aliyuncs.com/'],
    ['app/src/main/java/com/acme/Oss.kt', 'val fin = "https://acme-fin.oss-cn-shanghai-finance-1-internal.aliyuncs.com"\n', 'acme-fin', 'https://acme-fin.oss-cn-shanghai-finance-1.aliyuncs.com/'],
    ['ios/App/Api.swift', 'let u = "https://acme-global.oss-accelerate-overseas.aliyuncs.com/a.png"\n', 'acme-global', 'https://acme-global.oss-accelerate-overseas.aliyuncs.com/'],
  ];
  for (const [path, text, bucket, endpoint] of cases) {
    const f = one(path, text);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [bucket, endpoint, 'low', 'alibaba'], path);
  }
  assert.deepEqual(range(one(cases[0][0], cases[0][1])), [2, 37, 2, 47]);
  assert.deepEqual(range(one(cases[3][0], cases[3][1])), [1, 17, 1, 28]);
  assert.match(one(cases[4][0], cases[4][1]).message, /acme-flutter \(global acceleration\)/);
});

test('alibaba-oss-bucket: region endpoints, doc buckets, placeholders, emulators and NSC domains are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val endpoint = "https://oss-cn-hangzhou.aliyuncs.com"\nval sts = "https://sts.aliyuncs.com"\nval e = "oss-cn-beijing-internal.aliyuncs.com"\n'],
    ['a.java', 'String u = "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/exampleobject.txt";\n'],
    ['.env', 'OSS=https://your-bucket.oss-cn-hangzhou.aliyuncs.com\nO2=https://${BUCKET}.oss-cn-hangzhou.aliyuncs.com\nO3=https://<bucket>.oss-cn-hangzhou.aliyuncs.com\n'],
    ['app/src/main/res/xml/network_security_config.xml', '<domain-config>\n  <domain includeSubdomains="true">acme-media.oss-cn-hangzhou.aliyuncs.com</domain>\n</domain-config>\n'],
    ['a.ts', 'const a = "https://acme.ecs.aliyuncs.com"; const b = "https://Acme_Media.oss-cn-hangzhou.aliyuncs.com"; const c = "https://acme.media.oss-cn-hangzhou.aliyuncs.com";\n'],
    ['a.ts', 'const l = "http://localhost:8080/acme-media.oss-cn-hangzhou.aliyuncs.com";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});

test('alibaba-oss-bucket stays linear on a 1 MB adversarial line', () => {
  const t0 = process.hrtime.bigint();
  engine.scanText('big.js', `const x = "${'a-'.repeat(500_000)}.oss-cn-hangzhou.aliyuncs.com";\n`);
  engine.scanText('big.js', `const x = "acme.oss-${'cn-'.repeat(330_000)}.aliyuncs.com";\n`);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 10_000, `took ${ms} ms`);
});

// ------------------------------------------------------------------ alibaba-access-key

const AK = 'alibaba-access-key';
const ID = 'LTAI5tFzR8vWq2KxYpJmN3aB';
const ID16 = 'LTAI4GjK9mQ2xR7v';
const SECRET = 'q8Hf2Lk9Zr0Xw3Tn5Vb7Yc1Ud4Ie6O';
const keys = (path: string, text: string) => scanRule(path, text, AK).map((f) => [f.value, f.severity]);
const idHit = (id: string) => [`${id.slice(0, 8)}…`, 'high'];
const secretHit = [`${SECRET.slice(0, 8)}…`, 'critical'];

test('alibaba-access-key: ids (high) and secrets (critical) passed to OSS credential providers and in config, redacted', () => {
  const cases: Array<[string, string, unknown[]]> = [
    ['app/src/main/java/com/acme/Oss.java', `OSSCredentialProvider p = new OSSPlainTextAKSKCredentialProvider("${ID}", "${SECRET}");\n`, [idHit(ID), secretHit]],
    ['app/src/main/java/com/acme/Oss.kt', `val p = OSSPlainTextAKSKCredentialProvider(BuildConfig.OSS_KEY_ID, "${SECRET}")\n`, [secretHit]],
    ['ios/App/Oss.m', `id<OSSCredentialProvider> p = [[OSSPlainTextAKSKPairCredentialProvider alloc] initWithPlainTextAccessKey:@"${ID16}"\n    secretKey:@"${SECRET}"];\n`, [idHit(ID16), secretHit]],
    ['ios/App/Oss.swift', `let p = OSSPlainTextAKSKPairCredentialProvider(plainTextAccessKey: "${ID}", secretKey: "${SECRET}")\n`, [idHit(ID), secretHit]],
    ['lib/oss.dart', `final auth = Auth(accessKeyId: '${ID}', accessKeySecret: '${SECRET}', expire: '', secureToken: '');\n`, [idHit(ID), secretHit]],
    ['src/oss.js', `const client = new OSS({\n  region: 'oss-cn-hangzhou',\n  accessKeyId: process.env.OSS_ID,\n  accessKeySecret: '${SECRET}',\n  bucket: 'acme-media',\n});\n`, [secretHit]],
    ['.env', `ALIBABA_CLOUD_ACCESS_KEY_ID=${ID}\nALIBABA_CLOUD_ACCESS_KEY_SECRET=${SECRET}\n`, [idHit(ID), secretHit]],
    ['app/src/main/res/values/strings.xml', `<resources>\n  <string name="oss_access_key_id">${ID}</string>\n  <string name="oss_access_key_secret">${SECRET}</string>\n</resources>\n`, [idHit(ID), secretHit]],
    ['app/src/main/java/com/acme/Old.kt', `val p = OSSPlainTextAKSKCredentialProvider("LTAIkPmQxRzTwVbN", "${SECRET}")\n`, [idHit('LTAIkPmQxRzTwVbN'), secretHit]],
    ['config/application.yml', `aliyun:\n  oss:\n    access-key-id: ${ID}\n    access-key-secret: ${SECRET}\n`, [idHit(ID), secretHit]],
    // Older AccessKey ids have no LTAI prefix: the literal before the secret in a provider call.
    ['app/src/main/java/com/acme/Legacy.java', `OSSCredentialProvider p = new OSSPlainTextAKSKCredentialProvider("qR7mZ2xK9pL4vN8s",\n        "${SECRET}");\n`, [idHit('qR7mZ2xK9pL4vN8s'), secretHit]],
    ['ios/App/Legacy.m', `id<OSSCredentialProvider> c = [[OSSPlainTextAKSKPairCredentialProvider alloc] initWithPlainTextAccessKey:@"qR7mZ2xK9pL4vN8s"\n                                                                                        secretKey:@"${SECRET}"];\n`, [idHit('qR7mZ2xK9pL4vN8s'), secretHit]],
    ['app/src/main/java/com/acme/Sms.java', `Config c = new Config().setAccessKeyId("${ID}").setAccessKeySecret("${SECRET}");\n`, [idHit(ID), secretHit]],
  ];
  for (const [path, text, expected] of cases) {
    assert.deepEqual(keys(path, text), expected, path);
    for (const f of scanRule(path, text, AK)) {
      assert.equal(f.endpoint, undefined, 'keys are never probed');
      assert.ok(!JSON.stringify(f).includes(SECRET) && !JSON.stringify(f).includes(ID16.slice(8)), `${path}: nothing past the first 8 characters`);
    }
  }
  const s = scanRule(cases[0][0], cases[0][1], AK)[1];
  assert.equal(covered(cases[0][1], s), SECRET);
  assert.match(s.message, /secret \(next to its LTAI id\)/);
  assert.match(scanRule(cases[1][0], cases[1][1], AK)[0].message, /passed to OSSPlainTextAKSKCredentialProvider/);
});

test('alibaba-access-key: doc placeholders, variables, STS providers, non-Alibaba secrets and look-alikes are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.java', 'OSSCredentialProvider p = new OSSPlainTextAKSKCredentialProvider("<yourAccessKeyId>", "<yourAccessKeySecret>");\nString id = "LTAI****************";\n'],
    ['a.kt', 'val id = "LTAI5tXXXXXXXXXXXXXXXXXX"\nval secret = "yourAccessKeySecretxxxxxxxxxxxx"\n'],
    ['a.m', 'id<OSSCredentialProvider> p = [[OSSPlainTextAKSKPairCredentialProvider alloc] initWithPlainTextAccessKey:accessKeyId secretKey:accessKeySecret];\n'],
    ['a.swift', 'let p = OSSAuthCredentialProvider(authServerUrl: "https://sts.acme.com/token")\nlet q = OSSFederationCredentialProvider { return token }\n'],
    ['a.java', `class Crypto { static final String secretKey = "${SECRET}"; String ak = "XLTAI5tFzR8vWq2KxYpJmN3aB"; String l = "ltai5tfzr8vwq2kxypjmn3ab"; }\n`],
    ['.env', 'ALIBABA_CLOUD_ACCESS_KEY_ID=${OSS_ID}\nALIBABA_CLOUD_ACCESS_KEY_SECRET=abcdefghijabcdefghijabcdefghij\n'],
    ['src/aws.js', `const c = { accessKeyId: "AKIAQ3EGTH5RZK7YWN2P", secretAccessKey: "${SECRET}" };\n`],
    ['a.m', 'OSSPlainTextAKSKPairCredentialProvider *p = [[OSSPlainTextAKSKPairCredentialProvider alloc] initWithPlainTextAccessKey:@"AK" secretKey:@"SK"];\nid<OSSCredentialProvider> c = [[OSSPlainTextAKSKPairCredentialProvider alloc] initWithPlainTextAccessKey:@"" secretKey:@""];\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(keys(path, text), [], `${path}: ${text}`);
});
