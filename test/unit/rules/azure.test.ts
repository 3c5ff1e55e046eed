import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { covered, oneOf as one, range, scanRule as scan } from '../../helpers/ruleFindings';
import { createEngine } from '../../../server/src/core/engine';

const engine = createEngine();


/** A fresh 64-byte account key (88 base64 chars ending `==`), as Azure generates them. */
const newKey = (): string => randomBytes(64).toString('base64');
const newSig = (): string => encodeURIComponent(randomBytes(32).toString('base64'));
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const conn = (account: string, key: string): string => `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key};EndpointSuffix=core.windows.net`;

// ------------------------------------------------------------------ azure-storage-account-key

test('azure-storage-account-key: connection strings and keys next to an account name, redacted', () => {
  const key = newKey();
  assert.equal(key.length, 88);
  const cases: Array<[string, string]> = [
    ['app/src/main/res/values/strings.xml', `<resources>\n    <string name="storage_conn">${conn('acmeprodmedia', key)}</string>\n</resources>\n`],
    ['.env', `AZURE_STORAGE_ACCOUNT=acmeprodmedia\nAZURE_STORAGE_KEY=${key}\n`],
    ['app/src/main/java/com/acme/Blob.kt', `val conn = "DefaultEndpointsProtocol=https;AccountName=acmeprodmedia;" +\n    "AccountKey=${key};EndpointSuffix=core.windows.net"\n`],
    ['ios/App/BlobClient.swift', `let connectionString = "${conn('acmeprodmedia', key)}"\n`],
    ['assets/config.json', `{\n  "storage": { "accountName": "acmeprodmedia", "accountKey": "${key}" }\n}\n`],
    ['ios/App/Info.plist', `<key>AzureStorageConnection</key>\n<string>${conn('acmeprodmedia', key)}</string>\n`],
    ['lib/azure.dart', `const storageConnection = '${conn('acmeprodmedia', key)}';\n`],
    ['app/build.gradle', `buildConfigField "String", "AZURE_CONN", "\\"${conn('acmeprodmedia', key)}\\""\n`],
  ];
  for (const [path, text] of cases) {
    const f = one(path, text, 'azure-storage-account-key');
    assert.equal(f.value, `${key.slice(0, 8)}…`, path);
    assert.equal(f.endpoint, 'https://acmeprodmedia.blob.core.windows.net/', path);
    assert.equal(f.severity, 'critical');
    assert.ok(!JSON.stringify(f).includes(key.slice(8, 40)), 'the key never appears in the finding');
  }
  const xml = one(cases[0][0], cases[0][1], 'azure-storage-account-key');
  assert.deepEqual(range(xml), [2, 101, 2, 189]);
  assert.equal(covered(cases[0][1], xml), key);
  const kt = one(cases[2][0], cases[2][1], 'azure-storage-account-key');
  assert.deepEqual(range(kt), [2, 17, 2, 105], 'key on the second line of a concatenation');
  assert.match(kt.message, /for acmeprodmedia/);
  const gov = one('a.ts', `const c = "DefaultEndpointsProtocol=https;AccountName=acmegov;AccountKey=${key};EndpointSuffix=core.usgovcloudapi.net";\n`, 'azure-storage-account-key');
  assert.equal(gov.endpoint, 'https://acmegov.blob.core.usgovcloudapi.net/');
});

test('azure-storage-account-key: a real-shaped key is found whatever its account is called (storagetest123, mystorageaccount, k8stest)', () => {
  for (const account of ['storagetest123', 'storagename123', 'k8stest', 'sampleappdata', 'mystorageaccount', 'storageaccount']) {
    const found = scan('app/src/main/java/Blob.kt', `val c = "${conn(account, newKey())}"\n`, 'azure-storage-account-key');
    assert.equal(found.length, 1, account);
    assert.equal(found[0].endpoint, `https://${account}.blob.core.windows.net/`);
  }
});

test('azure-storage-account-key: Azurite, development storage, doc accounts, lone keys and placeholders are not findings', () => {
  const key = newKey();
  const negatives: Array<[string, string]> = [
    ['local.settings.json', `{"AzureWebJobsStorage": "${conn('devstoreaccount1', AZURITE_KEY)}"}\n`],
    ['a.kt', `val c = "DefaultEndpointsProtocol=http;AccountName=acmeprod;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"\nval d = "UseDevelopmentStorage=true"\n`],
    ['.env', `SOME_SIGNATURE_KEY=${key}\n`],
    ['.env', `AZURE_STORAGE_ACCOUNT=acmeprod\nFIREBASE_CERT_HASH=${key}\n`],
    ['a.js', 'const c = "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=<your-account-key>;EndpointSuffix=core.windows.net";\n'],
    ['a.js', 'const c = `DefaultEndpointsProtocol=https;AccountName=${name};AccountKey=${key};`;\n'],
    ['a.ts', `const c = "${conn('acmeprod', key.slice(1))}";\nconst d = "${conn('acmeprod', 'A'.repeat(86) + '==')}";\n`],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text, 'azure-storage-account-key'), [], `${path}: ${text}`);
});

// ------------------------------------------------------------------ azure-sas-token

test('azure-sas-token: URLs and bare tokens in every file type, sig never shown', () => {
  const sig = newSig();
  const q = `sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2030-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=${sig}`;
  const url = `https://acmeprodmedia.blob.core.windows.net/uploads?${q}`;
  const blob = 'https://acmeprodmedia.blob.core.windows.net/uploads';
  const cases: Array<[string, string, string | undefined]> = [
    ['app/src/main/res/values/strings.xml', `<string name="upload_url">${url.replaceAll('&', '&amp;')}</string>\n`, blob],
    ['app/src/main/java/com/acme/Upload.kt', `val uploadUrl = "${url}"\n`, blob],
    ['.env', `AZURE_SAS_TOKEN=${q}\n`, undefined],
    ['ios/App/Upload.swift', `let sas = "?${q}"\nlet base = "${blob}"\n`, undefined],
    ['src/upload.js', `const u = "${blob}/photos/a.jpg?sp=r&st=2024-01-01T00:00:00Z&se=2029-01-01T00:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=${sig}";\n`, `${blob}/photos/a.jpg`],
    ['ios/App/Info.plist', `<key>BlobConnection</key>\n<string>BlobEndpoint=https://acmeprodmedia.blob.core.windows.net/;SharedAccessSignature=${q.replaceAll('&', '&amp;')}</string>\n`, 'https://acmeprodmedia.blob.core.windows.net/'],
    ['lib/upload.dart', `const sasUrl = '${blob}?' +\n    '${q}';\n`, blob],
    ['app/src/main/java/com/acme/Sas.java', `String sas = "sig=${sig}&sv=2021-08-06&sp=rl&sr=c&se=2031-01-01";\n`, undefined],
  ];
  for (const [path, text, endpoint] of cases) {
    const f = one(path, text, 'azure-sas-token');
    assert.equal(f.endpoint, endpoint, path);
    assert.equal(f.severity, 'high');
    assert.match(f.value, /^s[vp]=[^…]{5}…$/, `${path}: ${f.value}`);
    assert.ok(!JSON.stringify(f).includes(sig.slice(0, 12)), `${path}: sig never shown`);
  }
  const kt = one(cases[1][0], cases[1][1], 'azure-sas-token');
  assert.equal(kt.value, 'sv=2022-…');
  assert.match(kt.message, /for acmeprodmedia\/uploads .*permissions rwdlac, expires 2030-12-31T23:59:59Z/);
  assert.equal(covered(cases[1][1], kt), q);
  assert.deepEqual(range(kt), [1, 70, 1, 70 + q.length]);
  const js = one(cases[4][0], cases[4][1], 'azure-sas-token');
  assert.equal(js.value, 'sp=r&st=…');
  const sigFirst = one(cases[7][0], cases[7][1], 'azure-sas-token');
  assert.equal(sigFirst.value, 'sv=2021-…', 'sig is moved last before redaction');
});

test('azure-sas-token: placeholders, doc signatures, emulator URLs and other clouds\' signed URLs are not findings', () => {
  const sig = newSig();
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val u = "https://acmeprod.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX%3D"\n'],
    ['a.kt', 'val u = "https://acmeprod.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=<signature>"\n'],
    ['a.kt', `val u = "https://acmeprod.blob.core.windows.net/c?sp=r&se=2030-01-01&sig=${sig}"\n`],
    ['README.md.kt', 'val u = "https://myaccount.blob.core.windows.net/sascontainer/sasblob.txt?sv=2019-02-02&st=2019-04-29T22%3A18%3A26Z&se=2019-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D"\n'],
    ['a.ts', `const u = "http://127.0.0.1:10000/devstoreaccount1/c?sv=2022-11-02&sp=rl&sig=${sig}";\n`],
    ['a.ts', `const s3 = "https://acme.s3.amazonaws.com/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-Signature=${'9f'.repeat(32)}";\n`],
    ['a.ts', `const g = "https://storage.googleapis.com/acme/a.png?GoogleAccessId=x@acme.iam.gserviceaccount.com&Expires=1700000000&Signature=${sig}";\n`],
    ['a.ts', `const u = "https://acmeprod.blob.core.windows.net/c?sv=\${version}&sp=r&sig=\${signature}";\n`],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text, 'azure-sas-token'), [], `${path}: ${text}`);
});

test('azure-sas-token: a query string assigned whole to a name (any parameter first), percent-encoded times', () => {
  const sig = newSig();
  const q = `sp=racwl&st=2025-03-04T07:24:52Z&se=2026-04-04T15:24:52Z&spr=https&sv=2022-11-02&sr=c&sig=${sig}`;
  for (const [path, text] of [
    ['.env', `AZURE_BLOB_SAS_TOKEN=${q}\nAZURE_BLOB_URL=https://acmeprodmedia.blob.core.windows.net/uploads\n`],
    ['production.env', `sas=${q}\n`],
    ['app.config', `storage.sas=${q}\n`],
    ['lib/config.dart', `const sasToken = '${q}';\n`],
  ]) {
    const f = one(path, text, 'azure-sas-token');
    assert.equal(f.value, 'sp=racwl…', path);
    assert.equal(covered(text, f), q, `${path}: the range starts at the first parameter, not at the name`);
  }
  // Azure Storage Explorer writes the `:` of times as %3A (or %3a)
  for (const colon of ['%3A', '%3a']) {
    const url = `https://acmeprodmedia.blob.core.windows.net/sorted?sv=2023-01-03&st=2025-06-18T08${colon}45${colon}11Z&se=2026-06-19T08${colon}45${colon}11Z&sr=c&sp=r&sig=${sig}`;
    const f = one('app/src/main/java/com/acme/Sas.kt', `val u = "${url}"\n`, 'azure-sas-token');
    assert.match(f.message, /for acmeprodmedia\/sorted .*expires 2026-06-19T08:45:11Z/);
  }
});

test('azure-sas-token: SAS parameter names with values Azure never gives are not a SAS', () => {
  const sig = newSig();
  const sas = (fields: Record<string, string>) => Object.entries({ sp: 'rcwl', st: '2025-03-10T06:58:25Z', se: '2025-03-10T14:58:25Z', spr: 'https', sv: '2022-11-02', sr: 'c', ...fields, sig }).map(([k, v]) => `${k}=${v}`).join('&');
  const odds: Array<Record<string, string>> = [{ sp: 'rqx' }, { sip: '168.1.6' }, { spr: 'ftp' }, { sr: 'container' }, { se: 'tomorrow' }, { srt: 'xyz' }];
  for (const odd of odds) {
    const q = sas(odd);
    assert.deepEqual(scan('.env', `AZURE_BLOB_SAS_TOKEN=${q}\n`, 'azure-sas-token'), [], q);
  }
  assert.equal(scan('.env', `AZURE_BLOB_SAS_TOKEN=${sas({})}\n`, 'azure-sas-token').length, 1, 'the same token with valid fields');
  // the valid shapes next to them are found: every permission letter, an IP range, http+https
  const ok = `sp=racwdxyltfmeopiu&sip=168.1.6.50-168.1.6.80&spr=https,http&ss=bfqt&srt=sco&sv=2022-11-02&se=2026-01-01&sig=${sig}`;
  assert.equal(scan('.env', `AZURE_SAS=${ok}\n`, 'azure-sas-token').length, 1);
  // No SAS without a signature, and a documentation account's SAS stays quiet (Azure's docs print
  // many real-looking signatures for `myaccount`, `accountname`…; DESIGN §3 documentation values).
  assert.deepEqual(scan('.env', `AZURE_BLOB_SAS_TOKEN=${sas({}).replace(/&sig=.*/, '')}\n`, 'azure-sas-token'), []);
  assert.deepEqual(scan('a.kt', `val u = "https://accountname.blob.core.windows.net/sorted?sv=2023-01-03&sr=c&sp=r&sig=${sig}"\n`, 'azure-sas-token'), []);
});

// ------------------------------------------------------------------ azure-blob-container

test('azure-blob-container: container URLs in every file type, container-list endpoint', () => {
  const list = (a: string, c: string, sfx = 'core.windows.net') => `https://${a}.blob.${sfx}/${c}?restype=container&comp=list`;
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/res/values/strings.xml', '<resources>\n    <string name="media_base">https://acmeprodmedia.blob.core.windows.net/media/</string>\n</resources>\n', 'acmeprodmedia/media', list('acmeprodmedia', 'media')],
    ['app/src/main/java/com/acme/Media.kt', 'val avatars = "https://acmeprodmedia.blob.core.windows.net/user-avatars/$userId.png"\n', 'acmeprodmedia/user-avatars', list('acmeprodmedia', 'user-avatars')],
    ['ios/App/Media.swift', 'let url = URL(string: "https://acmeios.blob.core.windows.net/app-assets/v2/manifest.json")\n', 'acmeios/app-assets', list('acmeios', 'app-assets')],
    ['.env', 'PUBLIC_SITE=https://acmeweb.blob.core.windows.net/$web/index.html\n', 'acmeweb/$web', list('acmeweb', '$web')],
    ['assets/config.json', '{"exports": "https://acmelake.dfs.core.windows.net/exports/2024"}\n', 'acmelake/exports', list('acmelake', 'exports')],
    ['lib/media.dart', "const cdn = 'https://acmeflutter.blob.core.windows.net/' +\n    'images';\n", 'acmeflutter/images', list('acmeflutter', 'images')],
    ['ios/App/Uploader.m', 'NSString *u = @"https://acmecn.blob.core.chinacloudapi.cn/backups/db.zip";\n', 'acmecn/backups', list('acmecn', 'backups', 'core.chinacloudapi.cn')],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text, 'azure-blob-container');
    assert.deepEqual([f.value, f.endpoint, f.severity], [value, endpoint, 'low'], path);
  }
  const xml = one(cases[0][0], cases[0][1], 'azure-blob-container');
  assert.deepEqual(range(xml), [2, 39, 2, 80]);
  assert.equal(covered(cases[0][1], xml), 'acmeprodmedia.blob.core.windows.net/media');
  const dart = one(cases[5][0], cases[5][1], 'azure-blob-container');
  assert.deepEqual([dart.location.line, dart.location.endLine], [1, 2]);
});

test('azure-blob-container: shares, bare accounts, emulator, doc accounts, placeholders, NSC domains are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val share = "https://acmeprod.file.core.windows.net/share1/a.txt"\nval q = "https://acmeprod.queue.core.windows.net/jobs"\nval w = "https://acmeprod.z13.web.core.windows.net/index.html"\n'],
    ['a.kt', 'val account = "https://acmeprod.blob.core.windows.net/"\nval b = "https://acmeprod.blob.core.windows.net"\n'],
    ['a.ts', 'const local = "http://127.0.0.1:10000/devstoreaccount1/media"; const l2 = "http://localhost:10000/devstoreaccount1/uploads";\n'],
    ['a.ts', 'const a = "https://myaccount.blob.core.windows.net/mycontainer/myblob"; const b = "https://mystorageaccount.blob.core.windows.net/media";\n'],
    ['.env', 'C1=https://acmeprod.blob.core.windows.net/<container>\nC2=https://acmeprod.blob.core.windows.net/${CONTAINER}\nC3=https://acmeprod.blob.core.windows.net/container-name\n'],
    ['app/src/main/res/xml/network_security_config.xml', '<domain-config>\n  <domain includeSubdomains="true">acmeprod.blob.core.windows.net</domain>\n</domain-config>\n'],
    ['a.swift', 'let p = "https://portal.azure.com/#@acme.onmicrosoft.com/resource/subscriptions/x/storageAccounts/acmeprod/containersList"\nlet u = "https://AcmeProd.blob.core.windows.net/Media"\nlet v = "https://acmeprod.blob.core.windows.net/bad--name/x"\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text, 'azure-blob-container').map((f) => f.value), [], `${path}: ${text}`);
});

test('azure rules stay linear on a 1 MB adversarial line', () => {
  const lines = [
    `AccountName=acme;AccountKey=${'A'.repeat(1_000_000)}`,
    `${'sv=2022-11-02&'.repeat(70_000)}sig=${'a'.repeat(1000)}`,
    `${'&sig=abcdefghijklmnopqrstuvwxyz'.repeat(30_000)}`,
    `${'a.blob.'.repeat(140_000)}core.windows.net/c`,
    `accountName: "acme", accountKey: "${'Ab1+'.repeat(250_000)}"`,
  ];
  const t0 = process.hrtime.bigint();
  for (const line of lines) engine.scanText('big.js', `const x = "${line}";\n`);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 10_000, `took ${ms} ms`);
});
