import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readDex, decodeMutf8 } from '../../../server/src/core/artifact/dex';
import { writeDex, mutf8 } from '../../../scripts/dexwriter';

const A = 'test/fixtures/android';
const fixtureStrings = JSON.parse(readFileSync(`${A}/src/dex-strings.json`, 'utf8')) as string[];

test('reads every string of the fixture DEX, in string_ids order, as dexdump counts them', () => {
  const r = readDex(readFileSync(`${A}/classes.dex`));
  assert.deepEqual(r.errors, []);
  const declared = Number(/string_ids_size\s*:\s*(\d+)/.exec(readFileSync(`${A}/classes.dexdump.txt`, 'utf8'))![1]);
  assert.equal(r.strings.length, declared);
  assert.deepEqual(r.strings.map((s) => s.value), [...fixtureStrings].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
});

test('MUTF-8: C0 80 is NUL, supplementary characters are surrogate pairs, accents are 2-byte', () => {
  const s = 'caf\u00e9 \ud83d\ude00 nul:\u0000:end';
  const bytes = Uint8Array.from(mutf8(s));
  assert.deepEqual([...bytes.subarray(bytes.length - 7, bytes.length - 4)], [0x3a, 0xc0, 0x80]);
  assert.equal(decodeMutf8(bytes, 0, bytes.length), s);
  const r = readDex(writeDex([s, 'plain']));
  assert.deepEqual(r.strings.map((x) => x.value), [s, 'plain'].sort());
});

test('string_ids_size pointing past the end gives a clear error and keeps the strings that fit', () => {
  const b = writeDex(['alpha-one', 'beta-two', 'gamma-three']);
  new DataView(b.buffer).setUint32(0x38, 0x10000000, true); // string_ids_size
  const r = readDex(b);
  assert.match(r.errors.join('\n'), /DEX string_ids past end of file/);
  assert.ok(r.strings.some((s) => s.value === 'alpha-one'));
});

test('string_ids_off past the end, string_data_off past the end, truncated header', () => {
  const b = writeDex(['alpha-one', 'beta-two']);
  const v = new DataView(b.buffer);
  const off = Uint8Array.from(b);
  new DataView(off.buffer).setUint32(0x3c, 0xfffffff0, true);
  assert.match(readDex(off).errors.join(), /string_ids past end of file/);
  v.setUint32(0x70, b.length + 100, true); // first string_data_off
  const r = readDex(b);
  assert.match(r.errors.join(), /string_data past end of file for 1 of 2 strings/);
  assert.deepEqual(r.strings.map((s) => s.value), ['beta-two']);
  assert.deepEqual(readDex(b.subarray(0, 0x40)).errors, ['truncated DEX header']);
  assert.match(readDex(new Uint8Array(0x80)).errors[0], /bad magic/);
});

test('a string without its NUL terminator at the end of the file is dropped with an error', () => {
  const b = writeDex(['zzzz-last-string']);
  const r = readDex(b.subarray(0, 0x74 + 1 + 16)); // string_data at 0x74: uleb128 size, 16 bytes, no NUL
  assert.match(r.errors.join(), /string_data past end of file for 1 of 1 strings/);
  assert.equal(r.strings.length, 0);
});
