// Joins string literals split by concatenation (`"a" + "b"`, Dart/ObjC adjacent literals) and
// removes xcconfig `$()` tricks (`https:/$()/host`), keeping a map back to original offsets so
// findings still point at the real source.
import type { FileKind } from './fileKind';

export interface NormalizedText {
  text: string;
  /** Original offset of a normalized offset; `isEnd` maps an exclusive end (stays before a cut). */
  toOriginal(offset: number, isEnd?: boolean): number;
}

const CODE_KINDS = new Set<FileKind>(['kotlin', 'java', 'swift', 'objc', 'dart', 'js', 'gradle', 'csharp', 'python', 'ruby']);
// closing quote, optional whitespace/newlines, `+` (or nothing for adjacent literals), opening quote
const CONCAT = /(["'])[ \t]*(?:\r?\n[ \t]*)?\+[ \t]*(?:\r?\n[ \t]*)?@?\1/g;
const ADJACENT = /(["'])[ \t]*(?:\r?\n[ \t]*)?@?\1(?=[^\s,;)\]}])/g;
// JS/TS template literals joined with a plus: `a` + `b` (no interpolation needed to be a value)
const CONCAT_TEMPLATE = /`[ \t]*(?:\r?\n[ \t]*)?\+[ \t]*(?:\r?\n[ \t]*)?`/g;
const XCCONFIG_EMPTY = /\$\(\)/g;

export function normalize(text: string, kind: FileKind): NormalizedText {
  const cuts: Array<[number, number]> = [];
  const collect = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) cuts.push([m.index, m.index + m[0].length]);
  };
  if (kind === 'xcconfig') collect(XCCONFIG_EMPTY);
  if (CODE_KINDS.has(kind)) {
    collect(CONCAT);
    if (kind === 'dart' || kind === 'objc') collect(ADJACENT);
    if (kind === 'js') collect(CONCAT_TEMPLATE);
  }
  if (cuts.length === 0) return { text, toOriginal: (o: number) => o };
  cuts.sort((a, b) => a[0] - b[0]);
  // Build the joined text and, per cut, the normalized offset where it happened and the shift.
  let out = '';
  let last = 0;
  const at: number[] = [];
  const shift: number[] = [];
  let removed = 0;
  for (const [s, e] of cuts) {
    if (s < last) continue; // overlapping cuts: keep the first
    out += text.slice(last, s);
    removed += e - s;
    at.push(out.length);
    shift.push(removed);
    last = e;
  }
  out += text.slice(last);
  return {
    text: out,
    toOriginal(offset: number, isEnd = false): number {
      // the shift of the last cut at (or, for an end, strictly) before this offset
      let lo = 0;
      let hi = at.length - 1;
      let k = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (at[mid] < offset || (!isEnd && at[mid] === offset)) { k = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return offset + (k < 0 ? 0 : shift[k]);
    },
  };
}
