// Android binary XML (AndroidManifest.xml, res/xml/*.xml): decoded back to XML text, one element
// per line, so the text rules read it exactly as they read a source manifest (cleartext flags,
// `<meta-data android:name android:value>`). Chunks: RES_XML_TYPE 0x0003 → string pool 0x0001,
// resource map 0x0180, namespace 0x0100/0x0101, element 0x0102/0x0103, CDATA 0x0104.
import type { ExtractedString, FormatReader, ReaderResult } from './types';
import { DEFAULT_LIMITS, type ArtifactLimits } from './limits';
import { Bytes, RES_STRING_POOL_TYPE, RES_XML_TYPE, readChunk, readStringPool, type StringPool } from './respool';

const START_NAMESPACE = 0x0100;
const START_ELEMENT = 0x0102;
const END_ELEMENT = 0x0103;
const CDATA = 0x0104;
const NONE = 0xffffffff;
/** Elements decoded per document. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 256;

export interface AxmlDocument {
  /** Decoded XML, one element (or text node) per line. */
  text: string;
  /** Every attribute value and text node, keyed by the attribute name (`android:usesCleartextTraffic`). */
  strings: ExtractedString[];
  errors: string[];
}

export function isAxml(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0x03 && b[1] === 0x00 && b[2] === 0x08 && b[3] === 0x00;
}

/** Resolves a resource id (`@0x7f…`) through the archive's resources.arsc. */
export type ResolveRef = (id: number) => { name: string; boolean?: boolean } | undefined;

/**
 * `resolve` names references (`@string/app_name`); a reference to a boolean resource renders as
 * its value, so `android:usesCleartextTraffic="@bool/x"` reads as the flag the app really ships.
 */
export function decodeAxml(bytes: Uint8Array, limits: ArtifactLimits = DEFAULT_LIMITS, resolve?: ResolveRef): AxmlDocument {
  const doc: AxmlDocument = { text: '', strings: [], errors: [] };
  const r = new Bytes(bytes);
  // ResXMLTree_header: a chunk header whose size covers the document
  const root = readChunk(r, 0, bytes.length, 'binary XML');
  if (typeof root === 'string') {
    doc.errors.push(`truncated binary XML: ${root}`);
    return doc;
  }
  if (root.type !== RES_XML_TYPE) {
    doc.errors.push(`not a binary XML document (chunk type 0x${root.type.toString(16)})`);
    return doc;
  }
  let pool: StringPool | undefined;
  const prefixes = new Map<string, string>(); // namespace uri → prefix
  const lines: string[] = [];
  let depth = 0;
  let nodes = 0;
  const str = (i: number) => (i === NONE || !pool ? undefined : pool.get(i));
  for (let off = root.start + root.headerSize; off < root.end && nodes < MAX_NODES; nodes++) {
    const c = readChunk(r, off, root.end, 'binary XML');
    if (typeof c === 'string') {
      doc.errors.push(`truncated binary XML: ${c}`);
      break;
    }
    off = c.end;
    if (c.type === RES_STRING_POOL_TYPE && !pool) {
      pool = readStringPool(r, c, limits.maxStringsPerEntry, limits.maxStringLength, doc.errors);
      continue;
    }
    // ResXMLTree_node: lineNumber u32 @8, comment u32 @12; the extension starts at headerSize
    const ext = c.start + c.headerSize;
    const indent = '  '.repeat(Math.min(depth, 32));
    if (c.type === START_NAMESPACE && ext + 8 <= c.end) {
      // ResXMLTree_namespaceExt: prefix u32 @0, uri u32 @4
      const prefix = str(r.u32(ext));
      const uri = str(r.u32(ext + 4));
      if (prefix !== undefined && uri !== undefined) prefixes.set(uri, prefix);
    } else if (c.type === START_ELEMENT && ext + 20 <= c.end) {
      lines.push(indent + startElement(r, ext, c.end, str, prefixes, doc.strings, resolve));
      if (depth++ > MAX_DEPTH) {
        doc.errors.push(`binary XML nests deeper than ${MAX_DEPTH} elements`);
        break;
      }
    } else if (c.type === END_ELEMENT && ext + 8 <= c.end) {
      depth = Math.max(0, depth - 1);
      lines.push(`${'  '.repeat(Math.min(depth, 32))}</${qname(str(r.u32(ext)), str(r.u32(ext + 4)), prefixes)}>`);
    } else if (c.type === CDATA && ext + 4 <= c.end) {
      // ResXMLTree_cdataExt: data u32 @0, typedValue @4
      const data = str(r.u32(ext));
      if (data !== undefined && data.trim()) {
        lines.push(indent + escapeText(data.trim()));
        doc.strings.push({ value: data.trim() });
      }
    }
  }
  if (nodes >= MAX_NODES) doc.errors.push(`binary XML has more than ${MAX_NODES} nodes; the rest was skipped`);
  if (!pool) doc.errors.push('binary XML has no string pool');
  doc.text = lines.join('\n') + (lines.length ? '\n' : '');
  return doc;
}

/**
 * ResXMLTree_attrExt: ns u32 @0, name u32 @4, attributeStart u16 @8, attributeSize u16 @10,
 * attributeCount u16 @12. ResXMLTree_attribute: ns u32 @0, name u32 @4, rawValue u32 @8,
 * typedValue Res_value @12 (dataType u8 @15, data u32 @16).
 */
function startElement(
  r: Bytes, ext: number, end: number, str: (i: number) => string | undefined,
  prefixes: Map<string, string>, out: ExtractedString[], resolve?: ResolveRef,
): string {
  const tag = qname(str(r.u32(ext)), str(r.u32(ext + 4)), prefixes);
  const attrStart = ext + r.u16(ext + 8);
  const attrSize = Math.max(20, r.u16(ext + 10));
  const count = r.u16(ext + 12);
  const attrs: string[] = [];
  let metaName: string | undefined;
  let metaValue: string | undefined;
  for (let i = 0, a = attrStart; i < count && a + 20 <= end; i++, a += attrSize) {
    const name = qname(str(r.u32(a)), str(r.u32(a + 4)), prefixes);
    const raw = r.u32(a + 8);
    const value = raw !== NONE ? (str(raw) ?? '') : typedValue(r.u8(a + 15), r.u32(a + 16), str, resolve);
    attrs.push(` ${name}="${escapeAttr(value)}"`);
    out.push({ key: name, value });
    if (tag === 'meta-data' && name === 'android:name') metaName = value;
    if (tag === 'meta-data' && name === 'android:value') metaValue = value;
  }
  if (metaName !== undefined && metaValue !== undefined) out.push({ key: metaName, value: metaValue });
  return `<${tag}${attrs.join('')}>`;
}

/** Res_value data types: TYPE_REFERENCE 0x01, TYPE_STRING 0x03, TYPE_INT_DEC 0x10, TYPE_INT_HEX 0x11, TYPE_INT_BOOLEAN 0x12. */
function typedValue(type: number, data: number, str: (i: number) => string | undefined, resolve?: ResolveRef): string {
  switch (type) {
    case 0x01: {
      const ref = resolve?.(data);
      if (ref?.boolean !== undefined) return String(ref.boolean);
      return ref?.name ?? `@0x${data.toString(16).padStart(8, '0')}`;
    }
    case 0x03: return str(data) ?? '';
    case 0x10: return String(data | 0);
    case 0x12: return data !== 0 ? 'true' : 'false';
    default: return `0x${data.toString(16)}`;
  }
}

function qname(ns: string | undefined, name: string | undefined, prefixes: Map<string, string>): string {
  const local = name && /^[\w.:-]+$/.test(name) ? name : 'unnamed';
  const prefix = ns === undefined ? undefined : prefixes.get(ns);
  return prefix ? `${prefix}:${local}` : local;
}

const escapeAttr = (s: string) => s.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\n/g, '&#10;');
const escapeText = (s: string) => s.replace(/</g, '&lt;').replace(/\n/g, ' ');

export function readAxml(bytes: Uint8Array, limits: ArtifactLimits = DEFAULT_LIMITS): ReaderResult {
  const doc = decodeAxml(bytes, limits);
  return { strings: doc.strings, errors: doc.errors };
}

export const axmlReader: FormatReader = (bytes) => readAxml(bytes);
