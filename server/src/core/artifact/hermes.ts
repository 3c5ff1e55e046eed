// Hermes bytecode reader (React Native bundles compiled by hermesc). Reads the string table:
// every string literal and identifier of the bundle lives there; object literals are paired
// key → value by hermesObjects.ts (the one place instructions are walked).
// Layout from hermes/include/hermes/BCGen/HBC/BytecodeFileFormat.h, checked against hermesc
// output (HBC v96 from npm hermes-compiler 0.14.0, HBC v99 from hermes-compiler 260318099.0.8).
// The header fields up to stringStorageSize and the order functionHeaders → stringKinds →
// identifierHashes → smallStringTable → overflowStringTable → stringStorage are the same in
// v84–v99; other versions, or tables that do not validate, fall back to a printable-run scan of
// the whole file (and say so in `errors`).
import type { FormatReader, ReaderResult } from './types';
import { StringSink, latin1, printableRuns } from './cstrings';
import { objectLiteralPairs } from './hermesObjects';

const MAGIC_LO = 0x03bc1fc6; // magic u64 LE 0x1F1903C103BC1FC6 @0
const MAGIC_HI = 0x1f1903c1;
const HEADER_SIZE = 128; // BytecodeFileHeader is padded to 128 bytes
const KNOWN_VERSIONS = { min: 84, max: 99 };
const INVALID_LENGTH = 0xff; // SmallStringTableEntry.length for an overflowed entry

export const isHermes = (b: Uint8Array): boolean => b.length >= 8 && u32(b, 0) === MAGIC_LO && u32(b, 4) === MAGIC_HI;

export const readHermes: FormatReader = (bytes, entry): ReaderResult => {
  const sink = new StringSink(`Hermes bytecode ${entry}`);
  try {
    const problem = readTable(bytes, sink);
    if (problem) {
      sink.error(`Hermes bytecode: ${problem}; scanned printable runs instead`);
      printableRuns(bytes, 0, bytes.length, sink);
    }
  } catch (e) {
    sink.error(`internal error in the Hermes reader (please report): ${(e as Error).message}`);
  }
  return sink.result();
};

/** Reads the string table into the sink; returns a problem when the layout cannot be trusted. */
function readTable(b: Uint8Array, sink: StringSink): string | undefined {
  if (!isHermes(b) || b.length < HEADER_SIZE) return 'header truncated';
  const version = u32(b, 8); // version @8, sourceHash[20] @12
  if (version < KNOWN_VERSIONS.min || version > KNOWN_VERSIONS.max) return `bytecode version ${version} has no documented layout here`;
  // SmallFuncHeader is 16 bytes up to v96 and 12 bytes in v99 (hermesc 1.0); a layout is only
  // accepted when the string-kind counts add up to stringCount and every entry fits the storage.
  let problem: string | undefined;
  for (const funcHeader of version <= 96 ? [16] : [12, 16]) {
    const r = stringsAt(b, funcHeader);
    if (typeof r === 'string') { problem ??= r; continue; }
    // Object literal values with their keys first (key-dependent rules then work as in a plain JS
    // bundle), then every other string of the table once.
    const found = objectLiteralPairs(b, { version, funcHeaderSize: funcHeader, storageEnd: r.storageEnd, strings: r.strings });
    if (typeof found === 'string') sink.error(`Hermes bytecode: ${found}; object literal keys not read`);
    const pairs = typeof found === 'string' ? [] : found;
    const keyed = new Set(pairs.map((p) => p.value));
    for (const p of pairs) if (!sink.add(p.value, p.key)) break;
    for (const v of r.strings) if (v.length >= 4 && !keyed.has(v) && !sink.add(v)) break;
    return undefined;
  }
  return problem;
}

/** Decodes the whole string table (by id) for one function-header size, or describes why it does not fit. */
function stringsAt(b: Uint8Array, funcHeader: number): { strings: string[]; storageEnd: number } | string {
  const functionCount = u32(b, 0x28); // fileLength @0x20, globalCodeIndex @0x24
  const stringKindCount = u32(b, 0x2c);
  const identifierCount = u32(b, 0x30);
  const stringCount = u32(b, 0x34);
  const overflowCount = u32(b, 0x38);
  const storageSize = u32(b, 0x3c);
  // Sections follow the header, each 4-byte aligned (entries are 4 or 8 bytes, so no padding).
  const kinds = HEADER_SIZE + functionCount * funcHeader;
  const smallTable = kinds + stringKindCount * 4 + identifierCount * 4;
  const overflowTable = smallTable + stringCount * 4;
  const storage = overflowTable + overflowCount * 8;
  if (storage + storageSize > b.length) return `string tables (${stringCount} strings, ${storageSize} bytes) past end of file`;
  // StringKind::Entry: kind in bit 31, run length in bits 0–30
  let counted = 0;
  for (let k = 0; k < stringKindCount; k++) counted += u32(b, kinds + k * 4) & 0x7fffffff;
  if (counted !== stringCount) return `string kinds count ${counted} strings, header says ${stringCount}`;
  const decoder = new TextDecoder('utf-16le');
  const out: string[] = [];
  for (let i = 0; i < stringCount; i++) {
    // SmallStringTableEntry bitfield (u32 LE): isUTF16 bit 0, offset bits 1–23, length bits 24–31
    const e = u32(b, smallTable + i * 4);
    const utf16 = (e & 1) === 1;
    let offset = (e >>> 1) & 0x7fffff;
    let length = e >>> 24;
    if (length === INVALID_LENGTH) {
      // OverflowStringTableEntry {offset u32, length u32}, indexed by the small entry's offset
      if (offset >= overflowCount) return `string ${i} overflow index ${offset} out of range`;
      length = u32(b, overflowTable + offset * 8 + 4);
      offset = u32(b, overflowTable + offset * 8);
    }
    const bytesLen = utf16 ? length * 2 : length;
    if (offset + bytesLen > storageSize) return `string ${i} (offset ${offset}, length ${length}) outside string storage`;
    const start = storage + offset;
    // ASCII/Latin-1 strings are stored one byte per char; others as UTF-16LE.
    out.push(utf16 ? decoder.decode(b.subarray(start, start + bytesLen)) : latin1(b, start, start + bytesLen));
  }
  return { strings: out, storageEnd: storage + storageSize };
}

function u32(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) return 0;
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
