import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readHermes } from '../../../server/src/core/artifact/hermes';
import { createEngine } from '../../../server/src/core/engine';
import { rng } from '../../helpers/rng';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/apple/${name}`));
const engine = createEngine();
const keyed = (r: { strings: Array<{ key?: string; value: string }> }) => r.strings.filter((s) => s.key).map((s) => `${s.key}=${s.value}`);

// test/fixtures/apple/config.js, compiled by hermesc 0.14.0 (HBC v96) and 260318099.0.8 (HBC v99)
const PAIRS = [
  'aws_project_region=eu-west-1', 'aws_cognito_identity_pool_id=eu-west-1:4f6c2b1e-9a7d-4c3e-8b2a-1d5e6f7a8b9c',
  'aws_user_files_s3_bucket=acme-rn-user-files-dev', 'aws_user_files_s3_bucket_region=eu-west-1',
  'apiKey=AIzaSyDq1cT3bLhZ8vWn5kQp0rYx2uJm4oEi6sA', 'projectId=acme-rn-prod', 'storageBucket=acme-rn-prod.appspot.com',
  'appId=1:731045829917:android:5c1d9e3f0b7a2e64',
  // two objects with one key list (hermesc stores it once): each value keeps its own key
  'bucket=acme-rn-mirror-one', 'region=us-east-1', 'bucket=acme-rn-mirror-two', 'region=us-west-2',
  // the 20th property of a 20-property literal (a long run), keys past string id 255
  's3Bucket=acme-rn-wide-bucket',
];

for (const [name, version] of [['config-v96.hbc', 96], ['config-v99.hbc', 99]] as const) {
  test(`Hermes v${version}: object literal values come with their keys, as in the plain bundle`, async () => {
    const bytes = fixture(name);
    assert.equal(new DataView(bytes.buffer).getUint32(8, true), version);
    const r = readHermes(bytes, 'index.android.bundle');
    assert.deepEqual(r.errors, []);
    assert.deepEqual(keyed(r).sort(), [...PAIRS].sort());
    // each value once: keyed values are not repeated as bare strings
    assert.equal(r.strings.filter((s) => s.value === 'acme-rn-user-files-dev').length, 1);
    const found = async (b: Uint8Array) => (await engine.scanArtifactEntries('app.apk', [{ entry: 'assets/index.android.bundle', bytes: b }]))
      .findings.map((f) => `${f.ruleId} ${f.value}`).sort();
    const hermes = await found(bytes);
    assert.deepEqual(hermes, await found(fixture('config.js')), 'the same findings as the JavaScript it was compiled from');
    assert.ok(hermes.includes('aws-s3-bucket acme-rn-user-files-dev') && hermes.includes('firebase-storage-bucket acme-rn-prod.appspot.com'));
  });
}

test('Hermes: a version without an opcode table keeps its strings, pairs nothing, reports nothing', () => {
  const b = fixture('config-v99.hbc');
  new DataView(b.buffer).setUint32(8, 97, true); // same layout family, no table for v97
  const r = readHermes(b, 'x');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(keyed(r), []);
  assert.ok(r.strings.some((s) => s.value === 'acme-rn-user-files-dev'));
});

test('Hermes: literal buffers past the end of the file are reported; the strings are still read', () => {
  const b = fixture('config-v96.hbc');
  new DataView(b.buffer).setUint32(88, 0x7ffffff0, true); // objValueBufferSize
  const r = readHermes(b, 'x');
  assert.deepEqual(r.errors, ['Hermes bytecode: object literal buffers past end of file; object literal keys not read']);
  assert.ok(r.strings.some((s) => s.value === 'acme-rn-user-files-dev'));
});

test('Hermes: corrupted instructions, shapes and literal buffers never throw; ids outside the table are dropped', () => {
  for (const name of ['config-v96.hbc', 'config-v99.hbc']) {
    const original = fixture(name);
    const next = rng(42);
    for (let i = 0; i < 300; i++) {
      const b = original.slice();
      // flip bytes after the header: function headers, string tables, bytecode and buffers
      for (let k = 0; k < 1 + Math.floor(next() * 8); k++) b[128 + Math.floor(next() * (b.length - 128))] = Math.floor(next() * 256);
      const r = readHermes(b, 'x');
      // an id outside the string table must not turn into an `undefined` value or key
      for (const s of r.strings) assert.ok(typeof s.value === 'string' && (s.key === undefined || typeof s.key === 'string'));
    }
  }
});
