import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf as one, range, scanRule as scan } from '../../helpers/ruleFindings';
import { createEngine } from '../../../server/src/core/engine';

const engine = createEngine();


const KEY_ID = 'AKIAQ3EGTH5RZK7YWN2P';
const SECRET = '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';
const SECRET2 = 'Rk3+vT8mQz1Lw9Xb2Nc7Yd4Pf6Gh0Js5Ua/Ke3Wi';
const POOL = 'us-east-1:4f8e2c1a-9b3d-4e7f-a2c5-0d9e8f7a6b51';

test('fixtures are the right shape', () => {
  assert.equal(SECRET.length, 40);
  assert.equal(SECRET2.length, 40);
});

// ------------------------------------------------------------------ aws-access-key-id

test('aws-access-key-id: found in strings.xml, Info.plist, xcconfig, Kotlin, .env, gradle.properties, buildConfigField, Dart, split JS', () => {
  const cases: Array<[string, string, string]> = [
    ['app/src/main/res/values/strings.xml', `<resources>\n    <string name="aws_access_key">${KEY_ID}</string>\n</resources>\n`, KEY_ID],
    ['ios/App/Info.plist', `<dict>\n\t<key>AWSAccessKeyId</key>\n\t<string>AKIA2OGYBAH6TLW4ZQXM</string>\n</dict>\n`, 'AKIA2OGYBAH6TLW4ZQXM'],
    ['ios/Config/Release.xcconfig', `AWS_ACCESS_KEY_ID = ${KEY_ID}\n`, KEY_ID],
    ['app/src/main/java/com/acme/Aws.kt', `object Aws {\n    const val KEY = "ASIAZ7RQ3MNB5KD2WXYE"\n}\n`, 'ASIAZ7RQ3MNB5KD2WXYE'],
    ['.env.production', `AWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${KEY_ID}\n`, KEY_ID],
    ['gradle.properties', `org.gradle.jvmargs=-Xmx2g\nawsAccessKey=${KEY_ID}\n`, KEY_ID],
    ['app/build.gradle', `android {\n  defaultConfig {\n    buildConfigField "String", "AWS_KEY", "\\"${KEY_ID}\\""\n  }\n}\n`, KEY_ID],
    ['lib/aws_config.dart', `const awsKey = '${KEY_ID}';\n`, KEY_ID],
    ['src/upload.ts', `const accessKeyId = "AKIAQ3EGTH" +\n  "5RZK7YWN2P";\n`, KEY_ID],
  ];
  for (const [path, text, value] of cases) {
    const f = one(path, text, 'aws-access-key-id');
    assert.equal(f.value, value, path);
    assert.equal(f.severity, 'high');
    assert.equal(f.provider, 'aws');
    assert.equal(f.endpoint, undefined, 'a key id alone names no resource');
  }
  const xml = cases[0][1];
  const f = one(cases[0][0], xml, 'aws-access-key-id');
  assert.deepEqual(range(f), [2, 35, 2, 55]);
  assert.equal(covered(xml, f), KEY_ID);
  const split = one(cases[8][0], cases[8][1], 'aws-access-key-id');
  assert.deepEqual(range(split), [1, 22, 2, 14], 'range spans the concatenation in the original source');
  assert.match(one(cases[3][0], cases[3][1], 'aws-access-key-id').message, /temporary \(STS\)/);
});

test('aws-access-key-id: near misses are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['README.kt', 'val k = "AKIAIOSFODNN7EXAMPLE" // from the AWS docs\n'],
    ['a.swift', 'let k = "AKIA1234EXAMPLE56789X"\n'],
    ['a.kt', 'val k = BuildConfig.AWS_ACCESS_KEY_ID\nval j = "${AWS_ACCESS_KEY_ID}"\n'],
    ['.env', 'AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX\n'],
    ['res/xml/network_security_config.xml', '<pin digest="SHA-256">7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y/AKIAQ3EGTH5RZK7YWN2P=</pin>\n'],
    ['a.js', 'const k = "AKIAQ3EGTH5RZK7YWN2PQ"; const l = "xAKIAQ3EGTH5RZK7YWN2P"; const m = "AKIAq3egth5rzk7ywn2p";\n'],
    ['a.java', 'static final int REGION_ASIAPACIFICSOUTHEAST1 = 4; String r = "ZONE_ASIAPACIFICSOUTHEAST";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text, 'aws-access-key-id'), [], `${path}: ${text}`);
});

test('aws-access-key-id: every documented prefix (ABIA, ACCA, A3T…) in Kotlin, Swift, .env, JSON, XML, ObjC', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['app/src/main/java/com/acme/Sts.kt', 'val bearer = "ABIAQ3EGTH5RZK7YWN2P"\n', 'ABIAQ3EGTH5RZK7YWN2P', /STS service bearer token key id/],
    ['ios/App/Creds.swift', 'let id = "ACCAZ7RQ3MNB5KD2WXYE"\n', 'ACCAZ7RQ3MNB5KD2WXYE', /context-specific credential key id/],
    ['.env', 'LEGACY_AWS_KEY=A3TXQ3EGTH5RZK7YWN2P\n', 'A3TXQ3EGTH5RZK7YWN2P', /AWS access key id A3TX/],
    ['app/src/main/assets/aws.json', '{ "accessKeyId": "A3T7MNB5KD2WXYEQ3EGT" }\n', 'A3T7MNB5KD2WXYEQ3EGT', /access key id/],
    ['app/src/main/res/values/strings.xml', '<string name="sts_token_id">ABIA2OGYBAH6TLW4ZQXM</string>\n', 'ABIA2OGYBAH6TLW4ZQXM', /bearer token/],
    ['ios/App/Keys.m', 'static NSString *const kKey = @"ACCA2OGYBAH6TLW4ZQXM";\n', 'ACCA2OGYBAH6TLW4ZQXM', /context-specific/],
  ];
  for (const [path, text, value, message] of cases) {
    const f = one(path, text, 'aws-access-key-id');
    assert.deepEqual([f.value, f.severity, f.endpoint], [value, 'high', undefined], path);
    assert.match(f.message, message, path);
  }
  // A quoted secret right after any key id is paired, whatever the prefix.
  const s = one('a.java', `new BasicAWSCredentials("ABIAQ3EGTH5RZK7YWN2P", "${SECRET}");\n`, 'aws-secret-access-key');
  assert.equal(s.value, `${SECRET.slice(0, 8)}…`);
});

test('aws-access-key-id: near misses of the newer prefixes are not findings', () => {
  const negatives: Array<[string, string]> = [
    // Not base32 after the prefix (0, 1, 8, 9 never occur in these ids).
    ['a.kt', 'val k = "ABIA0123456789ABCDEF"\nval l = "ACCA1Q3EGTH5RZK7YWN8"\n'],
    // Inside a longer token or an identifier.
    ['a.js', 'const a = "ACCAQ3EGTH5RZK7YWN2PX"; const b = "XABIAQ3EGTH5RZK7YWN2P"; const c = ACCA_Q3EGTH5RZK7YWN2P;\n'],
    // Lower case, documentation-style and placeholder values.
    ['a.swift', 'let k = "abiaq3egth5rzk7ywn2p"\nlet e = "ABIAIOSFODNN7EXAMPLE"\nlet x = "ACCAXXXXXXXXXXXXXXXX"\n'],
    // Too short / too long.
    ['.env', 'K1=A3TXQ3EGTH5RZK7YWN2\nK2=A3TXQ3EGTH5RZK7YWN2PQ\n'],
    // Words and accounting terms that start like a prefix.
    ['res/values/strings.xml', '<string name="cert">ACCA certified accountant</string>\n<string name="c">ACCADEMIA</string>\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text, 'aws-access-key-id'), [], `${path}: ${text}`);
});

// ------------------------------------------------------------------ aws-secret-access-key

test('aws-secret-access-key: found next to AWS secret names, redacted', () => {
  const cases: Array<[string, string]> = [
    ['.env', `AWS_ACCESS_KEY_ID=${KEY_ID}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`],
    ['app/src/main/assets/awsconfiguration.json', `{\n  "CredentialsProvider": { "Static": { "AccessKey": "${KEY_ID}", "SecretKey": "${SECRET}" } }\n}\n`],
    ['app/src/main/java/com/acme/S3.java', `AmazonS3 s3 = new AmazonS3Client(new BasicAWSCredentials("${KEY_ID}", "${SECRET}"));\n`],
    ['ios/App/Uploader.swift', `let provider = AWSStaticCredentialsProvider(accessKey: "${KEY_ID}", secretKey: "${SECRET}")\n`],
    ['app/build.gradle.kts', `android { defaultConfig {\n  buildConfigField("String", "AWS_SECRET_KEY", "\\"${SECRET}\\"")\n} }\n`],
    ['app/src/main/res/values/secrets.xml', `<resources>\n  <string name="aws_secret_access_key">${SECRET}</string>\n</resources>\n`],
    ['ios/App/Info.plist', `<key>AWSSecretKey</key>\n<string>${SECRET}</string>\n`],
    ['lib/s3.dart', `final credentials = AwsClientCredentials(accessKey: '${KEY_ID}', secretKey: '${SECRET}');\n`],
    ['src/aws.js', `export default { secretAccessKey: "${SECRET.slice(0, 20)}" + "${SECRET.slice(20)}" };\n`],
  ];
  for (const [path, text] of cases) {
    const f = one(path, text, 'aws-secret-access-key');
    assert.equal(f.value, `${SECRET.slice(0, 8)}…`, path);
    assert.equal(f.severity, 'critical');
    assert.ok(!JSON.stringify(f).includes(SECRET), `${path}: the secret never appears in the finding`);
  }
  const env = one('.env', cases[0][1], 'aws-secret-access-key');
  assert.deepEqual(range(env), [2, 23, 2, 63]);
  const java = one(cases[2][0], cases[2][1], 'aws-secret-access-key');
  assert.equal(covered(cases[2][1], java), SECRET);
});

test('aws-secret-access-key: strings extracted from a binary (one per line, not adjacent) are paired with a key id', () => {
  // What the artifact readers hand the scanner: one extracted string per line, DEX pools sorted.
  const strings = `Lcom/acme/Uploader;\n${KEY_ID}\nBasicAWSCredentials\n${SECRET}\nacme-photos\n`;
  const f = one('classes.dex', strings, 'aws-secret-access-key');
  assert.deepEqual([f.value, ...range(f)], [`${SECRET.slice(0, 8)}…`, 4, 1, 4, 41]);
  // …but not without a key id, and not a line inside a PEM block.
  assert.deepEqual(scan('classes.dex', `Lcom/acme/Uploader;\n${SECRET}\n`, 'aws-secret-access-key'), []);
  const pem = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.padEnd(64, 'x')}\n${SECRET2}\n-----END PRIVATE KEY-----\n${KEY_ID}\n`;
  assert.deepEqual(scan('res/raw/bundle.txt', pem, 'aws-secret-access-key'), []);
});

test('aws-secret-access-key: documentation example, low entropy, non-AWS files, hex and references are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['.env', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'],
    ['.env', 'AWS_SECRET_ACCESS_KEY=abcdABCD1234abcdABCD1234abcdABCD1234abcd\n'],
    ['app/src/main/java/Crypto.java', `class Crypto { static final String SECRET_KEY = "${SECRET2}"; }\n`],
    ['src/config.ts', 'export const secretKey = "da39a3ee5e6b4b0d3255bfef95601890afd80709"; // aws cache key\n'],
    ['app/build.gradle', 'buildConfigField "String", "AWS_SECRET_KEY", "\\"${findProperty("awsSecret")}\\""\n'],
    ['gradle.properties', `AWS_SECRET_ACCESS_KEY=${SECRET}x\n`],
    ['ios/Config.xcconfig', 'AWS_SECRET_ACCESS_KEY = $(AWS_SECRET_FROM_CI)\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text, 'aws-secret-access-key'), [], `${path}: ${text}`);
});

// ------------------------------------------------------------------ aws-cognito-identity-pool

test('aws-cognito-identity-pool: found in awsconfiguration.json, amplifyconfiguration.json, aws-exports, Info.plist, strings.xml, Swift', () => {
  const endpoint = 'https://cognito-identity.us-east-1.amazonaws.com/';
  const cases: Array<[string, string]> = [
    ['app/src/main/res/raw/awsconfiguration.json', `{\n  "CredentialsProvider": {\n    "CognitoIdentity": {\n      "Default": { "PoolId": "${POOL}", "Region": "us-east-1" }\n    }\n  }\n}\n`],
    ['ios/App/amplifyconfiguration.json', `{"auth":{"plugins":{"awsCognitoAuthPlugin":{"CredentialsProvider":{"CognitoIdentity":{"Default":{"PoolId":"${POOL}"}}}}}}}\n`],
    ['src/aws-exports.js', `const awsmobile = {\n    "aws_project_region": "us-east-1",\n    "aws_cognito_identity_pool_id": "${POOL}",\n};\n`],
    ['ios/App/Info.plist', `<key>CognitoPoolId</key>\n<string>${POOL}</string>\n`],
    ['app/src/main/res/values/strings.xml', `<string name="identity_pool_id">${POOL}</string>\n`],
    ['ios/App/AppDelegate.swift', `let credentials = AWSCognitoCredentialsProvider(regionType: .USEast1, identityPoolId: "${POOL}")\n`],
  ];
  for (const [path, text] of cases) {
    const f = one(path, text, 'aws-cognito-identity-pool');
    assert.equal(f.value, POOL, path);
    assert.equal(f.endpoint, endpoint);
    assert.equal(f.severity, 'medium');
  }
  const f = one(cases[0][0], cases[0][1], 'aws-cognito-identity-pool');
  assert.deepEqual(range(f), [4, 31, 4, 77]);
  const cn = one('a.kt', 'val p = "cn-north-1:0b2c4d6e-8f01-4a23-b456-789abcdef012"\n', 'aws-cognito-identity-pool');
  assert.equal(cn.endpoint, 'https://cognito-identity.cn-north-1.amazonaws.com.cn/');
});

test('aws-cognito-identity-pool: user pools, placeholders, bare UUIDs and non-regions are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['awsconfiguration.json', '{"CognitoUserPool":{"Default":{"PoolId":"us-east-1_Ab12CdEfG","AppClientId":"3n4b5urk1ft4fl3mg5e62d9ado"}}}\n'],
    ['a.js', 'const pool = "us-east-1:00000000-0000-0000-0000-000000000000";\n'],
    ['a.js', 'const pool = "us-east-1:12345678-1234-1234-1234-123456789012";\n'],
    ['strings.xml', '<string name="pool">4f8e2c1a-9b3d-4e7f-a2c5-0d9e8f7a6b51</string>\n'],
    ['a.kt', 'val p = "xx-east-1:4f8e2c1a-9b3d-4e7f-a2c5-0d9e8f7a6b51"\nval q = "eu-west-1:4F8E2C1A-9B3D-4E7F-A2C5"\n'],
    ['a.swift', 'let p = "arn:aws:iam::eu-west-1:4f8e2c1a-9b3d-4e7f-a2c5-0d9e8f7a6b51x"\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text, 'aws-cognito-identity-pool'), [], `${path}: ${text}`);
});

// ------------------------------------------------------------------ aws-s3-bucket

test('aws-s3-bucket: every URL style yields the bucket and its canonical endpoint', () => {
  const urls: Array<[string, string, string]> = [
    ['https://acme-media.s3.amazonaws.com/img/a.png', 'acme-media', 'https://acme-media.s3.amazonaws.com/'],
    ['https://acme-media.s3.eu-west-1.amazonaws.com/a', 'acme-media', 'https://acme-media.s3.eu-west-1.amazonaws.com/'],
    ['https://acme-media.s3-us-west-2.amazonaws.com/a', 'acme-media', 'https://acme-media.s3.us-west-2.amazonaws.com/'],
    ['https://s3.amazonaws.com/acme-media/a.png', 'acme-media', 'https://acme-media.s3.amazonaws.com/'],
    ['https://s3.ap-southeast-2.amazonaws.com/acme-media/a.png', 'acme-media', 'https://acme-media.s3.ap-southeast-2.amazonaws.com/'],
    ['https://acme-media.s3.dualstack.us-east-2.amazonaws.com/', 'acme-media', 'https://acme-media.s3.us-east-2.amazonaws.com/'],
    ['http://acme-site.s3-website-us-east-1.amazonaws.com', 'acme-site', 'https://acme-site.s3.us-east-1.amazonaws.com/'],
    ['http://acme-site.s3-website.eu-central-1.amazonaws.com/', 'acme-site', 'https://acme-site.s3.eu-central-1.amazonaws.com/'],
    ['s3://acme-backups/2024/db.gz', 'acme-backups', 'https://acme-backups.s3.amazonaws.com/'],
    ['arn:aws:s3:::acme-uploads/*', 'acme-uploads', 'https://acme-uploads.s3.amazonaws.com/'],
    ['https://acme-media.s3-accelerate.amazonaws.com/x', 'acme-media', 'https://acme-media.s3.amazonaws.com/'],
    ['https://assets.acme.com.s3.amazonaws.com/logo.png', 'assets.acme.com', 'https://s3.amazonaws.com/assets.acme.com/'],
    ['https://s3.us-west-1.amazonaws.com/assets.acme.com/logo.png', 'assets.acme.com', 'https://s3.us-west-1.amazonaws.com/assets.acme.com/'],
    ['https://acme-cn.s3.cn-north-1.amazonaws.com.cn/a', 'acme-cn', 'https://acme-cn.s3.cn-north-1.amazonaws.com.cn/'],
  ];
  for (const [url, bucket, endpoint] of urls) {
    const text = `val u = "${url}"\n`;
    const f = one('app/src/main/java/Urls.kt', text, 'aws-s3-bucket');
    assert.deepEqual([f.value, f.endpoint, covered(text, f)], [bucket, endpoint, bucket], url);
    assert.equal(f.message, `S3 bucket ${bucket} referenced in source`);
  }
});

test('aws-s3-bucket: found in strings.xml, awsconfiguration.json, amplify config, aws-exports, .env, Info.plist, ObjC, Dart, xcconfig, buildConfigField', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/res/values/strings.xml', '<resources>\n    <string name="s3_bucket">acme-media</string>\n</resources>\n', 'acme-media', 'https://acme-media.s3.amazonaws.com/'],
    ['app/src/main/res/raw/awsconfiguration.json', '{\n  "S3TransferUtility": {\n    "Default": {\n      "Bucket": "acme-uploads-prod",\n      "Region": "eu-central-1"\n    }\n  }\n}\n', 'acme-uploads-prod', 'https://acme-uploads-prod.s3.eu-central-1.amazonaws.com/'],
    ['ios/App/amplifyconfiguration.json', '{"storage":{"plugins":{"awsS3StoragePlugin":{"bucket":"acmeapp-storage-0a1b2c-dev","region":"us-west-2","defaultAccessLevel":"guest"}}}}\n', 'acmeapp-storage-0a1b2c-dev', 'https://acmeapp-storage-0a1b2c-dev.s3.us-west-2.amazonaws.com/'],
    ['src/aws-exports.js', 'const awsmobile = {\n    "aws_user_files_s3_bucket": "acmeapp-files-prod",\n    "aws_user_files_s3_bucket_region": "ap-northeast-1"\n};\n', 'acmeapp-files-prod', 'https://acmeapp-files-prod.s3.ap-northeast-1.amazonaws.com/'],
    ['.env', 'S3_BUCKET=acme-media\nS3_REGION=us-east-2\n', 'acme-media', 'https://acme-media.s3.us-east-2.amazonaws.com/'],
    ['ios/App/Info.plist', '<key>MediaBaseURL</key>\n<string>https://acme-media.s3.amazonaws.com/</string>\n', 'acme-media', 'https://acme-media.s3.amazonaws.com/'],
    ['ios/App/Uploader.m', 'NSString *const kBucket = @"https://s3.amazonaws.com/acme-" @"media/uploads";\n', 'acme-media', 'https://acme-media.s3.amazonaws.com/'],
    ['lib/storage.dart', "const imagesUrl = 'https://acme-media.s3.eu-west-1.amazonaws.com';\n", 'acme-media', 'https://acme-media.s3.eu-west-1.amazonaws.com/'],
    ['ios/Config/Release.xcconfig', 'CDN_URL = https:/$()/acme-media.s3.amazonaws.com/public\n', 'acme-media', 'https://acme-media.s3.amazonaws.com/'],
    ['app/build.gradle', 'buildConfigField "String", "S3_BUCKET_NAME", "\\"acme-media\\""\n', 'acme-media', 'https://acme-media.s3.amazonaws.com/'],
    ['gradle.properties', 'android.useAndroidX=true\nS3_MEDIA_BUCKET=acme-photos-user-uploads\n', 'acme-photos-user-uploads', 'https://acme-photos-user-uploads.s3.amazonaws.com/'],
    ['ios/Config/Release.xcconfig', 'S3_MEDIA_BUCKET = acme-ios-media\nAWS_REGION = us-east-1\n', 'acme-ios-media', 'https://acme-ios-media.s3.us-east-1.amazonaws.com/'],
    ['lib/amplifyconfiguration.dart', "const amplifyconfig = ''' {\n    \"storage\": {\n        \"plugins\": {\n            \"awsS3StoragePlugin\": {\n                \"bucket\": \"acmeflutter8c2d1-dev\",\n                \"region\": \"us-east-1\",\n                \"defaultAccessLevel\": \"guest\"\n            }\n        }\n    }\n}''';\n", 'acmeflutter8c2d1-dev', 'https://acmeflutter8c2d1-dev.s3.us-east-1.amazonaws.com/'],
    ['src/amplify-config.ts', "const amplifyConfig = {\n  Storage: {\n    S3: {\n      region: 'ap-south-1',\n      bucket: 'acme-comment-storage',\n      allowGuestAccess: true\n    }\n  }\n};\n", 'acme-comment-storage', 'https://acme-comment-storage.s3.ap-south-1.amazonaws.com/'],
    ['amplify_outputs.json', '{"storage":{"aws_region":"eu-west-2","bucket_name":"amplify-acme-main-storagebucket-1a2b3c4d"}}\n', 'amplify-acme-main-storagebucket-1a2b3c4d', 'https://amplify-acme-main-storagebucket-1a2b3c4d.s3.eu-west-2.amazonaws.com/'],
  ];
  for (const [path, text, bucket, endpoint] of cases) {
    const f = one(path, text, 'aws-s3-bucket');
    assert.deepEqual([f.value, f.endpoint], [bucket, endpoint], path);
    assert.equal(f.severity, 'low');
  }
  const xml = one(cases[0][0], cases[0][1], 'aws-s3-bucket');
  assert.deepEqual(range(xml), [2, 30, 2, 40]);
  const cfg = one(cases[1][0], cases[1][1], 'aws-s3-bucket');
  assert.deepEqual(range(cfg), [4, 18, 4, 35]);
  const objc = one(cases[6][0], cases[6][1], 'aws-s3-bucket');
  assert.deepEqual(range(objc), [1, 54, 1, 68], 'adjacent ObjC literals are joined, range in the original');
});

test('aws-s3-bucket: placeholders, doc examples, namespaces, NSC/ATS domains, console links, emulators are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val a = "https://examplebucket.s3.amazonaws.com/"\nval b = "s3://DOC-EXAMPLE-BUCKET/key"\nval c = "arn:aws:s3:::amzn-s3-demo-bucket/*"\n'],
    ['.env', 'S3_BUCKET=your-bucket-name\nAWS_S3_BUCKET=<your-bucket>\nS3_BUCKET_NAME=${BUCKET}\n'],
    ['src/aws.js', 'const bucket = "my-bucket"; const u = `https://${bucket}.s3.amazonaws.com/`; const v = process.env.S3_BUCKET;\n'],
    ['app/src/main/res/xml/network_security_config.xml', '<network-security-config>\n  <domain-config>\n    <domain includeSubdomains="true">s3.amazonaws.com</domain>\n    <domain includeSubdomains="true">acme-media.s3.amazonaws.com</domain>\n  </domain-config>\n</network-security-config>\n'],
    ['ios/App/Info.plist', '<key>NSExceptionDomains</key>\n<dict>\n  <key>acme-media.s3.amazonaws.com</key>\n  <dict><key>NSIncludesSubdomains</key><true/></dict>\n</dict>\n'],
    ['res/ListBucket.xml', '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></ListBucketResult>\n<R xmlns="http://doc.s3.amazonaws.com/2006-03-01/"/>\n'],
    ['.env', 'S3_BUCKET_REGION=eu-west-1\naws_user_files_s3_bucket_region=us-east-1\nGCS_BUCKET=acme-gcs-media\n'],
    ['a.ts', 'const console = "https://s3.console.aws.amazon.com/s3/buckets/acme-media"; const docs = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acme-media";\n'],
    ['a.ts', 'const local = "http://localhost:4566/acme-media"; const ls = "http://s3.localhost.localstack.cloud:4566/acme-media";\n'],
    ['a.kt', 'val x = "https://Acme_Media.s3.amazonaws.com/"\nval y = "https://s3.amazonaws.com/ab"\nval z = "s3://acme..media/x"\n'],
    ['google-services.json', '{"project_info":{"storage_bucket":"acme-prod.appspot.com"},"bucket":"acme-prod.appspot.com"}\n'],
    ['a.kt', 'val bucket = "acme-profile-pics"\n'],
    ['semconv.js', "export const ATTR_AWS_S3_BUCKET = 'aws.s3.bucket';\n"],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text, 'aws-s3-bucket').map((f) => f.value), [], `${path}: ${text}`);
});

test('aws rules stay linear on a 1 MB adversarial line', () => {
  const lines = [
    'a.'.repeat(500_000), // bucket-ish run without a host
    `${'a-'.repeat(250_000)}.s3.amazonaws.com`,
    `s3.amazonaws.com/${'a'.repeat(1_000_000)}`,
    `AWS_SECRET_ACCESS_KEY=${'A1b/'.repeat(250_000)}`,
    `${'us-east-1:'.repeat(100_000)}`,
    `AKIA${'A'.repeat(1_000_000)}`,
  ];
  const t0 = process.hrtime.bigint();
  for (const line of lines) engine.scanText('big.js', `const x = "${line}";\n`);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 10_000, `took ${ms} ms`); // generous bound: a quadratic regex takes minutes here
});
