import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeAxml, readAxml } from '../../../server/src/core/artifact/axml';

const A = 'test/fixtures/android';
const manifest = readFileSync(`${A}/AndroidManifest.axml`);

test('element order matches `aapt dump xmltree` (the oracle)', () => {
  const tree = readFileSync(`${A}/AndroidManifest.xmltree.txt`, 'utf8');
  const expected = [...tree.matchAll(/E: ([\w.-]+) \(line=/g)].map((m) => m[1]);
  const doc = decodeAxml(manifest);
  assert.deepEqual(doc.errors, []);
  const got = [...doc.text.matchAll(/^\s*<([\w.-]+)[ >]/gm)].map((m) => m[1]);
  assert.deepEqual(got, expected);
});

test('typed booleans, raw strings, references and namespaces decode as XML attributes', () => {
  const { text } = decodeAxml(manifest);
  assert.match(text, /<application [^\n]*android:usesCleartextTraffic="true"/);
  assert.match(text, /android:networkSecurityConfig="@0x7f020000"/);
  assert.match(text, /<meta-data android:name="com.acme.shop.RTDB_URL" android:value="https:\/\/acme-shop-prod-default-rtdb.firebaseio.com">/);
  assert.match(text, /android:minSdkVersion="24"/);
});

test('meta-data name/value pairs and attributes come out as keyed strings', () => {
  const r = readAxml(manifest);
  assert.ok(r.strings.some((s) => s.key === 'com.acme.shop.RTDB_URL' && s.value === 'https://acme-shop-prod-default-rtdb.firebaseio.com'));
  assert.ok(r.strings.some((s) => s.key === 'android:usesCleartextTraffic' && s.value === 'true'));
});

test('network security config: un-namespaced cleartextTrafficPermitted and text nodes', () => {
  const { text, errors } = decodeAxml(readFileSync(`${A}/network_security_config.axml`));
  assert.deepEqual(errors, []);
  assert.match(text, /<base-config cleartextTrafficPermitted="true">/);
  assert.match(text, /legacy\.acme-shop\.com/);
});

test('the manifest string pool is UTF-16 (aapt v1) and decodes', () => {
  const flags = new DataView(manifest.buffer, manifest.byteOffset).getUint32(8 + 16, true);
  assert.equal(flags & 0x100, 0);
});

test('every truncation and a zeroed chunk size end in a clear error, never a throw', () => {
  for (let n = 0; n < manifest.length; n += 5) {
    const d = decodeAxml(manifest.subarray(0, n));
    assert.ok(d.errors.length > 0, `cut at ${n}`);
    assert.match(d.errors.join('\n'), /truncated|runs past|no string pool|points past|not a binary XML/);
  }
  const b = Uint8Array.from(manifest);
  new DataView(b.buffer).setUint32(8 + 4, 0, true); // string pool chunk size
  assert.match(decodeAxml(b).errors.join('\n'), /bad binary XML chunk/);
});

test('references resolve through a resource table: names, and booleans to their value', () => {
  const refs = new Map([[0x7f030000, { name: '@string/app_name' }], [0x7f020000, { name: '@xml/network_security_config' }]]);
  const { text } = decodeAxml(manifest, undefined, (id) => refs.get(id));
  assert.match(text, /android:label="@string\/app_name"/);
  assert.match(text, /android:networkSecurityConfig="@xml\/network_security_config"/);
  assert.match(text, /android:value="@0x7f030001"/, 'unknown ids stay hex');
});
