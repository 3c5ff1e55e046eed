import type { Rule } from '../rule';

export const googleRules: Rule[] = [];
