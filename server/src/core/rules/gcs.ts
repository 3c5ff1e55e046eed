import type { Rule } from '../rule';

export const gcsRules: Rule[] = [];
