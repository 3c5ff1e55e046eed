import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readArsc, isArsc } from '../../../server/src/core/artifact/arsc';

const A = 'test/fixtures/android';
const bytes = readFileSync(`${A}/resources.arsc`);

/** `aapt dump --values resources` is the oracle: resource name → string value. */
function aaptStrings(): Map<string, string> {
  const dump = readFileSync(`${A}/resources.dump.txt`, 'utf8');
  const out = new Map<string, string>();
  const re = /resource 0x[0-9a-f]+ [\w.]+:(\w+\/\w+): t=0x03 [^\n]*\n\s*\(string8\) "([^"]*)"/g;
  for (let m = re.exec(dump); m; m = re.exec(dump)) out.set(`@${m[1]}`, m[2]);
  return out;
}

test('every string resource aapt lists is read with its @type/name', () => {
  const r = readArsc(bytes);
  assert.deepEqual(r.errors, []);
  const expected = aaptStrings();
  assert.ok(expected.size >= 5);
  for (const [key, value] of expected) {
    assert.ok(r.strings.some((s) => s.key === key && s.value === value), `${key} = ${value}`);
  }
  assert.ok(r.strings.some((s) => s.key === '@string/s3_bucket' && s.value.includes('acme-shop-uploads.s3')));
});

test('string-array items (bags) are named by their array', () => {
  const r = readArsc(bytes);
  assert.deepEqual(r.strings.filter((s) => s.key === '@array/mirrors').map((s) => s.value), ['gs://acme-shop-backups', 'https://cdn.acme-shop.com/']);
});

test('the global pool is UTF-8 (flag 0x100) and the key pools decode', () => {
  assert.ok(isArsc(bytes));
  const poolFlags = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12 + 16, true);
  assert.equal(poolFlags & 0x100, 0x100);
});

test('every truncation ends in a clear error, never a throw', () => {
  for (let n = 0; n < bytes.length; n += 7) {
    const r = readArsc(bytes.subarray(0, n));
    assert.ok(r.errors.length > 0, `cut at ${n}`);
    assert.match(r.errors.join('\n'), /truncated|runs past|no global string pool|no readable|points past|not a resource table/);
  }
});

test('a string pool whose count points past its chunk keeps what fits', () => {
  const b = Uint8Array.from(bytes);
  new DataView(b.buffer).setUint32(12 + 8, 0x00ffffff, true); // global pool stringCount
  const r = readArsc(b);
  assert.match(r.errors.join('\n'), /string pool declares 16777215 strings/);
});
