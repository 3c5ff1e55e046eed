import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type ParseError } from 'jsonc-parser';
import { misconfigFixes } from '../../../server/src/core/misconfig';
import { parseRules } from '../../../server/src/core/misconfig/firebaseRulesLang';
import { splitStatements } from '../../../server/src/core/misconfig/sqlLexer';
import { applyFix, computeFixes } from '../../../server/src/core/fixes';
import type { Finding } from '../../../server/src/core/types';
import type { QuickFix } from '../../../server/src/core/fix';
import { firestore, rtdb, scanFile, storage } from './helpers';

/** Applies the first (preferred) misconfig fix of every finding of `ruleId`, one at a time, re-scanning in between. */
function fixAll(path: string, text: string, ruleId: string, pick = 0, want: (f: Finding) => boolean = () => true): { text: string; fixes: QuickFix[]; stale: Finding } {
  let current = text;
  const used: QuickFix[] = [];
  let stale: Finding | undefined;
  for (let round = 0; round < 10; round++) {
    const f = scanFile(path, current).findings.find((x) => x.ruleId === ruleId && want(x));
    if (!f) break;
    stale = f;
    const fixes = misconfigFixes({ finding: f, path, text: current, readFile: () => undefined });
    assert.ok(fixes.length > pick, `a fix is offered for ${ruleId} at line ${f.location.line}`);
    used.push(fixes[pick]);
    current = applyFix(fixes[pick], () => current).get(path)!;
  }
  assert.ok(stale, `${ruleId} was found before fixing`);
  return { text: current, fixes: used, stale: stale! };
}

function assertValidJson(text: string) {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true });
  assert.deepEqual(errors, []);
}

function assertIdempotent(path: string, fixed: string, stale: Finding) {
  assert.deepEqual(misconfigFixes({ finding: stale, path, text: fixed, readFile: () => undefined }), [], 'no second fix on the fixed text');
}

test('RTDB: open read under $uid becomes owner-scoped; detail says who can read', () => {
  const path = 'database.rules.json';
  const text = rtdb('{\n    "users": {\n      "$uid": {\n        ".read": true,\n        ".write": true\n      }\n    }\n  }');
  const read = fixAll(path, text, 'firebase-rules-public-read');
  assert.match(read.text, /"\.read": "auth != null && auth\.uid === \$uid"/);
  assert.match(read.fixes[0].detail!, /who can read/);
  const write = fixAll(path, read.text, 'firebase-rules-public-write');
  assertValidJson(write.text);
  assert.deepEqual(scanFile(path, write.text).findings, []);
  assertIdempotent(path, write.text, write.stale);
});

test('RTDB: test mode at the root becomes auth != null (only the info auth-only finding remains)', () => {
  const path = 'database.rules.json';
  const text = rtdb('{\n    ".read": "now < 1893456000000",\n    ".write": "now < 1893456000000"\n  }');
  const r = fixAll(path, text, 'firebase-rules-test-mode');
  assertValidJson(r.text);
  assert.deepEqual(scanFile(path, r.text).findings.map((f) => f.ruleId), ['firebase-rules-auth-only', 'firebase-rules-auth-only']);
  assertIdempotent(path, r.text, r.stale);
});

test('RTDB: the deny alternative leaves no finding at all', () => {
  const path = 'database.rules.json';
  const r = fixAll(path, rtdb('{ ".read": true, // open\n ".write": false }'), 'firebase-rules-public-read', 1);
  assertValidJson(r.text);
  assert.match(r.text, /"\.read": false, \/\/ open/);
  assert.deepEqual(scanFile(path, r.text).findings, []);
});

test('Firestore: open rule under /users/{userId} becomes owner-scoped and still parses', () => {
  const path = 'firestore.rules';
  const text = firestore('    match /users/{userId} {\n      allow read, write: if true;\n    }');
  const r = fixAll(path, text, 'firebase-rules-public-read');
  assert.match(r.text, /allow read, write: if request\.auth != null && request\.auth\.uid == userId;/);
  assert.doesNotThrow(() => parseRules(r.text));
  assert.deepEqual(scanFile(path, r.text).findings, []);
  assertIdempotent(path, r.text, r.stale);
});

test('Firestore: console test mode on {document=**} becomes request.auth != null', () => {
  const path = 'firestore.rules';
  const text = firestore('    match /{document=**} {\n      allow read, write: if\n          request.time < timestamp.date(2030, 1, 1);\n    }');
  const r = fixAll(path, text, 'firebase-rules-test-mode');
  assert.match(r.text, /allow read, write: if request\.auth != null;\n {4}}/);
  assert.doesNotThrow(() => parseRules(r.text));
  assert.deepEqual(scanFile(path, r.text).findings.map((f) => f.ruleId), ['firebase-rules-auth-only']);
  assertIdempotent(path, r.text, r.stale);
});

test('Storage: unconditional write without a user wildcard gets the deny alternative too', () => {
  const path = 'storage.rules';
  const text = storage('    match /uploads/{fileName} {\n      allow write;\n    }');
  const f = scanFile(path, text).findings[0];
  const fixes = misconfigFixes({ finding: f, path, text, readFile: () => undefined });
  assert.deepEqual(fixes.map((x) => x.isPreferred), [true, false]);
  const denied = applyFix(fixes[1], () => text).get(path)!;
  assert.doesNotThrow(() => parseRules(denied));
  assert.deepEqual(scanFile(path, denied).findings, []);
});

test('Supabase: enable RLS right after the create table, valid SQL, idempotent', () => {
  const path = 'supabase/migrations/20240101000000_init.sql';
  const text = 'create table public."Orders" (\n  id bigint primary key, -- ; in a comment\n  note text default \'a;b\'\n);\n\ncreate table items (id int)';
  const r = fixAll(path, text, 'supabase-rls-disabled');
  assert.match(r.text, /\);\n\nalter table public\."Orders" enable row level security;\n/);
  assert.match(r.text, /create table items \(id int\);\n\nalter table items enable row level security;$/);
  assert.doesNotThrow(() => splitStatements(r.text));
  assert.deepEqual(scanFile(path, r.text).findings, []);
  assertIdempotent(path, r.text, r.stale);
});

test('Amplify Gen 1: guest write/delete removed, read kept; read-only gets no fix', () => {
  const path = 'amplify/backend/storage/s3media/cli-inputs.json';
  const text = '{\n  "storageAccess": "authAndGuest",\n  "guestAccess": [\n    "CREATE_AND_UPDATE",\n    "READ",\n    "DELETE"\n  ]\n}\n';
  const f = scanFile(path, text).findings[0];
  const [fix] = misconfigFixes({ finding: f, path, text, readFile: () => undefined });
  const fixed = applyFix(fix, () => text).get(path)!;
  assertValidJson(fixed);
  assert.match(fixed, /"guestAccess": \["READ"\]/);
  const after = scanFile(path, fixed).findings;
  assert.deepEqual(after.map((x) => x.severity), ['medium']);
  assert.deepEqual(misconfigFixes({ finding: after[0], path, text: fixed, readFile: () => undefined }), []);
});

test('Amplify Gen 2: guest rule without read is removed with its comma; with read it is narrowed', () => {
  const path = 'amplify/storage/resource.ts';
  const text = "export const storage = defineStorage({\n  name: 'm',\n  access: (allow) => ({\n    'up/*': [\n      allow.guest.to(['write', 'delete']),\n      allow.authenticated.to(['read']),\n    ],\n    'pub/*': [allow.authenticated.to(['read']), allow.guest.to(['read', 'write'])],\n  }),\n});\n";
  const r = fixAll(path, text, 'amplify-storage-guest-access', 0, (f) => f.severity === 'high');
  assert.ok(!r.text.includes("allow.guest.to(['write', 'delete'])"));
  assert.match(r.text, /'up\/\*': \[\n {6}allow\.authenticated\.to\(\['read'\]\),/);
  assert.match(r.text, /allow\.guest\.to\(\['read'\]\)\]/);
  assert.deepEqual(scanFile(path, r.text).findings.map((f) => f.severity), ['medium']);
});

test('misconfigFixes is registered in the fix registry', () => {
  const path = 'firestore.rules';
  const text = firestore('    match /{document=**} {\n      allow read: if true;\n    }');
  const finding = scanFile(path, text).findings[0];
  const { fixes } = computeFixes({ finding, path, text, readFile: () => undefined });
  assert.ok(fixes.some((f) => f.title.startsWith('Require sign-in')));
});

test('a stale finding whose range no longer matches gets no fix', () => {
  const path = 'firestore.rules';
  const text = firestore('    match /{document=**} {\n      allow read: if true;\n    }');
  const finding = scanFile(path, text).findings[0];
  assert.deepEqual(misconfigFixes({ finding, path, text: `// moved\n${text}`, readFile: () => undefined }), []);
});
