import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';

const engine = createEngine();
const scan = (path: string, text: string, ruleId: string): Finding[] =>
  engine.scanText(path, text).findings.filter((f) => f.ruleId === ruleId);
const values = (path: string, text: string, ruleId: string): string[] => scan(path, text, ruleId).map((f) => f.value);
/** The source text a finding's range covers (1-based, end-exclusive columns). */
function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  const { line, column, endLine, endColumn } = f.location;
  if (line === endLine) return lines[line - 1].slice(column - 1, endColumn - 1);
  return [lines[line - 1].slice(column - 1), ...lines.slice(line, endLine - 1), lines[endLine - 1].slice(0, endColumn - 1)].join('\n');
}

const GOOGLE_SERVICES = `{
  "project_info": {
    "project_number": "583920174455",
    "firebase_url": "https://pantry-pal-7c1e9-default-rtdb.firebaseio.com",
    "project_id": "pantry-pal-7c1e9",
    "storage_bucket": "pantry-pal-7c1e9.appspot.com"
  },
  "client": [{ "client_info": { "mobilesdk_app_id": "1:583920174455:android:4b7e2c9d1f0a3e6b" } }]
}
`;

const SERVICE_INFO_PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
\t<key>GOOGLE_APP_ID</key>
\t<string>1:583920174455:ios:8d2f6a1c0e9b7d4a</string>
\t<key>PROJECT_ID</key>
\t<string>orbit-notes-3f8a2</string>
\t<key>STORAGE_BUCKET</key>
\t<string>orbit-notes-3f8a2.firebasestorage.app</string>
\t<key>DATABASE_URL</key>
\t<string>https://orbit-notes-3f8a2.firebaseio.com</string>
</dict>
</plist>
`;

const FIREBASE_OPTIONS_DART = `import 'package:firebase_core/firebase_core.dart' show FirebaseOptions;

class DefaultFirebaseOptions {
  static const FirebaseOptions android = FirebaseOptions(
    appId: '1:583920174455:android:4b7e2c9d1f0a3e6b',
    messagingSenderId: '583920174455',
    projectId: 'tidewatch-prod',
    databaseURL: 'https://tidewatch-prod-default-rtdb.europe-west1.firebasedatabase.app',
    storageBucket: 'tidewatch-prod.appspot.com',
  );
}
`;

const STRINGS_XML = `<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="app_name">Pantry Pal</string>
    <string name="firebase_database_url" translatable="false">https://pantry-pal-7c1e9-default-rtdb.firebaseio.com</string>
    <string name="google_storage_bucket" translatable="false">pantry-pal-7c1e9.appspot.com</string>
    <string name="project_id" translatable="false">pantry-pal-7c1e9</string>
    <string name="google_app_id" translatable="false">1:583920174455:android:4b7e2c9d1f0a3e6b</string>
</resources>
`;

const WEB_CONFIG_TS = `import { initializeApp } from 'firebase/app';

const firebaseConfig = {
  authDomain: "kestrel-maps-91d0.firebaseapp.com",
  databaseURL: "https://kestrel-maps-91d0-default-rtdb.asia-southeast1.firebasedatabase.app",
  projectId: "kestrel-maps-91d0",
  storageBucket: "kestrel-maps-91d0.firebasestorage.app",
  messagingSenderId: "771204938815",
};
export const app = initializeApp(firebaseConfig);
`;

test('firebase-database-url: every host form in JSON, plist, Dart, strings.xml and TS config', () => {
  const [json] = scan('android/app/google-services.json', GOOGLE_SERVICES, 'firebase-database-url');
  assert.equal(json.value, 'pantry-pal-7c1e9-default-rtdb.firebaseio.com');
  assert.equal(json.endpoint, 'https://pantry-pal-7c1e9-default-rtdb.firebaseio.com/');
  assert.equal(json.severity, 'medium');
  assert.deepEqual([json.location.line, json.location.column, json.location.endLine, json.location.endColumn], [4, 30, 4, 74]);

  const [plist] = scan('ios/Runner/GoogleService-Info.plist', SERVICE_INFO_PLIST, 'firebase-database-url');
  assert.equal(plist.value, 'orbit-notes-3f8a2.firebaseio.com');
  assert.deepEqual([plist.location.line, plist.location.column, plist.location.endColumn], [11, 18, 50]);

  const [dart] = scan('lib/firebase_options.dart', FIREBASE_OPTIONS_DART, 'firebase-database-url');
  assert.equal(dart.value, 'tidewatch-prod-default-rtdb.europe-west1.firebasedatabase.app');
  assert.equal(dart.endpoint, 'https://tidewatch-prod-default-rtdb.europe-west1.firebasedatabase.app/');
  assert.equal(covered(FIREBASE_OPTIONS_DART, dart), dart.value);

  assert.deepEqual(values('android/app/src/main/res/values/strings.xml', STRINGS_XML, 'firebase-database-url'), ['pantry-pal-7c1e9-default-rtdb.firebaseio.com']);
  assert.deepEqual(values('src/firebase.ts', WEB_CONFIG_TS, 'firebase-database-url'), ['kestrel-maps-91d0-default-rtdb.asia-southeast1.firebasedatabase.app']);
});

test('firebase-database-url: Kotlin, Swift, Java concatenation, .env and the xcconfig trick', () => {
  const kt = 'val db = FirebaseDatabase.getInstance("https://quill-journal-22b4.firebaseio.com")\n';
  const [k] = scan('app/src/main/java/io/quill/Db.kt', kt, 'firebase-database-url');
  assert.deepEqual([k.value, k.location.line, k.location.column, k.location.endColumn], ['quill-journal-22b4.firebaseio.com', 1, 48, 81]);

  const swift = 'let ref = Database.database(url: "https://quill-journal-22b4-default-rtdb.firebaseio.com").reference()\n';
  assert.deepEqual(values('ios/Quill/Store.swift', swift, 'firebase-database-url'), ['quill-journal-22b4-default-rtdb.firebaseio.com']);

  const java = 'class Cfg {\n  static final String DB = "https://tidewatch-" +\n      "prod.firebaseio.com";\n}\n';
  const [j] = scan('app/src/main/java/io/tide/Cfg.java', java, 'firebase-database-url');
  assert.equal(j.value, 'tidewatch-prod.firebaseio.com');
  assert.deepEqual([j.location.line, j.location.column, j.location.endLine, j.location.endColumn], [2, 37, 3, 27]);

  assert.deepEqual(values('.env.production', 'EXPO_PUBLIC_FIREBASE_DATABASE_URL=https://kestrel-maps-91d0.firebaseio.com\n', 'firebase-database-url'), ['kestrel-maps-91d0.firebaseio.com']);
  assert.deepEqual(values('ios/Config/Release.xcconfig', 'FIREBASE_DB = https:/$()/orbit-notes-3f8a2-default-rtdb.firebaseio.com\n', 'firebase-database-url'), ['orbit-notes-3f8a2-default-rtdb.firebaseio.com']);
});

test('firebase-database-url: near misses are not findings', () => {
  const kt = [
    '// Docs: https://<DATABASE_NAME>.firebaseio.com and https://firebase.google.com/docs/database',
    'val a = FirebaseDatabase.getInstance(BuildConfig.FIREBASE_DB_URL)',
    'val b = "https://your-project-default-rtdb.firebaseio.com"',
    'val c = "https://[PROJECT_ID].firebaseio.com"',
    'val news = "https://hacker-news.firebaseio.com/v0/topstories.json"',
    'val d = "https://demo-pantry.firebaseio.com" // emulator demo project',
    'db.useEmulator("10.0.2.2", 9000); val e = "http://10.0.2.2:9000?ns=pantry-pal-7c1e9"',
    'val f = "https://console.firebase.google.com/project/pantry-pal-7c1e9/database/pantry-pal-7c1e9-default-rtdb/data"',
    'val g = "s-usc1c-nss-204.firebaseio.com"',
    'val h = "https://pantry.firebaseio.community"',
    'val i = "https://${projectId}-default-rtdb.firebaseio.com"',
    'val j = "https://$name.firebaseio.com"',
  ].join('\n');
  assert.deepEqual(values('app/src/main/java/Db.kt', kt, 'firebase-database-url'), []);
  const xcconfig = 'FIREBASE_DB_URL = $(FIREBASE_DB_HOST)\nOTHER = https://${DB_NAME}.firebaseio.com\n';
  assert.deepEqual(values('ios/Config/Debug.xcconfig', xcconfig, 'firebase-database-url'), []);
  const nsc = '<network-security-config>\n  <domain-config>\n    <domain includeSubdomains="true">pantry-pal-7c1e9.firebaseio.com</domain>\n  </domain-config>\n</network-security-config>\n';
  assert.deepEqual(values('app/src/main/res/xml/network_security_config.xml', nsc, 'firebase-database-url'), []);
  const ats = '<dict><key>NSExceptionDomains</key><dict><key>orbit-notes-3f8a2.firebaseio.com</key><dict/></dict></dict>';
  assert.deepEqual(values('ios/App/Info.plist', ats, 'firebase-database-url'), []);
});

test('firebase-storage-bucket: bucket keys, gs:// and download URLs in six file types', () => {
  const [json] = scan('android/app/google-services.json', GOOGLE_SERVICES, 'firebase-storage-bucket');
  assert.deepEqual([json.value, json.location.line, json.location.column, json.location.endColumn], ['pantry-pal-7c1e9.appspot.com', 6, 24, 52]);
  assert.equal(json.endpoint, 'https://firebasestorage.googleapis.com/v0/b/pantry-pal-7c1e9.appspot.com/o');
  assert.equal(json.severity, 'low');

  assert.deepEqual(values('ios/Runner/GoogleService-Info.plist', SERVICE_INFO_PLIST, 'firebase-storage-bucket'), ['orbit-notes-3f8a2.firebasestorage.app']);
  assert.deepEqual(values('lib/firebase_options.dart', FIREBASE_OPTIONS_DART, 'firebase-storage-bucket'), ['tidewatch-prod.appspot.com']);
  assert.deepEqual(values('android/app/src/main/res/values/strings.xml', STRINGS_XML, 'firebase-storage-bucket'), ['pantry-pal-7c1e9.appspot.com']);
  assert.deepEqual(values('src/firebase.ts', WEB_CONFIG_TS, 'firebase-storage-bucket'), ['kestrel-maps-91d0.firebasestorage.app']);

  const kt = 'val storage = Firebase.storage("gs://quill-journal-22b4.appspot.com")\n';
  const [k] = scan('app/src/main/java/io/quill/Files.kt', kt, 'firebase-storage-bucket');
  assert.deepEqual([k.value, k.location.column, k.location.endColumn], ['quill-journal-22b4.appspot.com', 38, 68]);

  const swift = 'let img = URL(string: "https://firebasestorage.googleapis.com/v0/b/quill-journal-22b4.appspot.com/o/covers%2F1.jpg?alt=media")!\n';
  assert.deepEqual(values('ios/Quill/Covers.swift', swift, 'firebase-storage-bucket'), ['quill-journal-22b4.appspot.com']);
  const gradle = 'android {\n  defaultConfig {\n    buildConfigField("String", "STORAGE_BUCKET", "\\"tidewatch-prod.appspot.com\\"")\n  }\n}\n';
  assert.deepEqual(values('app/build.gradle.kts', gradle, 'firebase-storage-bucket'), ['tidewatch-prod.appspot.com']);
  assert.deepEqual(values('.env', 'VITE_FIREBASE_STORAGE_BUCKET=kestrel-maps-91d0.appspot.com\n', 'firebase-storage-bucket'), ['kestrel-maps-91d0.appspot.com']);
});

test('firebase-storage-bucket: a bare <project>.appspot.com passed to a Storage call is a bucket', () => {
  assert.deepEqual(values('Droid/Services/FirebaseService.cs', 'var storage = new FirebaseStorage("acme-xam-4e1a9.appspot.com");\n', 'firebase-storage-bucket'), ['acme-xam-4e1a9.appspot.com']);
  assert.deepEqual(values('functions/index.js', "const bucket = admin.storage().bucket('acme-fn-2b7d1.appspot.com');\n", 'firebase-storage-bucket'), ['acme-fn-2b7d1.appspot.com']);
  assert.deepEqual(values('src/firebase.js', 'const storage = getStorage(app, "acme-web-8c3e2.appspot.com");\n', 'firebase-storage-bucket'), ['acme-web-8c3e2.appspot.com']);
  assert.deepEqual(values('app/src/main/java/A.java', 'FirebaseOptions o = new FirebaseOptions.Builder().setStorageBucket("acme-and-6d2f1.appspot.com").build();\n', 'firebase-storage-bucket'), ['acme-and-6d2f1.appspot.com']);
  // the same bare host elsewhere is an App Engine host
  const hosts = 'const HOST = "acme-api-5f1a2.appspot.com";\nconst client = new ApiClient("acme-api-5f1a2.appspot.com");\nstorageUrl("https://acme-api-5f1a2.appspot.com/files");\ngetStorageHost("acme-api-5f1a2.appspot.com");\n';
  assert.deepEqual(values('src/api.js', hosts, 'firebase-storage-bucket'), []);
});

test('firebase-storage-bucket: App Engine hosts, authDomain, placeholders and references are not buckets', () => {
  const ts = [
    'const auth = { authDomain: "kestrel-maps-91d0.firebaseapp.com" };',
    'const API = "https://kestrel-maps-91d0.appspot.com/api/v1/items";',
    'const versioned = "https://v2-dot-kestrel-maps-91d0.appspot.com";',
    'const a = { storageBucket: process.env.FIREBASE_STORAGE_BUCKET };',
    'const b = { storageBucket: "your-project.appspot.com" };',
    'const c = "gs://<your-bucket>.appspot.com";',
    'const d = { storageBucket: "[PROJECT_ID].appspot.com" };',
    'const e = "https://console.firebase.google.com/project/kestrel-maps-91d0/storage/kestrel-maps-91d0.firebasestorage.app/files";',
    'const f = { storageBucket: `${projectId}.appspot.com` };',
  ].join('\n');
  assert.deepEqual(values('src/config.ts', ts, 'firebase-storage-bucket'), []);
  const nsc = '<network-security-config><domain-config><domain>kestrel-maps-91d0.appspot.com</domain></domain-config></network-security-config>';
  assert.deepEqual(values('app/src/main/res/xml/network_security_config.xml', nsc, 'firebase-storage-bucket'), []);
});

test('firebase-project-id: Firebase config keys in seven file types', () => {
  const [json] = scan('android/app/google-services.json', GOOGLE_SERVICES, 'firebase-project-id');
  assert.deepEqual([json.value, json.location.line, json.location.column, json.location.endColumn], ['pantry-pal-7c1e9', 5, 20, 36]);
  assert.equal(json.endpoint, 'https://firestore.googleapis.com/v1/projects/pantry-pal-7c1e9/databases/(default)/documents');
  assert.equal(json.severity, 'info');

  assert.deepEqual(values('ios/Runner/GoogleService-Info.plist', SERVICE_INFO_PLIST, 'firebase-project-id'), ['orbit-notes-3f8a2']);
  assert.deepEqual(values('lib/firebase_options.dart', FIREBASE_OPTIONS_DART, 'firebase-project-id'), ['tidewatch-prod']);
  assert.deepEqual(values('android/app/src/main/res/values/strings.xml', STRINGS_XML, 'firebase-project-id'), ['pantry-pal-7c1e9']);
  assert.deepEqual(values('src/firebase.ts', WEB_CONFIG_TS, 'firebase-project-id'), ['kestrel-maps-91d0']);

  const kt = 'val options = FirebaseOptions.Builder()\n    .setApplicationId("1:583920174455:android:4b7e2c9d1f0a3e6b")\n    .setProjectId("quill-journal-22b4")\n    .build()\n';
  const [k] = scan('app/src/main/java/io/quill/Init.kt', kt, 'firebase-project-id');
  assert.deepEqual([k.value, k.location.line, k.location.column, k.location.endColumn], ['quill-journal-22b4', 3, 20, 38]);

  const swift = 'let options = FirebaseOptions(googleAppID: "1:583920174455:ios:8d2f6a1c0e9b7d4a", gcmSenderID: "583920174455")\noptions.projectID = "quill-journal-22b4"\n';
  assert.deepEqual(values('ios/Quill/AppDelegate.swift', swift, 'firebase-project-id'), ['quill-journal-22b4']);
  assert.deepEqual(values('.env.local', 'VITE_FIREBASE_PROJECT_ID=kestrel-maps-91d0\n', 'firebase-project-id'), ['kestrel-maps-91d0']);
});

// Projects created from an imported firebase.com app or a taken name: `api-<digits>-<digits>`,
// `<name>-<digits>`. The digits are generated, so the id is real although `api`/`project` are slot words.
test('auto-generated Firebase ids with numeric suffixes are found in every field that carries them', () => {
  const gs = `{
  "project_info": {
    "project_number": "402918374655",
    "firebase_url": "https://api-5820193746502938471-330917.firebaseio.com",
    "project_id": "api-5820193746502938471-330917",
    "storage_bucket": "api-5820193746502938471-330917.appspot.com"
  }
}
`;
  const path = 'android/app/google-services.json';
  assert.deepEqual(values(path, gs, 'firebase-project-id'), ['api-5820193746502938471-330917']);
  assert.deepEqual(values(path, gs, 'firebase-database-url'), ['api-5820193746502938471-330917.firebaseio.com']);
  assert.deepEqual(values(path, gs, 'firebase-storage-bucket'), ['api-5820193746502938471-330917.appspot.com']);
  const plist = '<plist><dict><key>PROJECT_ID</key><string>test-58213</string><key>STORAGE_BUCKET</key><string>test-58213.appspot.com</string><key>GOOGLE_APP_ID</key><string>1:1:ios:2</string></dict></plist>';
  assert.deepEqual(values('ios/Runner/GoogleService-Info.plist', plist, 'firebase-project-id'), ['test-58213']);
  assert.deepEqual(values('ios/Runner/GoogleService-Info.plist', plist, 'firebase-storage-bucket'), ['test-58213.appspot.com']);
  // typed numbers stay placeholders
  const typed = gs.replace(/api-5820193746502938471-330917/g, 'my-project-12345');
  for (const id of ['firebase-project-id', 'firebase-database-url', 'firebase-storage-bucket']) assert.deepEqual(values(path, typed, id), [], id);
});

test('firebase-project-id: non-Firebase project ids, demo projects, placeholders and references are not findings', () => {
  assert.deepEqual(values('sentry.properties', 'defaults.org=acme\nproject_id=4508123\n', 'firebase-project-id'), []);
  assert.deepEqual(values('app.json', '{"expo": {"extra": {"eas": {"projectId": "6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"}}}}', 'firebase-project-id'), []);
  assert.deepEqual(values('src/tracking.ts', 'export const cfg = { projectId: "acme-web-analytics" };\n', 'firebase-project-id'), [], 'no Firebase marker in the file');
  const emulator = 'initializeApp({ projectId: "demo-pantry" }); // firebase emulators:start --project demo-pantry\n';
  assert.deepEqual(values('src/firebase.ts', emulator, 'firebase-project-id'), []);
  assert.deepEqual(values('.env', 'FIREBASE_PROJECT_ID=your-project-id\n', 'firebase-project-id'), []);
  assert.deepEqual(values('src/firebase.js', 'const firebaseConfig = { projectId: "my-project", apiKey: process.env.KEY };\n', 'firebase-project-id'), []);
  assert.deepEqual(values('src/firebase.js', 'const firebaseConfig = { projectId: process.env.FIREBASE_PROJECT_ID };\n', 'firebase-project-id'), []);
  assert.deepEqual(values('ios/App/Firebase.swift', 'FirebaseApp.configure()\noptions.projectID = "MyFirebaseApp"\n', 'firebase-project-id'), []);
});

test('Firebase patterns stay linear on 1 MB adversarial lines', { timeout: 20_000 }, () => {
  const mb = 1 << 20;
  const lines = [
    'a'.repeat(mb) + '.firebaseio.co',
    'a-'.repeat(mb / 2) + '.firebasedatabase.app',
    ' a.b.c.d'.repeat(mb / 8) + '.appspot.co',
    '"project_id": "'.repeat(mb / 16),
  ];
  for (const line of lines) assert.equal(engine.scanText('google-services.json', line).findings.length, 0);
});
