import type { Rule } from '../rule';

export const supabaseRules: Rule[] = [];
