import type { Rule } from '../rule';

export const cleartextRules: Rule[] = [];
