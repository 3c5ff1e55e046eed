// Hermes object literals. `{ aws_user_files_s3_bucket: "acme-uploads" }` compiles to a
// NewObjectWithBuffer instruction whose operands point at its keys (object key buffer, through the
// shape table from HBC v98) and its values (value buffer). The string table is sorted, so keys and
// values are paired here by walking each function's instructions (lengths per version:
// hermesOpcodes.ts) and reading the serialized literals they name. Output: key/value strings, as
// the plain JS bundle reader gives them.
// Layouts: hermes/include/hermes/BCGen/HBC/BytecodeFileFormat.h and SerializedLiteralGenerator.h on
// the rn/0.69…rn/0.83 and 250829098/260318099 release branches.
import { HBC_OPCODES } from './hermesOpcodes';

export interface HermesStrings {
  version: number;
  /** SmallFuncHeader size: 16 bytes up to v96, 12 from v98. */
  funcHeaderSize: number;
  /** File offset just past the string storage. */
  storageEnd: number;
  /** The string table by id. */
  strings: readonly string[];
}

/** Bounds: pairs kept, properties per literal, instructions walked, literals decoded in all. */
const LIMITS = { maxPairs: 100_000, maxProps: 4096, maxInstructions: 20_000_000, maxLiterals: 4_000_000 };
const OVERFLOWED = 0x20; // FunctionHeaderFlag: prohibitInvoke:2, strict, exceptionHandler, debugInfo, overflowed

interface Buffers { keys: [number, number]; values: [number, number]; shapes?: [number, number] }

export interface KeyedString { key: string; value: string }

/** Every object literal property whose key and value are strings (deduplicated); or a problem. */
export function objectLiteralPairs(b: Uint8Array, t: HermesStrings): KeyedString[] | string {
  const ops = HBC_OPCODES[t.version];
  if (!ops) return []; // no opcode table for this version: strings only
  const buffers = locateBuffers(b, t);
  if (typeof buffers === 'string') return buffers;
  const legacy = t.version <= 96;
  const lengths = lengthTable(t.version, ops.lengths);
  const len = (op: number) => lengths[op] ?? 0;
  const pairs = new Map<string, KeyedString>();
  let budget = LIMITS.maxInstructions;
  let literals = 0;
  const functionCount = u32(b, 0x28);
  for (let f = 0; f < functionCount && pairs.size < LIMITS.maxPairs && budget > 0; f++) {
    const body = functionBody(b, 128 + f * t.funcHeaderSize, t.funcHeaderSize, legacy);
    if (!body) continue;
    const end = Math.min(body.offset + body.size, b.length);
    for (let pc = body.offset; pc < end && budget-- > 0;) {
      const op = b[pc];
      const n = len(op);
      if (!n || pc + n > end) break; // not an instruction we know: leave this function
      let literal: { keyAt: number; count: number; valueAt: number } | undefined;
      if (op === ops.newObject.NewObjectWithBuffer) {
        // legacy: dst u8, prealloc u16, count u16, key u16, value u16 — v98+: dst u8, shape u16, value u16
        literal = legacy ? { count: u16(b, pc + 4), keyAt: u16(b, pc + 6), valueAt: u16(b, pc + 8) } : shape(b, buffers, u16(b, pc + 2), u16(b, pc + 4));
      } else if (op === ops.newObject.NewObjectWithBufferLong) {
        literal = legacy ? { count: u16(b, pc + 4), keyAt: u32(b, pc + 6), valueAt: u32(b, pc + 10) } : shape(b, buffers, u32(b, pc + 2), u32(b, pc + 6));
      } else if (op === ops.newObject.NewObjectWithBufferAndParent) {
        literal = shape(b, buffers, u32(b, pc + 3), u32(b, pc + 7)); // dst u8, parent u8, shape u32, value u32
      }
      if (literal && literal.count > 0 && literal.count <= LIMITS.maxProps && (literals += 2 * literal.count) <= LIMITS.maxLiterals) {
        addPairs(b, buffers, literal, legacy, t.strings, pairs);
      }
      pc += n;
    }
  }
  return [...pairs.values()];
}

const decoded = new Map<number, Uint8Array>();
/** Instruction length by opcode (the table's base-36 digits, decoded once per version). */
function lengthTable(version: number, digits: string): Uint8Array {
  let t = decoded.get(version);
  if (!t) decoded.set(version, (t = Uint8Array.from(digits, (d) => parseInt(d, 36))));
  return t;
}

/** The key/value buffers (and the shape table from v98) after the string storage, 4-byte aligned. */
function locateBuffers(b: Uint8Array, t: HermesStrings): Buffers | string {
  const align = (x: number) => (x + 3) & ~3;
  // Header sizes: legacy arrayBufferSize, objKeyBufferSize, objValueBufferSize (@72 before the
  // BigInt fields of v87, @80 after); v98+ literalValueBufferSize, objKeyBufferSize, objShapeTableCount @80.
  const at = t.version < 87 ? 72 : 80;
  const [s0, s1, s2] = [u32(b, at), u32(b, at + 4), u32(b, at + 8)];
  let p = align(t.storageEnd);
  const span = (size: number): [number, number] => {
    const r: [number, number] = [p, p + size];
    p = align(p + size);
    return r;
  };
  let out: Buffers;
  if (t.version <= 96) {
    span(s0); // array literals: not needed
    out = { keys: span(s1), values: span(s2) };
  } else {
    const values = span(s0);
    const keys = span(s1);
    out = { keys, values, shapes: span(s2 * 8) }; // ShapeTableEntry { keyBufferOffset u32, numProps u32 }
  }
  const last = out.shapes ?? out.values;
  return Math.max(last[1], out.keys[1]) > b.length ? 'object literal buffers past end of file' : out;
}

function shape(b: Uint8Array, buf: Buffers, index: number, valueAt: number) {
  const at = buf.shapes![0] + index * 8;
  if (at + 8 > buf.shapes![1]) return undefined;
  return { keyAt: u32(b, at), count: u32(b, at + 4), valueAt };
}

/** Bytecode offset and size of function `f` (a large header when the small one overflowed). */
function functionBody(b: Uint8Array, h: number, size: number, legacy: boolean): { offset: number; size: number } | undefined {
  if (h + size > b.length) return undefined;
  const w1 = u32(b, h);
  const w2 = u32(b, h + 4);
  const offset = w1 & 0x1ffffff;
  if (!(b[h + size - 1] & OVERFLOWED)) return { offset, size: legacy ? w2 & 0x7fff : w2 & 0x3fff };
  // legacy: large = functionName(17 bits) << 16 | offset & 0xffff; header {offset, paramCount, size, …}
  // v98+: large = functionName(8 bits) << 24 | offset; header {offset, paramCount, loopDepth, size, …}
  const large = legacy ? (((w2 >>> 15) << 16) | (offset & 0xffff)) >>> 0 : ((((w2 >>> 14) & 0xff) << 24) | offset) >>> 0;
  if (large + 16 > b.length) return undefined;
  return { offset: u32(b, large), size: u32(b, large + (legacy ? 8 : 12)) };
}

function addPairs(b: Uint8Array, buf: Buffers, l: { keyAt: number; count: number; valueAt: number }, legacy: boolean, strings: readonly string[], pairs: Map<string, KeyedString>): void {
  const keys = literals(b, buf.keys, l.keyAt, l.count, legacy, strings);
  const values = keys && literals(b, buf.values, l.valueAt, l.count, legacy, strings);
  if (!keys || !values) return;
  for (let i = 0; i < l.count && pairs.size < LIMITS.maxPairs; i++) {
    const k = keys[i];
    const v = values[i];
    if (k !== undefined && v !== undefined) pairs.set(`${k}\u0000${v}`, { key: k, value: v });
  }
}

/**
 * `count` serialized literals from `at` in a buffer; strings resolved, other values undefined.
 * Each run starts with a tag byte `0ttt llll`, or `1ttt llll llllllll` for runs over 15; t: 0 null
 * (v98+ keys: private name), 1 true, 2 false, 3 number (8 bytes), 4 string id u32, 5 string id u16,
 * 6 string id u8 (legacy) / undefined (v98+), 7 integer (4 bytes).
 */
function literals(b: Uint8Array, [start, end]: [number, number], at: number, count: number, legacy: boolean, strings: readonly string[]): Array<string | undefined> | undefined {
  const out: Array<string | undefined> = [];
  let p = start + at;
  while (out.length < count) {
    if (p >= end) return undefined;
    const tag = b[p];
    const run = tag & 0x80 ? ((tag & 0x0f) << 8) | b[p + 1] : tag & 0x0f;
    p += tag & 0x80 ? 2 : 1;
    if (run === 0) return undefined;
    const kind = (tag >> 4) & 7;
    for (let i = 0; i < run && out.length < count; i++) {
      if (kind === 3) { p += 8; out.push(undefined); }
      else if (kind === 4) { out.push(strings[u32(b, p)]); p += 4; }
      else if (kind === 5) { out.push(strings[u16(b, p)]); p += 2; }
      else if (kind === 6 && legacy) { out.push(strings[b[p]]); p += 1; }
      else if (kind === 7) { p += 4; out.push(undefined); }
      else out.push(undefined);
      if (p > end) return undefined;
    }
  }
  return out;
}

function u16(b: Uint8Array, at: number): number {
  return at + 2 > b.length ? 0 : b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) return 0;
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
