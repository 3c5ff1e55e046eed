// Tokenizer and parser for the Firebase Security Rules language (firestore.rules, storage.rules):
// finds `match` blocks with their full paths and `allow <methods>[: if <condition>];` statements.
// Comments and strings never produce tokens that the parser acts on; conditions may span lines.
import { LIMITS } from './report';

export type TokenType = 'id' | 'num' | 'str' | 'punct';
export interface Token { type: TokenType; value: string; start: number; end: number }

const PUNCT3 = ['===', '!=='];
const PUNCT2 = ['==', '!=', '<=', '>=', '&&', '||'];
const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36; // A-Z a-z _ $
const isDigit = (c: number) => c >= 48 && c <= 57;

export class RulesSyntaxError extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

/** Tokens of a rules file or a Realtime Database rule expression; throws RulesSyntaxError. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\ufeff') { i++; continue; }
    if (c === '/' && text[i + 1] === '/') { const nl = text.indexOf('\n', i); i = nl < 0 ? n : nl + 1; continue; }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new RulesSyntaxError('unterminated /* comment', i);
      i = close + 2;
      continue;
    }
    if (out.length >= LIMITS.maxTokens) throw new RulesSyntaxError(`more than ${LIMITS.maxTokens} tokens`, i);
    const start = i;
    if (c === '`') { // template literals (Amplify resource.ts), may span lines
      i++;
      while (i < n && text[i] !== '`') i += text[i] === '\\' ? 2 : 1;
      if (i >= n) throw new RulesSyntaxError('unterminated template literal', start);
      i++;
      out.push({ type: 'str', value: text.slice(start + 1, i - 1), start, end: i });
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n') throw new RulesSyntaxError('unterminated string', start);
        i++;
      }
      if (i >= n) throw new RulesSyntaxError('unterminated string', start);
      i++;
      out.push({ type: 'str', value: text.slice(start + 1, i - 1), start, end: i });
    } else if (isIdStart(text.charCodeAt(i))) {
      while (i < n && (isIdStart(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)))) i++;
      out.push({ type: 'id', value: text.slice(start, i), start, end: i });
    } else if (isDigit(text.charCodeAt(i))) {
      while (i < n && (isDigit(text.charCodeAt(i)) || text[i] === '.' || text[i] === '_')) i++;
      out.push({ type: 'num', value: text.slice(start, i), start, end: i });
    } else {
      const three = text.slice(i, i + 3);
      const two = text.slice(i, i + 2);
      const v = PUNCT3.includes(three) ? three : PUNCT2.includes(two) ? two : c;
      i += v.length;
      out.push({ type: 'punct', value: v, start, end: i });
    }
  }
  return out;
}

export interface AllowStatement {
  methods: string[];
  /** Condition tokens (empty when there is no `: if …`). */
  condition: Token[];
  start: number;
  end: number;
}

export interface MatchBlock {
  /** Full path including the parents' paths, e.g. `/databases/{database}/documents/users/{uid}`. */
  path: string;
  /** This block's own path segments. */
  segments: string[];
  start: number;
  allows: AllowStatement[];
  children: MatchBlock[];
}

export interface RulesFile {
  /** `cloud.firestore`, `firebase.storage`, … */
  service: string;
  matches: MatchBlock[];
}

/** Parses a rules file; throws RulesSyntaxError on input it cannot follow. */
export function parseRules(text: string): RulesFile[] {
  return new Parser(tokenize(text), text.length).parseFile();
}

class Parser {
  private i = 0;
  constructor(private readonly t: Token[], private readonly textEnd: number) {}

  private peek(k = 0): Token | undefined { return this.t[this.i + k]; }
  private is(v: string, k = 0): boolean { const tk = this.t[this.i + k]; return !!tk && tk.type !== 'str' && tk.value === v; }

  parseFile(): RulesFile[] {
    const services: RulesFile[] = [];
    while (this.i < this.t.length) {
      if (this.is('service')) {
        this.i++;
        let name = '';
        while (this.peek() && !this.is('{')) name += this.t[this.i++].value;
        if (!this.is('{')) throw new RulesSyntaxError(`service ${name} has no body`, this.textEnd);
        this.i++;
        const matches: MatchBlock[] = [];
        this.parseBlock('', matches, [], 1);
        services.push({ service: name, matches });
      } else this.i++; // rules_version = '2'; and stray tokens
    }
    return services;
  }

  /** Parses statements until the closing `}` of the current block (consumed). */
  private parseBlock(parentPath: string, matches: MatchBlock[], allows: AllowStatement[], depth: number): void {
    if (depth > LIMITS.maxDepth) throw new RulesSyntaxError(`blocks nested deeper than ${LIMITS.maxDepth}`, this.peek()?.start ?? this.textEnd);
    while (this.i < this.t.length) {
      const tk = this.t[this.i];
      if (this.is('}')) { this.i++; return; }
      if (this.is('match') && this.is('/', 1)) {
        this.i++;
        const segments = this.parsePath();
        if (!this.is('{')) throw new RulesSyntaxError('match path is not followed by a block', this.peek()?.start ?? this.textEnd);
        this.i++;
        const block: MatchBlock = { path: parentPath + segments.map((s) => `/${s}`).join(''), segments, start: tk.start, allows: [], children: [] };
        matches.push(block);
        this.parseBlock(block.path, block.children, block.allows, depth + 1);
      } else if (this.is('allow') && this.peek(1)?.type === 'id') {
        allows.push(this.parseAllow());
      } else if (this.is('function')) {
        this.skipFunction(depth);
      } else this.i++;
    }
    throw new RulesSyntaxError('missing closing }', this.textEnd);
  }

  private parsePath(): string[] {
    const segments: string[] = [];
    while (this.is('/')) {
      const slash = this.t[this.i++];
      let seg = '';
      if (this.is('{') && this.t[this.i].start === slash.end) {
        this.i++;
        while (this.peek() && !this.is('}')) seg += this.t[this.i++].value;
        if (!this.is('}')) throw new RulesSyntaxError('unterminated path wildcard', slash.start);
        this.i++;
        seg = `{${seg}}`;
      } else {
        let end = slash.end;
        while (this.peek() && this.t[this.i].start === end && !this.is('/') && !this.is('{')) {
          seg += this.t[this.i].type === 'str' ? JSON.stringify(this.t[this.i].value) : this.t[this.i].value;
          end = this.t[this.i++].end;
        }
      }
      segments.push(seg);
    }
    return segments;
  }

  private parseAllow(): AllowStatement {
    const start = this.t[this.i++].start;
    const methods: string[] = [];
    let end = start;
    // `allow read, write` — after the first method another one needs a comma, so a missing `;`
    // (`allow create\n allow read: …`) does not merge two statements.
    while (this.peek()?.type === 'id') {
      const tk = this.t[this.i++];
      methods.push(tk.value);
      end = tk.end;
      if (!this.is(',') || this.peek(1)?.type !== 'id') break;
      this.i++;
    }
    const condition: Token[] = [];
    if (this.is(':')) {
      end = this.t[this.i++].end;
      if (this.is('if')) end = this.t[this.i++].end;
      let depth = 0;
      while (this.peek()) {
        const tk = this.t[this.i];
        if (depth === 0 && (tk.value === ';' || tk.value === '}') && tk.type === 'punct') break;
        if (depth === 0 && tk.type === 'id' && (tk.value === 'allow' || tk.value === 'match') && condition.length > 0) break;
        if (tk.type === 'punct' && '([{'.includes(tk.value)) depth++;
        if (tk.type === 'punct' && ')]}'.includes(tk.value)) depth = Math.max(0, depth - 1);
        condition.push(tk);
        end = tk.end;
        this.i++;
      }
    }
    if (this.is(';')) end = this.t[this.i++].end;
    return { methods, condition, start, end };
  }

  private skipFunction(depth: number): void {
    this.i++;
    while (this.peek() && !this.is('{') && !this.is('}')) this.i++;
    if (!this.is('{')) return;
    let d = 0;
    do {
      if (this.is('{')) d++;
      else if (this.is('}')) d--;
      this.i++;
      if (d > LIMITS.maxDepth + depth) throw new RulesSyntaxError('function body nested too deeply', this.t[this.i - 1].start);
    } while (this.peek() && d > 0);
    if (d > 0) throw new RulesSyntaxError('function body has no closing }', this.textEnd);
  }
}
