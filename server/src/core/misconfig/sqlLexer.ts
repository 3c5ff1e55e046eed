// A small PostgreSQL lexer for Supabase migrations: splits a script into statements and tokens
// so that comments, string literals, quoted identifiers and dollar-quoted bodies (functions,
// DO blocks) never look like DDL.
import { LIMITS } from './report';

export type SqlTokenType = 'word' | 'ident' | 'str' | 'num' | 'punct';
export interface SqlToken {
  type: SqlTokenType;
  /** Lower-cased for `word`; the literal text for `ident` (quoted identifier) and `str`. */
  value: string;
  start: number;
  end: number;
}
export interface SqlStatement { tokens: SqlToken[]; start: number; end: number }

export class SqlSyntaxError extends Error {
  /** The complete statements before the problem (they are still worth analyzing). */
  statements: SqlStatement[] = [];
  constructor(message: string, readonly offset: number) { super(message); }
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Statements of a SQL script; throws SqlSyntaxError on unterminated comments, strings or bodies. */
export function splitStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  try {
    return lex(text, out);
  } catch (e) {
    if (e instanceof SqlSyntaxError) e.statements = out;
    throw e;
  }
}

function lex(text: string, out: SqlStatement[]): SqlStatement[] {
  let cur: SqlToken[] = [];
  let count = 0;
  const n = text.length;
  const flush = (end: number) => {
    if (cur.length) out.push({ tokens: cur, start: cur[0].start, end });
    cur = [];
  };
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && text[i + 1] === '-') { const nl = text.indexOf('\n', i); i = nl < 0 ? n : nl + 1; continue; }
    if (c === '/' && text[i + 1] === '*') { i = skipBlockComment(text, i); continue; }
    if (++count > LIMITS.maxTokens) throw new SqlSyntaxError(`more than ${LIMITS.maxTokens} tokens`, i);
    const start = i;
    if (c === ';') { flush(i + 1); i++; continue; }
    if (c === "'" || ((c === 'E' || c === 'e') && text[i + 1] === "'")) {
      const backslash = c !== "'";
      i = c === "'" ? i + 1 : i + 2;
      for (;;) {
        if (i >= n) throw new SqlSyntaxError('unterminated string literal', start);
        if (backslash && text[i] === '\\') { i += 2; continue; }
        if (text[i] === "'") { if (text[i + 1] === "'") { i += 2; continue; } break; }
        i++;
      }
      i++;
      cur.push({ type: 'str', value: text.slice(start, i), start, end: i });
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new SqlSyntaxError('unterminated quoted identifier', start);
        if (text[i] === '"') { if (text[i + 1] === '"') { i += 2; continue; } break; }
        i++;
      }
      i++;
      cur.push({ type: 'ident', value: text.slice(start + 1, i - 1).replace(/""/g, '"'), start, end: i });
    } else if (c === '$' && /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.test(text.slice(i, i + 64))) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64))![0];
      const close = text.indexOf(tag, i + tag.length);
      if (close < 0) throw new SqlSyntaxError(`unterminated dollar-quoted string ${tag}`, start);
      i = close + tag.length;
      cur.push({ type: 'str', value: text.slice(start, i), start, end: i });
    } else if (WORD_START.test(c)) {
      while (i < n && WORD_PART.test(text[i])) i++;
      cur.push({ type: 'word', value: text.slice(start, i).toLowerCase(), start, end: i });
    } else if (c >= '0' && c <= '9') {
      while (i < n && /[0-9.]/.test(text[i])) i++;
      cur.push({ type: 'num', value: text.slice(start, i), start, end: i });
    } else {
      const two = text.slice(i, i + 2);
      const v = two === '::' || two === '<>' || two === '!=' || two === '<=' || two === '>=' ? two : c;
      i += v.length;
      cur.push({ type: 'punct', value: v, start, end: i });
    }
  }
  flush(n);
  return out;
}

/** PostgreSQL block comments nest. */
function skipBlockComment(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') { depth++; i += 2; }
    else if (text[i] === '*' && text[i + 1] === '/') { depth--; i += 2; if (depth === 0) return i; }
    else i++;
  }
  throw new SqlSyntaxError('unterminated /* comment', from);
}

/** A cursor over one statement's tokens with the small look-ahead DDL parsing needs. */
export class Cursor {
  i = 0;
  constructor(readonly t: readonly SqlToken[]) {}
  peek(k = 0): SqlToken | undefined { return this.t[this.i + k]; }
  /** True (and advances) when the next tokens are these keywords. */
  eat(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      const tk = this.t[this.i + k];
      if (!tk || (tk.type !== 'word' && tk.type !== 'punct') || tk.value !== words[k]) return false;
    }
    this.i += words.length;
    return true;
  }
  /** `name`, `"Name"`, `schema.name`; returns schema (or undefined) and name. */
  qualifiedName(): { schema?: string; name: string; end: number } | undefined {
    const a = this.t[this.i];
    if (!a || (a.type !== 'word' && a.type !== 'ident')) return undefined;
    this.i++;
    if (this.peek()?.value === '.' && this.peek()?.type === 'punct') {
      const b = this.t[this.i + 1];
      if (b && (b.type === 'word' || b.type === 'ident')) { this.i += 2; return { schema: a.value, name: b.value, end: b.end }; }
    }
    return { name: a.value, end: a.end };
  }
  /** Tokens inside the parenthesized group starting at the cursor (cursor moves past it). */
  group(): SqlToken[] | undefined {
    if (this.peek()?.value !== '(') return undefined;
    const from = this.i + 1;
    let depth = 0;
    for (; this.i < this.t.length; this.i++) {
      const v = this.t[this.i].type === 'punct' ? this.t[this.i].value : '';
      if (v === '(') depth++;
      else if (v === ')' && --depth === 0) { this.i++; return this.t.slice(from, this.i - 1); }
    }
    return this.t.slice(from);
  }
}
