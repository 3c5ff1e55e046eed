import type { Rule } from '../rule';

export const azureRules: Rule[] = [];
