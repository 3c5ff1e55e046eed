import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneOf, range, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';
import { createEngine } from '../../../server/src/core/engine';

const engine = createEngine();

const RULE = 'gcs-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);
const list = (b: string): string => `https://storage.googleapis.com/storage/v1/b/${b}/o`;

test('gcs-bucket: every URL form yields the bucket and the JSON API list endpoint', () => {
  const urls: Array<[string, string]> = [
    ['https://storage.googleapis.com/acme-media/img/a.png', 'acme-media'],
    ['https://acme-media.storage.googleapis.com/img/a.png', 'acme-media'],
    ['gs://acme-ml-models/v3/model.tflite', 'acme-ml-models'],
    ['https://storage.cloud.google.com/acme_exports/report.csv', 'acme_exports'],
    ['https://storage.googleapis.com/storage/v1/b/acme-raw/o?prefix=u', 'acme-raw'],
    ['https://www.googleapis.com/upload/storage/v1/b/acme-inbox/o?uploadType=media', 'acme-inbox'],
    ['https://storage.googleapis.com/assets.acme.io/logo.svg', 'assets.acme.io'],
    ['http://commondatastorage.googleapis.com/acme-legacy/a', 'acme-legacy'],
  ];
  for (const [url, bucket] of urls) {
    const text = `val u = "${url}"\n`;
    const f = one('app/src/main/java/Urls.kt', text);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [bucket, list(bucket), 'low', 'gcs'], url);
    assert.equal(text.slice(f.location.column - 1, f.location.endColumn - 1), bucket);
  }
});

test('gcs-bucket: found in strings.xml, Info.plist, Swift, Java, Dart, .env, JS, build.gradle.kts, xcconfig', () => {
  const cases: Array<[string, string, string]> = [
    ['app/src/main/res/values/strings.xml', '<resources>\n    <string name="models_url">https://storage.googleapis.com/acme-models/</string>\n</resources>\n', 'acme-models'],
    ['ios/App/Info.plist', '<key>ExportBucket</key>\n<string>gs://acme-exports</string>\n', 'acme-exports'],
    ['ios/App/Media.swift', 'let base = URL(string: "https://acme-media.storage.googleapis.com")!\n', 'acme-media'],
    ['app/src/main/java/com/acme/Api.java', 'static final String BASE = "https://storage.googleapis.com/" +\n        "acme-media/public/";\n', 'acme-media'],
    ['lib/config.dart', "const gcs = 'gs://acme-flutter-assets';\n", 'acme-flutter-assets'],
    ['.env.production', 'VITE_MEDIA_BASE=https://storage.googleapis.com/acme-web-media\n', 'acme-web-media'],
    ['src/api.js', 'fetch(`https://storage.googleapis.com/acme-feed/latest.json`)\n', 'acme-feed'],
    ['app/build.gradle.kts', 'buildConfigField("String", "MODEL_URL", "\\"https://storage.googleapis.com/acme-ml/model.tflite\\"")\n', 'acme-ml'],
    ['ios/Config/Release.xcconfig', 'MODEL_BASE = https:/$()/storage.googleapis.com/acme-ml-ios\n', 'acme-ml-ios'],
  ];
  for (const [path, text, bucket] of cases) {
    const f = one(path, text);
    assert.deepEqual([f.value, f.endpoint], [bucket, list(bucket)], path);
  }
  assert.deepEqual(range(one(cases[0][0], cases[0][1])), [2, 62, 2, 73]);
  assert.deepEqual(range(one(cases[3][0], cases[3][1])), [2, 10, 2, 20], 'second half of a Java concatenation');
  assert.equal(one(cases[5][0], cases[5][1]).message, 'Google Cloud Storage bucket acme-web-media referenced in source');
});

test('gcs-bucket: Firebase buckets, API paths, OAuth scopes, placeholders, public SDK buckets and NSC domains are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['google-services.json', '{"storage_bucket": "acme-prod.appspot.com", "u": "gs://acme-prod.appspot.com", "v": "gs://acme-prod.firebasestorage.app"}\n'],
    ['a.kt', 'val api = "https://storage.googleapis.com/storage/v1/b"\nval up = "https://storage.googleapis.com/upload/storage/v1/b/"\n'],
    ['a.java', 'String scope = "https://www.googleapis.com/auth/devstorage.read_only";\nString s2 = "https://www.googleapis.com/auth/devstorage.full_control";\n'],
    ['.env', 'BUCKET_URL=gs://your-bucket\nB2=gs://<bucket-name>\nB3=gs://${GCS_BUCKET}\nB4=gs://example-bucket\nB5=gs://my-bucket\n'],
    ['android/build.gradle', 'maven { url "https://storage.googleapis.com/download.flutter.io" }\ndef engine = "https://storage.googleapis.com/flutter_infra_release/flutter/abc/x.zip"\n'],
    ['app/src/main/res/xml/network_security_config.xml', '<domain-config>\n  <domain includeSubdomains="true">acme-media.storage.googleapis.com</domain>\n</domain-config>\n'],
    ['a.ts', 'const a = "gs://goog-analytics-export"; const b = "gs://a"; const c = "https://storage.googleapis.com/ACME-Media/x";\n'],
    ['a.ts', 'const local = "http://localhost:9199/storage.googleapis.com/acme-media"; const d = "gs://cloud-samples-data/speech/a.wav";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});

test('gcs-bucket: the demo media of Google media SDKs (placeholder videos and songs) is not the app\'s store; look-alikes are', () => {
  const demo = [
    'https://commondatastorage.googleapis.com/gtv-videos-bucket/sample/BigBuckBunny.mp4',
    'http://commondatastorage.googleapis.com/gtv-videos-bucket/sample/ElephantsDream.mp4',
    'https://commondatastorage.googleapis.com/android-tv/Sample%20videos/Demo%20Slam/Google%20Demo%20Slam_%2020ft%20Search.mp4',
    'https://storage.googleapis.com/exoplayer-test-media-0/BigBuckBunny_320x180.mp4',
    'https://storage.googleapis.com/exoplayer-test-media-1/mkv/android-screens-lavf-56.36.100-aac-avc-main-1280x720.mkv',
    'https://storage.googleapis.com/wvmedia/clear/h264/tears/tears.mpd',
    'https://storage.googleapis.com/shaka-demo-assets/angel-one/dash.mpd',
    'https://storage.googleapis.com/uamp/catalog.json',
  ];
  for (const url of demo) assert.deepEqual(scan('components/Video.jsx', `const src = "${url}";\n`).map((f) => f.value), [], url);
  // the app's own buckets named near them are found
  const own: Array<[string, string]> = [
    ['https://commondatastorage.googleapis.com/acme-videos-bucket/sample/intro.mp4', 'acme-videos-bucket'],
    ['https://storage.googleapis.com/gtv-videos-bucket-acme/a.mp4', 'gtv-videos-bucket-acme'],
    ['https://storage.googleapis.com/exoplayer-test-media-acme/a.mp4', 'exoplayer-test-media-acme'],
    ['gs://acme-android-tv/promo.mp4', 'acme-android-tv'],
    ['https://storage.googleapis.com/uamp-acme-music/catalog.json', 'uamp-acme-music'],
    ['https://storage.googleapis.com/wvmedia-acme/clear/a.mpd', 'wvmedia-acme'],
  ];
  for (const [url, bucket] of own) assert.deepEqual(scan('lib/media.dart', `const u = '${url}';\n`).map((f) => f.value), [bucket], url);
});

test('gcs-bucket stays linear on a 1 MB adversarial line', () => {
  const lines = [`gs://${'a.'.repeat(500_000)}`, `${'a-'.repeat(500_000)}.storage.googleapis.com`, `storage.googleapis.com/${'a_'.repeat(500_000)}`];
  const t0 = process.hrtime.bigint();
  for (const line of lines) engine.scanText('big.js', `const x = "${line}";\n`);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 10_000, `took ${ms} ms`);
});
