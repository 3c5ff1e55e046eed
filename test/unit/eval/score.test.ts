// Scoring used by `npm run eval`, `eval:real` and `eval:peers`: required lines, allowed lines
// (counted neither way), clean lines, line ranges, per-rule totals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addScore, emptyScore, precision, recall, score, type Labels } from '../../helpers/labels';

const labels: Labels = {
  expected: [
    { file: 'app/google-services.json', line: 4, ruleId: 'firebase-database-url' },
    { file: 'ios/Info.plist', line: 11, endLine: 12, ruleId: 'google-api-key' },
    { file: 'S3Client.swift', line: 23, ruleId: 'aws-access-key-id' },
    { file: 'S3Client.swift', line: 23, ruleId: 'aws-secret-access-key' },
  ],
  allowed: [
    { file: 'app/google-services.json', line: 4, ruleId: 'firebase-rules-missing', note: 'project-level' },
    { file: 'app/google-services.json', line: 5, ruleId: 'firebase-project-id', note: 'info' },
    { file: 'Comment.h', line: 30, note: 'real data in a comment' },
  ],
  clean: [{ file: 'build.gradle', line: 3, note: 'maven repository' }],
};
const at = (file: string, line: number, ruleId: string, endLine = line) => ({ file, line, endLine, ruleId });

test('a finding on the value line of a key/value range matches the label', () => {
  const s = score('p', labels, [at('ios/Info.plist', 12, 'google-api-key')]);
  assert.equal(s.byRule['google-api-key'].tp, 1);
  assert.equal(s.fn, 3);
});

test('two rules on one line need two findings; the wrong rule on a required line is a miss and a false alarm', () => {
  const s = score('p', labels, [at('S3Client.swift', 23, 'aws-access-key-id'), at('app/google-services.json', 4, 'gcs-bucket')]);
  assert.deepEqual(s.misses.map((m) => `${m.file}:${m.line} ${m.ruleId}`), [
    'app/google-services.json:4 firebase-database-url', 'ios/Info.plist:11 google-api-key', 'S3Client.swift:23 aws-secret-access-key']);
  assert.deepEqual(s.falseAlarms.map((m) => `${m.file}:${m.line} ${m.ruleId}`), ['app/google-services.json:4 gcs-bucket']);
});

test('allowed lines count neither way: with their rule, or any rule when the label names none', () => {
  const s = score('p', labels, [
    at('app/google-services.json', 4, 'firebase-database-url'),
    at('app/google-services.json', 4, 'firebase-rules-missing'),
    at('app/google-services.json', 5, 'firebase-project-id'),
    at('app/google-services.json', 5, 'google-api-key'),
    at('Comment.h', 30, 'alibaba-oss-bucket'),
  ]);
  assert.equal(s.tp, 1);
  assert.equal(s.allowed, 3);
  assert.deepEqual(s.falseAlarms.map((m) => m.ruleId), ['google-api-key']);
});

test('a finding on a clean line says which look-alike it hit; one on an unlabelled line is a plain false alarm', () => {
  const s = score('p', labels, [at('build.gradle', 3, 'aws-s3-bucket'), at('Other.kt', 9, 'aws-s3-bucket')]);
  assert.deepEqual(s.falseAlarms.map((m) => m.clean), ['maven repository', undefined]);
  assert.equal(s.byRule['aws-s3-bucket'].fp, 2);
  assert.equal(precision(s), 0);
});

test('totals add up per rule and overall', () => {
  const a = score('a', labels, [at('S3Client.swift', 23, 'aws-access-key-id'), at('S3Client.swift', 23, 'aws-secret-access-key')]);
  const b = score('b', labels, [at('app/google-services.json', 4, 'firebase-database-url'), at('x', 1, 'gcs-bucket')]);
  const t = addScore(addScore(emptyScore(), a), b);
  assert.deepEqual([t.tp, t.fn, t.fp], [3, 5, 1]);
  assert.deepEqual(t.byRule['aws-access-key-id'], { tp: 1, fp: 0, fn: 1 });
  assert.equal(recall(t).toFixed(3), '0.375');
  assert.equal(t.misses.length + t.falseAlarms.length, 6);
});
