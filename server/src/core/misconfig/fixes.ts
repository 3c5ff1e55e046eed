// Quick fixes for misconfiguration findings, as pure providers over file texts: replace an open
// or test-mode Firebase rule by an owner-scoped one (or deny it), enable RLS after a `create
// table`, remove Amplify guest write access. Each fix leaves a valid file and removes its finding.
import type { FixProvider, QuickFix, TextReplace } from '../fix';
import type { Finding } from '../types';
import { parseTree, findNodeAtOffset, type Node } from 'jsonc-parser';
import { findingOffsets } from '../fixes/util';
import { parseRules, tokenize, type MatchBlock, type AllowStatement } from './firebaseRulesLang';
import { splitStatements, Cursor } from './sqlLexer';
import { guestRules } from './amplify';
import { classifyRtdb, classifyTokens } from './firebaseCondition';
import { jsonDepth } from './firebaseRtdb';
import { LIMITS } from './report';

const FIREBASE_OPEN = new Set(['firebase-rules-public-read', 'firebase-rules-public-write', 'firebase-rules-test-mode']);
const USER_WILDCARD = /^(?:uid|userid|user_id|user|userkey|owner|ownerid|owner_id|authorid|author)$/i;

const single = (path: string, edit: TextReplace, title: string, detail: string, isPreferred = true): QuickFix =>
  ({ title, detail, isPreferred, edits: [{ path, edits: [edit] }] });

export const misconfigFixes: FixProvider = (ctx) => {
  const { finding, path, text } = ctx;
  if (text.length > LIMITS.maxBytes) return [];
  const at = findingOffsets(finding, text);
  if (!at) return [];
  if (FIREBASE_OPEN.has(finding.ruleId)) return /\.json$/i.test(path) ? rtdbFixes(finding, path, text, at.start) : rulesFixes(path, text, at.start);
  if (finding.ruleId === 'supabase-rls-disabled') return rlsFix(path, text, at.start);
  if (finding.ruleId === 'amplify-storage-guest-access') return /\.json$/i.test(path) ? amplifyGen1Fix(path, text, at.start) : amplifyGen2Fix(path, text, at.start);
  return [];
};

function rtdbFixes(finding: Finding, path: string, text: string, offset: number): QuickFix[] {
  if (jsonDepth(text, LIMITS.maxDepth) > LIMITS.maxDepth) return [];
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return [];
  const key = findNodeAtOffset(root, offset + 1);
  const prop = key?.parent;
  if (prop?.type !== 'property' || prop.offset !== offset) return [];
  const [k, v] = prop.children ?? [];
  if (!v || (k.value !== '.read' && k.value !== '.write')) return [];
  const access = classifyRtdb(v.value).access;
  if (access !== 'open' && access !== 'test') return []; // already fixed
  const op = k.value === '.read' ? 'read' : 'write';
  const uid = ancestorKeys(prop).reverse().find((s) => s.startsWith('$') && USER_WILDCARD.test(s.slice(1)));
  const expr = uid ? `auth != null && auth.uid === ${uid}` : 'auth != null';
  const what = finding.ruleId === 'firebase-rules-test-mode' ? 'test-mode rule' : `public .${op}`;
  const range = { start: v.offset, end: v.offset + v.length };
  return [
    single(path, { ...range, newText: JSON.stringify(expr) }, `Replace the ${what} with "${expr}"`,
      `Changes who can ${op} this path: ${uid ? `only the signed-in user whose uid matches ${uid}` : 'any signed-in user'} instead of anyone.`),
    single(path, { ...range, newText: 'false' }, `Deny .${op} here`, `Changes who can ${op} this path: nobody through the client SDKs (the Admin SDK still can).`, false),
  ];
}

/** Keys of the properties enclosing a JSON node, innermost first. */
function ancestorKeys(node: Node): string[] {
  const out: string[] = [];
  for (let n = node.parent; n; n = n.parent) if (n.type === 'property' && typeof n.children?.[0]?.value === 'string') out.push(n.children[0].value);
  return out;
}

function rulesFixes(path: string, text: string, offset: number): QuickFix[] {
  let found: { allow: AllowStatement; wildcards: string[] } | undefined;
  try {
    const visit = (blocks: MatchBlock[]): void => {
      for (const b of blocks) {
        const allow = b.allows.find((a) => a.start === offset);
        if (allow) found = { allow, wildcards: [...b.path.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]) };
        visit(b.children);
      }
    };
    for (const s of parseRules(text)) visit(s.matches);
  } catch {
    return [];
  }
  if (!found) return [];
  const { allow, wildcards } = found;
  const access = classifyTokens(allow.condition).access;
  if (access !== 'open' && access !== 'test') return []; // already fixed
  const uid = [...wildcards].reverse().find((w) => USER_WILDCARD.test(w));
  const cond = uid ? `request.auth != null && request.auth.uid == ${uid}` : 'request.auth != null';
  const methods = allow.methods.join(', ');
  const range = { start: allow.start, end: allow.end };
  return [
    single(path, { ...range, newText: `allow ${methods}: if ${cond};` }, `Require ${uid ? `the owner (${uid})` : 'sign-in'}: allow ${methods}: if ${cond}`,
      `Changes who can ${methods}: ${uid ? `only the signed-in user whose uid is ${uid}` : 'any signed-in user'} instead of anyone.`),
    single(path, { ...range, newText: `allow ${methods}: if false;` }, `Deny ${methods} here`,
      `Changes who can ${methods}: nobody through the client SDKs (the Admin SDK still can).`, false),
  ];
}

function rlsFix(path: string, text: string, offset: number): QuickFix[] {
  let statements;
  try { statements = splitStatements(text); } catch { return []; }
  const st = statements.find((s) => s.start === offset);
  if (!st) return [];
  const c = new Cursor(st.tokens);
  if (!c.eat('create')) return [];
  c.eat('unlogged');
  if (!c.eat('table')) return [];
  c.eat('if', 'not', 'exists');
  const nameStart = c.peek()?.start;
  const n = c.qualifiedName();
  if (nameStart === undefined || !n) return [];
  const name = text.slice(nameStart, n.end);
  const already = statements.some((s) => {
    const a = new Cursor(s.tokens);
    if (!a.eat('alter', 'table')) return false;
    a.eat('if', 'exists');
    a.eat('only');
    const m = a.qualifiedName();
    return !!m && m.name === n.name && (m.schema ?? 'public') === (n.schema ?? 'public') && a.eat('enable', 'row', 'level', 'security');
  });
  if (already) return [];
  const terminated = text[st.end - 1] === ';';
  const newText = `${terminated ? '' : ';'}\n\nalter table ${name} enable row level security;`;
  return [single(path, { start: st.end, end: st.end, newText }, `Enable row level security on ${name}`,
    'Changes who can read and write the table through the API: nobody until you add policies (e.g. `using (auth.uid() = user_id)`).')];
}

function amplifyGen1Fix(path: string, text: string, offset: number): QuickFix[] {
  if (jsonDepth(text, LIMITS.maxDepth) > LIMITS.maxDepth) return [];
  const root = parseTree(text, [], { allowTrailingComma: true });
  const prop = root?.children?.find((p) => p.offset === offset && p.children?.[0]?.value === 'guestAccess');
  const list = prop?.children?.[1];
  if (list?.type !== 'array') return [];
  const actions = (list.children ?? []).map((n) => n.value);
  if (!actions.some((a) => a === 'CREATE_AND_UPDATE' || a === 'DELETE')) return [];
  const keep = actions.filter((a) => a === 'READ');
  return [single(path, { start: list.offset, end: list.offset + list.length, newText: JSON.stringify(keep) },
    'Remove guest write and delete access', `Changes who can upload and delete files: signed-in users only${keep.length ? '; guests keep read access' : ''}. Run \`amplify push\` to deploy.`)];
}

function amplifyGen2Fix(path: string, text: string, offset: number): QuickFix[] {
  let rules;
  try { rules = guestRules(tokenize(text)); } catch { return []; }
  const g = rules.find((r) => r.start === offset);
  if (!g || !g.actions.some((a) => a === 'write' || a === 'delete')) return [];
  const reads = g.actions.filter((a) => a === 'read' || a === 'get' || a === 'list');
  if (reads.length) {
    return [single(path, { start: g.arrayStart, end: g.arrayEnd, newText: `[${reads.map((r) => `'${r}'`).join(', ')}]` },
      'Remove guest write and delete access', `Changes who can upload and delete files under ${g.path}: signed-in users only; guests keep read access.`)];
  }
  // Remove the whole guest rule with its separating comma.
  let start = g.start;
  let end = g.end;
  const after = /^\s*,[ \t]*\r?\n?[ \t]*/.exec(text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(Math.max(0, start - 200), start));
    if (before) start -= before[0].length;
  }
  return [single(path, { start, end, newText: '' }, 'Remove guest access',
    `Changes who can upload and delete files under ${g.path}: signed-in users only.`)];
}
