import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isMachO, readMachO } from '../../../server/src/core/artifact/macho';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/apple/${name}`));
const values = (r: { strings: Array<{ value: string }> }) => r.strings.map((s) => s.value);
const PLANTED = [
  'https://acme-ios-prod.firebaseio.com/users',
  's3://acme-ios-private-backups',
  'https://acmeiosstore.blob.core.windows.net/media?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo%3D',
];

test('thin arm64 iOS executable (ld64.lld): the __TEXT,__cstring literals, nothing else', () => {
  const r = readMachO(fixture('Demo-arm64'), 'Demo');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(values(r), PLANTED);
});

test('fat binary (llvm-lipo, x86_64 slice first): both slices read, strings deduplicated', () => {
  const bytes = fixture('Demo-fat');
  assert.equal(isMachO(bytes), true);
  const r = readMachO(bytes, 'Demo');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(values(r), PLANTED);
});

test('a Java class file (0xCAFEBABE + version) is not taken for a universal binary', () => {
  const cls = new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34, 0, 0, 0, 0]);
  assert.equal(isMachO(cls), false);
  assert.match(readMachO(cls, 'A.class').errors[0], /52 architectures/);
});

test('truncated header', () => {
  const r = readMachO(fixture('Demo-arm64').subarray(0, 20), 'Demo');
  assert.deepEqual(r.strings, []);
  assert.match(r.errors[0], /header truncated/);
});

test('section past the end of the file is reported by name', () => {
  const r = readMachO(fixture('Demo-arm64').subarray(0, 16432), 'Demo'); // __cstring starts at 16432
  assert.deepEqual(r.strings, []);
  assert.ok(r.errors.some((e) => /section __TEXT,__cstring past end of file/.test(e)), r.errors.join('\n'));
});

test('huge ncmds and ncmds beyond sizeofcmds end in errors', () => {
  const huge = fixture('Demo-arm64');
  new DataView(huge.buffer).setUint32(0x10, 0xffffffff, true);
  assert.match(readMachO(huge, 'Demo').errors[0], /ncmds 4294967295 is implausible/);
  const many = fixture('Demo-arm64');
  new DataView(many.buffer).setUint32(0x10, 1000, true);
  const r = readMachO(many, 'Demo');
  assert.match(r.errors.at(-1)!, /ncmds 1000 exceeds sizeofcmds/);
  assert.deepEqual(values(r), PLANTED, 'the commands before the bad count are still read');
});

test('sizeofcmds past the end and a zero cmdsize are refused', () => {
  const big = fixture('Demo-arm64');
  new DataView(big.buffer).setUint32(0x14, 0x7fffffff, true);
  assert.match(readMachO(big, 'Demo').errors[0], /load commands .* past end of file/);
  const zero = fixture('Demo-arm64');
  new DataView(zero.buffer).setUint32(0x24, 0, true); // cmdsize of the first load command
  assert.match(readMachO(zero, 'Demo').errors[0], /bad cmdsize 0/);
});

test('fat slice past the end of the file', () => {
  const fat = fixture('Demo-fat').subarray(0, 40000);
  const r = readMachO(fat, 'Demo');
  assert.ok(r.errors.some((e) => /fat slice \(cputype 0x100000c\).*past end of file/.test(e)), r.errors.join('\n'));
});

test('FairPlay-encrypted image (LC_ENCRYPTION_INFO_64, cryptid 1): one clear error, no ciphertext strings', () => {
  const b = fixture('Demo-arm64');
  const v = new DataView(b.buffer);
  const ncmds = v.getUint32(0x10, true);
  const sizeofcmds = v.getUint32(0x14, true);
  const at = 0x20 + sizeofcmds; // ld64 leaves zero padding after the load commands
  assert.ok(b.subarray(at, at + 24).every((x) => x === 0));
  [0x2c, 24, 0x4000, 0x4000, 1].forEach((x, i) => v.setUint32(at + i * 4, x, true)); // cmd, cmdsize, cryptoff, cryptsize, cryptid
  v.setUint32(0x10, ncmds + 1, true);
  v.setUint32(0x14, sizeofcmds + 24, true);
  const r = readMachO(b, 'Payload/Demo.app/Demo');
  assert.deepEqual(r.strings, []);
  assert.deepEqual(r.errors, ['Mach-O is FairPlay-encrypted (App Store build): its __TEXT strings cannot be read; scan the .xcarchive or the exported .ipa instead']);
  v.setUint32(at + 16, 0, true); // cryptid 0: decrypted dump, read normally
  assert.deepEqual(values(readMachO(b, 'Demo')), PLANTED);
});

test('Objective-C object file: the @"…" literal, not selector, class or type-encoding names', () => {
  const r = readMachO(fixture('objc-arm64.o'), 'config.o');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(values(r), ['https://acme-objc-prod.firebaseio.com/']);
});
