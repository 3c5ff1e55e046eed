// The rule registry: every rule of the catalog (DESIGN §3), one provider per file.
import type { Rule } from '../rule';
import { firebaseRules } from './firebase';
import { googleRules } from './google';
import { awsRules } from './aws';
import { gcsRules } from './gcs';
import { azureRules } from './azure';
import { digitaloceanRules } from './digitalocean';
import { alibabaRules } from './alibaba';
import { supabaseRules } from './supabase';
import { privateKeyRules } from './privateKey';
import { cleartextRules } from './cleartext';
import { insecureEndpointRules } from './insecureEndpoint';

export const ALL_RULES: readonly Rule[] = [
  ...firebaseRules,
  ...googleRules,
  ...awsRules,
  ...gcsRules,
  ...azureRules,
  ...digitaloceanRules,
  ...alibabaRules,
  ...supabaseRules,
  ...privateKeyRules,
  ...cleartextRules,
  ...insecureEndpointRules,
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
