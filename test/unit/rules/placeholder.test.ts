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

// Templates written in Spanish, Portuguese, French, German, Italian, Dutch and Indonesian (shapes seen in
// public READMEs and .env examples), and the real names that share their words.
const FOREIGN_PLACEHOLDERS = [
  'tu-proyecto', 'TU-PROYECTO', 'TU_PROYECTO', 'mi-proyecto', 'seu-projeto', 'SEU-PROJETO', 'SEU_BUCKET', 'tu-api-key',
  'tu_clave_anonima_aqui', 'TU_ANON_KEY_AQUI', 'sua-chave-anonima', 'pega-aqui-el-uuid-de-tu-proyecto',
  'nombre-del-bucket', 'nombre-de-tu-bucket', 'id-de-proyecto', 'nom-du-bucket', 'votre-projet', 'dein-bucket',
  'ihr-projekt-id', 'mijn-bucket', 'nama-bucket-anda', 'proyek-saya', 'bucket-ejemplo', 'ejemplo', 'exemplo-dev',
  'beispiel-bucket', 'prueba', 'mi-app-prod', 'tu-proyecto-dev',
];

const FOREIGN_NEAR_MISSES = [
  // a company or product that is spelled like a template word, alone or beside environment words
  'anda', 'anda-prod', 'anda-media', 'anda-prod-assets', 'saya-dev', 'mi-cloud', 'mi-app-prod-7f3a', 'tu-berlin-data',
  // template words are whole words only: never found inside a run of letters
  'mondo', 'mondo-storage', 'sudo', 'mikey', 'tutest-4c1b', 'idle', 'dodo', 'ladel', 'tuproyectos-media',
  // a connector is neutral only between two words: at an end it is a real word (a market, a city)
  'app-de', 'api-la', 'db-do', 'de-app', 'bucket-van',
  // dropped from the lists as too often a real name or abbreviation
  'su-app', 'mon-api', 'ton-wallet', 'uw-bucket', 'mio-app',
  // real buckets with a template word and a real one
  'mi-app-prod-uploads', 'nuestra-tienda-prod', 'tienda-ejemplar-prod',
];

test('templates in other languages are placeholders; real names sharing their words are not', () => {
  for (const v of FOREIGN_PLACEHOLDERS) assert.ok(isPlaceholder(v), `${v} is a placeholder`);
  for (const v of FOREIGN_NEAR_MISSES) assert.ok(!isPlaceholder(v), `${v} is a real name`);
});

test('through the rules: a Spanish template stays quiet, a bucket named like a template word is found', () => {
  const quiet = 'SUPABASE_URL=https://tu-proyecto.supabase.co\nS3_BUCKET=nombre-de-tu-bucket\nFIREBASE_DB=https://seu-projeto.firebaseio.com\n';
  const ids = ['supabase-url', 'aws-s3-bucket', 'firebase-database-url'];
  assert.deepEqual(ids.flatMap((id) => scanRule('.env', quiet, id)).map((f) => f.value), []);
  const real = 'val a = "https://anda-prod.s3.amazonaws.com/logo.png"\nval b = "https://mi-app-prod-7f3a.s3.amazonaws.com/x"\n';
  assert.deepEqual(scanRule('app/src/main/java/A.kt', real, 'aws-s3-bucket').map((f) => f.value), ['anda-prod', 'mi-app-prod-7f3a']);
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
