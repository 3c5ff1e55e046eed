import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../server/src/core/engine';
import { README, RULES_DOC, readmeWithTable, rulesDoc } from '../../scripts/gen-docs';

const { rules } = createEngine();

test('docs/rules.md is generated from the current catalog (run: node --import tsx scripts/gen-docs.ts)', () => {
  assert.equal(readFileSync(RULES_DOC, 'utf8'), rulesDoc(rules));
});

test('the README rules table is generated from the current catalog', () => {
  const readme = readFileSync(README, 'utf8');
  assert.equal(readme, readmeWithTable(readme, rules));
});

test('every rule has a complete doc', () => {
  for (const r of rules) {
    assert.ok(r.doc.title && r.doc.why.length > 40 && r.doc.fix.length > 40, `${r.id} doc is incomplete`);
    assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)+$/);
  }
});
