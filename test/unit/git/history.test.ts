import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { HistoryCollector, HISTORY_MAX_ERRORS, keptInHistory, valueKey } from '../../../server/src/core/git/history';
import type { CommitInfo } from '../../../server/src/core/git/rawLog';

const engine = createEngine();
const KEY = 'AKIAQ3EGUCVPZW4XNBJR';
const c1: CommitInfo = { sha: '1'.repeat(40), date: '2024-01-01T00:00:00Z', author: 'Ann', email: 'ann@example.test' };
const c2: CommitInfo = { sha: '2'.repeat(40), date: '2024-02-01T00:00:00Z', author: 'Bob', email: 'bob@example.test' };

function scan(path: string, text: string) {
  return { result: engine.scanText(path, text), text };
}

test('a value is reported once, by the first commit that holds it, wherever it moves', () => {
  const head = new Set<string>();
  const h = new HistoryCollector((b) => head.has(b));
  const a = scan('app/aws.properties', `aws_access_key_id=${KEY}\n`);
  const b = scan('lib/config.dart', `const key = "${KEY}";\n`); // the same key, another file and syntax
  h.add(c1, 'blob-a', a.result, a.text);
  h.add(c2, 'blob-b', b.result, b.text);
  const { findings } = h.finish();
  const aws = findings.filter((f) => f.ruleId === 'aws-access-key-id');
  assert.equal(aws.length, 1);
  assert.equal(aws[0].location.file, 'app/aws.properties');
  assert.deepEqual(aws[0].commit, { sha: c1.sha, date: c1.date, author: 'Ann' });
  assert.equal(aws[0].inHead, false);
});

test('inHead: true when any blob of HEAD holds the value, even one read later', () => {
  const head = new Set(['blob-b']);
  const h = new HistoryCollector((b) => head.has(b));
  const a = scan('a.properties', `aws_access_key_id=${KEY}\n`);
  h.add(c1, 'blob-a', a.result, a.text);
  assert.equal(h.finish().findings[0].inHead, false);
  const b = scan('b.properties', `other=1\naws_access_key_id=${KEY}\n`);
  h.add(c2, 'blob-b', b.result, b.text);
  assert.equal(h.finish().findings.length, 1);
  assert.equal(h.finish().findings[0].inHead, true);
  assert.equal(h.finish().findings[0].commit?.sha, c1.sha);
});

test('markInHead (a HEAD blob older than --since) marks known values and adds none', () => {
  const h = new HistoryCollector(() => false);
  const a = scan('a.properties', `aws_access_key_id=${KEY}\n`);
  h.add(c2, 'blob-a', a.result, a.text);
  const old = scan('old.properties', `aws_access_key_id=${KEY}\nbucket=s3://acme-other-bucket\n`);
  h.markInHead(old.result, old.text);
  const { findings } = h.finish();
  assert.deepEqual(findings.map((f) => [f.ruleId, f.inHead]), [['aws-access-key-id', true]]);
});

test('distinct values stay distinct; configuration rules are not history findings', () => {
  const h = new HistoryCollector(() => true, keptInHistory);
  const a = scan('app/src/main/AndroidManifest.xml', `<manifest><application android:usesCleartextTraffic="true"/></manifest>\n`);
  const k1 = scan('a.properties', `aws_access_key_id=${KEY}\n`);
  const k2 = scan('a.properties', `aws_access_key_id=AKIAZ7TQ3PLM5XW2RN8C\n`);
  h.add(c1, 'm', a.result, a.text);
  h.add(c1, 'k1', k1.result, k1.text);
  h.add(c2, 'k2', k2.result, k2.text);
  assert.ok(a.result.findings.some((f) => f.ruleId === 'cleartext-traffic'), 'the engine does flag it in a folder scan');
  assert.deepEqual(h.finish().findings.map((f) => [f.value, f.commit?.sha]), [[KEY, c1.sha], ['AKIAZ7TQ3PLM5XW2RN8C', c2.sha]]);
});

test('valueKey: the same secret under two rules or with other quotes', () => {
  const f = scan('a.properties', `aws_access_key_id=${KEY}\n`);
  const g = scan('b.json', `{"aws_access_key_id": "${KEY}"}\n`);
  const [fa] = f.result.findings;
  const [ga] = g.result.findings.filter((x) => x.ruleId === fa.ruleId);
  assert.equal(valueKey(fa, f.text), valueKey(ga, g.text));
  assert.notEqual(valueKey(fa, f.text), valueKey({ ...fa, ruleId: 'other' }, f.text));
});

test('errors: once per path and message, naming the first commit; bounded', () => {
  const h = new HistoryCollector(() => false);
  const e = { file: 'logo.json', entry: null, message: 'binary file; skipped' };
  h.add(c1, 'x', { findings: [], errors: [e] }, undefined);
  h.add(c2, 'y', { findings: [], errors: [e] }, undefined);
  assert.deepEqual(h.finish().errors, [{ ...e, message: `binary file; skipped (commit ${c1.sha.slice(0, 12)})` }]);
  for (let i = 0; i < HISTORY_MAX_ERRORS + 5; i++) h.error({ file: `f${i}`, entry: null, message: 'm' });
  const errors = h.finish().errors;
  assert.equal(errors.length, HISTORY_MAX_ERRORS + 1);
  assert.match(errors[errors.length - 1].message, /^6 more errors not listed/);
});
