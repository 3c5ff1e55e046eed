import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeProtoXml, isProtoXml, readResourcesPb } from '../../../server/src/core/artifact/protores';
import { decodeAxml } from '../../../server/src/core/artifact/axml';
import { pbFields } from '../../../server/src/core/artifact/protobuf';

const A = 'test/fixtures/android';
const manifest = readFileSync(`${A}/AndroidManifest.proto.xml`);
const table = readFileSync(`${A}/resources.pb`);

test('proto XML decodes to the same elements and leak-bearing attributes as aapt\'s binary XML', () => {
  const proto = decodeProtoXml(manifest);
  assert.deepEqual(proto.errors, []);
  const tags = (t: string) => [...t.matchAll(/^\s*<([\w.-]+)[ >]/gm)].map((m) => m[1]);
  assert.deepEqual(tags(proto.text), tags(decodeAxml(readFileSync(`${A}/AndroidManifest.axml`)).text));
  assert.match(proto.text, /<application [^\n]*android:usesCleartextTraffic="true"/);
  assert.ok(proto.strings.some((s) => s.key === 'com.acme.shop.RTDB_URL' && s.value.endsWith('firebaseio.com')));
});

test('a boolean compiled without its raw value still reads as true/false', () => {
  // XmlNode{element{name "application", attribute{ns android, name usesCleartextTraffic, compiled_item{prim{boolean_value 1}}}}}
  const len = (n: number) => (n < 128 ? [n] : [(n & 0x7f) | 0x80, n >> 7]);
  const enc = (no: number, b: number[]) => [no * 8 + 2, ...len(b.length), ...b];
  const str = (no: number, s: string) => enc(no, [...Buffer.from(s)]);
  const attr = [...str(1, 'http://schemas.android.com/apk/res/android'), ...str(2, 'usesCleartextTraffic'), ...enc(6, enc(7, [8 * 8, 1]))];
  const el = [...enc(1, [...str(1, 'android'), ...str(2, 'http://schemas.android.com/apk/res/android')]), ...str(3, 'application'), ...enc(4, attr)];
  const doc = decodeProtoXml(Uint8Array.from(enc(1, el)));
  assert.match(doc.text, /<application android:usesCleartextTraffic="true">/);
});

test('resources.pb values are named @type/name, array items by their array', () => {
  const r = readResourcesPb(table);
  assert.deepEqual(r.errors, []);
  assert.ok(r.strings.some((s) => s.key === '@string/google_maps_key' && s.value.startsWith('AIza')));
  assert.deepEqual(r.strings.filter((s) => s.key === '@array/mirrors').map((s) => s.value), ['gs://acme-shop-backups', 'https://cdn.acme-shop.com/']);
});

test('proto XML is told apart from text XML that starts with a newline', () => {
  assert.ok(isProtoXml('base/manifest/AndroidManifest.xml', manifest));
  assert.ok(!isProtoXml('res/xml/a.xml', Buffer.from('\n<?xml version="1.0"?>\n<a/>')));
  assert.ok(!isProtoXml('classes.dex', manifest));
});

test('every truncation ends in an error, never a throw; bad wire types are refused', () => {
  for (let n = 1; n < manifest.length; n += 3) assert.ok(decodeProtoXml(manifest.subarray(0, n)).errors.length > 0, `manifest cut at ${n}`);
  for (let n = 1; n < table.length; n += 3) assert.ok(readResourcesPb(table.subarray(0, n)).errors.length > 0, `table cut at ${n}`);
  const errors: string[] = [];
  assert.equal([...pbFields(Uint8Array.from([0x0b, 0x01]), 0, 2, errors)].length, 0);
  assert.match(errors[0], /unsupported wire type 3/);
});
