import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readJsBundle } from '../../../server/src/core/artifact/jsbundle';
import { isHermes, readHermes } from '../../../server/src/core/artifact/hermes';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/apple/${name}`));
const values = (r: { strings: Array<{ value: string }> }) => r.strings.map((s) => s.value);

test('plain RN bundle: literals with their keys, "a" + "b" joined, regex and division skipped', () => {
  const r = readJsBundle(fixture('main.jsbundle'), 'main.jsbundle');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.strings, [
    { key: 'DATABASE_URL', value: 'https://acme-rn-prod.firebaseio.com' },
    { key: 'storageBucket', value: 'acme-rn-prod.appspot.com' },
    { key: 'bucket', value: 'https://acme-rn-uploads.s3.amazonaws.com/' },
    { key: 'tpl', value: 'https://acmernstore.blob.core.windows.net/${}/avatars' },
    { value: "it's A test" },
  ]);
});

test('comments, escapes and quotes inside regex classes', () => {
  const src = '/* "not-a-string" */ var a = x.replace(/["\']/g, "") // "nor-this"\nvar b = {"apiKey":"k\\u0041y-value"}, c = d / 2, e = "\\x41BCD";';
  const r = readJsBundle(Buffer.from(src), 'index.android.bundle');
  assert.deepEqual(r.strings, [{ key: 'apiKey', value: 'kAy-value' }, { key: 'e', value: 'ABCD' }]);
});

test('literals inside template ${…} expressions, nested templates and braces', () => {
  const src = 'x=`a ${f({k:1})?"https://acme-t.firebaseio.com":`in ${y} ner`} b ${"lit-2"}`;z="tail"';
  assert.deepEqual(values(readJsBundle(Buffer.from(src), 'x.bundle')), ['https://acme-t.firebaseio.com', 'in ${} ner', 'lit-2', 'a ${} b ${}', 'tail']);
});

test('hostile input: unterminated literals and 10k nested templates stay bounded', () => {
  const r = readJsBundle(Buffer.from('`${'.repeat(10_000) + '"abcd'), 'x.bundle');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(values(readJsBundle(Buffer.from('a="unterminated\nb=\'ok-value\''), 'x')), ['unterminated', 'ok-value']);
});

for (const [name, version] of [['main.hbc', 96], ['main-v99.hbc', 99]] as const) {
  test(`Hermes bytecode (hermesc, HBC v${version}): the string table`, () => {
    const bytes = fixture(name);
    assert.equal(isHermes(bytes), true);
    assert.equal(new DataView(bytes.buffer).getUint32(8, true), version);
    const r = readJsBundle(bytes, 'main.jsbundle');
    assert.deepEqual(r.errors, []);
    for (const s of ['https://acme-rn-prod.firebaseio.com', 'acme-rn-prod.appspot.com', 'https://acme-rn-uploads.s3.amazonaws.com/', 'DATABASE_URL']) {
      assert.ok(values(r).includes(s), s);
    }
  });
}

test('Hermes: a string-kind table that does not add up is refused (wrong layout), not misread', () => {
  const b = fixture('main-v99.hbc');
  new DataView(b.buffer).setUint32(0x34, new DataView(b.buffer).getUint32(0x34, true) + 1, true); // stringCount + 1
  const r = readHermes(b, 'x');
  assert.match(r.errors[0], /string kinds count \d+ strings, header says \d+; scanned printable runs instead/);
});

test('Hermes: unknown version and tables past the end fall back to printable runs, with an error', () => {
  const v = fixture('main.hbc');
  new DataView(v.buffer).setUint32(8, 200, true);
  const r = readHermes(v, 'x');
  assert.match(r.errors[0], /version 200 has no documented layout here; scanned printable runs instead/);
  // the storage is one contiguous blob: the fallback yields it as a few long runs
  assert.ok(values(r).some((s) => s.includes('https://acme-rn-prod.firebaseio.com')));
  const t = fixture('main.hbc');
  new DataView(t.buffer).setUint32(0x3c, 0x7fffffff, true); // stringStorageSize
  assert.match(readHermes(t, 'x').errors[0], /string tables .* past end of file/);
  assert.match(readHermes(fixture('main.hbc').subarray(0, 64), 'x').errors[0], /header truncated/);
});

test('Hermes: a string entry pointing outside the storage', () => {
  const b = fixture('main.hbc');
  const dv = new DataView(b.buffer);
  const small = 128 + dv.getUint32(0x28, true) * 16 + dv.getUint32(0x2c, true) * 4 + dv.getUint32(0x30, true) * 4;
  dv.setUint32(small, (0x7fffff << 1) | (10 << 24), true); // offset 2^23-1, length 10
  assert.match(readHermes(b, 'x').errors[0], /string 0 .* outside string storage/);
});
