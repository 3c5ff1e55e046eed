import type { Rule } from '../rule';

export const alibabaRules: Rule[] = [];
