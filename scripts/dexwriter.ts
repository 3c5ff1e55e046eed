// A minimal DEX writer for fixtures: header + string_ids + string_data + map_list, and optionally
// classes of string constants (type_ids, field_ids, class_defs, class_data, static values; no
// code), with a real Adler-32 checksum and SHA-1 signature so `dexdump` accepts it.
// Usage: node --import tsx scripts/dexwriter.ts OUT.dex STRINGS.json [CLASSES.json]
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

/** A class of string constants: `public static final String NAME = "value"` fields. */
export interface DexClass {
  /** Type descriptor, e.g. `Lcom/acme/BuildConfig;` */
  descriptor: string;
  fields: ReadonlyArray<{ name: string; value: string }>;
}

const STRING_TYPE = 'Ljava/lang/String;';
const OBJECT_TYPE = 'Ljava/lang/Object;';
const NO_INDEX = 0xffffffff;

/**
 * A DEX (version 035) holding `strings`, sorted and deduplicated as the format requires, and
 * `classes` of string constants (type_ids, field_ids, class_defs, class_data, static values).
 */
export function writeDex(strings: readonly string[], classes: readonly DexClass[] = []): Uint8Array {
  const all = [...strings, ...classes.flatMap((c) => [c.descriptor, ...c.fields.flatMap((f) => [f.name, f.value])])];
  if (classes.length) all.push(STRING_TYPE, OBJECT_TYPE);
  const sorted = [...new Set(all)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sid = new Map(sorted.map((x, i) => [x, i]));
  const n = sorted.length;
  // type_ids sorted by string id; field_ids by (class, name, type)
  const types = classes.length ? [...new Set([OBJECT_TYPE, STRING_TYPE, ...classes.map((c) => c.descriptor)])].sort((a, b) => sid.get(a)! - sid.get(b)!) : [];
  const tid = new Map(types.map((x, i) => [x, i]));
  const fields = classes.flatMap((c) => c.fields.map((f) => ({ cls: tid.get(c.descriptor)!, name: sid.get(f.name)!, value: sid.get(f.value)! })))
    .sort((a, b) => a.cls - b.cls || a.name - b.name);
  const fid = (cls: number, name: number) => fields.findIndex((f) => f.cls === cls && f.name === name);
  const typeIdsOff = HEADER + n * 4;
  const fieldIdsOff = typeIdsOff + types.length * 4;
  const classDefsOff = fieldIdsOff + fields.length * 8;
  const dataOff = classDefsOff + classes.length * 32;
  const data: number[] = [];
  const offsets: number[] = [];
  for (const x of sorted) {
    offsets.push(dataOff + data.length);
    data.push(...uleb128(x.length), ...mutf8(x), 0);
  }
  // class_data_item { static_fields_size, instance, direct, virtual; encoded_field* } and the
  // static values (encoded_array_item of VALUE_STRING), per class in class_def order
  const defs = classes.map((c) => ({ c, cls: tid.get(c.descriptor)!, own: [...c.fields].map((f) => ({ f, id: fid(tid.get(c.descriptor)!, sid.get(f.name)!) })).sort((a, b) => a.id - b.id) }));
  const classDataOff: number[] = [];
  const classDataStart = dataOff + data.length;
  for (const d of defs) {
    classDataOff.push(dataOff + data.length);
    data.push(...uleb128(d.own.length), 0, 0, 0);
    d.own.forEach((o, i) => data.push(...uleb128(i === 0 ? o.id : o.id - d.own[i - 1].id), ...uleb128(0x19))); // public static final
  }
  const valuesOff: number[] = [];
  const valuesStart = dataOff + data.length;
  for (const d of defs) {
    valuesOff.push(dataOff + data.length);
    data.push(...uleb128(d.own.length));
    for (const o of d.own) {
      const index = sid.get(o.f.value)!;
      const bytes = index < 0x100 ? 1 : index < 0x10000 ? 2 : index < 0x1000000 ? 3 : 4;
      data.push(((bytes - 1) << 5) | 0x17); // VALUE_STRING, value_arg = bytes - 1
      for (let k = 0; k < bytes; k++) data.push((index >> (8 * k)) & 0xff);
    }
  }
  while (data.length % 4) data.push(0);
  const mapOff = dataOff + data.length;
  // map_list: size u4, then map_item {type u2, unused u2, size u4, offset u4}, in offset order
  const map: Array<[number, number, number]> = [[0x0000, 1, 0]];
  if (n) map.push([0x0001, n, HEADER]);
  if (types.length) map.push([0x0002, types.length, typeIdsOff]);
  if (fields.length) map.push([0x0004, fields.length, fieldIdsOff]);
  if (classes.length) map.push([0x0006, classes.length, classDefsOff]);
  if (n) map.push([0x2002, n, dataOff]);
  if (classes.length) map.push([0x2000, classes.length, classDataStart], [0x2005, classes.length, valuesStart]);
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
  v.setUint32(0x40, types.length, true); // type_ids_size
  v.setUint32(0x44, types.length ? typeIdsOff : 0, true); // type_ids_off
  v.setUint32(0x50, fields.length, true); // field_ids_size
  v.setUint32(0x54, fields.length ? fieldIdsOff : 0, true); // field_ids_off
  v.setUint32(0x60, classes.length, true); // class_defs_size
  v.setUint32(0x64, classes.length ? classDefsOff : 0, true); // class_defs_off
  v.setUint32(0x68, fileSize - dataOff, true); // data_size
  v.setUint32(0x6c, dataOff, true); // data_off
  offsets.forEach((o, i) => v.setUint32(HEADER + i * 4, o, true));
  types.forEach((t, i) => v.setUint32(typeIdsOff + i * 4, sid.get(t)!, true)); // type_id_item.descriptor_idx
  fields.forEach((f, i) => { // field_id_item { class_idx u2, type_idx u2, name_idx u4 }
    v.setUint16(fieldIdsOff + i * 8, f.cls, true);
    v.setUint16(fieldIdsOff + i * 8 + 2, tid.get(STRING_TYPE)!, true);
    v.setUint32(fieldIdsOff + i * 8 + 4, f.name, true);
  });
  defs.forEach((d, i) => { // class_def_item
    const at = classDefsOff + i * 32;
    v.setUint32(at, d.cls, true); // class_idx
    v.setUint32(at + 4, 0x11, true); // access_flags: public final
    v.setUint32(at + 8, tid.get(OBJECT_TYPE)!, true); // superclass_idx
    v.setUint32(at + 16, NO_INDEX, true); // source_file_idx
    v.setUint32(at + 24, classDataOff[i], true); // class_data_off
    v.setUint32(at + 28, valuesOff[i], true); // static_values_off
  });
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
  const [out, input, classes] = process.argv.slice(2);
  if (!out || !input) {
    process.stderr.write('usage: dexwriter.ts OUT.dex STRINGS.json [CLASSES.json]\n');
    process.exit(2);
  }
  writeFileSync(out, writeDex(JSON.parse(readFileSync(input, 'utf8')) as string[], classes ? JSON.parse(readFileSync(classes, 'utf8')) as DexClass[] : []));
}
