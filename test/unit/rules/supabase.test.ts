import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';

const engine = createEngine();
const scan = (path: string, text: string, ruleId: string): Finding[] =>
  engine.scanText(path, text).findings.filter((f) => f.ruleId === ruleId);
const values = (path: string, text: string, ruleId: string): string[] => scan(path, text, ruleId).map((f) => f.value);

// Fake project refs (20 lower-case letters) and JWTs built from their payloads.
const REF = 'qzvkwmfhtyrplnsxjbga';
const REF2 = 'hwxtpqlmzvbcnrkdjyfe';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const SIG = 'Zk3q9Tn0Wv7Kx2Jb9Hc4Gf6Ps1YeZr5Lm8Qd2Ua7Xo';
const jwt = (payload: object) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.${SIG}`;
const ANON = jwt({ iss: 'supabase', ref: REF, role: 'anon', iat: 1712000000, exp: 2027576000 });
const SERVICE = jwt({ iss: 'supabase', ref: REF, role: 'service_role', iat: 1712000000, exp: 2027576000 });
const SERVICE2 = jwt({ iss: 'supabase', ref: REF2, role: 'service_role', iat: 1698000000, exp: 2013576000 });
const ENDPOINT = `https://${REF}.supabase.co/rest/v1/`;

test('supabase-url: Dart, TS, .env, Kotlin, Swift, strings.xml, xcconfig and the Postgres host', () => {
  const dart = `await Supabase.initialize(\n  url: 'https://${REF}.supabase.co',\n  anonKey: const String.fromEnvironment('SUPABASE_ANON_KEY'),\n);\n`;
  const [d] = scan('lib/main.dart', dart, 'supabase-url');
  assert.deepEqual([d.value, d.severity, d.location.line, d.location.column, d.location.endLine, d.location.endColumn], [`${REF}.supabase.co`, 'low', 2, 17, 2, 49]);
  assert.equal(d.endpoint, ENDPOINT);

  assert.deepEqual(values('src/lib/supabase.ts', `export const supabase = createClient("https://${REF2}.supabase.co", anonKey);\n`, 'supabase-url'), [`${REF2}.supabase.co`]);
  assert.deepEqual(values('.env.local', `EXPO_PUBLIC_SUPABASE_URL=https://${REF}.supabase.co\n`, 'supabase-url'), [`${REF}.supabase.co`]);
  assert.deepEqual(values('app/src/main/java/io/app/Db.kt', `val client = createSupabaseClient(supabaseUrl = "https://${REF}.supabase.co", supabaseKey = key)\n`, 'supabase-url'), [`${REF}.supabase.co`]);
  assert.deepEqual(values('ios/App/Supabase.swift', `let client = SupabaseClient(supabaseURL: URL(string: "https://${REF2}.supabase.co")!, supabaseKey: key)\n`, 'supabase-url'), [`${REF2}.supabase.co`]);
  assert.deepEqual(values('app/src/main/res/values/strings.xml', `<resources><string name="supabase_url">https://${REF}.supabase.co</string></resources>`, 'supabase-url'), [`${REF}.supabase.co`]);
  assert.deepEqual(values('ios/Config/Release.xcconfig', `SUPABASE_URL = https:/$()/${REF}.supabase.co\n`, 'supabase-url'), [`${REF}.supabase.co`]);
  const [pg] = scan('.env', `DATABASE_URL=postgresql://postgres:s3cret@db.${REF2}.supabase.co:5432/postgres\n`, 'supabase-url');
  assert.deepEqual([pg.value, pg.location.column, pg.endpoint], [`${REF2}.supabase.co`, 46, `https://${REF2}.supabase.co/rest/v1/`]);
});

test('supabase-url: doc examples, placeholders, dashboard/doc links, local stack and NSC domains are not findings', () => {
  const lines = [
    'const a = createClient("https://xyzcompany.supabase.co", "public-anon-key");',
    'const b = "https://your-project-ref.supabase.co";',
    'const c = "https://<project-ref>.supabase.co";',
    'const d = "https://abcdefghijklmnopqrst.supabase.co";',
    'const e = "https://supabase.com/docs/guides/api/rest/generating-types";',
    `const f = "https://supabase.com/dashboard/project/${REF}/settings/api";`,
    'const g = createClient("http://localhost:54321", key); // supabase start',
    'const h = createClient(process.env.EXPO_PUBLIC_SUPABASE_URL!, key);',
    `const i = "https://${REF}.supabase.com";`,
  ];
  assert.deepEqual(values('src/lib/supabase.ts', lines.join('\n'), 'supabase-url'), []);
  const nsc = `<network-security-config><domain-config><domain includeSubdomains="true">${REF}.supabase.co</domain></domain-config></network-security-config>`;
  assert.deepEqual(values('app/src/main/res/xml/network_security_config.xml', nsc, 'supabase-url'), []);
});

test('supabase-anon-key: JWT with role anon in Dart, TS, .env, Kotlin, Swift and a plist', () => {
  const dart = `await Supabase.initialize(\n  url: 'https://${REF}.supabase.co',\n  anonKey: '${ANON}',\n);\n`;
  const [d] = scan('lib/main.dart', dart, 'supabase-anon-key');
  assert.deepEqual([d.value, d.severity, d.location.line, d.location.column, d.location.endColumn], [ANON, 'info', 3, 13, 13 + ANON.length]);
  assert.equal(d.endpoint, ENDPOINT);

  assert.deepEqual(values('src/lib/supabase.ts', `createClient(url, "${ANON}");\n`, 'supabase-anon-key'), [ANON]);
  assert.deepEqual(values('.env', `NEXT_PUBLIC_SUPABASE_ANON_KEY=${ANON}\n`, 'supabase-anon-key'), [ANON]);
  assert.deepEqual(values('app/src/main/java/io/app/Db.kt', `const val SUPABASE_KEY = "${ANON}"\n`, 'supabase-anon-key'), [ANON]);
  assert.deepEqual(values('ios/App/Supabase.swift', `let anonKey = "${ANON}"\n`, 'supabase-anon-key'), [ANON]);
  assert.deepEqual(values('ios/App/Info.plist', `<dict>\n<key>SupabaseAnonKey</key>\n<string>${ANON}</string>\n</dict>\n`, 'supabase-anon-key'), [ANON]);
  assert.deepEqual(scan('ios/App/Info.plist', `<string>${ANON}</string>`, 'supabase-service-role-key'), [], 'an anon key is not a service key');

  // Without a `ref` claim the endpoint comes from the project URL in the same file.
  const noRef = jwt({ iss: 'supabase', role: 'anon', iat: 1640000000, exp: 1955576000 });
  const [n] = scan('src/supabase.js', `const url = "https://${REF2}.supabase.co";\nconst key = "${noRef}";\n`, 'supabase-anon-key');
  assert.equal(n.endpoint, `https://${REF2}.supabase.co/rest/v1/`);
  const [p] = scan('src/supabase.js', `const key = "sb_publishable_Qm7tKx2Lv9Wn4Rz8Yp3Hc6Dj";\n`, 'supabase-anon-key');
  assert.equal(p.value, 'sb_publishable_Qm7tKx2Lv9Wn4Rz8Yp3Hc6Dj');
});

test('supabase-service-role-key: critical and redacted in .env, RN, Gradle, Swift, ObjC and split Kotlin', () => {
  const env = `SUPABASE_URL=https://${REF}.supabase.co\nSUPABASE_SERVICE_ROLE_KEY=${SERVICE}\n`;
  const [e] = scan('.env', env, 'supabase-service-role-key');
  assert.deepEqual([e.value, e.severity, e.location.line, e.location.column, e.location.endColumn], ['eyJhbGci…', 'critical', 2, 27, 27 + SERVICE.length]);
  assert.equal(e.endpoint, ENDPOINT);
  assert.ok(!JSON.stringify(e).includes(SERVICE.split('.')[1]), 'the token never appears in the finding');
  assert.match(e.message, /bypasses Row Level Security/);

  assert.deepEqual(values('App.tsx', `const admin = createClient(URL, '${SERVICE2}');\n`, 'supabase-service-role-key'), ['eyJhbGci…']);
  const gradle = `buildConfigField("String", "SUPABASE_KEY", "\\"${SERVICE}\\"")\n`;
  assert.equal(scan('app/build.gradle.kts', gradle, 'supabase-service-role-key')[0].endpoint, ENDPOINT);
  assert.equal(scan('ios/App/Admin.swift', `let serviceKey = "${SERVICE2}"\n`, 'supabase-service-role-key')[0].endpoint, `https://${REF2}.supabase.co/rest/v1/`);
  assert.equal(scan('ios/App/Admin.m', `NSString *const kServiceKey = @"${SERVICE}";\n`, 'supabase-service-role-key').length, 1);

  const [head, payload, sig] = SERVICE.split('.');
  const kt = `object Keys {\n    const val ADMIN = "${head}." +\n        "${payload}.${sig}"\n}\n`;
  const [k] = scan('app/src/main/java/io/app/Keys.kt', kt, 'supabase-service-role-key');
  assert.deepEqual([k.location.line, k.location.column, k.location.endLine, k.location.endColumn], [2, 24, 3, 10 + payload.length + 1 + sig.length]);
  assert.equal(k.fingerprint, scan('app/src/main/java/io/app/Keys.kt', `val x = "${SERVICE}"`, 'supabase-service-role-key')[0].fingerprint, 'fingerprint of the joined value');

  assert.equal(values('.env', 'SUPABASE_SECRET_KEY=sb_secret_Hq4Wz8Ln2Tv6Kr9Pc3Xm7Bd5\n', 'supabase-service-role-key')[0], 'sb_secre…');
});

test('supabase keys: other roles, demo keys, foreign issuers, malformed and referenced tokens are not findings', () => {
  const user = jwt({ iss: `https://${REF}.supabase.co/auth/v1`, sub: '6a1f0c2e', role: 'authenticated', aud: 'authenticated', exp: 1712003600 });
  const demoAnon = jwt({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 });
  const demoService = jwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 });
  const foreign = jwt({ iss: 'https://securetoken.google.com/pantry-pal-7c1e9', role: 'anon', exp: 1712003600 });
  const notJson = `${b64({ alg: 'HS256' })}.eyJub3QganNvbiBhdCBhbGw.${SIG}`;
  const lines = [
    `const session = "${user}";`,
    `const a = createClient("http://127.0.0.1:54321", "${demoAnon}");`,
    `const b = "${demoService}";`,
    `const c = "${foreign}";`,
    `const d = "${notJson}";`,
    'const e = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);',
    'const f = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0"; // docs, no signature',
    'const g = "sb_secret_your-secret-key-here_0000";',
  ];
  const text = lines.join('\n');
  assert.deepEqual(values('src/admin.ts', text, 'supabase-anon-key'), []);
  assert.deepEqual(values('src/admin.ts', text, 'supabase-service-role-key'), []);
  assert.deepEqual(values('ios/Config/Release.xcconfig', 'SUPABASE_KEY = $(SUPABASE_SERVICE_ROLE_KEY)\n', 'supabase-service-role-key'), []);
});

test('Supabase patterns stay linear on 1 MB adversarial lines', { timeout: 20_000 }, () => {
  const mb = 1 << 20;
  for (const line of [' eyJ'.repeat(mb / 4), ` eyJ${'a'.repeat(1990)}.eyJ`.repeat(mb / 2000), 'a'.repeat(mb) + '.supabase.co', ' sb_secret_'.repeat(mb / 11)]) {
    assert.equal(engine.scanText('src/a.ts', line).findings.length, 0);
  }
});
