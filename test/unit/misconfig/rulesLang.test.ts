import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRules, tokenize, RulesSyntaxError } from '../../../server/src/core/misconfig/firebaseRulesLang';
import { classifyRtdb, classifyTokens } from '../../../server/src/core/misconfig/firebaseCondition';

test('parser finds nested match paths and allow statements with methods', () => {
  const [s] = parseRules(`rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /users/{userId} {
      allow read, update: if request.auth.uid == userId;
      match /posts/{postId=**} { allow list; }
    }
  }
}`);
  assert.equal(s.service, 'cloud.firestore');
  const users = s.matches[0].children[0];
  assert.equal(users.path, '/databases/{database}/documents/users/{userId}');
  assert.deepEqual(users.allows[0].methods, ['read', 'update']);
  assert.equal(users.children[0].path, '/databases/{database}/documents/users/{userId}/posts/{postId=**}');
  assert.deepEqual(users.children[0].allows[0].condition, []);
});

test('allow without a semicolon before } ends at the block', () => {
  const [s] = parseRules('service firebase.storage { match /b/{bucket}/o { match /{p=**} { allow read: if true } } }');
  assert.deepEqual(s.matches[0].children[0].allows.map((a) => a.methods), [['read']]);
});

test('comments and strings produce no tokens the parser acts on', () => {
  const t = tokenize('// match /x { allow read; }\n"match /y" /* allow write */ \'a\\\'b\' x');
  assert.deepEqual(t.map((k) => k.type), ['str', 'str', 'id']);
});

test('unterminated comment or string throws a RulesSyntaxError with an offset', () => {
  assert.throws(() => tokenize('allow read; /* never closed'), RulesSyntaxError);
  assert.throws(() => tokenize('x == "no end\n'), RulesSyntaxError);
  assert.throws(() => parseRules('service cloud.firestore { match /a { '), RulesSyntaxError);
});

test('condition classifier: precedence of && and || and parentheses', () => {
  const c = (s: string) => classifyTokens(tokenize(s)).access;
  assert.equal(c('true'), 'open');
  assert.equal(c('false || true'), 'open');
  assert.equal(c('true && request.auth.uid == uid'), 'other');
  assert.equal(c('(request.auth != null) || (true && false)'), 'auth');
  assert.equal(c('request.time < timestamp.date(2030, 1, 1) && request.auth != null'), 'auth');
  assert.equal(c('request.time < timestamp.date(2030, 1, 1) || request.auth != null'), 'test');
  assert.equal(c('!(false)'), 'open');
  assert.equal(c('a ? true : false'), 'other');
  assert.equal(c(''), 'open');
});

test('RTDB values: booleans, strings, unreadable expressions', () => {
  assert.equal(classifyRtdb(true).access, 'open');
  assert.equal(classifyRtdb('true').access, 'open');
  assert.equal(classifyRtdb(false).access, 'closed');
  assert.equal(classifyRtdb(42).access, 'other');
  assert.equal(classifyRtdb('"unterminated').access, 'other');
  assert.equal(classifyRtdb('now < 1893456000000').until?.toISOString(), '2030-01-01T00:00:00.000Z');
});

test('statements without semicolons on separate lines stay separate', () => {
  const [s] = parseRules('service cloud.firestore {\n match /databases/{database}/documents {\n  match /users/{userId}{\n   allow create\n   allow read: if request.auth.uid != null\n   allow write : if request.auth.uid == userId\n  }\n }\n}');
  const users = s.matches[0].children[0];
  assert.equal(users.path, '/databases/{database}/documents/users/{userId}');
  assert.deepEqual(users.allows.map((a) => a.methods), [['create'], ['read'], ['write']]);
  assert.deepEqual(users.allows.map((a) => a.condition.length), [0, 7, 7]);
});
