// Probes against an in-test stand-in speaking the providers' documented responses (127.0.0.1 only,
// reached through endpoint overrides): Firebase RTDB, Firestore, Firebase Storage, GCS, Remote
// Config, Supabase. The report must still name the real endpoint URLs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { probeFindings } from '../../server/src/probe';
import { finding, startFakeProviders, type FakeProviders } from '../helpers/fakeProviders';

const ANON = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImFiY2RlZmdoaWprbG1ub3BxcnN0Iiwicm9sZSI6ImFub24ifQ.c2lnbmF0dXJlc2lnbmF0dXJlc2ln';
const API_KEY = 'AIzaSyD-leaklens-probe-test-key-0123456';
let fake: FakeProviders;
let overrides: Record<string, string>;

before(async () => {
  fake = await startFakeProviders({
    rtdb: {
      'acme-open': { kind: 'open', data: { users: {}, orders: {}, config: {}, logs: {} } },
      'acme-empty': { kind: 'open', data: null },
      'acme-denied': { kind: 'denied' },
      'acme-locked': { kind: 'locked' },
      'acme-eu': { kind: 'regional', host: 'acme-eu.europe-west1.firebasedatabase.app', data: { a: 1 } },
      'acme-clinic': { kind: 'open', data: { patients: {}, lab_results: {}, appConfig: {} } },
      'acme-closed-clinic': { kind: 'denied' },
    },
    firestore: { 'acme-open': ['users/u1', 'users/u2', 'orders/o1'], 'acme-closed': 'denied' },
    storage: {
      'acme-open.appspot.com': { objects: ['avatars/a.png', 'invoice.pdf'] }, 'acme-closed.appspot.com': 'denied',
      'acme-chat.appspot.com': { objects: ['user_photos/u1/selfie.heic', 'chatAttachments/c9/voice.m4a', 'exports.csv'] },
    },
    gcs: {
      'acme-public': { objects: ['a.txt', 'b.txt'], iam: ['storage.objects.list', 'storage.objects.get'] },
      'acme-dropbox': { objects: [], iam: ['storage.objects.create'] },
      'acme-private': 'denied',
    },
    remoteConfig: { 'acme-open': { welcome_message: 'hi', beta_enabled: 'true', api_base: 'https://x' } },
    supabase: { anonKey: ANON, tables: { profiles: [{ id: 1, email: 'a@example.com', full_name: 'A' }], secrets: [] } },
    s3: {
      'acme-private': { kind: 'denied' },
      'acme-acl': { kind: 'acl', grants: ['READ', 'WRITE'], keys: ['a.txt'] },
      'acme-eu': { kind: 'region', region: 'eu-west-1', keys: ['x.json', 'y.json'] },
    },
  });
  overrides = Object.fromEntries(['firebase', 'firestore', 'storage', 'remoteconfig', 'gcs', 'supabase', 's3'].map((k) => [k, fake.base]));
});
after(() => fake.stop());

const byUrl = <T extends { url: string }>(eps: T[], url: string): T => eps.find((e) => e.url === url)!;

test('RTDB: open → open-read with key count, 401 → auth-required, 404, 423, region redirect followed', async () => {
  const urls = ['acme-open', 'acme-empty', 'acme-denied', 'acme-locked', 'acme-missing', 'acme-eu'].map((d) => `https://${d}.firebaseio.com/`);
  const fs = urls.map((u) => finding('firebase-database-url', 'firebase', new URL(u).host, u));
  const { endpoints, findings } = await probeFindings(fs, { overrides });
  const s = (i: number) => byUrl(endpoints, urls[i]);
  assert.equal(s(0).status, 'open-read');
  assert.match(s(0).evidence, /4 top-level keys \(users, orders, config, …\)/);
  assert.equal(s(0).kind, 'rtdb');
  assert.match(s(1).evidence, /empty/);
  assert.equal(s(2).status, 'auth-required');
  assert.match(s(2).evidence, /HTTP 401 Permission denied/);
  assert.equal(s(3).status, 'not-found');
  assert.match(s(3).evidence, /423.*deactivated/);
  assert.equal(s(4).status, 'not-found');
  assert.equal(s(5).status, 'open-read');
  assert.match(s(5).evidence, /redirected to acme-eu\.europe-west1\.firebasedatabase\.app/);
  // the real URLs are reported, and open endpoints re-grade their findings
  assert.ok(endpoints.every((e) => !e.url.includes('127.0.0.1')));
  assert.equal(findings[0].severity, 'critical');
  assert.match(findings[0].message, /probe: open-read/);
  assert.equal(findings[2].severity, 'low');
  const shallow = fake.requests.filter((r) => r.url.includes('ns=acme-open'));
  assert.deepEqual(shallow.map((r) => r.url), ['/.json?ns=acme-open&shallow=true']);
  assert.match(String(shallow[0].headers['user-agent']), /^LeakLens\/\S+$/);
});

test('Firestore: lists with the app API key (sent as a header), 403 → auth-required, no key → not-probed', async () => {
  const fsUrl = (p: string) => `https://firestore.googleapis.com/v1/projects/${p}/databases/(default)/documents`;
  const projects = ['acme-open', 'acme-closed', 'acme-gone'].map((p) => finding('firebase-project-id', 'firebase', p, fsUrl(p)));
  const key = finding('google-api-key', 'google', API_KEY, undefined);
  const { endpoints } = await probeFindings([...projects, key], { overrides });
  assert.equal(byUrl(endpoints, fsUrl('acme-open')).status, 'open-list');
  assert.match(byUrl(endpoints, fsUrl('acme-open')).evidence, /3 documents \(collections: users, orders\)/);
  assert.doesNotMatch(JSON.stringify(endpoints), /do-not-echo/);
  assert.equal(byUrl(endpoints, fsUrl('acme-closed')).status, 'auth-required');
  assert.equal(byUrl(endpoints, fsUrl('acme-gone')).status, 'not-found');
  const sent = fake.requests.filter((r) => r.url.includes('/databases/'));
  assert.ok(sent.every((r) => r.headers['x-goog-api-key'] === API_KEY && !r.url.includes(API_KEY)));
  const noKey = await probeFindings([projects[0]], { overrides });
  assert.equal(noKey.endpoints[0].status, 'not-probed');
  assert.match(noKey.endpoints[0].evidence, /API key/);
  const one = await probeFindings([projects[0], key], { overrides, firestoreCollections: ['orders'] });
  assert.match(one.endpoints[0].evidence, /list without sign-in \(app API key\) of orders: 1 documents \(collections: orders\)/);
});

test('Firebase Storage list: open-list with names, 403 → auth-required, 404 → not-found', async () => {
  const u = (b: string) => `https://firebasestorage.googleapis.com/v0/b/${b}/o`;
  const fs = ['acme-open.appspot.com', 'acme-closed.appspot.com', 'acme-none.appspot.com'].map((b) => finding('firebase-storage-bucket', 'firebase', b, u(b)));
  const { endpoints } = await probeFindings(fs, { overrides });
  assert.equal(byUrl(endpoints, u('acme-open.appspot.com')).status, 'open-list');
  assert.match(byUrl(endpoints, u('acme-open.appspot.com')).evidence, /1 objects, 1 folders at the root \(avatars\/, invoice\.pdf\)/);
  assert.equal(byUrl(endpoints, u('acme-closed.appspot.com')).status, 'auth-required');
  assert.equal(byUrl(endpoints, u('acme-none.appspot.com')).status, 'not-found');
});

test('GCS: list + testIamPermissions; anonymous create permission → open-write without writing', async () => {
  const u = (b: string) => `https://storage.googleapis.com/${b}/`;
  const fs = ['acme-public', 'acme-dropbox', 'acme-private', 'acme-nothere'].map((b) => finding('gcs-bucket', 'gcs', b, u(b)));
  const before = fake.requests.length;
  const { endpoints } = await probeFindings(fs, { overrides });
  const pub = byUrl(endpoints, u('acme-public'));
  assert.equal(pub.status, 'open-list');
  assert.match(pub.evidence, /2 objects \(a\.txt, b\.txt\); testIamPermissions grants allUsers list, get/);
  const drop = byUrl(endpoints, u('acme-dropbox'));
  assert.equal(drop.status, 'open-write');
  assert.match(drop.evidence, /HTTP 401.*grants allUsers create/);
  assert.equal(byUrl(endpoints, u('acme-private')).status, 'auth-required');
  assert.equal(byUrl(endpoints, u('acme-nothere')).status, 'not-found');
  assert.ok(fake.requests.slice(before).every((r) => r.method === 'GET'), 'read-only by default');
});

test('Remote Config: parameter names readable with API key + app id; without app id no endpoint', async () => {
  const fsUrl = 'https://firestore.googleapis.com/v1/projects/acme-open/databases/(default)/documents';
  const fs = [finding('firebase-project-id', 'firebase', 'acme-open', fsUrl), finding('google-api-key', 'google', API_KEY, undefined)];
  const { endpoints, findings } = await probeFindings(fs, { overrides, firebaseAppIds: ['1:123456789012:android:0123456789abcdef'] });
  const rc = endpoints.find((e) => e.kind === 'remote-config')!;
  assert.equal(rc.url, 'https://firebaseremoteconfig.googleapis.com/v1/projects/acme-open/namespaces/firebase:fetch');
  assert.equal(rc.status, 'open-read');
  assert.match(rc.evidence, /3 Remote Config parameters .*\(welcome_message, beta_enabled, api_base\)/);
  assert.doesNotMatch(rc.evidence, /https:\/\/x/);
  assert.equal(findings[0].severity, 'critical', 'critical because Firestore is open, not because of Remote Config');
  assert.match(findings[0].message, / — probe: open-list \(HTTP 200, list without sign-in \(app API key\): 3 documents/);
  const noApp = await probeFindings(fs, { overrides });
  assert.equal(noApp.endpoints.filter((e) => e.kind === 'remote-config').length, 0);
});

test('Supabase: OpenAPI root lists tables, rows of a table readable with the anon key; never the service key', async () => {
  const url = 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/';
  const service = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2VydmljZXNpZ25hdHVyZXNpZ24';
  const fs = [
    finding('supabase-url', 'supabase', 'abcdefghijklmnopqrst.supabase.co', url),
    finding('supabase-anon-key', 'supabase', ANON, url),
    finding('supabase-service-role-key', 'supabase', `${service.slice(0, 8)}…`, url),
  ];
  const before = fake.requests.length;
  const { endpoints, findings } = await probeFindings(fs, { overrides });
  assert.equal(endpoints.length, 1);
  assert.equal(endpoints[0].status, 'open-read');
  assert.match(endpoints[0].evidence, /lists 2 tables\/views \(profiles, secrets\); anon key reads rows of profiles \(columns id, email, full_name\)/);
  assert.doesNotMatch(endpoints[0].evidence, /a@example\.com/);
  const sent = fake.requests.slice(before);
  assert.deepEqual(sent.map((r) => r.url), ['/rest/v1/', '/rest/v1/profiles?select=*&limit=1', '/rest/v1/secrets?select=*&limit=1']);
  assert.ok(sent.every((r) => r.headers.apikey === ANON && r.headers.authorization === `Bearer ${ANON}` && r.method === 'GET'));
  assert.ok(findings.every((f) => f.severity === 'critical'));
  const noKey = await probeFindings([fs[0]], { overrides });
  assert.equal(noKey.endpoints[0].status, 'not-probed');
});

test('write probes (allowWrite): unique object created then deleted, both reported, nothing left behind', async () => {
  fake.state.storage['acme-drop.appspot.com'] = { objects: ['keep.txt'], writable: true };
  fake.state.gcs['acme-dropbox'] = { objects: [], iam: ['storage.objects.create', 'storage.objects.delete'] };
  fake.state.gcs['acme-createonly'] = { objects: [], iam: ['storage.objects.create'] };
  const db = fake.state.rtdb['acme-open'];
  const fs = [
    finding('firebase-database-url', 'firebase', 'acme-open.firebaseio.com', 'https://acme-open.firebaseio.com/'),
    finding('firebase-storage-bucket', 'firebase', 'acme-drop.appspot.com', 'https://firebasestorage.googleapis.com/v0/b/acme-drop.appspot.com/o'),
    finding('gcs-bucket', 'gcs', 'acme-dropbox', 'https://storage.googleapis.com/acme-dropbox/'),
  ];
  const off = await probeFindings(fs, { overrides });
  assert.ok(off.endpoints.every((e) => !/wrote/.test(e.evidence)), 'no write without allowWrite');
  const { endpoints } = await probeFindings(fs, { overrides, allowWrite: true });
  for (const e of endpoints) {
    assert.equal(e.status, 'open-write', e.url);
    assert.match(e.evidence, /wrote leaklens-probe-[0-9a-f]{12} \(HTTP 20\d\) and deleted it \(HTTP 20\d\)/);
  }
  assert.deepEqual(Object.keys((db as { data: object }).data), ['users', 'orders', 'config', 'logs']);
  assert.deepEqual((fake.state.storage['acme-drop.appspot.com'] as { objects: string[] }).objects, ['keep.txt']);
  assert.deepEqual((fake.state.gcs['acme-dropbox'] as { objects: string[] }).objects, []);
  // a bucket that takes writes but refuses deletes: the leftover object is named in the report
  const left = await probeFindings([finding('gcs-bucket', 'gcs', 'acme-createonly', 'https://storage.googleapis.com/acme-createonly/')], { overrides, allowWrite: true });
  const leftover = (fake.state.gcs['acme-createonly'] as { objects: string[] }).objects;
  assert.equal(leftover.length, 1);
  assert.match(left.endpoints[0].evidence, new RegExp(`wrote ${leftover[0]} \\(HTTP 200\\) but could NOT delete it \\(HTTP 403\\): remove it by hand`));
});

test('S3 documented responses: AccessDenied → auth-required, AllUsers ACL grants, 301 region redirect', async () => {
  const s3 = (b: string) => finding('aws-s3-bucket', 'aws', b, `https://${b}.s3.amazonaws.com/`);
  const { endpoints } = await probeFindings([s3('acme-private'), s3('acme-acl'), s3('acme-eu')], { overrides });
  assert.equal(endpoints[0].status, 'auth-required');
  assert.equal(endpoints[0].evidence, 'HTTP 403 AccessDenied');
  assert.equal(endpoints[1].status, 'open-write');
  assert.match(endpoints[1].evidence, /1 keys \(a\.txt\); ACL readable anonymously, grants AllUsers READ, AllUsers WRITE/);
  assert.equal(endpoints[2].status, 'open-list');
  assert.match(endpoints[2].evidence, /^bucket is in eu-west-1; HTTP 200, anonymous ListObjectsV2: 2 keys/);
  assert.equal(endpoints[2].url, 'https://acme-eu.s3.amazonaws.com/');
  const hosts = fake.requests.filter((r) => r.url.startsWith('/acme-eu/')).map((r) => r.headers['x-forwarded-host']);
  assert.deepEqual(hosts, ['acme-eu.s3.amazonaws.com', 'acme-eu.s3.eu-west-1.amazonaws.com', 'acme-eu.s3.eu-west-1.amazonaws.com']);
});

test('secrets found in the app never leave it: only the Google API key and the Supabase anon key are sent', async () => {
  const secrets = {
    aws: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY0',
    azure: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6q7w8e9r0t1y2u3i4o5p6a7s8d9f0g1h2j3==',
    service: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIiwicmVmIjoiYWJjZGVmZ2hpamtsbW5vcHFyc3QifQ.c2VydmljZXNlY3JldHNpZw',
    pem: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
  };
  const supa = 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/';
  const fs = [
    finding('aws-secret-access-key', 'aws', secrets.aws, 'https://acme-private.s3.amazonaws.com/'),
    finding('aws-s3-bucket', 'aws', 'acme-private', 'https://acme-private.s3.amazonaws.com/'),
    finding('supabase-service-role-key', 'supabase', secrets.service, supa),
    finding('supabase-anon-key', 'supabase', ANON, supa),
    finding('private-key', 'generic', secrets.pem, undefined),
    finding('firebase-project-id', 'firebase', 'acme-open', 'https://firestore.googleapis.com/v1/projects/acme-open/databases/(default)/documents'),
    finding('google-api-key', 'google', API_KEY, undefined),
    finding('firebase-database-url', 'firebase', 'acme-open.firebaseio.com', 'https://acme-open.firebaseio.com/'),
  ];
  const before = fake.requests.length;
  await probeFindings(fs, { overrides, allowWrite: true });
  const sent = fake.requests.slice(before);
  assert.ok(sent.length >= 5);
  const wire = JSON.stringify(sent);
  for (const [name, value] of Object.entries(secrets)) assert.ok(!wire.includes(value), `${name} was sent`);
  assert.ok(wire.includes(API_KEY) && wire.includes(ANON), 'the two public-by-design keys are used where needed');
});

test('exposes: open endpoints carry the categories their names suggest, from the answers the probes already read', async () => {
  const rtdb = (d: string) => finding('firebase-database-url', 'firebase', `${d}.firebaseio.com`, `https://${d}.firebaseio.com/`);
  const fsUrl = 'https://firestore.googleapis.com/v1/projects/acme-open/databases/(default)/documents';
  const storage = (b: string) => finding('firebase-storage-bucket', 'firebase', b, `https://firebasestorage.googleapis.com/v0/b/${b}/o`);
  const supa = 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/';
  const fs = [
    rtdb('acme-clinic'), rtdb('acme-closed-clinic'), rtdb('acme-open'),
    finding('firebase-project-id', 'firebase', 'acme-open', fsUrl), finding('google-api-key', 'google', API_KEY, undefined),
    storage('acme-chat.appspot.com'), storage('acme-open.appspot.com'),
    finding('gcs-bucket', 'gcs', 'acme-public', 'https://storage.googleapis.com/acme-public/'),
    finding('supabase-url', 'supabase', 'abcdefghijklmnopqrst.supabase.co', supa), finding('supabase-anon-key', 'supabase', ANON, supa),
    finding('aws-s3-bucket', 'aws', 'acme-acl', 'https://acme-acl.s3.amazonaws.com/'),
  ];
  const before = fake.requests.length;
  const { endpoints } = await probeFindings(fs, { overrides });
  const exposes = Object.fromEntries(endpoints.map((e) => [e.url, e.exposes]));
  assert.deepEqual(exposes['https://acme-clinic.firebaseio.com/'], ['health'], 'RTDB shallow keys patients, lab_results');
  assert.equal(exposes['https://acme-closed-clinic.firebaseio.com/'], undefined, 'only open endpoints');
  assert.deepEqual(exposes['https://acme-open.firebaseio.com/'], ['personal-data', 'payments'], 'users, orders');
  assert.deepEqual(exposes[fsUrl], ['personal-data', 'payments'], 'Firestore collection ids users, orders');
  assert.deepEqual(exposes['https://firebasestorage.googleapis.com/v0/b/acme-chat.appspot.com/o'], ['personal-data', 'media', 'messages'], 'folders user_photos/, chatAttachments/');
  assert.deepEqual(exposes['https://firebasestorage.googleapis.com/v0/b/acme-open.appspot.com/o'], ['payments', 'media'], 'avatars/, invoice.pdf');
  assert.equal(exposes['https://storage.googleapis.com/acme-public/'], undefined, 'a.txt, b.txt suggest nothing: no exposes');
  assert.deepEqual(exposes[supa], ['personal-data'], 'the readable table profiles (not secrets, whose rows RLS hides)');
  assert.equal(exposes['https://acme-acl.s3.amazonaws.com/'], undefined, 'a.txt');
  assert.doesNotMatch(JSON.stringify(endpoints), /a@example\.com|do-not-echo/);
  // judged from the answers already read: the same requests as the probes make anyway, all reads
  const sent = fake.requests.slice(before);
  assert.ok(sent.every((r) => r.method === 'GET'));
  assert.deepEqual(sent.filter((r) => r.url.includes('acme-clinic')).map((r) => r.url), ['/.json?ns=acme-clinic&shallow=true']);
  assert.deepEqual(sent.filter((r) => r.url.includes('acme-chat')).map((r) => r.url), ['/v0/b/acme-chat.appspot.com/o?delimiter=%2F&maxResults=5']);
});

test('exposes survives a write probe and ranks nothing on closed endpoints', async () => {
  fake.state.storage['acme-medrecords.appspot.com'] = { objects: ['prescriptions/p1.pdf'], writable: true };
  const f = finding('firebase-storage-bucket', 'firebase', 'acme-medrecords.appspot.com', 'https://firebasestorage.googleapis.com/v0/b/acme-medrecords.appspot.com/o');
  const { endpoints } = await probeFindings([f], { overrides, allowWrite: true });
  assert.equal(endpoints[0].status, 'open-write');
  assert.deepEqual(endpoints[0].exposes, ['health']);
  fake.state.storage['acme-medrecords.appspot.com'] = 'denied';
  const closed = await probeFindings([f], { overrides });
  assert.equal(closed.endpoints[0].status, 'auth-required');
  assert.equal(closed.endpoints[0].exposes, undefined);
});
