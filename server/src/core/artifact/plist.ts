// Property list reader (Info.plist, GoogleService-Info.plist, entitlements inside an .app):
// binary `bplist00` through the `bplist-parser` package, XML through a linear tokenizer below
// (the `plist` package is ESM-only without a `require` export, so the CJS test/tsx runtime cannot
// load it; its xmldom parse is also recursive, which hostile nesting turns into a stack overflow).
// Every string/number becomes `{ key: <its dictionary key>, value }`. A boolean becomes the XML
// plist fragment the cleartext rule reads, with the enclosing dictionary's key for context:
// `<key>NSAppTransportSecurity</key><dict><key>NSAllowsArbitraryLoads</key><true/>` (and for an
// ATS exception the domain it applies to), so binary and XML plists are judged alike.
// The binary object graph is checked first (bounds, reference cycles, depth, expanded size):
// bplist-parser trusts it and would recurse forever on a cycle or blow up on shared references.
import { parseBuffer } from 'bplist-parser';
import type { FormatReader, ReaderResult } from './types';
import { StringSink } from './cstrings';

const MAX_OBJECTS = 100_000; // objects in the offset table
const MAX_VISITS = 200_000; // objects visited with shared references expanded (what the parser builds)
const MAX_DEPTH = 64;
const MAX_XML = 8 * 1024 * 1024;

export const isBinaryPlist = (b: Uint8Array): boolean => b.length >= 8 && String.fromCharCode(...b.subarray(0, 8)) === 'bplist00';

export const readPlist: FormatReader = (bytes, entry): ReaderResult => {
  const sink = new StringSink(`plist ${entry}`);
  try {
    if (isBinaryPlist(bytes)) {
      const problem = checkBinary(bytes);
      if (problem) {
        sink.error(`binary plist: ${problem}`);
        return sink.result();
      }
      flatten(parseBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))[0], undefined, undefined, 0, sink);
    } else {
      if (bytes.length > MAX_XML) {
        sink.error(`XML plist larger than ${MAX_XML} bytes: not read`);
        return sink.result();
      }
      readXml(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), sink);
    }
  } catch (e) {
    // checkBinary rejects everything bplist-parser would throw on, and the XML path does not throw.
    sink.error(`internal error in the plist reader (please report): ${(e as Error).message.split('\n')[0].slice(0, 200)}`);
  }
  return sink.result();
};

/** `parent` is the key of the dictionary holding `key` (an ATS exception domain, `NSAppTransportSecurity`). */
function flatten(value: unknown, key: string | undefined, parent: string | undefined, depth: number, sink: StringSink): void {
  if (sink.full) return;
  if (depth > MAX_DEPTH) {
    sink.error(`plist nested deeper than ${MAX_DEPTH} levels: the rest was not read`);
    return;
  }
  if (typeof value === 'string') sink.add(value, key);
  else if (typeof value === 'boolean') sink.add(booleanFragment(value, key, parent));
  else if (typeof value === 'number' || typeof value === 'bigint') sink.add(String(value), key);
  else if (Array.isArray(value)) for (const v of value) flatten(v, key, parent, depth + 1, sink);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date) && !('UID' in value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, k, key, depth + 1, sink);
  }
  // data, dates and keyed-archiver UIDs carry no configuration strings
}

function booleanFragment(value: boolean, key: string | undefined, parent: string | undefined): string {
  const tag = value ? '<true/>' : '<false/>';
  if (key === undefined) return tag;
  const own = `<key>${escapeXml(key)}</key>${tag}`;
  return parent === undefined ? own : `<key>${escapeXml(parent)}</key><dict>${own}`;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const XML_TOKEN = /<(\/?)(dict|array|key|string|true|false|integer|real|date|data)\b[^>]*?(\/?)>/g;

/**
 * XML plist: one regex pass over the tags; a stack of containers remembers the current key, so
 * `<key>K</key><string>V</string>` yields {key: K, value: V} at any depth and `<true/>` yields 'true'.
 */
function readXml(text: string, sink: StringSink): void {
  if (!/<plist\b|<dict\b/.test(text.slice(0, 4096))) {
    sink.error('not a property list (no <plist> or <dict> element)');
    return;
  }
  // per open container: is it a dict, the key it is stored under, and the key of its own parent dict
  const stack: Array<{ dict: boolean; key?: string; parent?: string }> = [];
  let pendingKey: string | undefined;
  XML_TOKEN.lastIndex = 0;
  for (let m = XML_TOKEN.exec(text); m; m = XML_TOKEN.exec(text)) {
    const [, close, tag, selfClosing] = m;
    const top = stack[stack.length - 1];
    const keyHere = top?.dict ? pendingKey : top?.key;
    if (tag === 'dict' || tag === 'array') {
      if (close) { stack.pop(); pendingKey = undefined; continue; }
      if (selfClosing) { pendingKey = undefined; continue; }
      if (stack.length >= MAX_DEPTH) {
        sink.error(`plist nested deeper than ${MAX_DEPTH} levels: the rest was not read`);
        return;
      }
      stack.push({ dict: tag === 'dict', key: keyHere, parent: top?.dict ? top.key : top?.parent });
      pendingKey = undefined;
      continue;
    }
    if (close) continue;
    if (tag === 'true' || tag === 'false') {
      if (!sink.add(booleanFragment(tag === 'true', keyHere, top?.dict ? top.key : top?.parent))) return;
      pendingKey = undefined;
      continue;
    }
    if (selfClosing) continue;
    const end = text.indexOf(`</${tag}>`, XML_TOKEN.lastIndex);
    if (end < 0) {
      sink.error(`XML plist <${tag}> is not closed`);
      return;
    }
    const content = unescapeXml(text.slice(XML_TOKEN.lastIndex, end));
    XML_TOKEN.lastIndex = end + tag.length + 3;
    if (tag === 'key') { pendingKey = content; continue; }
    if ((tag === 'string' || tag === 'integer' || tag === 'real') && !sink.add(tag === 'string' ? content : content.trim(), keyHere)) return;
    pendingKey = undefined;
  }
}

function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/gi, (all, hex: string, dec: string, name: string) => {
    if (name) return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? all;
    const code = hex ? parseInt(hex, 16) : parseInt(dec, 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/**
 * Validates a bplist00 file before parsing. Trailer (last 32 bytes): offsetIntSize u8 @6,
 * objectRefSize u8 @7, numObjects u64 @8, topObject u64 @16, offsetTableOffset u64 @24.
 * Object marker: high nibble type, low nibble info (0xF = an int object with the real count follows).
 * Returns a problem description, or undefined when the graph is safe to hand to the parser.
 */
export function checkBinary(b: Uint8Array): string | undefined {
  if (b.length < 8 + 32) return 'trailer truncated';
  const t = b.length - 32;
  const offSize = b[t + 6];
  const refSize = b[t + 7];
  const num = be(b, t + 8, 8);
  const top = be(b, t + 16, 8);
  const table = be(b, t + 24, 8);
  if (offSize < 1 || offSize > 8 || refSize < 1 || refSize > 8) return `bad offset/reference sizes ${offSize}/${refSize}`;
  if (num > MAX_OBJECTS) return `${num} objects exceed the limit of ${MAX_OBJECTS}`;
  if (table < 8 || table + num * offSize > t) return 'offset table past end of file';
  if (top >= num) return `top object ${top} out of range`;
  const offset = (i: number) => be(b, table + i * offSize, offSize);

  // Iterative DFS with an explicit path set: a reference back onto the path is a cycle.
  let visits = 0;
  const onPath = new Uint8Array(num);
  const stack: Array<{ obj: number; refs: number[]; next: number }> = [];
  const enter = (obj: number): string | undefined => {
    if (++visits > MAX_VISITS) return `more than ${MAX_VISITS} objects once shared references are expanded`;
    if (onPath[obj]) return `object reference cycle at object ${obj}`;
    if (stack.length >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
    const at = offset(obj);
    if (at < 8 || at >= table) return `object ${obj} offset ${at} out of range`;
    const info = object(b, at, table, refSize, num);
    if (typeof info === 'string') return `object ${obj}: ${info}`;
    onPath[obj] = 1;
    stack.push({ obj, refs: info, next: 0 });
    return undefined;
  };
  let problem = enter(top);
  while (!problem && stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.refs.length) problem = enter(frame.refs[frame.next++]);
    else {
      onPath[frame.obj] = 0;
      stack.pop();
    }
  }
  return problem;
}

/** Checks one object's extent; returns its child references (arrays, dicts) or a problem. */
function object(b: Uint8Array, at: number, end: number, refSize: number, num: number): number[] | string {
  const type = b[at] >> 4;
  const info = b[at] & 0xf;
  switch (type) {
    case 0x0: return info === 0 || info === 8 || info === 9 || info === 15 ? [] : `unknown simple value 0x${b[at].toString(16)}`;
    case 0x1: case 0x2: return info <= 3 && at + 1 + (1 << info) <= end ? [] : 'number past end';
    case 0x3: return info === 3 && at + 9 <= end ? [] : 'bad date';
    case 0x8: return at + 2 + info <= end ? [] : 'UID past end';
    case 0x4: case 0x5: case 0x6: case 0xa: case 0xd: {
      const len = length(b, at, end);
      if (typeof len === 'string') return len;
      const unit = type === 0x6 ? 2 : type === 0xa ? refSize : type === 0xd ? 2 * refSize : 1;
      if (len.start + len.count * unit > end) return 'contents past end of object table';
      if (type !== 0xa && type !== 0xd) return [];
      const refs: number[] = [];
      for (let i = 0; i < len.count * (type === 0xd ? 2 : 1); i++) {
        const r = be(b, len.start + i * refSize, refSize);
        if (r >= num) return `reference ${r} out of range`;
        refs.push(r);
      }
      return refs;
    }
    default: return `unsupported object type 0x${type.toString(16)}`;
  }
}

/** Count of a string/data/array/dict: the low nibble, or 0xF then an int object (0x1N). */
function length(b: Uint8Array, at: number, end: number): { count: number; start: number } | string {
  const info = b[at] & 0xf;
  if (info !== 0xf) return { count: info, start: at + 1 };
  const marker = b[at + 1];
  if (marker === undefined || marker >> 4 !== 0x1 || (marker & 0xf) > 3) return 'bad length marker';
  const size = 1 << (marker & 0xf);
  if (at + 2 + size > end) return 'length past end';
  return { count: be(b, at + 2, size), start: at + 2 + size };
}

/** Big-endian unsigned integer of `size` bytes (saturates past 2^53, failing every bounds check). */
function be(b: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + (b[at + i] ?? 0);
  return Number.isSafeInteger(v) ? v : Number.MAX_SAFE_INTEGER;
}
