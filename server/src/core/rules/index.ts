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
import { fcmRules } from './fcm';
import { cloudflareRules } from './cloudflare';
import { backblazeRules } from './backblaze';
import { wasabiRules } from './wasabi';
import { linodeRules } from './linode';
import { scalewayRules } from './scaleway';
import { tencentRules } from './tencent';
import { huaweiRules } from './huawei';
import { ibmRules } from './ibm';
import { oracleRules } from './oracle';

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
  ...fcmRules,
  ...cloudflareRules,
  ...backblazeRules,
  ...wasabiRules,
  ...linodeRules,
  ...scalewayRules,
  ...tencentRules,
  ...huaweiRules,
  ...ibmRules,
  ...oracleRules,
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
