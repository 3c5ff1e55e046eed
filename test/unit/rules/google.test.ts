import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';

const engine = createEngine();
const scan = (path: string, text: string, ruleId: string): Finding[] =>
  engine.scanText(path, text).findings.filter((f) => f.ruleId === ruleId);
const values = (path: string, text: string, ruleId: string): string[] => scan(path, text, ruleId).map((f) => f.value);

// Fake keys in the real shape (AIza + 35 chars); no sequences or repeats.
const KEY_A = 'AIzaSyC7vK2mQ9tR4wX8pL1nB6jH3gF5dS0aZ9e';
const KEY_B = 'AIzaSyDq8Lm3Zr5Tn0Wv7Kx2Jb9Hc4Gf6Ps1-Yu';
const CLIENT = '583920174455-k3v9q0m2h7t1r8w5j6n4p2s0d9f8g7b1.apps.googleusercontent.com';
const REVERSED = 'com.googleusercontent.apps.583920174455-k3v9q0m2h7t1r8w5j6n4p2s0d9f8g7b1';

test('fake values have the real shapes', () => {
  assert.equal(KEY_A.length, 39);
  assert.equal(KEY_B.length, 39);
  assert.equal(CLIENT.split('-')[1].split('.')[0].length, 32);
});

test('google-api-key: JSON, manifest, strings.xml, plist, Swift, ObjC, Dart, .env, Gradle', () => {
  const json = `{\n  "client": [{\n    "api_key": [{ "current_key": "${KEY_A}" }]\n  }]\n}\n`;
  const [j] = scan('android/app/google-services.json', json, 'google-api-key');
  assert.deepEqual([j.value, j.severity, j.location.line, j.location.column, j.location.endLine, j.location.endColumn], [KEY_A, 'medium', 3, 35, 3, 74]);
  assert.match(j.message, /ships in the app/);
  assert.match(j.message, /restrict/);
  const doc = engine.describe('google-api-key')!.doc;
  assert.match(doc.fix, /Android apps: package name \+ SHA-1/);
  assert.match(doc.fix, /API restriction/);
  assert.match(doc.why, /does not hide them/);

  const manifest = `<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n  <application>\n    <meta-data android:name="com.google.android.geo.API_KEY" android:value="${KEY_B}"/>\n  </application>\n</manifest>\n`;
  const [m] = scan('app/src/main/AndroidManifest.xml', manifest, 'google-api-key');
  assert.deepEqual([m.value, m.location.line, m.location.column, m.location.endColumn], [KEY_B, 3, 77, 116]);

  assert.deepEqual(values('app/src/main/res/values/strings.xml', `<resources>\n  <string name="google_api_key" translatable="false">${KEY_A}</string>\n</resources>\n`, 'google-api-key'), [KEY_A]);
  assert.deepEqual(values('ios/Runner/GoogleService-Info.plist', `<dict>\n\t<key>API_KEY</key>\n\t<string>${KEY_B}</string>\n</dict>\n`, 'google-api-key'), [KEY_B]);
  assert.deepEqual(values('ios/Maps/AppDelegate.swift', `GMSServices.provideAPIKey("${KEY_A}")\n`, 'google-api-key'), [KEY_A]);
  assert.deepEqual(values('ios/Maps/AppDelegate.m', `[GMSServices provideAPIKey:@"${KEY_B}"];\n`, 'google-api-key'), [KEY_B]);
  assert.deepEqual(values('lib/firebase_options.dart', `  static const FirebaseOptions ios = FirebaseOptions(\n    apiKey: '${KEY_A}',\n  );\n`, 'google-api-key'), [KEY_A]);
  assert.deepEqual(values('.env', `EXPO_PUBLIC_GOOGLE_MAPS_KEY=${KEY_B}\n`, 'google-api-key'), [KEY_B]);
  assert.deepEqual(values('app/build.gradle', `buildConfigField "String", "MAPS_API_KEY", "\\"${KEY_A}\\""\n`, 'google-api-key'), [KEY_A]);
});

test('google-api-key: a key split by concatenation keeps its original range', () => {
  const java = `class Keys {\n  static final String MAPS = "${KEY_B.slice(0, 18)}" +\n    "${KEY_B.slice(18)}";\n}\n`;
  const [f] = scan('app/src/main/java/io/maps/Keys.java', java, 'google-api-key');
  assert.equal(f.value, KEY_B);
  assert.deepEqual([f.location.line, f.location.column, f.location.endLine, f.location.endColumn], [2, 31, 3, 27]);
  const ts = `const key = \`${KEY_A.slice(0, 20)}\` + \`${KEY_A.slice(20)}\`;\n`;
  assert.deepEqual(values('src/maps.ts', ts, 'google-api-key'), [KEY_A], 'template literals are joined too');
});

test('google-api-key: placeholders, examples, references and wrong shapes are not findings', () => {
  const lines = [
    `val a = "AIzaSy${'X'.repeat(33)}"`,
    `val b = "${'AIzaSyYOUR-API-KEY-GOES-HERE-r7Tq2Lm9Xw'.slice(0, 39)}"`,
    'val c = "AIzaSyA1234567890abcdefghijklmnopqrstuv"',
    'val d = BuildConfig.MAPS_API_KEY // AIza… is injected by the build',
    `val e = "${KEY_A.slice(0, 38)}"`,
    `val f = "${KEY_A}Q"`,
    `val g = "Qm9v${KEY_B}"`,
    'val h = "AIzaSy-REPLACE_ME_with_the_real_k3y9"',
  ];
  for (const l of lines.slice(1, 3)) assert.equal(/AIza[\w-]{35}/.exec(l)?.[0].length, 39, `shape of ${l}`);
  assert.deepEqual(values('app/src/main/java/Maps.kt', lines.join('\n'), 'google-api-key'), []);
  assert.deepEqual(values('ios/Config/Release.xcconfig', 'GOOGLE_API_KEY = $(MAPS_KEY_FROM_CI)\nAPI_KEY_AIza = ${GOOGLE_API_KEY}\n', 'google-api-key'), []);
});

test('google-oauth-client-id: forward and reversed forms in six file types', () => {
  const json = `{"client": [{"oauth_client": [{\n  "client_id": "${CLIENT}",\n  "client_type": 3\n}]}]}\n`;
  const [j] = scan('android/app/google-services.json', json, 'google-oauth-client-id');
  assert.deepEqual([j.value, j.severity, j.location.line, j.location.column, j.location.endColumn], [CLIENT, 'info', 2, 17, 89]);
  assert.equal(j.endpoint, undefined);

  // GoogleService-Info.plist has both forms: only the forward one is reported.
  const plist = `<dict>\n\t<key>CLIENT_ID</key>\n\t<string>${CLIENT}</string>\n\t<key>REVERSED_CLIENT_ID</key>\n\t<string>${REVERSED}</string>\n</dict>\n`;
  const p = scan('ios/Runner/GoogleService-Info.plist', plist, 'google-oauth-client-id');
  assert.deepEqual(p.map((f) => [f.value, f.location.line]), [[CLIENT, 3]]);

  // Info.plist URL schemes carry only the reversed form: reported there.
  const info = `<key>CFBundleURLTypes</key>\n<array><dict>\n  <key>CFBundleURLSchemes</key>\n  <array><string>${REVERSED}</string></array>\n</dict></array>\n`;
  const [r] = scan('ios/Runner/Info.plist', info, 'google-oauth-client-id');
  assert.deepEqual([r.value, r.location.line, r.location.column], [REVERSED, 4, 18]);
  assert.match(r.message, /583920174455-k3v9/);

  assert.deepEqual(values('app/src/main/res/values/strings.xml', `<resources><string name="default_web_client_id" translatable="false">${CLIENT}</string></resources>`, 'google-oauth-client-id'), [CLIENT]);
  assert.deepEqual(values('app/src/main/java/io/app/SignIn.kt', `val gso = GoogleSignInOptions.Builder(GoogleSignInOptions.DEFAULT_SIGN_IN)\n    .requestIdToken("${CLIENT}")\n    .build()\n`, 'google-oauth-client-id'), [CLIENT]);
  assert.deepEqual(values('ios/App/SignIn.swift', `let config = GIDConfiguration(clientID: "${CLIENT}")\n`, 'google-oauth-client-id'), [CLIENT]);
  assert.deepEqual(values('src/auth.js', `GoogleSignin.configure({ webClientId: '${CLIENT}' });\n`, 'google-oauth-client-id'), [CLIENT]);
});

test('google-oauth-client-id: placeholders, short doc ids, scopes and other googleusercontent hosts are not findings', () => {
  const lines = [
    'webClientId: "YOUR_CLIENT_ID.apps.googleusercontent.com",',
    'iosClientId: "1234567890-abc123def456.apps.googleusercontent.com",',
    'scopes: ["https://www.googleapis.com/auth/drive.file", "https://www.googleapis.com/auth/userinfo.email"],',
    'avatar: "https://lh3.googleusercontent.com/a/ACg8ocKq3v9Tn0Wv7Kx2Jb9Hc4Gf6Ps1YeZr5=s96-c",',
    'androidClientId: process.env.GOOGLE_ANDROID_CLIENT_ID,',
    'expoClientId: "123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com",',
    'serverClientId: "${GOOGLE_WEB_CLIENT_ID}.apps.googleusercontent.com",',
  ];
  assert.deepEqual(values('src/auth.ts', lines.join('\n'), 'google-oauth-client-id'), []);
});

test('Google patterns stay linear on 1 MB adversarial lines', { timeout: 20_000 }, () => {
  const mb = 1 << 20;
  for (const line of [' AIza'.repeat(mb / 5), 'AIza'.repeat(mb / 4), ' 12345-'.repeat(mb / 7) + '.apps.googleusercontent.com', '1'.repeat(mb) + '-x.apps.googleusercontent.com']) {
    assert.equal(engine.scanText('src/a.ts', line).findings.length, 0);
  }
});
