// Realtime Database Security Rules (`database.rules.json`, JSON with comments): walks `rules`,
// classifies every `.read`/`.write` and reports open, test-mode and auth-only grants. A grant on a
// parent cascades to every child (children cannot revoke it), so it is reported on the parent only.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { classifyRtdb } from './firebaseCondition';
import { firebaseRulesAuthOnly, firebaseRulesPublicRead, firebaseRulesPublicWrite, firebaseRulesTestMode } from './docs';
import { FindingSink, LIMITS, expiry } from './report';

/** Deepest `{`/`[` nesting outside strings and comments (checked before the recursive parser runs). */
export function jsonDepth(text: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === '{' || c === '[') {
      if (++depth > max) max = depth;
      if (max > stopAt) return max;
    } else if (c === '}' || c === ']') depth--;
  }
  return max;
}

/** Parses JSON with comments into a tree, reporting depth and syntax problems through `sink`. */
export function parseJsonc(text: string, sink: FindingSink, what: string): Node | undefined {
  if (text.length > LIMITS.maxBytes) { sink.error(`${what} is larger than ${LIMITS.maxBytes} bytes; not analyzed`); return undefined; }
  if (jsonDepth(text, LIMITS.maxDepth) > LIMITS.maxDepth) { sink.error(`${what} is nested deeper than ${LIMITS.maxDepth} levels; not analyzed`); return undefined; }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) sink.error(`${what} is not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}); analyzed what could be read`);
  return root;
}

export function analyzeRtdbRules(text: string, sink: FindingSink): void {
  const root = parseJsonc(text, sink, 'Realtime Database rules file');
  if (root?.type !== 'object') return;
  const rules = property(root, 'rules');
  if (rules?.value.type !== 'object') return;
  walk(rules.value, [], { read: false, write: false }, sink);
}

interface Prop { key: Node; value: Node; node: Node }

function property(obj: Node, name: string): Prop | undefined {
  return props(obj).find((p) => p.key.value === name);
}

function props(obj: Node): Prop[] {
  const out: Prop[] = [];
  for (const p of obj.children ?? []) {
    const [key, value] = p.children ?? [];
    if (key && value && typeof key.value === 'string') out.push({ key, value, node: p });
  }
  return out;
}

const where = (path: string[]): string => (path.length ? `/${path.join('/')}` : 'the whole database');

function walk(obj: Node, path: string[], open: { read: boolean; write: boolean }, sink: FindingSink): void {
  const isRoot = path.length === 0;
  const wild = isRoot || path.some((s) => s.startsWith('$'));
  const here = { ...open };
  for (const op of ['read', 'write'] as const) {
    const p = property(obj, `.${op}`);
    if (!p || open[op]) continue; // an open parent already grants it; reported there
    const c = classifyRtdb(p.value.value);
    const start = p.node.offset;
    const end = p.value.offset + p.value.length;
    const shown = `.${op}: ${JSON.stringify(p.value.value)}`;
    const key = `rtdb:${path.join('/')}:.${op}`;
    const verb = op === 'read' ? 'read' : 'write to';
    if (c.access === 'open') {
      here[op] = true;
      const revoked = hasClosedChild(obj, `.${op}`) ? '; child rules cannot take the grant back' : '';
      if (op === 'read') {
        sink.add(firebaseRulesPublicRead, start, end, `Realtime Database rules let anyone read ${where(path)}${wild ? '' : ' (a named path: fine only for data meant to be public)'}${revoked}`, shown, key, wild ? undefined : 'info');
      } else {
        sink.add(firebaseRulesPublicWrite, start, end, `Realtime Database rules let anyone write to ${where(path)}${revoked}`, shown, key);
      }
    } else if (c.access === 'test' && c.until) {
      const e = expiry(c.until, sink.now());
      sink.add(firebaseRulesTestMode, start, end, `Realtime Database rules in test mode: anyone can ${verb} ${where(path)}, ${e.text}`, shown, key, e.expired ? 'low' : undefined);
    } else if (c.access === 'auth' && isRoot) {
      sink.add(firebaseRulesAuthOnly, start, end, `Any signed-in user, anonymous ones included, can ${verb} the whole database`, shown, key);
    }
  }
  if (path.length >= LIMITS.maxDepth) return;
  for (const p of props(obj)) {
    if (p.key.value.startsWith('.') || p.value.type !== 'object') continue;
    walk(p.value, [...path, p.key.value], here, sink);
  }
}

/** True when some descendant sets the same permission to false (it has no effect under a grant). */
function hasClosedChild(obj: Node, op: string, depth = 0): boolean {
  if (depth > 64) return false;
  return props(obj).some((p) => !p.key.value.startsWith('.') && p.value.type === 'object' &&
    (classifyRtdb(property(p.value, op)?.value.value).access === 'closed' || hasClosedChild(p.value, op, depth + 1)));
}
