// Inline suppressions: `leaklens-ignore-next-line [ruleId …]` on the line above, or
// `leaklens-ignore-line [ruleId …]` on the same line, in any comment syntax.
import type { LineIndex } from './lines';

const DIRECTIVE = /leaklens-ignore-(next-line|line)\b([^\n]*)/g;

export interface Suppressions {
  /** True when a finding of `ruleId` on 1-based `line` is suppressed. */
  has(ruleId: string, line: number): boolean;
}

const NONE: Suppressions = { has: () => false };

export function findSuppressions(text: string, lines: LineIndex): Suppressions {
  if (!text.includes('leaklens-ignore-')) return NONE;
  // line → rule ids (empty set = every rule)
  const byLine = new Map<number, Set<string>>();
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const at = lines.position(m.index).line;
    const target = m[1] === 'next-line' ? at + 1 : at;
    const ids = m[2].match(/[a-z0-9]+(?:-[a-z0-9]+)+/g) ?? [];
    const set = byLine.get(target) ?? new Set<string>();
    if (ids.length === 0) set.add('*');
    for (const id of ids) set.add(id);
    byLine.set(target, set);
  }
  return { has: (ruleId, line) => { const s = byLine.get(line); return !!s && (s.has('*') || s.has(ruleId)); } };
}
