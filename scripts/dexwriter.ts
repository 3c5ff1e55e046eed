// A minimal DEX writer for fixtures: header + string_ids + string_data + map_list, with a real
// Adler-32 checksum and SHA-1 signature so `dexdump -f` accepts it (no classes, no code).
// Usage: node --import tsx scripts/dexwriter.ts OUT.dex STRINGS.json
// Also used by tests to build well-formed and deliberately broken DEX files.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const HEADER = 0x70;

/** MUTF-8: NUL as C0 80, each UTF-16 unit (surrogates too) encoded on its own. */
export function mutf8(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u !== 0 && u < 0x80) out.push(u);
    else if (u < 0x800) out.push(0xc0 | (u >> 6), 0x80 | (u & 0x3f));
    else out.push(0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f));
  }
  return out;
}

function uleb128(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Adler-32 (the DEX checksum over everything after the checksum field). */
function adler32(b: Uint8Array): number {
  let a = 1;
  let c = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    c = (c + a) % 65521;
  }
  return ((c << 16) | a) >>> 0;
}

/** A DEX (version 035) holding `strings`, sorted and deduplicated as the format requires. */
export function writeDex(strings: readonly string[]): Uint8Array {
  const sorted = [...new Set(strings)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = sorted.length;
  const dataOff = HEADER + n * 4;
  const data: number[] = [];
  const offsets: number[] = [];
  for (const s of sorted) {
    offsets.push(dataOff + data.length);
    data.push(...uleb128(s.length), ...mutf8(s), 0);
  }
  while (data.length % 4) data.push(0);
  const mapOff = dataOff + data.length;
  // map_list: size u4, then map_item {type u2, unused u2, size u4, offset u4}
  const map: Array<[number, number, number]> = [[0x0000, 1, 0]];
  if (n) map.push([0x0001, n, HEADER], [0x2002, n, dataOff]);
  map.push([0x1000, 1, mapOff]);
  const fileSize = mapOff + 4 + map.length * 12;
  const b = new Uint8Array(fileSize);
  const v = new DataView(b.buffer);
  b.set([0x64, 0x65, 0x78, 0x0a, 0x30, 0x33, 0x35, 0x00]); // "dex\n035\0"
  v.setUint32(0x20, fileSize, true); // file_size
  v.setUint32(0x24, HEADER, true); // header_size
  v.setUint32(0x28, 0x12345678, true); // endian_tag
  v.setUint32(0x34, mapOff, true); // map_off
  v.setUint32(0x38, n, true); // string_ids_size
  v.setUint32(0x3c, n ? HEADER : 0, true); // string_ids_off
  v.setUint32(0x68, fileSize - dataOff, true); // data_size
  v.setUint32(0x6c, dataOff, true); // data_off
  offsets.forEach((o, i) => v.setUint32(HEADER + i * 4, o, true));
  b.set(data, dataOff);
  v.setUint32(mapOff, map.length, true);
  map.forEach(([type, size, off], i) => {
    v.setUint16(mapOff + 4 + i * 12, type, true);
    v.setUint32(mapOff + 4 + i * 12 + 4, size, true);
    v.setUint32(mapOff + 4 + i * 12 + 8, off, true);
  });
  b.set(createHash('sha1').update(b.subarray(32)).digest(), 12); // signature: SHA-1 of [32, end)
  v.setUint32(8, adler32(b.subarray(12)), true); // checksum: Adler-32 of [12, end)
  return b;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, input] = process.argv.slice(2);
  if (!out || !input) {
    process.stderr.write('usage: dexwriter.ts OUT.dex STRINGS.json\n');
    process.exit(2);
  }
  writeFileSync(out, writeDex(JSON.parse(readFileSync(input, 'utf8')) as string[]));
}
