import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockedAddressReason, checkUrl, isAllowedHost, parseOverrides, rewriteForOverride, serviceOfHost } from '../../../server/src/probe/policy';

test('hosts are allowed only for the service whose provider pattern they match', () => {
  const yes: Array<[Parameters<typeof isAllowedHost>[0], string]> = [
    ['firebase', 'acme-default-rtdb.firebaseio.com'], ['firebase', 'acme.europe-west1.firebasedatabase.app'],
    ['firestore', 'firestore.googleapis.com'], ['storage', 'firebasestorage.googleapis.com'],
    ['remoteconfig', 'firebaseremoteconfig.googleapis.com'], ['gcs', 'storage.googleapis.com'], ['gcs', 'acme.storage.googleapis.com'],
    ['s3', 'acme.s3.amazonaws.com'], ['s3', 'acme.s3.eu-west-1.amazonaws.com'], ['s3', 's3.amazonaws.com'], ['s3', 'acme.s3-website-us-east-1.amazonaws.com'],
    ['azure', 'acct.blob.core.windows.net'], ['spaces', 'acme.fra1.digitaloceanspaces.com'], ['oss', 'acme.oss-cn-hangzhou.aliyuncs.com'],
    ['supabase', 'abcdefghijklmnopqrst.supabase.co'],
  ];
  for (const [k, h] of yes) assert.ok(isAllowedHost(k, h), `${k} ${h}`);
  const no: Array<[Parameters<typeof isAllowedHost>[0], string]> = [
    ['firebase', 'firebaseio.com.evil.com'], ['firebase', 'localhost'], ['s3', 'acme.s3.amazonaws.com.evil.net'], ['s3', 'ec2.amazonaws.com'],
    ['azure', 'acct.file.core.windows.net'], ['gcs', 'googleapis.com'], ['supabase', 'supabase.co'], ['firestore', 'acme.firebaseio.com'],
  ];
  for (const [k, h] of no) assert.ok(!isAllowedHost(k, h), `${k} ${h}`);
  assert.equal(serviceOfHost('acct.blob.core.windows.net'), 'azure');
  assert.equal(serviceOfHost('example.com'), undefined);
});

test('only https on the default port to a named host passes', () => {
  assert.deepEqual(checkUrl('firebase', new URL('https://acme.firebaseio.com/.json')), { ok: true });
  assert.match((checkUrl('firebase', new URL('http://acme.firebaseio.com/.json')) as { reason: string }).reason, /https only/);
  assert.match((checkUrl('firebase', new URL('https://acme.firebaseio.com:8443/')) as { reason: string }).reason, /port 8443/);
  assert.match((checkUrl('s3', new URL('https://u:p@acme.s3.amazonaws.com/')) as { reason: string }).reason, /credentials/);
  assert.match((checkUrl('s3', new URL('https://169.254.169.254/latest/meta-data')) as { reason: string }).reason, /IP address/);
  assert.match((checkUrl('s3', new URL('https://acme.firebaseio.com/')) as { reason: string }).reason, /not a s3 endpoint/);
});

test('private, loopback, link-local, CGNAT and ULA answers are refused, public ones pass', () => {
  const refused: Array<[string, RegExp]> = [
    ['127.0.0.1', /loopback/], ['127.8.9.10', /loopback/], ['10.1.2.3', /private/], ['172.16.0.1', /private/], ['172.31.255.255', /private/],
    ['192.168.1.1', /private/], ['169.254.169.254', /link-local/], ['100.64.0.1', /CGNAT/], ['100.127.255.254', /CGNAT/], ['0.0.0.0', /unspecified/],
    ['::1', /loopback/], ['::', /unspecified/], ['fe80::1', /link-local/], ['fd00::1', /ULA/], ['fc12:3456::1', /ULA/],
    ['::ffff:127.0.0.1', /loopback/], ['::ffff:7f00:1', /loopback/], ['::ffff:10.0.0.1', /private/], ['64:ff9b::a9fe:a9fe', /link-local/],
    ['2002:c0a8:0101::1', /private/], ['ff02::1', /multicast/], ['224.0.0.1', /multicast/],
  ];
  for (const [ip, why] of refused) assert.match(blockedAddressReason(ip) ?? 'allowed', why, ip);
  for (const ip of ['142.250.74.106', '52.216.8.1', '172.32.0.1', '100.128.0.1', '2607:f8b0:4004:c1b::65', '2a00:1450:4001:82b::200e']) {
    assert.equal(blockedAddressReason(ip), undefined, ip);
  }
});

test('overrides rewrite exactly as DESIGN §7 says, path-style for the emulators', () => {
  const base = new URL('http://127.0.0.1:10000');
  const r = (k: Parameters<typeof rewriteForOverride>[0], u: string, b = base) => rewriteForOverride(k, new URL(u), b).href;
  assert.equal(r('azure', 'https://acct.blob.core.windows.net/c?restype=container&comp=list'), 'http://127.0.0.1:10000/acct/c?restype=container&comp=list');
  assert.equal(r('s3', 'https://acme-media.s3.amazonaws.com/?list-type=2'), 'http://127.0.0.1:10000/acme-media/?list-type=2');
  assert.equal(r('s3', 'https://acme-media.s3.eu-west-1.amazonaws.com/k/x.png'), 'http://127.0.0.1:10000/acme-media/k/x.png');
  assert.equal(r('s3', 'https://s3.amazonaws.com/acme-media/?acl'), 'http://127.0.0.1:10000/acme-media/?acl');
  assert.equal(r('spaces', 'https://acme.fra1.digitaloceanspaces.com/?list-type=2'), 'http://127.0.0.1:10000/acme/?list-type=2');
  assert.equal(r('oss', 'https://acme.oss-cn-hangzhou.aliyuncs.com/?list-type=2'), 'http://127.0.0.1:10000/acme/?list-type=2');
  assert.equal(r('gcs', 'https://storage.googleapis.com/storage/v1/b/acme/o'), 'http://127.0.0.1:10000/storage/v1/b/acme/o');
  assert.equal(r('firebase', 'https://acme-default-rtdb.firebaseio.com/.json?shallow=true'), 'http://127.0.0.1:10000/.json?ns=acme-default-rtdb&shallow=true');
  assert.equal(r('firebase', 'https://acme.europe-west1.firebasedatabase.app/.json?shallow=true'), 'http://127.0.0.1:10000/.json?ns=acme&shallow=true');
  assert.equal(r('firestore', 'https://firestore.googleapis.com/v1/projects/p/databases/(default)/documents'), 'http://127.0.0.1:10000/v1/projects/p/databases/(default)/documents');
  assert.equal(r('supabase', 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/'), 'http://127.0.0.1:10000/rest/v1/');
  assert.equal(r('gcs', 'https://storage.googleapis.com/storage/v1/b/acme/o', new URL('http://127.0.0.1:9/prefix/')), 'http://127.0.0.1:9/prefix/storage/v1/b/acme/o');
});

test('override parsing accepts KEY=URL lists and settings maps, and says what is wrong in one sentence', () => {
  const o = parseOverrides(['azure=http://127.0.0.1:10000', 'S3=http://127.0.0.1:4568/']);
  assert.equal(o.azure?.href, 'http://127.0.0.1:10000/');
  assert.equal(o.s3?.port, '4568');
  assert.equal(parseOverrides({ firebase: 'http://127.0.0.1:9000' }).firebase?.port, '9000');
  assert.deepEqual(parseOverrides(undefined), {});
  assert.deepEqual(Object.keys(parseOverrides(['aws=http://127.0.0.1:1', 'digitalocean=http://127.0.0.1:2', 'alibaba=http://127.0.0.1:3'])), ['s3', 'spaces', 'oss']);
  assert.throws(() => parseOverrides(['dropbox=http://x']), /unknown endpoint override "dropbox" \(expected one of firebase, .*supabase, r2, .*oci\)/);
  assert.throws(() => parseOverrides(['azure']), /expects PROVIDER=URL/);
  assert.throws(() => parseOverrides(['azure=not a url']), /is not a URL/);
  assert.throws(() => parseOverrides(['azure=file:///etc/passwd']), /http\(s\) URL/);
});

test('the new stores: each provider key allows exactly its own hosts, and the overrides rewrite them path-style', () => {
  const acct = '7c3e9a1f5b2d4e6081a9c7b5d3f1e2a4';
  const yes: Array<[Parameters<typeof isAllowedHost>[0], string]> = [
    ['r2', `${acct}.r2.cloudflarestorage.com`], ['r2', `acme-media.${acct}.eu.r2.cloudflarestorage.com`], ['r2', 'pub-3f9b2e7d1c6a4058b9e2d7f1a3c5b8e0.r2.dev'],
    ['b2', 's3.us-west-004.backblazeb2.com'], ['b2', 'acme-backups.s3.eu-central-003.backblazeb2.com'],
    ['wasabi', 's3.us-east-1.wasabisys.com'], ['wasabi', 'acme-media.s3.eu-central-2.wasabisys.com'],
    ['linode', 'us-east-1.linodeobjects.com'], ['linode', 'acme-img.fr-par-1.linodeobjects.com'],
    ['scaleway', 's3.fr-par.scw.cloud'], ['scaleway', 'acme-img.s3.nl-ams.scw.cloud'],
    ['cos', 'acme-1301234567.cos.ap-guangzhou.myqcloud.com'], ['cos', 'acme-1301234567.cos.accelerate.myqcloud.com'],
    ['obs', 'acme-obs.obs.cn-north-4.myhuaweicloud.com'], ['obs', 'obs.eu-west-101.myhuaweicloud.eu'],
    ['ibm', 'acme-cos.s3.us-south.cloud-object-storage.appdomain.cloud'], ['ibm', 's3.ams03.cloud-object-storage.appdomain.cloud'],
    ['oci', 'objectstorage.eu-frankfurt-1.oraclecloud.com'],
  ];
  for (const [k, h] of yes) assert.ok(isAllowedHost(k, h), `${k} ${h}`);
  const no: Array<[Parameters<typeof isAllowedHost>[0], string]> = [
    ['r2', 'acme.r2.cloudflarestorage.com'], ['r2', `${acct}.r2.cloudflarestorage.com.evil.net`], ['r2', 'pub-123.r2.dev'], ['r2', 'dash.cloudflare.com'],
    ['b2', 'api.backblazeb2.com'], ['b2', 'f003.backblazeb2.com'], ['b2', 's3.us-west-004.backblazeb2.com.evil.io'],
    ['wasabi', 'console.wasabisys.com'], ['wasabi', 's3.us-east-1-dell-obs.wasabisys.com'], ['wasabi', 'wasabisys.com.attacker.org'],
    ['linode', 'api.linode.com'], ['linode', 'linodeobjects.com'], ['scaleway', 'api.scaleway.com'],
    ['cos', 'service.cos.myqcloud.com'], ['cos', 'acme.cos.ap-guangzhou.myqcloud.com'], ['obs', 'iam.cn-north-4.myhuaweicloud.com'],
    ['ibm', 'iam.cloud.ibm.com'], ['oci', 'identity.us-ashburn-1.oraclecloud.com'], ['oci', 'objectstorage.us-ashburn-1.oraclecloud.com.evil.net'],
    ['s3', 'acme.s3.eu-central-1.wasabisys.com'], ['wasabi', 'acme.s3.amazonaws.com'],
  ];
  for (const [k, h] of no) assert.ok(!isAllowedHost(k, h), `${k} ${h}`);
  assert.equal(serviceOfHost('acme-1301234567.cos.ap-guangzhou.myqcloud.com'), 'cos');
  assert.match((checkUrl('wasabi', new URL('http://s3.us-east-1.wasabisys.com/acme/')) as { reason: string }).reason, /https only/);

  const base = new URL('http://127.0.0.1:4568');
  const r = (k: Parameters<typeof rewriteForOverride>[0], u: string) => rewriteForOverride(k, new URL(u), base).href;
  assert.equal(r('r2', `https://${acct}.r2.cloudflarestorage.com/acme-media/?list-type=2&max-keys=5`), 'http://127.0.0.1:4568/acme-media/?list-type=2&max-keys=5');
  assert.equal(r('r2', `https://acme-media.${acct}.r2.cloudflarestorage.com/?list-type=2`), 'http://127.0.0.1:4568/acme-media/?list-type=2');
  assert.equal(r('r2', 'https://pub-3f9b2e7d1c6a4058b9e2d7f1a3c5b8e0.r2.dev/'), 'http://127.0.0.1:4568/');
  assert.equal(r('b2', 'https://acme-backups.s3.us-west-004.backblazeb2.com/?acl'), 'http://127.0.0.1:4568/acme-backups/?acl');
  assert.equal(r('wasabi', 'https://s3.us-east-1.wasabisys.com/files.acme/?list-type=2'), 'http://127.0.0.1:4568/files.acme/?list-type=2');
  assert.equal(r('cos', 'https://acme-1301234567.cos.ap-guangzhou.myqcloud.com/?list-type=2'), 'http://127.0.0.1:4568/acme-1301234567/?list-type=2');
  assert.equal(r('obs', 'https://acme-obs.obs.cn-north-4.myhuaweicloud.com/?acl'), 'http://127.0.0.1:4568/acme-obs/?acl');
  assert.equal(r('ibm', 'https://acme-cos.s3.us-south.cloud-object-storage.appdomain.cloud/?list-type=2'), 'http://127.0.0.1:4568/acme-cos/?list-type=2');
  assert.equal(r('oci', 'https://objectstorage.eu-frankfurt-1.oraclecloud.com/n/ns1/b/acme/o?limit=5'), 'http://127.0.0.1:4568/n/ns1/b/acme/o?limit=5');
  assert.deepEqual(Object.keys(parseOverrides(['cloudflare=http://127.0.0.1:1', 'backblaze=http://127.0.0.1:2', 'tencent=http://127.0.0.1:3', 'huawei=http://127.0.0.1:4', 'oracle=http://127.0.0.1:5', 'wasabi=http://127.0.0.1:6'])), ['r2', 'b2', 'cos', 'obs', 'oci', 'wasabi']);
});
