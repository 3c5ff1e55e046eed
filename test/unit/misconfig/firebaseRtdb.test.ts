import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, only, rtdb, scanFile } from './helpers';

const scan = (rules: string) => scanFile('database.rules.json', rtdb(rules));

const positives: Array<[string, string, string[]]> = [
  ['root .read true', '{ ".read": true, ".write": false }', ['3:firebase-rules-public-read']],
  ['root .read "true" string', '{\n    ".read": "true"\n  }', ['4:firebase-rules-public-read']],
  ['wildcard child', '{ "rooms": { "$roomId": {\n ".read": true } } }', ['4:firebase-rules-public-read']],
  ['nested per-user wildcard', '{ "users": { "$uid": { "profile": {\n ".read": true } } } }', ['4:firebase-rules-public-read']],
  ['named path (info)', '{ "config": {\n  ".read": true } }', ['4:firebase-rules-public-read']],
  ['with comments (jsonc)', '{\n  // public for the demo\n  ".read": true /* TODO */\n}', ['5:firebase-rules-public-read']],
  ['root write true', '{ ".read": false,\n ".write": true }', ['4:firebase-rules-public-write']],
  ['named-path write is still critical', '{ "logs": {\n ".write": "true" } }', ['4:firebase-rules-public-write']],
  ['wildcard write', '{ "posts": { "$postId": {\n ".write": true } } }', ['4:firebase-rules-public-write']],
  ['read and write both open', '{\n ".read": true,\n ".write": true\n }', ['4:firebase-rules-public-read', '5:firebase-rules-public-write']],
  ['write open with a validate rule', '{ "scores": { "$uid": {\n ".write": true, ".validate": "newData.isNumber()" } } }', ['4:firebase-rules-public-write']],
  ['test mode read/write', '{\n ".read": "now < 1893456000000",\n ".write": "now < 1893456000000"\n }', ['4:firebase-rules-test-mode', '5:firebase-rules-test-mode']],
  ['test mode reversed', '{\n ".read": "1893456000000 > now" }', ['4:firebase-rules-test-mode']],
  ['test mode in parentheses', '{\n ".write": "(now < 1893456000000)" }', ['4:firebase-rules-test-mode']],
  ['test mode on a child path', '{ "chat": {\n ".read": "now <= 1893456000000" } }', ['4:firebase-rules-test-mode']],
  ['test mode expired', '{\n ".read": "now < 1704067200000" }', ['4:firebase-rules-test-mode']],
  ['auth-only root read', '{\n ".read": "auth != null" }', ['4:firebase-rules-auth-only']],
  ['auth-only root write (!==)', '{\n ".write": "auth !== null" }', ['4:firebase-rules-auth-only']],
  ['auth-only uid form', '{\n ".read": "auth.uid != null" }', ['4:firebase-rules-auth-only']],
  ['auth-only null first', '{\n ".read": "null != auth" }', ['4:firebase-rules-auth-only']],
  ['auth-only or test mode', '{\n ".read": "auth != null || now < 1893456000000" }', ['4:firebase-rules-test-mode']],
  ['auth-only with a time limit at the root', '{\n ".read": "auth != null && now < 1893456000000" }', ['4:firebase-rules-auth-only']],
  ['auth-only both', '{\n ".read": "auth != null",\n ".write": "auth != null" }', ['4:firebase-rules-auth-only', '5:firebase-rules-auth-only']],
];
for (const [name, rules, expected] of positives) {
  test(`RTDB positive: ${name}`, () => assert.deepEqual(at(scan(rules)), expected));
}

const negatives: Array<[string, string]> = [
  ['read false', '{ ".read": false, ".write": false }'],
  ['comment quoting an open rule', '{\n  // ".read": true was the old rule\n  /* ".write": true */\n  ".read": false\n}'],
  ['string elsewhere mentions .read true', '{ "notes": { ".read": false, ".validate": "newData.val() != \'.read: true\'" } }'],
  ['owner-scoped', '{ "users": { "$uid": { ".read": "auth != null && auth.uid === $uid", ".write": "$uid === auth.uid" } } }'],
  ['auth-only on a named path', '{ "recipes": { ".read": "auth != null" } }'],
  ['auth-only on a wildcard child (not the whole tree)', '{ "$any": { ".read": "auth != null" } }'],
  ['expiry stored in the data', '{ "invites": { "$id": { ".read": "data.child(\'expiresAt\').val() > now" } } }'],
  ['time limit combined with auth on a path', '{ "chat": { ".read": "auth != null && now < 1893456000000" } }'],
  ['negated true', '{ ".read": "!true" }'],
  ['true and false', '{ ".write": "true && false" }'],
  ['.validate true is not access', '{ "a": { ".validate": true, ".indexOn": ["x"] } }'],
  ['a key named read without the dot', '{ "read": { "write": true } }'],
  ['custom claim check', '{ ".read": "auth.token.admin === true" }'],
];
for (const [name, rules] of negatives) {
  test(`RTDB negative: ${name}`, () => assert.deepEqual(at(scan(rules)), []));
}

test('a parent grant is reported once on the parent; children cannot revoke it', () => {
  const r = scan('{ "chat": {\n ".read": true,\n "$room": { ".read": true, "secret": {\n ".read": false } } } }');
  assert.deepEqual(at(r), ['4:firebase-rules-public-read']);
  assert.match(r.findings[0].message, /cannot take the grant back/);
});

test('severity: wildcard/root high, named path info, writes critical, expired test mode low', () => {
  assert.equal(scan('{ ".read": true }').findings[0].severity, 'high');
  assert.equal(scan('{ "a": { "$b": { ".read": true } } }').findings[0].severity, 'high');
  assert.equal(scan('{ "config": { ".read": true } }').findings[0].severity, 'info');
  assert.equal(scan('{ "config": { ".write": true } }').findings[0].severity, 'critical');
  assert.equal(scan('{ ".read": "now < 1893456000000" }').findings[0].severity, 'high');
  assert.equal(scan('{ ".read": "now < 1704067200000" }').findings[0].severity, 'low');
});

test('test-mode messages say when it expires or that it already expired (injected clock)', () => {
  assert.match(scan('{ ".read": "now < 1893456000000" }').findings[0].message, /until 2030-01-01 \(1310 days from now\)/);
  assert.match(scan('{ ".read": "now < 1704067200000" }').findings[0].message, /expired on 2024-01-01/);
});

test('the range covers the offending property, 1-based', () => {
  const text = rtdb('{\n    "config": {\n      ".read": true\n    }\n  }');
  const [f] = only(scanFile('database.rules.json', text), 'firebase-rules-public-read');
  const line = text.split('\n')[f.location.line - 1];
  assert.equal(line.slice(f.location.column - 1, f.location.endColumn - 1), '".read": true');
  assert.equal(f.provider, 'firebase');
  assert.match(f.fingerprint, /^[0-9a-f]{24}$/);
});

test('fingerprints are stable when lines move and differ per path', () => {
  const a = scan('{ "x": { ".read": true } }').findings[0].fingerprint;
  const b = scan('{\n\n "x": {\n ".read": true } }').findings[0].fingerprint;
  const c = scan('{ "y": { ".read": true } }').findings[0].fingerprint;
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('a file without "rules" or with the wrong shape yields nothing', () => {
  assert.deepEqual(scanFile('database.rules.json', '{ "read": true }').findings, []);
  assert.deepEqual(scanFile('database.rules.json', '[1, 2, 3]').findings, []);
  assert.deepEqual(scanFile('database.rules.json', '{ "rules": true }').findings, []);
});

test('inline suppression comment hides the finding', () => {
  const r = scan('{\n  // leaklens-ignore-next-line firebase-rules-public-read\n  ".read": true,\n  ".write": true\n}');
  assert.deepEqual(at(r), ['6:firebase-rules-public-write']);
});
