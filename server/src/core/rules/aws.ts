import type { Rule } from '../rule';

export const awsRules: Rule[] = [];
