import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isElf, readElf } from '../../../server/src/core/artifact/elf';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/native/${name}`));
const values = (r: { strings: Array<{ value: string }> }) => r.strings.map((s) => s.value);
const PLANTED = [
  'DefaultEndpointsProtocol=https;AccountName=leaklensdemo;AccountKey=Up09nMwqHkUTm3PvoNAF8DVG1mYjzWQSRJVGGkhgiM8dbw4h3lyHTk1Od0Hm2VzDYLnnLPlYGtmqBDno6vSBzQ==;EndpointSuffix=core.windows.net',
  'https://acme-leaky-media.s3.us-east-1.amazonaws.com/uploads/',
  'https://acme-leaky-default-rtdb.firebaseio.com',
];

for (const name of ['arm64-v8a-libleaky.so', 'x86_64-libleaky.so', 'mips32be-leaky.o']) {
  test(`${name}: string constants from .rodata, no symbol names from .dynstr/.strtab`, () => {
    const bytes = fixture(name);
    assert.equal(isElf(bytes), true);
    const r = readElf(bytes, `lib/${name}`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(values(r), PLANTED);
    assert.ok(!values(r).some((v) => v.includes('leak_len') || v.includes('clang version')));
  });
}

// Elf64 header offsets (little endian): e_shoff u64 @0x28, e_shnum u16 @0x3C, e_shstrndx u16 @0x3E.
test('truncated header and a section header table past the end', () => {
  assert.match(readElf(fixture('x86_64-libleaky.so').subarray(0, 0x30), 'x').errors[0], /ELF header truncated/);
  const b = fixture('x86_64-libleaky.so');
  new DataView(b.buffer).setBigUint64(0x28, 0xffffffffn, true);
  assert.match(readElf(b, 'x').errors[0], /section header table .* past end of file/);
});

test('e_shnum beyond the file and a bad e_shstrndx', () => {
  const b = fixture('x86_64-libleaky.so');
  new DataView(b.buffer).setUint16(0x3c, 0xfff0, true);
  assert.match(readElf(b, 'x').errors[0], /e_shnum 65520 section headers past end of file/);
  const c = fixture('x86_64-libleaky.so');
  new DataView(c.buffer).setUint16(0x3e, 200, true);
  assert.match(readElf(c, 'x').errors[0], /e_shstrndx 200 out of range/);
});

test('a .rodata section whose offset points past the end is named in the error', () => {
  const b = fixture('x86_64-libleaky.so');
  const v = new DataView(b.buffer);
  const shoff = Number(v.getBigUint64(0x28, true));
  const shentsize = v.getUint16(0x3a, true);
  const shnum = v.getUint16(0x3c, true);
  const strtab = shoff + v.getUint16(0x3e, true) * shentsize;
  const namesOff = Number(v.getBigUint64(strtab + 24, true));
  let patched = 0;
  for (let i = 1; i < shnum; i++) {
    const h = shoff + i * shentsize;
    let name = '';
    for (let p = namesOff + v.getUint32(h, true); b[p] !== 0; p++) name += String.fromCharCode(b[p]);
    if (name === '.rodata') { v.setBigUint64(h + 24, BigInt(b.length - 4), true); patched++; }
  }
  assert.equal(patched, 1);
  const r = readElf(b, 'x');
  assert.ok(r.errors.some((e) => /ELF section \.rodata past end of file/.test(e)), r.errors.join('\n'));
});

test('unknown class and a stripped section table (whole-file scan, bounded)', () => {
  const b = fixture('x86_64-libleaky.so');
  b[4] = 9;
  assert.match(readElf(b, 'x').errors[0], /unknown class 9/);
  const s = fixture('x86_64-libleaky.so');
  new DataView(s.buffer).setBigUint64(0x28, 0n, true);
  const r = readElf(s, 'x');
  assert.deepEqual(r.errors, []);
  for (const p of PLANTED) assert.ok(values(r).includes(p));
});
