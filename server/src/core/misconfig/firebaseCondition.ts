// Classifies a Firebase rule condition (Firestore/Storage `if …`, Realtime Database expression)
// by who it lets in: everyone, everyone until a date (test mode), any signed-in user, or fewer.
import { tokenize, type Token } from './firebaseRulesLang';

export type Access = 'open' | 'test' | 'auth' | 'other' | 'closed';
export interface Classified { access: Access; until?: Date }

// Most permissive first: `||` keeps the most permissive side, `&&` the most restrictive one.
const RANK: Record<Access, number> = { open: 0, test: 1, auth: 2, other: 3, closed: 4 };
const MAX_DEPTH = 200;

/** Classifies a Realtime Database `.read`/`.write` value (`true`, `"true"`, `"now < 1700000000000"`…). */
export function classifyRtdb(value: unknown): Classified {
  if (value === true) return { access: 'open' };
  if (value === false) return { access: 'closed' };
  if (typeof value !== 'string') return { access: 'other' };
  try {
    return classifyTokens(tokenize(value));
  } catch {
    return { access: 'other' }; // an expression we cannot read is not reported
  }
}

/** Classifies condition tokens; an empty condition (`allow read;`) lets everyone in. */
export function classifyTokens(tokens: readonly Token[]): Classified {
  if (tokens.length === 0) return { access: 'open' };
  try {
    return new Classifier(tokens).run();
  } catch {
    return { access: 'other' };
  }
}

class Classifier {
  private i = 0;
  constructor(private readonly t: readonly Token[]) {}

  run(): Classified {
    const c = this.or(0);
    return this.i < this.t.length ? { access: 'other' } : c;
  }

  private op(v: string): boolean {
    const tk = this.t[this.i];
    if (tk && tk.type === 'punct' && tk.value === v) { this.i++; return true; }
    return false;
  }

  private or(d: number): Classified {
    let acc = this.and(d);
    while (this.op('||')) {
      const next = this.and(d);
      if (RANK[next.access] < RANK[acc.access]) acc = next;
    }
    return acc;
  }

  private and(d: number): Classified {
    let acc = this.unary(d);
    while (this.op('&&')) {
      const next = this.unary(d);
      if (RANK[next.access] > RANK[acc.access]) acc = next;
    }
    return acc;
  }

  private unary(d: number): Classified {
    if (d > MAX_DEPTH) throw new Error('condition nested too deeply');
    if (this.op('!')) {
      const inner = this.unary(d + 1);
      return inner.access === 'open' ? { access: 'closed' } : inner.access === 'closed' ? { access: 'open' } : { access: 'other' };
    }
    const start = this.i;
    // A parenthesized sub-expression that forms the whole atom.
    if (this.t[this.i]?.value === '(' && this.t[this.i].type === 'punct') {
      this.i++;
      const inner = this.or(d + 1);
      if (this.op(')') && this.atAtomEnd()) return inner;
      this.i = start;
    }
    let depth = 0;
    while (this.i < this.t.length) {
      const tk = this.t[this.i];
      if (tk.type === 'punct') {
        if (depth === 0 && (tk.value === '&&' || tk.value === '||' || tk.value === ')' || tk.value === ']')) break;
        if ('([{'.includes(tk.value)) depth++;
        else if (')]}'.includes(tk.value)) depth--;
      }
      this.i++;
    }
    return classifyAtom(this.t.slice(start, this.i));
  }

  private atAtomEnd(): boolean {
    const tk = this.t[this.i];
    return !tk || (tk.type === 'punct' && ['&&', '||', ')', ']'].includes(tk.value));
  }
}

const AUTH = /^(?:(?:request\.)?auth(?:\.uid)?(?:!=|!==)null|null(?:!=|!==)(?:request\.)?auth(?:\.uid)?)$/;
const FS_TEST = /^request\.time<=?timestamp\.date\((\d{4}),(\d{1,2}),(\d{1,2})\)$/;
const FS_TEST_REV = /^timestamp\.date\((\d{4}),(\d{1,2}),(\d{1,2})\)>=?request\.time$/;
const FS_TEST_MS = /^request\.time<=?timestamp\.value\((\d+)\)$/;
const RTDB_TEST = /^now<=?(\d+)$/;
const RTDB_TEST_REV = /^(\d+)>=?now$/;

function classifyAtom(tokens: readonly Token[]): Classified {
  const s = tokens.map((t) => (t.type === 'str' ? JSON.stringify(t.value) : t.value)).join('');
  if (s === 'true') return { access: 'open' };
  if (s === 'false') return { access: 'closed' };
  if (AUTH.test(s)) return { access: 'auth' };
  const m = FS_TEST.exec(s) ?? FS_TEST_REV.exec(s);
  if (m) return { access: 'test', until: new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) };
  const ms = FS_TEST_MS.exec(s) ?? RTDB_TEST.exec(s) ?? RTDB_TEST_REV.exec(s);
  if (ms) return { access: 'test', until: new Date(Number(ms[1])) };
  return { access: 'other' };
}
