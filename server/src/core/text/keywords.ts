// The scanner's keyword prefilter: which of a fixed set of keywords occur in a text, ignoring case
// (exactly the keywords that `text.toLowerCase()` contains), in one pass over the characters.
// An Aho–Corasick automaton: one table step per character, whatever the number of keywords. It
// replaced a regex alternation of the keywords, whose cost grows with their count: with the 68
// keywords of the current catalog the regex took 240–330 ms of CPU on the bench's 45 MB tree, the
// automaton 100 ms (and no lower-cased copy of each file). The CLI asks it of a file's bytes
// before decoding them (`occursInUtf8`, a byte-wide table: about 2× faster again): most files
// hold no keyword and are never decoded.

/** Slots per state in the transition table: a power of two above the alphabet size. */
const STRIDE_SHIFT = 7;
const STRIDE = 1 << STRIDE_SHIFT;

/** `İ`: a native search, nearly free on the usual one-byte strings (which cannot hold it). */
const DOTTED_I = /\u0130/;

export class KeywordMatcher {
  /** Character code → its class in the keywords' alphabet (0: a character no keyword has). */
  private readonly classOf = new Uint8Array(0x10000);
  /**
   * The automaton over bytes for `occursInUtf8`: `byteNext[state + byte]`, states premultiplied by
   * 256 and numbered so that those where a keyword ends (or UNSURE) come last, from `byteAccept`
   * on: one load and one comparison per byte (the class and end tables folded in).
   */
  private byteNext?: Int32Array;
  private byteAccept = 0;
  /** Byte → class (bytes of UTF-8 text), for building `byteNext` when first needed. */
  private readonly byteClass: Uint8Array;
  /**
   * Transitions: `next[state + class]`. States are stored premultiplied by STRIDE, so the step is
   * one addition and one load (measured 2× faster than `state * alphabetSize + class`).
   */
  private readonly next: Int32Array;
  /** Keywords (indexes into `keywords`) ending in each state, by state number; empty for most. */
  private readonly ends: number[][];
  /** 1 for states where a keyword ends: the hot loop tests this byte, not `ends`. */
  private readonly isEnd: Uint8Array;
  /** Some keyword has an `i`: a text with `İ` (U+0130), whose lower case is two characters (`i̇`), is read lower-cased. */
  private readonly dottedI: boolean;
  /** The keywords, lower-cased and without duplicates. */
  readonly keywords: readonly string[];
  /** Length of the longest keyword. */
  private readonly longest: number;

  /** `keywords`: ASCII (every keyword of the catalog is). */
  constructor(keywords: Iterable<string>) {
    this.keywords = [...new Set([...keywords].map((k) => k.toLowerCase()))];
    const lower = this.keywords;
    this.longest = Math.max(1, ...lower.map((k) => k.length));
    const alphabet = [...new Set(lower.join('').split(''))];
    if (alphabet.some((ch) => ch.charCodeAt(0) > 0x7f)) throw new Error('keywords must be ASCII');
    if (alphabet.length + 2 > STRIDE) throw new Error(`keyword alphabet too large (${alphabet.length} characters)`);
    alphabet.forEach((ch, i) => {
      this.classOf[ch.charCodeAt(0)] = i + 1;
      this.classOf[ch.toUpperCase().charCodeAt(0)] = i + 1;
    });
    // The only characters outside ASCII whose lower case holds an ASCII letter (Unicode 15; a unit
    // test checks the claim): the Kelvin sign (→ `k`) and `İ` (→ `i` + a combining dot).
    this.classOf[0x212a] = this.classOf[0x6b];
    this.dottedI = this.classOf[0x69] !== 0;
    // the same for the bytes of UTF-8 text; the lead bytes of `İ` and the Kelvin sign go to UNSURE
    const byteClass = this.classOf.slice(0, 0x100).fill(0, 0x80);
    const unsureClass = alphabet.length + 1;
    byteClass[0xc4] = unsureClass; // İ is C4 B0
    byteClass[0xe2] = unsureClass; // the Kelvin sign is E2 84 AA

    // the trie of the keywords (goto function), by state number
    const trie: Array<Map<number, number>> = [new Map()];
    const ends: number[][] = [[]];
    lower.forEach((k, index) => {
      let s = 0;
      for (const ch of k) {
        const c = this.classOf[ch.charCodeAt(0)];
        let t = trie[s].get(c);
        if (t === undefined) { t = trie.length; trie.push(new Map()); ends.push([]); trie[s].set(c, t); }
        s = t;
      }
      ends[s].push(index);
    });
    // one more state after the trie's: UNSURE, where every state goes on an unsure byte
    const unsure = trie.length;
    ends.push([]);
    // breadth-first: failure links, the keywords each state inherits from them, full transitions
    const next = new Int32Array((trie.length + 1) * STRIDE);
    const fail = new Array<number>(trie.length).fill(0);
    const queue: number[] = [];
    for (const [c, t] of trie[0]) { next[c] = t * STRIDE; queue.push(t); }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      ends[s] = [...ends[s], ...ends[fail[s]]];
      for (let c = 1; c <= alphabet.length; c++) {
        const t = trie[s].get(c);
        if (t === undefined) { next[s * STRIDE + c] = next[fail[s] * STRIDE + c]; continue; }
        fail[t] = next[fail[s] * STRIDE + c] / STRIDE;
        next[s * STRIDE + c] = t * STRIDE;
        queue.push(t);
      }
    }
    for (let s = 0; s <= unsure; s++) next[s * STRIDE + unsureClass] = unsure * STRIDE;
    this.next = next;
    this.ends = ends;
    this.isEnd = Uint8Array.from(ends, (e, s) => (e.length > 0 || s === unsure ? 1 : 0));
    this.byteClass = byteClass;
  }

  /**
   * The keywords (lower-cased) that occur in `text`, ignoring case. The text is read as two halves
   * side by side in one loop (the first one running on past the middle by the longest keyword less
   * one character, so no occurrence is cut): the two table lookups per step do not wait on each
   * other, which makes the loop about 1.4× faster than one state walking the whole text.
   */
  find(text: string): Set<string> {
    if (this.dottedI && DOTTED_I.test(text)) return this.findLowerCased(text);
    const found = new Set<string>();
    const { next, classOf, isEnd } = this;
    const n = text.length;
    const mid = n >> 1;
    const firstEnd = Math.min(n, mid + this.longest - 1);
    let a = 0;
    let b = 0;
    let i = 0;
    // the second half: [mid, n), alongside [0, n - mid) of the first
    for (const stop = n - mid; i < stop; i++) {
      a = next[a + classOf[text.charCodeAt(i)]];
      b = next[b + classOf[text.charCodeAt(mid + i)]];
      if ((isEnd[a >> STRIDE_SHIFT] | isEnd[b >> STRIDE_SHIFT]) !== 0) {
        this.collect(a, found);
        this.collect(b, found);
        if (found.size === this.keywords.length) return found;
      }
    }
    // the first half's run past the middle
    for (; i < firstEnd; i++) {
      a = next[a + classOf[text.charCodeAt(i)]];
      if (isEnd[a >> STRIDE_SHIFT] === 1) this.collect(a, found);
    }
    return found;
  }

  /**
   * Whether the text of `bytes` (UTF-8, no UTF-16 BOM) holds a keyword, ignoring case: false
   * exactly when `find` of the decoded text is empty. Read without decoding: an ASCII byte is its
   * character and any other byte, like any non-ASCII character, is in no keyword; the bytes that
   * start `İ` and the Kelvin sign (which lower-case to ASCII letters) answer true, to be safe.
   * Both halves side by side, as in `find` (a loop of its own: each hot loop stays specialised to
   * its input, a string or bytes).
   */
  occursInUtf8(bytes: Uint8Array): boolean {
    const byteNext = this.byteNext ?? this.buildByteNext();
    const byteAccept = this.byteAccept;
    const n = bytes.length;
    const mid = n >> 1;
    const firstEnd = Math.min(n, mid + this.longest - 1);
    let a = 0;
    let b = 0;
    let i = 0;
    for (const stop = n - mid; i < stop; i++) {
      a = byteNext[a + bytes[i]];
      b = byteNext[b + bytes[mid + i]];
      if (a >= byteAccept || b >= byteAccept) return true;
    }
    for (; i < firstEnd; i++) {
      a = byteNext[a + bytes[i]];
      if (a >= byteAccept) return true;
    }
    return false;
  }

  /** Builds `byteNext` (once: the editor, which reads text, never needs it). */
  private buildByteNext(): Int32Array {
    const { next, isEnd, byteClass } = this;
    const order = [...isEnd.keys()].sort((x, y) => isEnd[x] - isEnd[y] || x - y); // root stays 0
    const numberOf = new Int32Array(order.length);
    order.forEach((state, n) => { numberOf[state] = n; });
    // a byte in no keyword leads back to the root (number 0): the zeros the table starts with
    const bytes = [...byteClass.keys()].filter((byte) => byteClass[byte] !== 0);
    const table = new Int32Array(order.length * 0x100);
    for (const state of order) {
      const row = numberOf[state] * 0x100;
      for (const byte of bytes) table[row + byte] = numberOf[next[state * STRIDE + byteClass[byte]] >> STRIDE_SHIFT] << 8;
    }
    this.byteAccept = isEnd.filter((e) => e === 0).length * 0x100;
    this.byteNext = table;
    return table;
  }

  /** Adds the keywords ending in `state` (premultiplied) to `found`. */
  private collect(state: number, found: Set<string>): void {
    for (const k of this.ends[state >> STRIDE_SHIFT]) found.add(this.keywords[k]);
  }

  /** The rare text with a character such as `İ`: matched on its lower case, as the regex prefilter did. */
  private findLowerCased(text: string): Set<string> {
    const lower = text.toLowerCase();
    return new Set(this.keywords.filter((k) => lower.includes(k)));
  }
}
