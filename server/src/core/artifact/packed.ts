// The strings of one entry packed as the one text the rules read (strings-scan.ts): one string a
// line, `<string name="KEY">VALUE</string>` when the format names the value, the bare value
// otherwise, with the line each string starts on. Readers with many strings (a DEX: 73,788 in the
// 10 MB classes.dex of bench/artifact.ts) write it straight from their bytes, so no object or JS
// string is made per string: fewer allocations, less garbage to collect, a lower peak (issue 15).
// The text is built in a latin1 byte buffer and decoded once; a string with a character above
// U+00FF is kept as a piece of its own and the pieces are joined (the text is then two-byte, as
// a join of the strings would be).
import type { ExtractedString } from './types';

export interface PackedStrings {
  text: string;
  /** Strings packed. */
  count: number;
  /** 1-based line of the text where string i starts (a value with newlines spans several). */
  startLine: Int32Array;
  /** The key of each named string, by index. */
  keys: ReadonlyMap<number, string>;
}

export const KEY_TAIL = '</string>';
/** What precedes a named value on its line. */
export const keyHead = (key: string): string => `<string name="${key.replace(/["\n]/g, '_')}">`;

/** A character above U+00FF (surrogates included). */
const WIDE = /[\u0100-\uffff]/;

/** Appends strings to the packed text; `capacity` bounds the latin1 bytes written (see `room`). */
export class PackedBuilder {
  private readonly buf: Buffer;
  private pos = 0;
  private runStart = 0;
  private readonly pieces: string[] = [];
  private readonly startLine: Int32Array;
  private readonly keys = new Map<number, string>();
  private line = 1;
  private n = 0;

  constructor(capacity: number, count: number) {
    this.buf = Buffer.allocUnsafe(capacity);
    this.startLine = new Int32Array(count);
  }

  /** Latin1 bytes needed for a string of `length` characters (at most; wide strings need none). */
  static room(length: number, key?: string): number {
    return length + 1 + (key === undefined ? 0 : keyHead(key).length + KEY_TAIL.length);
  }

  /** A string given as ASCII bytes `src[start, end)`, copied as they are. */
  ascii(src: Uint8Array, start: number, end: number): void {
    this.begin();
    const buf = this.buf;
    let pos = this.pos;
    let newlines = 0;
    for (let k = start; k < end; k++) {
      const c = src[k];
      if (c === 10) newlines++;
      buf[pos++] = c;
    }
    this.pos = pos;
    this.line += newlines;
  }

  /** A string given as a JS string, named by `key` when the format names it. */
  string(value: string, key?: string): void {
    this.begin();
    if (key !== undefined) {
      this.keys.set(this.n - 1, key);
      this.put(keyHead(key));
    }
    this.put(value);
    if (key !== undefined) this.put(KEY_TAIL);
    for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) this.line++;
  }

  finish(): PackedStrings {
    let text: string;
    if (this.pieces.length === 0) text = this.buf.toString('latin1', 0, this.pos);
    else {
      this.pieces.push(this.buf.toString('latin1', this.runStart, this.pos));
      text = this.pieces.join('');
    }
    return { text, count: this.n, startLine: this.n === this.startLine.length ? this.startLine : this.startLine.slice(0, this.n), keys: this.keys };
  }

  /** Starts string n: a newline after the previous one, its first line recorded. */
  private begin(): void {
    if (this.n > 0) {
      this.buf[this.pos++] = 10;
      this.line++;
    }
    this.startLine[this.n++] = this.line;
  }

  private put(s: string): void {
    if (!WIDE.test(s)) {
      this.pos += this.buf.write(s, this.pos, 'latin1');
      return;
    }
    this.pieces.push(this.buf.toString('latin1', this.runStart, this.pos), s);
    this.runStart = this.pos;
  }
}

/** Packs strings a reader has extracted. */
export function packStrings(strings: readonly ExtractedString[]): PackedStrings {
  let capacity = 0;
  for (const s of strings) capacity += PackedBuilder.room(s.value.length, s.key);
  const b = new PackedBuilder(capacity, strings.length);
  for (const s of strings) b.string(s.value, s.key);
  return b.finish();
}

/** The strings back from their packed text (tests, and callers that want a list). */
export function unpackStrings(p: PackedStrings): ExtractedString[] {
  const lineAt: number[] = [0];
  for (let i = p.text.indexOf('\n'); i >= 0; i = p.text.indexOf('\n', i + 1)) lineAt.push(i + 1);
  lineAt.push(p.text.length + 1);
  const out: ExtractedString[] = [];
  for (let i = 0; i < p.count; i++) {
    const from = lineAt[p.startLine[i] - 1];
    const to = lineAt[i + 1 < p.count ? p.startLine[i + 1] - 1 : lineAt.length - 1] - 1;
    const key = p.keys.get(i);
    if (key === undefined) out.push({ value: p.text.slice(from, to) });
    else out.push({ key, value: p.text.slice(from + keyHead(key).length, to - KEY_TAIL.length) });
  }
  return out;
}
