// The Go-literal reader behind `npm run corpus:peers` (scripts/peers/goSource.ts), on Go text
// written here in the shape of gitleaks' rule files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { funcBodies, sample, stringList } from '../../../scripts/peers/goSource';
import { rng } from '../../helpers/rng';

const GO = [
  'package rules',
  '',
  'func Example() *config.Rule {',
  '\tr := config.Rule{RuleID: "example", Regex: regexp.MustCompile(`EX[A-Z]{4}`)}',
  '\ttps := utils.GenerateSampleSecrets("ex", "EXABCD") // comment',
  '\ttps = append(tps, utils.GenerateSampleSecrets("ex", "EX"+secrets.NewSecret("[A-Z2-7]{16}"))...)',
  '\ttps = append(tps, `key := "EX" + raw`, "quoted \\"inner\\" text")',
  '\tfps := []string{',
  '\t\t`key = EXXXXX`, // low entropy',
  '\t\t"alibabaKey := \\"LTAI" + secrets.NewSecret(utils.Hex("20")) + "\\"",',
  '\t}',
  '\treturn utils.Validate(r, tps, fps)',
  '}',
  '',
  'func Other() *config.Rule { s := "}" ; return nil }',
].join('\n');

test('rule functions are found with braces inside strings skipped', () => {
  assert.deepEqual(funcBodies(GO).map((b) => b.name), ['Example', 'Other']);
});

test('tps and fps lists read literals, concatenations, appends and generated secrets', () => {
  const body = funcBodies(GO)[0].body;
  const tps = stringList(body, 'tps', rng(7));
  assert.equal(tps.length, 4);
  assert.equal(tps[0], 'EXABCD');
  assert.match(tps[1], /^EX[A-Z2-7]{16}$/);
  assert.deepEqual(tps.slice(2), ['key := "EX" + raw', 'quoted "inner" text']);
  const fps = stringList(body, 'fps', rng(7));
  assert.equal(fps[0], 'key = EXXXXX');
  assert.match(fps[1], /^alibabaKey := "LTAI[a-f0-9]{20}"$/);
});

test('generated secrets follow the regex and repeat for the same seed', () => {
  const a = sample('AKIA[A-Z2-7]{16}', rng(3));
  assert.match(a, /^AKIA[A-Z2-7]{16}$/);
  assert.equal(sample('AKIA[A-Z2-7]{16}', rng(3)), a);
  assert.match(sample('(?i)LTAI[a-z0-9]{12,20}', rng(4)), /^LTAI[a-z0-9]{12,20}$/);
  assert.match(sample('AIza[\\w-]{35}', rng(5)), /^AIza[\w-]{35}$/);
});
