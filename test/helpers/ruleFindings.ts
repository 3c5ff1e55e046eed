// Shared by the rule tests: a rule's findings in one file, exactly one of them, and its range.
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/types';

const engine = createEngine();

/** The findings of `ruleId` in a file (through the whole engine: prefilter, scanner, validators). */
export const scanRule = (path: string, text: string, ruleId: string): Finding[] =>
  engine.scanText(path, text).findings.filter((f) => f.ruleId === ruleId);

/** The one finding of `ruleId` in a file (fails the test when there are none or several). */
export function oneOf(path: string, text: string, ruleId: string): Finding {
  const found = scanRule(path, text, ruleId);
  assert.equal(found.length, 1, `${path}: expected one ${ruleId}, got ${JSON.stringify(found.map((f) => f.value))}`);
  return found[0];
}

/** [line, column, endLine, endColumn] of a finding. */
export const range = (f: Finding): number[] => [f.location.line, f.location.column, f.location.endLine, f.location.endColumn];

/** The source text a single-line finding covers. */
export const covered = (text: string, f: Finding): string => text.split('\n')[f.location.line - 1].slice(f.location.column - 1, f.location.endColumn - 1);
