// Placeholders by shape: a value that *is* a placeholder is not a finding; a real name that merely
// contains sample/test/demo/example beside a random or environment suffix is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNonValue, isPlaceholder, isPlaceholderName, isProviderExample } from '../../../server/src/core/rules/common';
import { scanRule } from '../../helpers/ruleFindings';

const PLACEHOLDERS = [
  'YOUR_BUCKET', 'YOUR_BUCKET_NAME', 'your-bucket-name', 'YourBucketName', 'yourbucketname', '<bucket>', '<your-bucket>',
  '[bucket]', '{bucket}', 'my-bucket', 'mybucket', 'my_bucket_2', 'example-bucket', 'examplebucket', 'bucket.example',
  'sample', 'Sample', 'sample-app', 'sample-dev', 'test', 'test-bucket', 'testbucket1', 'demo-app', 'xxx', 'XXXXXXXX',
  'xxxx-xxxx', '******', '...', 'bucket-name', 'BUCKET_NAME', 'project-id', 'S3_BUCKET_NAME', 'todo', 'TODO_ADD_KEY',
  'replace-me', 'REPLACE_ME', 'changeme', 'insert-your-key-here', 'foo-bar', 'dummy', 'placeholder-bucket',
  'my-firebase-project', 'the-app-db', 'storage-bucket', 's3-bucket', 'default', 'devtestbucket', 'null', 'undefined', 'REDACTED', 'fake-key-for-tests', 'my-project-123',
  // typed numbers: short, counting up or down, repeated, round
  'project-12345', 'my-project-123456789', 'api-project-123456789012', 'test-98765', 'bucket-00000', 'my-app-10000', 'mybucket2024', 'test12345',
];

const REAL = [
  'gallerysample909aa8135f9c4478a708dfae7be1074c104251-amplifyapp', 'gallerysample-dev', 'acmesample-dev',
  'photosample-uploads', 'todo-app-4f2a1', 'acme-test', 'testflight-builds-7f3e', 'demo4f9a2c-prod', 'sample9d8e7f-dev',
  'acme-media', 'pixelbucket4f21c-dev', 'amplify-acmephotos-main-sandbox-storagebucket9a7b-x1y2z3w4v5u6',
  'exampleco-assets', 'storage', 'http://storage.googleapis.com', 'acme-prod-default-rtdb', 'myriad-photos',
  'yourtown-news-8c1d', 'contest-entries', 'latest-builds', 'alpha-default-rtdb', 'prod-db', 'dev-bucket',
  // generated numbers: Firebase / Google Cloud ids made from a taken name plus random digits
  'api-7231322553409637977-752355', 'test-58213', 'api-project-386502719845', 'my-app-48213', 'project-8724629301238', 'app58213',
];

test('values that are placeholders are recognised by their shape', () => {
  for (const v of PLACEHOLDERS) assert.ok(isPlaceholder(v), `${v} is a placeholder`);
});

test('real names that contain sample/test/demo/example (or my/your inside a word) are not placeholders', () => {
  for (const v of REAL) assert.ok(!isPlaceholder(v), `${v} is a real name`);
});

test('resource names: templates, globs, references and emulator names are placeholders too', () => {
  for (const v of ['${BUCKET}', '$(S3_BUCKET)', 'bucket-*', 'localhost', 'BuildConfig.BUCKET']) assert.ok(isPlaceholderName(v), v);
  for (const v of REAL.slice(0, 6)) assert.ok(!isPlaceholderName(v), v);
});

test('provider documentation values stay quiet', () => {
  for (const v of [
    'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAI44QH8DHBEXAMPLE',
    'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
    'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU', // a Firebase Android SDK test key
  ]) {
    assert.ok(isProviderExample(v) && isNonValue(v), v);
  }
  assert.ok(!isProviderExample('AKIAQ3EGTH5RZK7YWN2P'));
});

test('through the rules: real names with sample/test words are found, placeholders and doc values are not', () => {
  const found: Array<[string, string, string]> = [
    ['amplifyconfiguration.json', '{"storage": {"plugins": {"awsS3StoragePlugin": {"bucket": "gallerysample-dev", "region": "us-east-1"}}}}', 'gallerysample-dev'],
    ['app/src/main/java/Up.kt', 'val u = "https://acmesample-dev.s3.amazonaws.com/x.png"\n', 'acmesample-dev'],
    ['lib/media.dart', "const m = 'https://photosample-uploads.s3.eu-west-1.amazonaws.com/';\n", 'photosample-uploads'],
    ['src/db.ts', 'export const db = "https://todo-app-4f2a1-default-rtdb.firebaseio.com";\n', 'todo-app-4f2a1-default-rtdb.firebaseio.com'],
    ['.env', 'GCS_BUCKET=gs://sample9d8e7f-dev\n', 'sample9d8e7f-dev'],
  ];
  for (const [path, text, value] of found) {
    const all = [...scanRule(path, text, 'aws-s3-bucket'), ...scanRule(path, text, 'firebase-database-url'), ...scanRule(path, text, 'gcs-bucket')];
    assert.deepEqual(all.map((f) => f.value), [value], path);
  }
  const quiet: Array<[string, string]> = [
    ['.env', 'S3_BUCKET=YOUR_BUCKET\nAWS_S3_BUCKET=my-bucket\nS3_BUCKET_NAME=example-bucket\nAWS_BUCKET=sample\n'],
    ['a.kt', 'val u = "https://xxxxxxxx.s3.amazonaws.com/"; val v = "https://<bucket>.s3.amazonaws.com/"\n'],
    ['a.swift', 'let k = "AKIAIOSFODNN7EXAMPLE"; let s = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n'],
    ['app/src/test/java/OptionsTest.kt', 'FirebaseOptions.Builder().setApiKey("AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU").build()\n'],
    ['a.js', 'const c = "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net";\n'],
  ];
  for (const [path, text] of quiet) {
    const ids = ['aws-s3-bucket', 'aws-access-key-id', 'aws-secret-access-key', 'azure-storage-account-key', 'google-api-key'];
    assert.deepEqual(ids.flatMap((id) => scanRule(path, text, id)).map((f) => f.value), [], `${path}: ${text}`);
  }
});
