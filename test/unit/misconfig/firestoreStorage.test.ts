import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, firestore, only, scanFile, storage } from './helpers';

// Bodies start on line 4 of the wrapped file.
const fs = (body: string) => scanFile('firestore.rules', firestore(body));
const st = (body: string) => scanFile('storage.rules', storage(body));

const positives: Array<[string, () => ReturnType<typeof fs>, string[]]> = [
  ['Firestore catch-all if true', () => fs('    match /{document=**} {\n      allow read, write: if true;\n    }'), ['5:firebase-rules-public-read', '5:firebase-rules-public-write']],
  ['Firestore collection read without condition', () => fs('    match /posts/{postId} {\n      allow read;\n    }'), ['5:firebase-rules-public-read']],
  ['Firestore get/list on a named doc (info)', () => fs('    match /config/app {\n      allow get, list: if true;\n    }'), ['5:firebase-rules-public-read']],
  ['Firestore nested match', () => fs('    match /shops/{shopId} {\n      match /orders/{orderId} {\n        allow read: if true;\n      }\n    }'), ['6:firebase-rules-public-read']],
  ['Firestore true || condition', () => fs('    match /a/{b} {\n      allow read: if true || request.auth.uid == b;\n    }'), ['5:firebase-rules-public-read']],
  ['Storage read without condition', () => st('    match /{allPaths=**} {\n      allow read;\n    }'), ['5:firebase-rules-public-read']],
  ['Firestore create if true', () => fs('    match /feedback/{id} {\n      allow create: if true;\n    }'), ['5:firebase-rules-public-write']],
  ['Firestore update, delete without condition', () => fs('    match /settings/global {\n      allow update, delete;\n    }'), ['5:firebase-rules-public-write']],
  ['Storage write if true', () => st('    match /uploads/{fileName} {\n      allow write: if true;\n    }'), ['5:firebase-rules-public-write']],
  ['Storage catch-all write (parenthesized)', () => st('    match /{allPaths=**} {\n      allow write: if (true);\n    }'), ['5:firebase-rules-public-write']],
  ['Firestore write if true spanning lines', () => fs('    match /logs/{id} {\n      allow write:\n        if\n          true;\n    }'), ['5:firebase-rules-public-write']],
  ['Firestore console test mode', () => fs('    match /{document=**} {\n      allow read, write: if request.time < timestamp.date(2030, 1, 1);\n    }'), ['5:firebase-rules-test-mode']],
  ['Storage console test mode', () => st('    match /{allPaths=**} {\n      allow read, write: if request.time < timestamp.date(2030, 7, 4);\n    }'), ['5:firebase-rules-test-mode']],
  ['Firestore test mode expired', () => fs('    match /{document=**} {\n      allow read, write: if request.time < timestamp.date(2024, 1, 1);\n    }'), ['5:firebase-rules-test-mode']],
  ['Firestore test mode reversed and multi-line', () => fs('    match /events/{id} {\n      allow read: if timestamp.date(2030, 1, 1)\n        > request.time;\n    }'), ['5:firebase-rules-test-mode']],
  ['Firestore test mode with <=', () => fs('    match /x/{y} {\n      allow write: if request.time <= timestamp.date(2030, 12, 31);\n    }'), ['5:firebase-rules-test-mode']],
  ['Firestore auth-only catch-all', () => fs('    match /{document=**} {\n      allow read, write: if request.auth != null;\n    }'), ['5:firebase-rules-auth-only']],
  ['Storage auth-only catch-all (default template)', () => st('    match /{allPaths=**} {\n      allow read, write: if request.auth != null;\n    }'), ['5:firebase-rules-auth-only']],
  ['Firestore auth-only uid form', () => fs('    match /{path=**} {\n      allow read: if request.auth.uid != null;\n    }'), ['5:firebase-rules-auth-only']],
  ['Firestore auth-only in parentheses', () => fs('    match /{document=**} {\n      allow read: if (request.auth != null);\n    }'), ['5:firebase-rules-auth-only']],
  ['Storage v1 rules with a named bucket', () => scanFile('storage.rules', "service firebase.storage {\n  match /b/acme.appspot.com/o {\n    match /{allPaths=**} {\n      allow read, write: if request.auth != null;\n    }\n  }\n}\n"), ['4:firebase-rules-auth-only']],
  ['Storage auth-only null first', () => st('    match /{allPaths=**} {\n      allow read: if null != request.auth;\n    }'), ['5:firebase-rules-auth-only']],
];
for (const [name, run, expected] of positives) test(`rules positive: ${name}`, () => assert.deepEqual(at(run()), expected));

const negatives: Array<[string, () => ReturnType<typeof fs>]> = [
  ['comment with if true', () => fs('    // allow read, write: if true;\n    /* match /{document=**} { allow read, write: if true; } */\n    match /a/{b} { allow read: if false; }')],
  ['string containing if true', () => fs('    match /a/{b} {\n      allow read: if resource.data.note == "if true; allow write: if true;" && request.auth.uid == b;\n    }')],
  ['request.time < resource.data.expiresAt', () => fs('    match /invites/{id} {\n      allow read: if request.time < resource.data.expiresAt;\n    }')],
  ['request.time < a stored timestamp in storage metadata', () => st('    match /shared/{f} {\n      allow read: if request.time < resource.metadata.expires;\n    }')],
  ['owner-scoped', () => fs('    match /users/{userId} {\n      allow read, write: if request.auth != null && request.auth.uid == userId;\n    }')],
  ['auth-only on a named collection', () => fs('    match /recipes/{recipeId} {\n      allow read: if request.auth != null;\n    }')],
  ['false', () => fs('    match /{document=**} {\n      allow read, write: if false;\n    }')],
  ['true && false', () => fs('    match /{document=**} {\n      allow read: if true && false;\n    }')],
  ['negated true', () => st('    match /{allPaths=**} {\n      allow write: if !true;\n    }')],
  ['test mode combined with owner check', () => fs('    match /users/{uid} {\n      allow read: if request.auth.uid == uid && request.time < timestamp.date(2030, 1, 1);\n    }')],
  ['function named true-ish', () => fs('    function isTrue() { return true; }\n    match /a/{b} {\n      allow read: if isTrue() && request.auth.uid == b;\n    }')],
  ['a function body containing allow-like text', () => fs('    function f() {\n      return request.auth != null; // allow read: if true;\n    }\n    match /a/{b} { allow read: if f() && false; }')],
];
for (const [name, run] of negatives) test(`rules negative: ${name}`, () => assert.deepEqual(at(run()), []));

test('severity: wildcard read high, named read info, write critical, expired test mode low', () => {
  assert.equal(fs('match /posts/{id} { allow read; }').findings[0].severity, 'high');
  assert.equal(fs('match /config/app { allow read; }').findings[0].severity, 'info');
  assert.equal(fs('match /config/app { allow write; }').findings[0].severity, 'critical');
  assert.equal(fs('match /{d=**} { allow read: if request.time < timestamp.date(2024, 1, 1); }').findings[0].severity, 'low');
  assert.equal(fs('match /{d=**} { allow read: if request.time < timestamp.date(2030, 1, 1); }').findings[0].severity, 'high');
});

test('test-mode message reports the date and whether it passed', () => {
  assert.match(fs('match /{d=**} { allow read: if request.time < timestamp.date(2030, 1, 1); }').findings[0].message, /until 2030-01-01/);
  assert.match(fs('match /{d=**} { allow read: if request.time < timestamp.date(2024, 3, 9); }').findings[0].message, /expired on 2024-03-09/);
});

test('range spans the whole allow statement, across lines', () => {
  const text = firestore('    match /logs/{id} {\n      allow write:\n        if true;\n    }');
  const [f] = only(scanFile('firestore.rules', text), 'firebase-rules-public-write');
  assert.deepEqual([f.location.line, f.location.column, f.location.endLine], [5, 7, 6]);
  assert.equal(text.split('\n')[5].slice(0, f.location.endColumn - 1).trim(), 'if true;');
});

test('any *.rules file is read; a broken one gives an errors item', () => {
  assert.equal(scanFile('config/prod-firestore.rules', firestore('match /{d=**} { allow read; }')).findings.length, 1);
  const r = scanFile('firestore.rules', firestore('match /a/{b} { allow read: if true;'));
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, /closing \}/);
});

test('a .rules file of another tool (udev) is ignored without errors', () => {
  const r = scanFile('etc/udev/rules.d/99-android.rules', 'SUBSYSTEM=="usb", ATTR{idVendor}=="18d1", MODE="0666" # don\'t touch\nallow read: if true;\n');
  assert.deepEqual([r.findings, r.errors], [[], []]);
});
