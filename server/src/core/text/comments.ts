// Where the comments of a file are: one linear pass that skips every string-literal kind of the
// file's language (so `"https://…"` is never read as a `//` comment, nor `'#'` as a `#` one).
// The syntax comes per kind family from `commentSyntax` (fileKind.ts), so a new file kind gets the
// right lexer by declaring its comment syntax; languages with extra literal forms add them below.
import { commentSyntax, type FileKind } from './fileKind';

export interface Span {
  start: number;
  end: number;
}

interface StringForm {
  open: string;
  close: string;
  /** Backslash escapes the next character. */
  escapes: boolean;
  /** May span lines (otherwise an unterminated literal ends at the newline). */
  multiline: boolean;
  /** The opener starts with a letter (`r'''`): it must not continue an identifier. */
  word?: boolean;
}

interface Syntax {
  line?: string;
  /** A line comment starts only at the start of a line (after blanks): `.properties` `#`/`!`. */
  lineAtStart?: boolean;
  /** A line comment starts only at a line start or after a blank: shell/YAML/Python `#`. */
  lineAfterBlank?: boolean;
  extraLine?: string;
  block?: [string, string];
  /** Block comments nest (Swift, Kotlin, Dart). */
  nest?: boolean;
  strings: StringForm[];
}

const q = (open: string, close = open, escapes = true, multiline = false, word = false): StringForm => ({ open, close, escapes, multiline, word });
const SINGLE_LINE = [q('"'), q("'")];
const TRIPLE = [q('"""', '"""', true, true), q("'''", "'''", true, true)];
const DART_RAW = [q("r'''", "'''", false, true, true), q('r"""', '"""', false, true, true), q("r'", "'", false, false, true), q('r"', '"', false, false, true)];
// Swift raw strings: #"…"#, ##"…"##, #"""…"""# (no escapes but `\#`; reading them as raw is enough here)
const SWIFT_RAW = [1, 2, 3].flatMap((n) => {
  const h = '#'.repeat(n);
  return [q(`${h}"""`, `"""${h}`, false, true), q(`${h}"`, `"${h}`, false, false)];
});

function syntaxOf(kind: FileKind): Syntax | undefined {
  const c = commentSyntax(kind);
  if (!c) return undefined; // JSON
  if (c.block?.[0] === '<!--') return { block: ['<!--', '-->'], strings: [] };
  if (c.line === '#') {
    if (kind === 'properties') return { line: '#', extraLine: '!', lineAtStart: true, strings: [] };
    return { line: '#', lineAfterBlank: true, strings: [...TRIPLE, ...SINGLE_LINE] };
  }
  if (c.line === '--') return { line: '--', block: ['/*', '*/'], strings: [q("'", "'", false, true)] };
  // the `//` family: C-like code, Gradle, xcconfig, pbxproj, Firebase rules …
  switch (kind) {
    case 'xcconfig': return { line: '//', strings: [] }; // quotes are literal characters in xcconfig
    case 'dart': return { line: '//', block: ['/*', '*/'], nest: true, strings: [...DART_RAW, ...TRIPLE, ...SINGLE_LINE] };
    case 'swift': return { line: '//', block: ['/*', '*/'], nest: true, strings: [...SWIFT_RAW, TRIPLE[0], ...SINGLE_LINE] };
    case 'kotlin': return { line: '//', block: ['/*', '*/'], nest: true, strings: [q('"""', '"""', false, true), ...SINGLE_LINE] };
    case 'gradle': return { line: '//', block: ['/*', '*/'], strings: [...TRIPLE, ...SINGLE_LINE] };
    case 'js': return { line: '//', block: ['/*', '*/'], strings: [q('`', '`', true, true), ...SINGLE_LINE] };
    default: return { line: '//', block: ['/*', '*/'], strings: [TRIPLE[0], ...SINGLE_LINE] }; // Java text blocks, C#, ObjC, …
  }
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\w$]/.test(c);
const escapeClass = (chars: Iterable<string>): string => [...chars].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');

/**
 * A kind's syntax made ready for the scan, once per kind. The lexer jumps from one character that
 * may matter to the next with a regex search (native code) instead of testing every character in
 * JS: 4–5× faster on real code, with the same result.
 */
interface Lexer {
  syntax: Syntax;
  /** String forms, longest opener first. */
  strings: StringForm[];
  /** The first characters of every comment and string opener. */
  openers: RegExp;
  /** Per string form: the characters that may end it (its closer's first, `\\` when it escapes, a newline when single-line). */
  stops: Map<StringForm, RegExp>;
}

const lexers = new Map<FileKind, Lexer | undefined>();

function lexerOf(kind: FileKind): Lexer | undefined {
  if (lexers.has(kind)) return lexers.get(kind);
  const syntax = syntaxOf(kind);
  let lexer: Lexer | undefined;
  if (syntax) {
    const strings = [...syntax.strings].sort((a, b) => b.open.length - a.open.length);
    const firsts = new Set<string>([...strings.map((s) => s.open[0]), syntax.line?.[0], syntax.extraLine, syntax.block?.[0][0]].filter((c): c is string => !!c));
    const stops = new Map(strings.map((f) => [f, new RegExp(`[${escapeClass([f.close[0], ...(f.escapes ? ['\\'] : []), ...(f.multiline ? [] : ['\n'])])}]`, 'g')]));
    lexer = { syntax, strings, openers: new RegExp(`[${escapeClass(firsts)}]`, 'g'), stops };
  }
  lexers.set(kind, lexer);
  return lexer;
}

/** Index of the next match of `re` (a global one-character class) at or after `from`, or -1. */
function nextMatch(re: RegExp, text: string, from: number): number {
  re.lastIndex = from;
  return re.test(text) ? re.lastIndex - 1 : -1; // `test`: no match array to allocate
}

/** The comments of `text` in a file of `kind`, in order (empty for JSON). Linear in the text. */
export function commentSpans(text: string, kind: FileKind): Span[] {
  const lexer = lexerOf(kind);
  if (!lexer) return [];
  const { syntax, strings } = lexer;
  const spans: Span[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    i = nextMatch(lexer.openers, text, i);
    if (i < 0) break;
    if (syntax.block && text.startsWith(syntax.block[0], i)) {
      const end = blockEnd(text, i, syntax.block, !!syntax.nest);
      spans.push({ start: i, end });
      i = end;
      continue;
    }
    if (isLineComment(text, i, syntax)) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      spans.push({ start: i, end });
      i = end;
      continue;
    }
    const form = strings.find((s) => text.startsWith(s.open, i) && !(s.word && isWordChar(text[i - 1])));
    i = form ? stringEnd(text, i + form.open.length, form, lexer.stops.get(form)!) : i + 1;
  }
  return spans;
}

function isLineComment(text: string, i: number, s: Syntax): boolean {
  const marker = s.line && text.startsWith(s.line, i) ? s.line : s.extraLine && text[i] === s.extraLine ? s.extraLine : undefined;
  if (!marker) return false;
  if (s.lineAtStart) {
    let j = i;
    while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
    return j === 0 || text[j - 1] === '\n';
  }
  if (s.lineAfterBlank) return i === 0 || /\s/.test(text[i - 1]);
  return true;
}

function blockEnd(text: string, start: number, [open, close]: [string, string], nest: boolean): number {
  if (!nest) {
    const e = text.indexOf(close, start + open.length);
    return e < 0 ? text.length : e + close.length;
  }
  // jumps to the next opener or closer, whichever comes first (the opener where both start)
  let depth = 0;
  let i = start;
  let nextOpen = text.indexOf(open, i);
  let nextClose = text.indexOf(close, i);
  while (nextClose >= 0) {
    if (nextOpen >= 0 && nextOpen < i) nextOpen = text.indexOf(open, i);
    if (nextClose < i) nextClose = text.indexOf(close, i);
    if (nextOpen >= 0 && (nextClose < 0 || nextOpen <= nextClose)) {
      depth++;
      i = nextOpen + open.length;
      continue;
    }
    if (nextClose < 0) break;
    i = nextClose + close.length;
    if (--depth === 0) return i;
  }
  return text.length;
}

function stringEnd(text: string, from: number, form: StringForm, stops: RegExp): number {
  let i = from;
  while (i < text.length) {
    i = nextMatch(stops, text, i);
    if (i < 0) break;
    if (form.escapes && text[i] === '\\') { i += 2; continue; }
    if (text.startsWith(form.close, i)) return i + form.close.length;
    if (text[i] === '\n' && !form.multiline) return i;
    i++;
  }
  return text.length;
}
