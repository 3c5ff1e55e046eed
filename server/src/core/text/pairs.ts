// Extracts key → value assignments from config and code in one pass per syntax, so rules can
// ask "which key is this value assigned to?" (a plist key and its string, a JSON key, an XML
// `<string name>`, `KEY=value`, `val key = "…"`, `buildConfigField "String", "KEY", "\"v\""`).
import type { FileKind } from './fileKind';

export interface Pair {
  key: string;
  value: string;
  /** Offsets of the value (without quotes) in the scanned text. */
  start: number;
  end: number;
}

// Each pattern captures the key in group `k` and the value in group `v` (`d` flag: group offsets).
const XML_STRING = /<(?:string|item)\b[^>]*?\bname\s*=\s*"(?<k>[^"]+)"[^>]*>(?<v>[^<]*)</gd;
const XML_META = /<meta-data\b[^>]*?android:name\s*=\s*"(?<k>[^"]+)"[^>]*?android:value\s*=\s*"(?<v>[^"]*)"/gd;
const PLIST = /<key>(?<k>[^<]+)<\/key>\s*<string>(?<v>[^<]*)<\/string>/gd;
const QUOTED_KEY = /["'](?<k>[A-Za-z_][\w.-]*)["']\s*[:=]\s*@?["'](?<v>[^"'\n]*)["']/gd;
// JSON held in an ordinary string literal with escaped quotes: "{\"bucket\": \"acme\"}" (Java, Kotlin, Swift, ObjC, JS…).
const ESCAPED_KEY = /\\"(?<k>[A-Za-z_][\w.-]*)\\"\s*:\s*\\"(?<v>[^"\\\n]*)\\"/gd;
const BARE_KEY = /(?<![\w.])(?<k>[A-Za-z_][\w.]*)\s*[:=]\s*@?["'](?<v>[^"'\n]*)["']/gd;
const LINE_ASSIGN = /^[ \t]*(?:export[ \t]+)?(?<k>[A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*["']?(?<v>[^"'\n#]*?)["']?[ \t]*(?:#.*)?$/gmd;
const BUILD_CONFIG = /buildConfigField\s*\(?\s*["']\w+["']\s*,\s*["'](?<k>\w+)["']\s*,\s*["']\\?"?(?<v>[^"'\\\n]*)\\?"?["']/gd;
const RES_VALUE = /resValue\s*\(?\s*["']\w+["']\s*,\s*["'](?<k>\w+)["']\s*,\s*["'](?<v>[^"'\n]*)["']/gd;
const OBJC_DEFINE = /#define\s+(?<k>\w+)\s+@?"(?<v>[^"\n]*)"/gd;

function patternsFor(kind: FileKind): RegExp[] {
  switch (kind) {
    case 'xml': return [XML_STRING, XML_META];
    case 'plist': return [PLIST];
    case 'json': return [QUOTED_KEY];
    case 'properties': case 'env': case 'xcconfig': case 'toml': case 'shell': case 'ini': return [LINE_ASSIGN];
    case 'yaml': return [LINE_ASSIGN, BARE_KEY];
    case 'gradle': return [BUILD_CONFIG, RES_VALUE, BARE_KEY, ESCAPED_KEY];
    case 'objc': return [OBJC_DEFINE, BARE_KEY, QUOTED_KEY, ESCAPED_KEY];
    case 'pbxproj': return [BARE_KEY];
    case 'js': return [QUOTED_KEY, BARE_KEY, ESCAPED_KEY];
    // code of every other language: assignments, quoted keys, and JSON inside escaped literals
    default: return [BARE_KEY, QUOTED_KEY, ESCAPED_KEY];
  }
}

export function extractPairs(text: string, kind: FileKind): Pair[] {
  const pairs: Pair[] = [];
  for (const re of patternsFor(kind)) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      const [start, end] = m.indices!.groups!.v;
      pairs.push({ key: m.groups!.k, value: m.groups!.v, start, end });
    }
  }
  pairs.sort((a, b) => a.start - b.start);
  return pairs;
}

/** Index of the last item (sorted by `start`) whose start is ≤ `offset`, or -1 (binary search). */
export function lastStartingAtOrBefore(items: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= offset) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

/** The key whose value range contains [start, end), if any (binary search over sorted pairs). */
export function keyAt(pairs: Pair[], start: number, end: number): string | undefined {
  const best = lastStartingAtOrBefore(pairs, start);
  for (let i = best; i >= 0 && i > best - 4; i--) {
    if (pairs[i].start <= start && pairs[i].end >= end) return pairs[i].key;
  }
  return undefined;
}
