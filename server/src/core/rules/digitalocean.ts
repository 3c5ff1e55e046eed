import type { Rule } from '../rule';

export const digitaloceanRules: Rule[] = [];
