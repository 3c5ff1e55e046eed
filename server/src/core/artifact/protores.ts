// aapt2's protobuf formats inside an Android App Bundle (frameworks/base/tools/aapt2/Resources.proto):
// `base/resources.pb` (ResourceTable → values named `@type/name`) and the proto XML of
// `base/manifest/AndroidManifest.xml` and `base/res/xml/*.xml` (XmlNode → XML text, one element
// per line, like the binary XML reader).
import type { ExtractedString, ReaderResult } from './types';
import type { AxmlDocument } from './axml';
import { pbFields, pbString, type PbField } from './protobuf';

const MAX_NODES = 200_000;
const MAX_DEPTH = 64;

/**
 * Proto XML starts with XmlNode.element (field 1, length-delimited: 0x0a), a varint length, then
 * an XmlElement field tag (0x0a, 0x12 or 0x1a). A text XML file may also start with `\n`: it
 * is told apart by the `<` that follows its whitespace.
 */
export function isProtoXml(entry: string, b: Uint8Array): boolean {
  if (!/\.xml$/i.test(entry) || b.length < 4 || b[0] !== 0x0a) return false;
  let p = 1;
  while (p < 6 && p < b.length && b[p] & 0x80) p++;
  if (![0x0a, 0x12, 0x1a].includes(b[p + 1])) return false;
  let q = 0;
  while (q < b.length && (b[q] === 0x0a || b[q] === 0x0d || b[q] === 0x20 || b[q] === 0x09)) q++;
  return b[q] !== 0x3c;
}

const sub = (b: Uint8Array, f: PbField, errors: string[]) => pbFields(b, f.start, f.end, errors);

/**
 * ResourceTable: package = 2 → Package.type = 3 → Type{name = 2, entry = 3} → Entry{name = 2,
 * config_value = 6} → ConfigValue.value = 2 → Value{item = 4, compound_value = 5}.
 */
export function readResourcesPb(b: Uint8Array): ReaderResult {
  const errors: string[] = [];
  const strings: ExtractedString[] = [];
  let visited = 0;
  const fieldsOf = (f: PbField, no: number) => [...sub(b, f, errors)].filter((x) => x.no === no && x.wire === 2);
  for (const pkg of [...pbFields(b, 0, b.length, errors)].filter((x) => x.no === 2 && x.wire === 2)) {
    for (const type of fieldsOf(pkg, 3)) {
      const typeName = fieldsOf(type, 2).map((x) => pbString(b, x, 64))[0] ?? 'unknown';
      for (const entry of fieldsOf(type, 3)) {
        if (visited++ > MAX_NODES) return { strings, errors: [...errors, `resources.pb has more than ${MAX_NODES} entries; the rest was skipped`] };
        const key = `@${typeName}/${fieldsOf(entry, 2).map((x) => pbString(b, x, 256))[0] ?? 'unnamed'}`;
        for (const cv of fieldsOf(entry, 6)) {
          for (const value of fieldsOf(cv, 2)) {
            for (const v of sub(b, value, errors)) {
              if (v.no === 4 && v.wire === 2) pushItem(b, v, key, strings, errors);
              else if (v.no === 5 && v.wire === 2) compound(b, v, key, strings, errors);
            }
          }
        }
      }
    }
  }
  return { strings, errors };
}

/** Item: str = 2, raw_str = 3, styled_str = 4 (each `value = 1`). */
function pushItem(b: Uint8Array, item: PbField, key: string, out: ExtractedString[], errors: string[]): void {
  for (const f of sub(b, item, errors)) {
    if ((f.no === 2 || f.no === 3 || f.no === 4) && f.wire === 2) {
      for (const s of sub(b, f, errors)) if (s.no === 1 && s.wire === 2) out.push({ key, value: pbString(b, s) });
    }
  }
}

/** CompoundValue: array = 4 (element = 1 → item = 3), plural = 5 (entry = 1 → item = 4). */
function compound(b: Uint8Array, cv: PbField, key: string, out: ExtractedString[], errors: string[]): void {
  for (const c of sub(b, cv, errors)) {
    if ((c.no !== 4 && c.no !== 5) || c.wire !== 2) continue;
    const itemNo = c.no === 4 ? 3 : 4;
    for (const el of sub(b, c, errors)) {
      if (el.no !== 1 || el.wire !== 2) continue;
      for (const it of sub(b, el, errors)) if (it.no === itemNo && it.wire === 2) pushItem(b, it, key, out, errors);
    }
  }
}

/**
 * XmlNode{element = 1, text = 2}; XmlElement{namespace_declaration = 1 (prefix = 1, uri = 2),
 * namespace_uri = 2, name = 3, attribute = 4, child = 5}; XmlAttribute{namespace_uri = 1,
 * name = 2, value = 3, compiled_item = 6 (Item.prim = 7 → Primitive.boolean_value = 8)}.
 */
export function decodeProtoXml(b: Uint8Array): AxmlDocument {
  const doc: AxmlDocument = { text: '', strings: [], errors: [] };
  const lines: string[] = [];
  const prefixes = new Map<string, string>();
  let nodes = 0;
  const element = (f: PbField, depth: number): void => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      if (doc.errors.length === 0) doc.errors.push(`proto XML deeper than ${MAX_DEPTH} or larger than ${MAX_NODES} nodes; the rest was skipped`);
      return;
    }
    let name = 'unnamed';
    let ns = '';
    const attrs: Array<{ q: string; v: string }> = [];
    const children: PbField[] = [];
    for (const x of sub(b, f, doc.errors)) {
      if (x.wire !== 2) continue;
      if (x.no === 1) {
        const d = [...sub(b, x, doc.errors)];
        const prefix = d.find((y) => y.no === 1);
        const uri = d.find((y) => y.no === 2);
        if (prefix && uri) prefixes.set(pbString(b, uri), pbString(b, prefix));
      } else if (x.no === 2) ns = pbString(b, x);
      else if (x.no === 3) name = safeName(pbString(b, x, 256));
      else if (x.no === 4) attrs.push(attribute(b, x, prefixes, doc));
      else if (x.no === 5) children.push(x);
    }
    const tag = qname(ns, name, prefixes);
    const indent = '  '.repeat(Math.min(depth, 32));
    const rendered = attrs.map(({ q, v }) => ` ${q}="${v.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\n/g, '&#10;')}"`);
    lines.push(`${indent}<${tag}${rendered.join('')}>`);
    for (const c of children) node(c, depth + 1);
    lines.push(`${indent}</${tag}>`);
    const metaName = attrs.find((a) => a.q === 'android:name');
    const metaValue = attrs.find((a) => a.q === 'android:value');
    if (tag === 'meta-data' && metaName && metaValue) doc.strings.push({ key: metaName.v, value: metaValue.v });
  };
  const node = (f: PbField, depth: number): void => {
    for (const x of sub(b, f, doc.errors)) {
      if (x.no === 1 && x.wire === 2) element(x, depth);
      else if (x.no === 2 && x.wire === 2) {
        const t = pbString(b, x).trim();
        if (t) {
          lines.push('  '.repeat(Math.min(depth, 32)) + t.replace(/</g, '&lt;').replace(/\n/g, ' '));
          doc.strings.push({ value: t });
        }
      }
    }
  };
  node({ no: 0, wire: 2, int: 0, start: 0, end: b.length }, 0);
  if (lines.length === 0 && doc.errors.length === 0) doc.errors.push('proto XML has no element');
  doc.text = lines.join('\n') + (lines.length ? '\n' : '');
  return doc;
}

function attribute(b: Uint8Array, f: PbField, prefixes: Map<string, string>, doc: AxmlDocument): { q: string; v: string } {
  let ns = '';
  let name = 'unnamed';
  let value: string | undefined;
  let compiled: string | undefined;
  for (const x of sub(b, f, doc.errors)) {
    if (x.wire !== 2) continue;
    if (x.no === 1) ns = pbString(b, x);
    else if (x.no === 2) name = safeName(pbString(b, x, 256));
    else if (x.no === 3) value = pbString(b, x);
    else if (x.no === 6) compiled = primitiveBoolean(b, x, doc.errors);
  }
  const q = qname(ns, name, prefixes);
  const v = value || compiled || '';
  doc.strings.push({ key: q, value: v });
  return { q, v };
}

/** Item.prim (7) → Primitive.boolean_value (8), for attributes compiled without a raw value. */
function primitiveBoolean(b: Uint8Array, item: PbField, errors: string[]): string | undefined {
  for (const p of sub(b, item, errors)) {
    if (p.no !== 7 || p.wire !== 2) continue;
    for (const v of sub(b, p, errors)) if (v.no === 8 && v.wire === 0) return v.int ? 'true' : 'false';
  }
  return undefined;
}

const safeName = (s: string) => (/^[\w.:-]+$/.test(s) ? s : 'unnamed');
const qname = (ns: string, name: string, prefixes: Map<string, string>) => {
  const p = ns ? prefixes.get(ns) : undefined;
  return p ? `${p}:${name}` : name;
};
