// Windows around added lines (`scan --history` between two versions of a file): every finding a
// whole scan of the new version makes on or next to an added line is found, on real example files
// edited at random places.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../../server/src/core/engine';
import { addedLineNumbers, findingsNearLines } from '../../../server/src/core/text/incremental';
import { rng } from '../../helpers/rng';

const engine = createEngine();
const FILES = [
  'examples/android/app/src/main/res/values/strings.xml',
  'examples/android/app/src/main/java/com/acme/photos/CloudConfig.kt',
  'examples/flutter/lib/firebase_options.dart',
  'examples/ios/AcmePhotos/GoogleService-Info.plist',
];
const INSERTS = [
  '    const val AWS_KEY = "AKIAQ3EGUCVPZW4XNBJR"',
  '  <string name="aws_secret_access_key">kW9xTq2Lm8vN4rB7yP1sD6fG3hJ0cZ5aE8uI2oK4</string>',
  "  static const bucket = 'gs://acme-history-uploads';",
  '<key>API_KEY</key><string>AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q</string>',
];

test('addedLineNumbers: the new version\'s lines the old one lacks, moved lines excluded', () => {
  assert.deepEqual(addedLineNumbers('a\nb\nc\n', 'a\nb\nc\n'), []);
  assert.deepEqual(addedLineNumbers('a\nb\nc\n', 'a\nX\nb\nc\nY\n'), [2, 5]);
  assert.deepEqual(addedLineNumbers('a\nb\nc\n', 'a\nc\nb\n'), [], 'a reordering adds no line');
  assert.deepEqual(addedLineNumbers('key = old\n', 'key = new\n'), [1]);
});

test('findingsNearLines: on real files with lines added at random places, the same findings near them as a whole scan', () => {
  const rand = rng(7);
  let windowed = 0;
  for (const file of FILES) {
    const original = readFileSync(file, 'utf8');
    for (let round = 0; round < 40; round++) {
      const lines = original.split('\n');
      // pad short files so windows are worth it, then add one to three lines
      while (lines.length < 400) lines.push(...original.split('\n'));
      const before = lines.join('\n');
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) lines.splice(Math.floor(rand() * lines.length), 0, INSERTS[Math.floor(rand() * INSERTS.length)]);
      const after = lines.join('\n');
      const added = addedLineNumbers(before, after);
      const near = findingsNearLines(after, added, (w) => engine.scanText(file, w).findings);
      if (!near) continue; // a whole scan: nothing to compare
      windowed++;
      const key = (f: { ruleId: string; value: string; location: { line: number; column: number } }) => `${f.ruleId} ${f.value} ${f.location.line}:${f.location.column}`;
      const whole = engine.scanText(file, after).findings;
      const wholeKeys = new Set(whole.map(key));
      const nearKeys = new Set(near.map(key));
      // nothing a whole scan would not find, and everything it finds next to an added line
      for (const k of nearKeys) assert.ok(wholeKeys.has(k), `${file}, round ${round}: ${k} only in a window`);
      for (const f of whole.filter((x) => added.some((l) => l >= x.location.line - 20 && l <= x.location.endLine + 20))) {
        assert.ok(nearKeys.has(key(f)), `${file}, round ${round}: ${key(f)} missed`);
      }
    }
  }
  assert.ok(windowed > 100, `windows were used (${windowed} times)`);
});

test('findingsNearLines: most of the file changed, or nothing added', () => {
  const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
  assert.equal(findingsNearLines(text, Array.from({ length: 60 }, (_, i) => i + 1), () => []), undefined);
  assert.deepEqual(findingsNearLines(text, [], () => { throw new Error('not scanned'); }), []);
});
