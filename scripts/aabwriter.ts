// Writes aapt2's protobuf formats (frameworks/base/tools/aapt2/Resources.proto) for the AAB
// fixture, since Debian ships no aapt2/bundletool: proto XML (XmlNode) from a source XML file and
// a ResourceTable (resources.pb) from a values XML file. Boolean attributes carry both the raw
// `value` and `compiled_item.prim.boolean_value`, as aapt2 writes them.
// Usage: node --import tsx scripts/aabwriter.ts xml IN.xml OUT
//        node --import tsx scripts/aabwriter.ts resources IN-values.xml PACKAGE OUT
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ANDROID_NS = 'http://schemas.android.com/apk/res/android';

function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
const bytes = (no: number, payload: Uint8Array | number[] | string): number[] => {
  const p = typeof payload === 'string' ? [...new TextEncoder().encode(payload)] : [...payload];
  return [...varint(no * 8 + 2), ...varint(p.length), ...p];
};
const int = (no: number, v: number): number[] => [...varint(no * 8), ...varint(v)];

export interface XmlElement { name: string; attrs: Array<[string, string]>; children: Array<XmlElement | string> }

/** Enough XML for the fixture sources: elements, attributes, text; skips `<?…?>` and comments. */
export function parseXml(src: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: [], children: [] };
  const stack = [root];
  const re = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w.:-]+)\s*>|<([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const top = stack[stack.length - 1];
    if (m[1]) stack.pop();
    else if (m[2]) {
      const el: XmlElement = { name: m[2], attrs: [...m[3].matchAll(/([\w.:-]+)\s*=\s*"([^"]*)"/g)].map((a) => [a[1], a[2]]), children: [] };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    } else if (m[5] && m[5].trim()) top.children.push(m[5].trim());
  }
  return root.children.find((c): c is XmlElement => typeof c !== 'string')!;
}

/** XmlNode{element = 1 | text = 2}. */
export function encodeXml(el: XmlElement): number[] {
  const body: number[] = [];
  for (const [k, v] of el.attrs) if (k.startsWith('xmlns:')) body.push(...bytes(1, [...bytes(1, k.slice(6)), ...bytes(2, v)]));
  const [prefix, local] = el.name.includes(':') ? el.name.split(':') : ['', el.name];
  if (prefix) body.push(...bytes(2, ANDROID_NS));
  body.push(...bytes(3, local));
  for (const [k, v] of el.attrs) {
    if (k.startsWith('xmlns:')) continue;
    const [p, n] = k.includes(':') ? k.split(':') : ['', k];
    const attr = [...(p ? bytes(1, ANDROID_NS) : []), ...bytes(2, n), ...bytes(3, v)];
    if (v === 'true' || v === 'false') attr.push(...bytes(6, bytes(7, int(8, v === 'true' ? 1 : 0)))); // compiled_item.prim.boolean_value
    body.push(...bytes(4, attr));
  }
  for (const c of el.children) body.push(...bytes(5, typeof c === 'string' ? bytes(2, c) : encodeXml(c)));
  return bytes(1, body);
}

/** ResourceTable{package = 2 → Package{package_name = 2, type = 3 → Type{name = 2, entry = 3}}}. */
export function encodeResources(values: XmlElement, packageName: string): number[] {
  const types = new Map<string, number[][]>();
  const add = (type: string, entry: number[]) => types.set(type, [...(types.get(type) ?? []), entry]);
  const item = (s: string) => bytes(2, bytes(1, s)); // Item.str = 2 → String.value = 1
  for (const c of values.children) {
    if (typeof c === 'string') continue;
    const name = c.attrs.find(([k]) => k === 'name')?.[1] ?? 'unnamed';
    const texts = c.children.map((x) => (typeof x === 'string' ? x : x.children.join('')));
    let value: number[];
    if (c.name === 'string') value = bytes(4, item(texts.join(''))); // Value.item = 4
    else if (c.name === 'string-array') value = bytes(5, bytes(4, texts.flatMap((t) => bytes(1, bytes(3, item(t)))))); // compound_value.array.element.item
    else continue;
    add(c.name === 'string' ? 'string' : 'array', [...bytes(2, name), ...bytes(6, bytes(2, value))]); // Entry{name, config_value{value}}
  }
  const typeMsgs = [...types].flatMap(([t, entries]) => bytes(3, [...bytes(2, t), ...entries.flatMap((e) => bytes(3, e))]));
  return bytes(2, [...bytes(2, packageName), ...typeMsgs]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [mode, input, a, b] = process.argv.slice(2);
  const tree = input ? parseXml(readFileSync(input, 'utf8')) : undefined;
  if (mode === 'xml' && tree && a) writeFileSync(a, Uint8Array.from(encodeXml(tree)));
  else if (mode === 'resources' && tree && a && b) writeFileSync(b, Uint8Array.from(encodeResources(tree, a)));
  else {
    process.stderr.write('usage: aabwriter.ts xml IN.xml OUT | resources IN-values.xml PACKAGE OUT\n');
    process.exit(2);
  }
}
