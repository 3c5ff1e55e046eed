// Firestore and Cloud Storage Security Rules (`firestore.rules`, `storage.rules`, `*.rules`):
// classifies the condition of every `allow` statement. Open reads on a wildcard path are high,
// on a fully named path info; open writes are critical anywhere; test mode is high.
import { parseRules, RulesSyntaxError, type AllowStatement, type MatchBlock } from './firebaseRulesLang';
import { classifyTokens } from './firebaseCondition';
import { firebaseRulesAuthOnly, firebaseRulesPublicRead, firebaseRulesPublicWrite, firebaseRulesTestMode } from './docs';
import { FindingSink, LIMITS, expiry } from './report';

const READ = new Set(['read', 'get', 'list']);
const WRITE = new Set(['write', 'create', 'update', 'delete']);

export function analyzeSecurityRules(text: string, sink: FindingSink): void {
  if (text.length > LIMITS.maxBytes) { sink.error(`rules file is larger than ${LIMITS.maxBytes} bytes; not analyzed`); return; }
  // Other tools use `.rules` too (udev, IDS signatures): only Firebase rules files are read.
  if (!/\bservice\s+(?:cloud\.firestore|firebase\.storage)\b/.test(text)) return;
  let services;
  try {
    services = parseRules(text);
  } catch (e) {
    if (!(e instanceof RulesSyntaxError)) throw e;
    sink.error(`cannot parse Security Rules: ${e.message} at offset ${e.offset}`);
    return;
  }
  for (const s of services) {
    const product = s.service.includes('storage') ? 'Storage' : 'Firestore';
    const visit = (blocks: MatchBlock[]): void => {
      for (const b of blocks) {
        for (const a of b.allows) check(product, b.path, a, text, sink);
        visit(b.children);
      }
    };
    visit(s.matches);
  }
}

/** The path below the service's fixed prefix (`/databases/{database}/documents`, `/b/{bucket}/o`). */
export function dataPath(path: string): string {
  return path.replace(/^\/databases\/[^/]+\/documents(?=\/|$)/, '').replace(/^\/b\/[^/]+\/o(?=\/|$)/, '');
}

function check(product: string, fullPath: string, a: AllowStatement, text: string, sink: FindingSink): void {
  const path = dataPath(fullPath);
  const wild = path === '' || path.includes('{');
  const everything = path === '' || /^\/\{[^}=]*=\*\*\}$/.test(path);
  const reads = a.methods.filter((m) => READ.has(m));
  const writes = a.methods.filter((m) => WRITE.has(m));
  if (!reads.length && !writes.length) return;
  const c = classifyTokens(a.condition);
  if (c.access === 'other' || c.access === 'closed') return;
  const stmt = text.slice(a.start, a.end).replace(/\s+/g, ' ');
  const shown = stmt.length > 120 ? `${stmt.slice(0, 119)}…` : stmt;
  const key = (what: string) => `${product}:${fullPath}:${a.methods.join(',')}:${what}`;
  const on = path === '' ? 'every document' : path;
  if (c.access === 'open') {
    const how = a.condition.length ? 'if true' : 'without a condition';
    if (reads.length) {
      sink.add(firebaseRulesPublicRead, a.start, a.end,
        `${product} rules let anyone ${reads.join('/')} ${on} (${how})${wild ? '' : ' — a named path: fine only for data meant to be public'}`,
        shown, key('read'), wild ? undefined : 'info');
    }
    if (writes.length) {
      sink.add(firebaseRulesPublicWrite, a.start, a.end, `${product} rules let anyone ${writes.join('/')} ${on} (${how})`, shown, key('write'));
    }
  } else if (c.access === 'test' && c.until) {
    const e = expiry(c.until, sink.now());
    sink.add(firebaseRulesTestMode, a.start, a.end, `${product} rules in test mode: anyone can ${a.methods.join('/')} ${on}, ${e.text}`,
      shown, key('test'), e.expired ? 'low' : undefined);
  } else if (c.access === 'auth' && everything) {
    sink.add(firebaseRulesAuthOnly, a.start, a.end,
      `Any signed-in user, anonymous ones included, can ${a.methods.join('/')} every ${product === 'Storage' ? 'file' : 'document'}`, shown, key('auth'));
  }
}
