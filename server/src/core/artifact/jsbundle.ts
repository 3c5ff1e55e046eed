// React Native bundle reader (index.android.bundle, main.jsbundle). Plain bundles are minified
// JS with multi-megabyte lines: one linear pass extracts the string literals (with the object key
// or variable they are assigned to, and `"a" + "b"` joined) instead of feeding whole lines to every
// rule. Bundles compiled to Hermes bytecode are handed to the Hermes reader.
import type { FormatReader, ReaderResult } from './types';
import { StringSink } from './cstrings';
import { isHermes, readHermes } from './hermes';

const MIN_LENGTH = 4;
const MAX_TEMPLATE_NESTING = 64;
/** Tokens after which `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set('(,=:[!&|?{};~^%*+-<>'.split(''));
const REGEX_KEYWORDS = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|void|throw|delete|new|yield|await)$/;

export const readJsBundle: FormatReader = (bytes, entry): ReaderResult => {
  if (isHermes(bytes)) return readHermes(bytes, entry);
  const sink = new StringSink(`JS bundle ${entry}`);
  try {
    scanLiterals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), sink);
  } catch (e) {
    sink.error(`internal error in the JS bundle reader (please report): ${(e as Error).message}`);
  }
  return sink.result();
};

/** Extracts string and template literals from JS source in one pass (comments and regexes skipped). */
export function scanLiterals(src: string, sink: StringSink): void {
  let pending: { value: string; key?: string; end: number } | undefined;
  const flush = () => {
    if (pending && pending.value.length >= MIN_LENGTH) sink.add(pending.value, pending.key);
    pending = undefined;
  };
  // Open template literals whose `${…}` expression is being scanned (literals inside it count too);
  // `depth` counts the braces opened inside the expression.
  const templates: Array<{ value: string; key?: string; depth: number }> = [];
  const literal = (value: string, start: number, end: number, key: string | undefined) => {
    // `"a" + "b"`: join with the previous literal when only a plus sign separates them
    if (pending && /^\s*\+\s*$/.test(src.slice(pending.end, start))) {
      pending.value += value;
      pending.end = end;
    } else {
      flush();
      pending = { value, key, end };
    }
  };
  let i = 0;
  const n = src.length;
  while (i < n && !sink.full) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') { i = lineEnd(src, i); continue; }
    if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === '/' && startsRegex(src, i)) { i = regexEnd(src, i); continue; }
    const open = templates[templates.length - 1];
    if (open && c === '{') open.depth++;
    if (open && c === '}' && open.depth-- === 0) {
      // back in the template text after `${…}`
      const part = readString(src, i);
      open.value += '${}' + part.value;
      i = part.end;
      if (part.open) { open.depth = 0; continue; }
      templates.pop();
      flush();
      if (open.value.length >= MIN_LENGTH) sink.add(open.value, open.key);
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const lit = readString(src, i);
      if (lit.open && templates.length < MAX_TEMPLATE_NESTING) {
        templates.push({ value: lit.value, key: keyBefore(src, i), depth: 0 });
      } else if (!isObjectKey(src, i, lit.end)) { // `{"apiKey": …}`: a name, not a value
        literal(lit.value, i, lit.end, keyBefore(src, i));
      }
      i = lit.end;
      continue;
    }
    i++;
  }
  flush();
}

function lineEnd(src: string, i: number): number {
  const e = src.indexOf('\n', i);
  return e < 0 ? src.length : e;
}

/** `/` starts a regex when the previous significant character cannot end an expression. */
function startsRegex(src: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /\s/.test(src[j])) j--;
  if (j < 0) return true;
  if (REGEX_AFTER.has(src[j])) return true;
  return REGEX_KEYWORDS.test(src.slice(Math.max(0, j - 10), j + 1));
}

/** End of a regex literal (past its flags); a class `[...]` may contain `/`. Stops at a newline. */
function regexEnd(src: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') { j++; continue; }
    if (c === '\n') return j;
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let k = j + 1;
      while (k < src.length && /[a-z]/i.test(src[k])) k++;
      return k;
    }
  }
  return src.length;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

/**
 * Reads the literal starting at quote `i` (or, for a template, at the `}` closing a `${…}`);
 * returns its cooked value and the index past it. `open`: a template stopped at `${`.
 */
function readString(src: string, i: number): { value: string; end: number; open?: boolean } {
  const q = src[i] === '}' ? '`' : src[i];
  let out = '';
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === q) return { value: out, end: j + 1 };
    if (c === '\n' && q !== '`') return { value: out, end: j };
    if (c === '\\') {
      const d = src[j + 1];
      if (d === 'x' && /^[0-9a-f]{2}$/i.test(src.slice(j + 2, j + 4))) { out += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)); j += 4; continue; }
      if (d === 'u') {
        const m = /^u(?:\{([0-9a-f]{1,6})\}|([0-9a-f]{4}))/i.exec(src.slice(j + 1, j + 11));
        const code = m ? parseInt(m[1] ?? m[2], 16) : NaN;
        if (m && code <= 0x10ffff) { out += String.fromCodePoint(code); j += 1 + m[0].length; continue; }
      }
      if (d === '\r' || d === '\n') { j += d === '\r' && src[j + 2] === '\n' ? 3 : 2; continue; }
      out += d === undefined ? '' : ESCAPES[d] ?? d;
      j += 2;
      continue;
    }
    if (q === '`' && c === '$' && src[j + 1] === '{') return { value: out, end: j + 2, open: true };
    out += c;
    j++;
  }
  return { value: out, end: src.length };
}

/** A quoted property name: `{` or `,` before it, `:` after it. */
function isObjectKey(src: string, start: number, end: number): boolean {
  let j = end;
  while (j < src.length && (src[j] === ' ' || src[j] === '\t')) j++;
  if (src[j] !== ':') return false;
  let k = start - 1;
  while (k >= 0 && /\s/.test(src[k])) k--;
  return src[k] === '{' || src[k] === ',';
}

/** The object key / variable a literal at `i` is assigned to: `KEY:"…"`, `"KEY":"…"`, `KEY="…"`. */
function keyBefore(src: string, i: number): string | undefined {
  let j = i - 1;
  while (j >= 0 && (src[j] === ' ' || src[j] === '\t')) j--;
  if (src[j] !== ':' && src[j] !== '=') return undefined;
  if (src[j] === '=' && /[=!<>+\-*/%&|^]/.test(src[j - 1] ?? '')) return undefined; // ==, +=, …
  j--;
  while (j >= 0 && (src[j] === ' ' || src[j] === '\t')) j--;
  const end = j + 1;
  if (src[j] === '"' || src[j] === "'") {
    const open = src.lastIndexOf(src[j], j - 1);
    if (open < 0 || j - open > 100) return undefined;
    const key = src.slice(open + 1, j);
    return /^[\w.$-]+$/.test(key) ? key : undefined;
  }
  while (j >= 0 && end - j <= 100 && /[\w$]/.test(src[j])) j--;
  const key = src.slice(j + 1, end);
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : undefined;
}
