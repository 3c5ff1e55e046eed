import type { Rule } from '../rule';

export const privateKeyRules: Rule[] = [];
