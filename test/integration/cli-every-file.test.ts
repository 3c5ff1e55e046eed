// Every text file is read (issue 14): the built CLI on a tree of the files real mobile repositories
// hold besides the usual sources — keys, env files named either way, backups, fastlane, C#, web,
// scripts, config, generic text — next to media, libraries, lockfiles and unknown binaries that
// must be skipped without noise.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cli, json, put, RTDB, tempDir } from './cli-helpers';

const tmp = tempDir();
after(() => tmp.cleanup());
type F = { ruleId: string; location: { file: string; line: number } };
type E = { file: string; message: string };

const KEY_ID = 'AKIAQ3EGRDCXPLZ7WXYZ';
const apnsKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const derKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' });
const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

const READ: Record<string, string | Buffer> = {
  'ios/AuthKey_ABCDE12345.p8': apnsKey,
  'ios/certs/certificates.pem': `Bag Attributes\n    localKeyID: 01\n${rsaKey}`,
  'config/production.env': `API_URL=https://api.acme.io\nAWS_ACCESS_KEY_ID=${KEY_ID}\n`,
  'app.env': `DATABASE_URL=${RTDB}\n`,
  'env.staging': 'MEDIA=https://acme-staging-media.s3.amazonaws.com/\n',
  'android/app/google-services.json.v1': `{\n  "project_info": {\n    "firebase_url": "https://acme-old-default-rtdb.firebaseio.com",\n    "storage_bucket": "acme-old.appspot.com"\n  }\n}\n`,
  'ios/Runner/Info.plist.bak': '<?xml version="1.0"?>\n<plist version="1.0"><dict>\n<key>MediaBucket</key>\n<string>https://acme-ios-media.s3.amazonaws.com/</string>\n</dict></plist>\n',
  'ios/Podfile': "platform :ios, '15.0'\npod 'AWSS3'\nENV['MEDIA_BUCKET'] = 'https://acme-pod-assets.s3.amazonaws.com/'\n",
  'fastlane/Fastfile': `lane :beta do\n  s3(access_key: "${KEY_ID}")\nend\n`,
  'Droid/Config.cs': 'class Config {\n    public const string Db = "https://acme-" +\n        "droid-default-rtdb.firebaseio.com";\n}\n',
  'www/index.html': '<html>\n<script>\nconst storage = "https://storage.googleapis.com/acme-web-assets/";\n</script>\n</html>\n',
  'scripts/upload.sh': '#!/bin/sh\naws s3 cp app.apk s3://acme-release-apks/\n',
  'scripts/seed.py': 'DB = "https://acme-seed-default-rtdb.firebaseio.com"\n',
  'config/app.ini': '[storage]\nbucket_url = https://acme-ini.s3.amazonaws.com/\n',
  'docs/notes.txt': 'staging database: https://acme-notes-default-rtdb.firebaseio.com\n',
  'ios/Runner/en.lproj/Localizable.strings': utf16('"bucket" = "https://acme-strings.s3.amazonaws.com/";\n'),
  'tools/deploy-credentials': `[default]\naws_access_key_id = ${KEY_ID}\n`,
  'LICENSE': 'MIT License\n\nCopyright (c) 2024 Acme\n',
};

/** Files that hold a leak in their bytes but must not be read, nor reported in `errors`. */
const SILENT: Record<string, string | Buffer> = {
  'android/app/src/main/res/drawable/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(RTDB)]),
  'assets/fonts/Inter.ttf': Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.from(RTDB)]),
  'android/app/libs/sdk.jar': Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(RTDB)]),
  'android/app/src/main/jniLibs/arm64-v8a/libleaky.so': readFileSync('test/fixtures/native/arm64-v8a-libleaky.so'),
  'package-lock.json': `{"packages": {"node_modules/x": {"resolved": "${RTDB}/x.tgz"}}}\n`,
  'yarn.lock': `x@1:\n  resolved "${RTDB}/x.tgz"\n`,
  'ios/Podfile.lock': `SPEC REPOS:\n  ${RTDB}:\n    - AWSS3\n`,
  'www/main.js.map': `{"sourcesContent": ["${RTDB}"]}`,
  // unknown names, binary content: a vendored framework binary, a data blob
  'ios/Vendor/Acme.framework/Acme': readFileSync('test/fixtures/apple/Demo-arm64'),
  'assets/data.bin': Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0x10]), Buffer.from(RTDB)]),
};

test('every text file is read: keys, env files, backups, fastlane, C#, web, scripts, config, generic text', () => {
  const dir = `${tmp.dir}/repo`;
  put(dir, { ...READ, ...SILENT });
  const r = cli(['scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const report = json(r);
  assert.deepEqual(report.errors, [], 'nothing reported about media, libraries, lockfiles or unknown binaries');
  const got = report.findings.filter((f: F) => f.ruleId !== 'firebase-rules-missing').map((f: F) => `${f.location.file}:${f.location.line} ${f.ruleId}`);
  assert.deepEqual(got.sort(), [
    'Droid/Config.cs:2 firebase-database-url',
    'android/app/google-services.json.v1:3 firebase-database-url',
    'android/app/google-services.json.v1:4 firebase-storage-bucket',
    'app.env:1 firebase-database-url',
    'config/app.ini:2 aws-s3-bucket',
    'config/production.env:2 aws-access-key-id',
    'docs/notes.txt:1 firebase-database-url',
    'env.staging:1 aws-s3-bucket',
    'fastlane/Fastfile:2 aws-access-key-id',
    'ios/AuthKey_ABCDE12345.p8:1 private-key',
    'ios/Podfile:3 aws-s3-bucket',
    'ios/Runner/Info.plist.bak:4 aws-s3-bucket',
    'ios/Runner/en.lproj/Localizable.strings:1 aws-s3-bucket',
    'ios/certs/certificates.pem:3 private-key',
    'scripts/seed.py:1 firebase-database-url',
    'scripts/upload.sh:2 aws-s3-bucket',
    'tools/deploy-credentials:2 aws-access-key-id',
    'www/index.html:3 gcs-bucket',
  ]);
  const silent = new Set(Object.keys(SILENT));
  assert.ok(!report.findings.some((f: F) => silent.has(f.location.file)), 'skipped files give no findings');
});

test('binary and oversized files: an errors item when the name promised text, silence for unknown binaries', () => {
  const dir = `${tmp.dir}/limits`;
  const big = `${'lorem ipsum dolor sit amet\n'.repeat(80)}db ${RTDB}\n`;
  put(dir, {
    'keys/signing.pem': derKey, // a DER key under a PEM name
    'config/dump.json': `{"a": "${big.replace(/\n/g, ' ')}"}`,
    'data/export': big, // unknown name, text, over the limit
    'data/blob': Buffer.concat([Buffer.alloc(4096, 0xfe), Buffer.from(RTDB)]), // unknown name, binary, over the limit
    'ok.env': `URL=${RTDB}\n`,
  });
  const report = json(cli(['scan', '.', '--format', 'json', '--max-file-size', '1', '--fail-on', 'none'], { cwd: dir }));
  assert.deepEqual(report.errors.map((e: E) => [e.file, e.message]), [
    ['config/dump.json', 'file is 3 KB, over the 1 KB limit (--max-file-size); skipped'],
    ['data/export', 'file is 3 KB, over the 1 KB limit (--max-file-size); skipped'],
    ['keys/signing.pem', 'binary file (not text in the first 8 KB); skipped'],
  ]);
  assert.deepEqual(report.findings.filter((f: F) => f.ruleId === 'firebase-database-url').map((f: F) => f.location.file), ['ok.env']);
  // named as a PATH, an unknown binary is reported rather than silently ignored
  const named = json(cli(['scan', 'data/blob', '--format', 'json', '--max-file-size', '100'], { cwd: dir }));
  assert.deepEqual(named.errors.map((e: E) => e.message), ['binary file (not text in the first 8 KB); skipped']);
});
