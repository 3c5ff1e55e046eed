// DEX constant fields: `static final String S3_BUCKET = "acme-media"` (Java, Kotlin `const val`,
// Gradle's buildConfigField) keeps its value in the class's static_values, in the order of the
// class's static fields. Pairing them gives each string value its field name, which the string
// table alone (sorted) cannot. Spec: https://source.android.com/docs/core/runtime/dex-format —
// header_item, field_id_item, class_def_item, class_data_item, encoded_array_item, encoded_value.
import type { ArtifactLimits } from './limits';

/** Bounds: classes read, fields per class, nesting of skipped values, and total fields + values read. */
const LIMITS = { maxClasses: 200_000, maxFieldsPerClass: 65_536, maxDepth: 4, maxWork: 4_000_000 };

/** A DEX's strings by id: whether id is a readable string, and its value (decoded on demand). */
export interface DexStringTable {
  has(id: number): boolean;
  at(id: number): string | undefined;
}

/** Field name by string id, for every string that is a static final field's constant value. */
export function dexConstantNames(b: Uint8Array, strings: DexStringTable, limits: Pick<ArtifactLimits, 'maxStringsPerEntry'>): Map<number, string> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u32 = (at: number) => (at >= 0 && at + 4 <= b.length ? view.getUint32(at, true) : -1);
  const fieldIdsSize = u32(0x50); // field_ids_size @0x50, field_ids_off @0x54
  const fieldIdsOff = u32(0x54);
  const classDefsSize = Math.min(u32(0x60), LIMITS.maxClasses); // class_defs_size @0x60, class_defs_off @0x64
  const classDefsOff = u32(0x64);
  const names = new Map<number, string>();
  if (fieldIdsSize < 0 || classDefsSize <= 0 || classDefsOff < 0x70 || classDefsOff + classDefsSize * 32 > b.length) return names;
  const fieldName = (idx: number): string | undefined => {
    if (idx >= fieldIdsSize) return undefined;
    const nameIdx = u32(fieldIdsOff + idx * 8 + 4); // field_id_item { class_idx u2, type_idx u2, name_idx u4 }
    return nameIdx >= 0 ? strings.at(nameIdx) : undefined;
  };
  let work = 0;
  for (let c = 0; c < classDefsSize && names.size < limits.maxStringsPerEntry && work < LIMITS.maxWork; c++) {
    const def = classDefsOff + c * 32; // class_def_item: class_data_off @24, static_values_off @28
    const dataOff = u32(def + 24);
    const valuesOff = u32(def + 28);
    if (dataOff <= 0 || valuesOff <= 0) continue;
    const fields = staticFieldIds(b, dataOff);
    const values = fields && stringValues(b, valuesOff);
    if (!fields || !values) continue;
    work += fields.length + values.length;
    for (let i = 0; i < values.length && i < fields.length; i++) {
      const sid = values[i];
      if (sid === undefined || names.has(sid) || !strings.has(sid)) continue;
      const name = fieldName(fields[i]);
      if (name) names.set(sid, name);
    }
  }
  return names;
}

/** Field ids of a class's static fields, from its class_data_item (uleb128 counts, then diffs). */
function staticFieldIds(b: Uint8Array, at: number): number[] | undefined {
  const r = { p: at };
  const staticCount = uleb(b, r);
  for (let i = 0; i < 3; i++) uleb(b, r); // instance_fields_size, direct_methods_size, virtual_methods_size
  if (staticCount === undefined || staticCount > LIMITS.maxFieldsPerClass) return undefined;
  const ids: number[] = [];
  let id = 0;
  for (let i = 0; i < staticCount; i++) {
    const diff = uleb(b, r); // encoded_field { field_idx_diff, access_flags }
    if (diff === undefined || uleb(b, r) === undefined) return undefined;
    id += diff;
    ids.push(id);
  }
  return ids;
}

/** The encoded_array_item at `at`: the string id of each element (undefined for other values). */
function stringValues(b: Uint8Array, at: number): Array<number | undefined> | undefined {
  const r = { p: at };
  const size = uleb(b, r);
  if (size === undefined || size > LIMITS.maxFieldsPerClass) return undefined;
  const out: Array<number | undefined> = [];
  for (let i = 0; i < size; i++) {
    if (r.p >= b.length) return undefined;
    const header = b[r.p];
    if ((header & 0x1f) === 0x17) {
      // VALUE_STRING 0x17: (value_arg + 1) bytes of string index, little-endian
      const n = (header >> 5) + 1;
      if (r.p + 1 + n > b.length) return undefined;
      let sid = 0;
      for (let k = n; k >= 1; k--) sid = sid * 256 + b[r.p + k];
      out.push(sid);
      r.p += 1 + n;
    } else {
      out.push(undefined);
      if (!skipValue(b, r, 0)) return undefined;
    }
  }
  return out;
}

/** Steps over one encoded_value (nested arrays and annotations included, depth-bounded). */
function skipValue(b: Uint8Array, r: { p: number }, depth: number): boolean {
  if (r.p >= b.length || depth > LIMITS.maxDepth) return false;
  const header = b[r.p++];
  const type = header & 0x1f;
  const arg = header >> 5;
  switch (type) {
    case 0x1e: case 0x1f: return true; // VALUE_NULL, VALUE_BOOLEAN (value in arg)
    case 0x1c: { // VALUE_ARRAY: encoded_array
      const n = uleb(b, r);
      if (n === undefined || n > LIMITS.maxFieldsPerClass) return false;
      for (let i = 0; i < n; i++) if (!skipValue(b, r, depth + 1)) return false;
      return true;
    }
    case 0x1d: { // VALUE_ANNOTATION: encoded_annotation { type_idx, size, (name_idx, value)* }
      const n = uleb(b, r) === undefined ? undefined : uleb(b, r);
      if (n === undefined || n > LIMITS.maxFieldsPerClass) return false;
      for (let i = 0; i < n; i++) if (uleb(b, r) === undefined || !skipValue(b, r, depth + 1)) return false;
      return true;
    }
    default: // BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, METHOD_TYPE/HANDLE, STRING, TYPE, FIELD, METHOD, ENUM
      r.p += arg + 1;
      return r.p <= b.length;
  }
}

/** uleb128 (at most 5 bytes), advancing `r.p`; undefined past the end. */
function uleb(b: Uint8Array, r: { p: number }): number | undefined {
  let result = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (r.p >= b.length) return undefined;
    const x = b[r.p++];
    result += (x & 0x7f) * 2 ** shift;
    if ((x & 0x80) === 0) return result;
  }
  return undefined;
}
