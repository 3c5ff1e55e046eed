// resources.arsc reader: the global string pool, each value named by the resource that holds it
// (`@string/s3_bucket`). Walk: ResTable_header → global pool → packages (0x0200) → types
// (0x0201) → entries → Res_value TYPE_STRING (0x03) index into the global pool.
// Layouts from frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h.
import type { ExtractedString, FormatReader, ReaderResult } from './types';
import { DEFAULT_LIMITS, type ArtifactLimits } from './limits';
import { Bytes, RES_STRING_POOL_TYPE, RES_TABLE_TYPE, readChunk, readStringPool, type Chunk, type StringPool } from './respool';

const RES_TABLE_PACKAGE_TYPE = 0x0200;
const RES_TABLE_TYPE_TYPE = 0x0201;
const TYPE_STRING = 0x03;
const TYPE_INT_BOOLEAN = 0x12;
const NO_ENTRY = 0xffffffff;
const FLAG_COMPLEX = 0x0001;
const FLAG_COMPACT = 0x0008;
const TYPE_FLAG_SPARSE = 0x01;
const TYPE_FLAG_OFFSET16 = 0x02;
/** Entries visited per table: bounds the walk on hostile counts. */
const MAX_ENTRIES = 2_000_000;

export function isArsc(b: Uint8Array): boolean {
  return b.length >= 12 && b[0] === 0x02 && b[1] === 0x00 && b[2] === 0x0c && b[3] === 0x00;
}

/** A resource by id (`0xPPTTEEEE`): its name and, for plain booleans, its value (first config seen). */
export interface ResourceRef {
  name: string;
  boolean?: boolean;
}

export function readArsc(bytes: Uint8Array, limits: ArtifactLimits = DEFAULT_LIMITS): ReaderResult {
  return readArscTable(bytes, limits).result;
}

/** The strings (as readArsc) plus the id → resource table used to resolve `@0x7f…` references. */
export function readArscTable(bytes: Uint8Array, limits: ArtifactLimits = DEFAULT_LIMITS): { result: ReaderResult; resources: Map<number, ResourceRef> } {
  const resources = new Map<number, ResourceRef>();
  return { result: readTable(bytes, limits, resources), resources };
}

function readTable(bytes: Uint8Array, limits: ArtifactLimits, resources: Map<number, ResourceRef>): ReaderResult {
  const errors: string[] = [];
  const r = new Bytes(bytes);
  // ResTable_header: chunk header, packageCount u32 @8
  const table = readChunk(r, 0, bytes.length, 'resource table');
  if (typeof table === 'string') return { strings: [], errors: [`truncated resources.arsc: ${table}`] };
  if (table.type !== RES_TABLE_TYPE) return { strings: [], errors: [`not a resource table (chunk type 0x${table.type.toString(16)})`] };
  let pool: StringPool | undefined;
  const names = new Map<number, string>(); // global pool index → first resource naming it
  const walk: Walk = { visited: 0, resources, pkgId: 0 };
  for (let off = table.start + table.headerSize; off < table.end;) {
    const c = readChunk(r, off, table.end, 'resource table');
    if (typeof c === 'string') {
      errors.push(`truncated resources.arsc: ${c}`);
      break;
    }
    if (c.type === RES_STRING_POOL_TYPE && !pool) pool = readStringPool(r, c, limits.maxStringsPerEntry, limits.maxStringLength, errors);
    else if (c.type === RES_TABLE_PACKAGE_TYPE) readPackage(r, c, names, errors, walk, limits);
    off = c.end;
  }
  if (!pool) return { strings: [], errors: [...errors, 'resources.arsc has no global string pool'] };
  const strings: ExtractedString[] = [];
  for (let i = 0; i < pool.count; i++) {
    const value = pool.get(i);
    if (value === undefined || value.length === 0) continue;
    const key = names.get(i);
    strings.push(key ? { value, key } : { value });
  }
  return { strings, errors };
}

/**
 * ResTable_package: id u32 @8, name u16[128] @12, typeStrings u32 @268, lastPublicType @272,
 * keyStrings u32 @276 (offsets from the package start); sub-chunks follow the header.
 */
interface Walk {
  visited: number;
  resources: Map<number, ResourceRef>;
  pkgId: number;
}

function readPackage(r: Bytes, pkg: Chunk, names: Map<number, string>, errors: string[], walk: Walk, limits: ArtifactLimits): void {
  walk.pkgId = r.u32(pkg.start + 8) & 0xff;
  const poolAt = (rel: number, what: string): StringPool | undefined => {
    const c = rel ? readChunk(r, pkg.start + rel, pkg.end, what) : 'missing';
    if (typeof c === 'string' || c.type !== RES_STRING_POOL_TYPE) {
      errors.push(`resources.arsc package has no readable ${what} pool`);
      return undefined;
    }
    return readStringPool(r, c, limits.maxStringsPerEntry, 1024, errors);
  };
  const typeNames = poolAt(r.u32(pkg.start + 268), 'type name');
  const keyNames = poolAt(r.u32(pkg.start + 276), 'key name');
  if (!typeNames || !keyNames) return;
  for (let off = pkg.start + pkg.headerSize; off < pkg.end;) {
    const c = readChunk(r, off, pkg.end, 'package');
    if (typeof c === 'string') {
      errors.push(`truncated resources.arsc: ${c}`);
      return;
    }
    if (c.type === RES_TABLE_TYPE_TYPE) readType(r, c, typeNames, keyNames, names, walk);
    off = c.end;
  }
}

/**
 * ResTable_type: id u8 @8, flags u8 @9, entryCount u32 @12, entriesStart u32 @16, config @20;
 * entry offsets (u32, or u16×4 with OFFSET16, or sparse u16 idx + u16 offset/4) at start+headerSize.
 */
function readType(r: Bytes, c: Chunk, typeNames: StringPool, keyNames: StringPool, names: Map<number, string>, walk: Walk): void {
  const typeId = r.u8(c.start + 8);
  const typeName = typeNames.get(typeId - 1) ?? 'unknown';
  const flags = r.u8(c.start + 9);
  const entryCount = r.u32(c.start + 12);
  const entriesStart = c.start + r.u32(c.start + 16);
  const table = c.start + c.headerSize;
  const width = flags & (TYPE_FLAG_SPARSE | TYPE_FLAG_OFFSET16) ? 2 : 4;
  const sparse = (flags & TYPE_FLAG_SPARSE) !== 0;
  const n = Math.min(entryCount, Math.floor(Math.max(0, c.end - table) / (sparse ? 4 : width)));
  for (let i = 0; i < n && walk.visited < MAX_ENTRIES; i++, walk.visited++) {
    let rel: number;
    let index = i;
    if (sparse) {
      index = r.u16(table + i * 4);
      rel = r.u16(table + i * 4 + 2) * 4;
    }
    else if (width === 2) {
      const v = r.u16(table + i * 2);
      rel = v === 0xffff ? NO_ENTRY : v * 4;
    } else rel = r.u32(table + i * 4);
    if (rel === NO_ENTRY) continue;
    const e = entriesStart + rel;
    if (e + 8 > c.end) continue;
    // ResTable_entry: size u16 @0, flags u16 @2, key u32 @4 (compact: key u16 @0, type in flags>>8, data u32 @4)
    const eflags = r.u16(e + 2);
    const id = ((walk.pkgId << 24) | (typeId << 16) | index) >>> 0;
    if (eflags & FLAG_COMPACT) {
      const key = keyNames.get(r.u16(e));
      remember(walk, id, typeName, key, eflags >> 8, r.u32(e + 4));
      if (eflags >> 8 === TYPE_STRING) name(names, r.u32(e + 4), typeName, key);
      continue;
    }
    const size = r.u16(e);
    const key = keyNames.get(r.u32(e + 4));
    if (!(eflags & FLAG_COMPLEX) && e + size + 8 <= c.end) remember(walk, id, typeName, key, r.u8(e + size + 3), r.u32(e + size + 4));
    if (eflags & FLAG_COMPLEX) {
      // ResTable_map_entry: parent u32 @8, count u32 @12; then count × ResTable_map (name u32, Res_value 8 bytes)
      const count = r.u32(e + 12);
      for (let k = 0, m = e + size; k < count && m + 12 <= c.end; k++, m += 12) {
        if (r.u8(m + 4 + 3) === TYPE_STRING) name(names, r.u32(m + 8), typeName, key);
      }
    } else if (e + size + 8 <= c.end && r.u8(e + size + 3) === TYPE_STRING) {
      // Res_value: size u16 @0, res0 u8 @2, dataType u8 @3, data u32 @4
      name(names, r.u32(e + size + 4), typeName, key);
    }
  }
}

/** Records a resource the first time it is seen (the default configuration comes first in aapt output). */
function remember(walk: Walk, id: number, type: string, key: string | undefined, dataType: number, data: number): void {
  if (key === undefined || walk.resources.has(id) || walk.resources.size >= MAX_ENTRIES) return;
  walk.resources.set(id, dataType === TYPE_INT_BOOLEAN ? { name: `@${type}/${key}`, boolean: data !== 0 } : { name: `@${type}/${key}` });
}

function name(names: Map<number, string>, index: number, type: string, key: string | undefined): void {
  if (key !== undefined && !names.has(index)) names.set(index, `@${type}/${key}`);
}

export const arscReader: FormatReader = (bytes) => readArsc(bytes);
