// Just enough of Go's lexical syntax to read other scanners' test cases: string literals
// (raw `…` and interpreted "…"), `+` concatenation, and the few generator calls gitleaks uses
// (secrets.NewSecret(regex), utils.Hex/AlphaNumeric/Numeric(n)), evaluated with a seeded generator.


/** Characters of a regex class body such as `A-Z2-7`, `\w-`, `a-f0-9`. */
function classChars(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === 'w') { out += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'; i++; continue; }
    if (body[i] === '\\' && body[i + 1] === 'd') { out += '0123456789'; i++; continue; }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let c = body.charCodeAt(i); c <= body.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
      continue;
    }
    out += body[i];
  }
  return out;
}

/** A random string for the simple regexes peers generate from: literals, `[class]{n}` / `{m,n}`, `(?i)`. */
export function sample(regex: string, rand: () => number): string {
  const re = regex.replace(/^\(\?i\)|\(\?i\)/g, '');
  let out = '';
  for (let i = 0; i < re.length;) {
    let chars: string;
    if (re[i] === '[') {
      const end = re.indexOf(']', i + 1);
      chars = classChars(re.slice(i + 1, end));
      i = end + 1;
    } else if (re[i] === '\\') {
      chars = classChars(re.slice(i, i + 2));
      i += 2;
    } else {
      chars = re[i];
      i++;
    }
    let n = 1;
    const q = /^\{(\d+)(?:,(\d+))?\}/.exec(re.slice(i));
    if (q) { n = q[2] ? Number(q[1]) + Math.floor(rand() * (Number(q[2]) - Number(q[1]) + 1)) : Number(q[1]); i += q[0].length; }
    for (let k = 0; k < n; k++) out += chars[Math.floor(rand() * chars.length)];
  }
  return out;
}

const HELPERS: Record<string, (n: string) => string> = {
  Hex: (n) => `[a-f0-9]{${n}}`,
  AlphaNumeric: (n) => `[a-zA-Z0-9]{${n}}`,
  AlphaNumericExtended: (n) => `[a-zA-Z0-9=_\\-]{${n}}`,
  Numeric: (n) => `[0-9]{${n}}`,
};

function unquote(lit: string): string {
  if (lit.startsWith('`')) return lit.slice(1, -1);
  return JSON.parse(lit.replace(/\\'/g, "'")) as string;
}

/** Reads one Go string expression (literals, helper calls and `+`) starting at `src[i]`; returns its value and end. */
export function readStringExpr(src: string, i: number, rand: () => number): { value: string; end: number } | undefined {
  let value = '';
  let any = false;
  for (;;) {
    while (/\s/.test(src[i] ?? '')) i++;
    const m = /^(`[^`]*`|"(?:[^"\\\n]|\\.)*")/.exec(src.slice(i))
      ?? /^secrets\.NewSecret\((`[^`]*`|"(?:[^"\\]|\\.)*"|utils\.\w+\("\d+"\))\)/.exec(src.slice(i));
    if (!m) break;
    if (m[0].startsWith('secrets.')) {
      const arg = m[1];
      const helper = /^utils\.(\w+)\("(\d+)"\)$/.exec(arg);
      const regex = helper ? (HELPERS[helper[1]]?.(helper[2]) ?? '') : unquote(arg);
      value += sample(regex, rand);
    } else value += unquote(m[0]);
    any = true;
    i += m[0].length;
    const plus = /^\s*\+\s*/.exec(src.slice(i));
    if (!plus) break;
    i += plus[0].length;
  }
  return any ? { value, end: i } : undefined;
}

/** The string expressions listed inside `name := []string{ … }` and `name = append(name, …)`, plus `GenerateSampleSecret(s)(…, secret)` secrets. */
export function stringList(body: string, name: string, rand: () => number): string[] {
  const out: Array<{ at: number; value: string }> = [];
  const starts = [...body.matchAll(new RegExp(`\\b${name}\\s*:?=\\s*(?:\\[\\]string\\{|append\\(${name},)`, 'g'))];
  for (const s of starts) {
    let i = (s.index ?? 0) + s[0].length;
    for (;;) {
      while (/[\s,]/.test(body[i] ?? '')) i++;
      if (body.startsWith('//', i)) { i = body.indexOf('\n', i); continue; }
      if (body[i] === '}' || body[i] === ')' || i >= body.length) break;
      const gen = /^utils\.GenerateSampleSecrets?\(\s*"[^"]*"\s*,\s*/.exec(body.slice(i));
      if (gen) i += gen[0].length;
      const r = readStringExpr(body, i, rand);
      if (!r) break;
      out.push({ at: i, value: r.value });
      i = r.end;
      if (gen) { const close = body.indexOf(')', i); i = close + 1; }
      if (body.startsWith('...', i)) i += 3;
    }
  }
  // tps := utils.GenerateSampleSecrets("id", secret)
  for (const m of body.matchAll(new RegExp(`\\b${name}\\s*:?=\\s*utils\\.GenerateSampleSecrets?\\(\\s*"[^"]*"\\s*,\\s*`, 'g'))) {
    const r = readStringExpr(body, (m.index ?? 0) + m[0].length, rand);
    if (r) out.push({ at: m.index ?? 0, value: r.value });
  }
  return out.sort((a, b) => a.at - b.at).map((e) => e.value);
}

/** Body of `func Name() *config.Rule { … }` (brace-matched, strings skipped). */
export function funcBodies(src: string): Array<{ name: string; body: string }> {
  const out: Array<{ name: string; body: string }> = [];
  for (const m of src.matchAll(/^func (\w+)\(\) \*config\.Rule \{/gm)) {
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    while (i < src.length && depth > 0) {
      const c = src[i];
      if (c === '`') { i = src.indexOf('`', i + 1) + 1; continue; }
      if (c === '"') { i++; while (src[i] !== '"') i += src[i] === '\\' ? 2 : 1; i++; continue; }
      if (c === '{') depth++;
      if (c === '}') depth--;
      i++;
    }
    out.push({ name: m[1], body: src.slice((m.index ?? 0) + m[0].length, i - 1) });
  }
  return out;
}
