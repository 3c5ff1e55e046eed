// Alibaba Cloud OSS buckets: `<b>.oss-<region>.aliyuncs.com`, the `-internal` (VPC) form and the
// global acceleration hosts `<b>.oss-accelerate[-overseas].aliyuncs.com`; AccessKey pairs
// (`LTAI…` ids and their secrets) — see accessKey below.
// Decisions: the value is the bucket name; `-internal` hosts are real buckets reachable only from
// the VPC, so the endpoint is the public host of the same region; acceleration hosts keep their
// own endpoint; bare region endpoints and doc buckets (`examplebucket`) are not findings.
import type { RawMatch, Rule } from '../rule';
import { extractPairs } from '../text/pairs';
import { redact } from '../fingerprint';
import { entropy, inSecurityDomainConfig, isEmulator, isNonValue, isPlaceholderName, looksSequential, tokenBefore } from './common';

// OSS bucket names: 3–63 of lower-case letters, digits and hyphens, alphanumeric at both ends.
const BUCKET = '[a-z0-9][a-z0-9-]{1,61}[a-z0-9]';
// cn-hangzhou, cn-shanghai-finance-1, ap-southeast-1, us-west-1, eu-central-1, me-east-1 …
const REGION = '[a-z]{2,3}(?:-[a-z]{2,16}){1,3}(?:-\\d{1,2})?';
const HOST = new RegExp(String.raw`(?<![\w.-])(?<v>${BUCKET})\.oss-(?:(?<acc>accelerate(?:-overseas)?)|(?<r>${REGION})(?:-internal)?)\.aliyuncs\.com(?![\w-])`, 'g');
// Alibaba Cloud documentation buckets.
const DOC_BUCKETS = /^(?:examplebucket|example-bucket|bucket-?name|your-?bucket|my-?bucket|destbucket|srcbucket|destexamplebucket|srcexamplebucket)\d*$/;

function scanOss(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  HOST.lastIndex = 0;
  for (let m = HOST.exec(text); m && out.length < 1000; m = HOST.exec(text)) {
    const { v, acc } = m.groups!;
    if (inSecurityDomainConfig(text, m.index) || isEmulator(tokenBefore(text, m.index))) continue;
    // The VPC-only `-internal` host names the same bucket; probe its public endpoint.
    const region = m.groups!.r?.replace(/-internal$/, '');
    const endpoint = acc ? `https://${v}.oss-${acc}.aliyuncs.com/` : `https://${v}.oss-${region}.aliyuncs.com/`;
    const where = acc ? 'global acceleration' : region;
    out.push({ value: v, start: m.index, end: m.index + v.length, endpoint, message: `Alibaba Cloud OSS bucket ${v} (${where}) referenced in source` });
  }
  return out;
}

const ossBucket: Rule = {
  id: 'alibaba-oss-bucket',
  provider: 'alibaba',
  severity: 'low',
  redact: false,
  keywords: ['aliyuncs.com'],
  scan: (text) => scanOss(text),
  validate: (value) => !DOC_BUCKETS.test(value) && !isPlaceholderName(value) && !isNonValue(value),
  message: (value) => `Alibaba Cloud OSS bucket ${value} referenced in source`,
  doc: {
    title: 'Alibaba Cloud OSS bucket',
    why: 'The bucket name and region ship in the app. Anyone can send `GET https://<bucket>.oss-<region>.aliyuncs.com/` (ListObjects) and fetch objects; a bucket ACL of `public-read` or `public-read-write`, or a bucket policy granting `*`, makes its files public (and writable). `-internal` (VPC) hosts are probed at the public endpoint.',
    fix: 'Set the bucket ACL to private and turn on Block Public Access for OSS, remove bucket-policy statements with `"Principal": ["*"]`, and serve files through signed URLs (or STS temporary credentials scoped by RAM policy) issued by your backend. Never ship AccessKey pairs (`LTAI…`) in the app. Endpoint form: `https://<bucket>.oss-<region>.aliyuncs.com/`.',
    links: [
      'https://www.alibabacloud.com/help/en/oss/user-guide/block-public-access',
      'https://www.alibabacloud.com/help/en/oss/user-guide/bucket-acl',
      'https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions',
    ],
  },
};

// ---------------------------------------------------------------- AccessKey pairs
// Decisions: an `LTAI` id is `high`, its secret `critical`, both redacted (rule severity is the
// id's; secrets carry their own). A secret is a quoted 30-character string right after an `LTAI…`
// literal or inside an OSS/STS credential-provider call (Java/Kotlin `new
// OSSPlainTextAKSKCredentialProvider(id, "…")`, ObjC `initWithPlainTextAccessKey:… secretKey:@"…"`,
// Swift `plainTextAccessKey:secretKey:`, `OSSStsTokenCredentialProvider`, `DefaultProfile.getProfile`,
// `OSSClientBuilder().build`, ali-oss `new OSS({…})`, SDK v2 `.accessKeySecret("…")`), or the value of an `accessKeySecret` /
// `ALIBABA_CLOUD_ACCESS_KEY_SECRET` key in a file that is about Alibaba Cloud. Ids and secrets are
// never sent anywhere (DESIGN §7), so there is no endpoint.
// Docs: https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair,
// https://www.alibabacloud.com/help/en/oss/developer-reference/initialization-10 (Android provider).

const KEY_ID = /(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])/g;
const QUOTED_SECRET = /@?["'`](?<v>[A-Za-z0-9]{30})["'`]/g;
const PROVIDER_CALL = /OSSPlainTextAKSK(?:Pair)?CredentialProvider|initWithPlainTextAccessKey|plainTextAccessKey\s*:|OSSStsTokenCredentialProvider|OSSFederationToken|DefaultProfile\.getProfile|OSSClientBuilder\(\)\s*\.build|new\s+OSSClient\s*\(|new\s+OSS\s*\(\s*\{|\.(?:set)?[aA]ccessKeySecret\s*\(/g;
const SECRET_KEY = /access[\W_]*key[\W_]*secret|(?:ali(?:yun|baba|cloud)?|oss)[\W_]*(?:access[\W_]*)?(?:key[\W_]*)?secret/i;
const ALIBABA_FILE = /aliyun|alibaba|alicloud|aliyuncs|LTAI[A-Za-z0-9]{12}|(?:^|[^A-Za-z])OSS[A-Z]|ali-oss/;

// `("qgR150FXSbdnCi5e", "wi4j…")`, `initWithPlainTextAccessKey:@"…" secretKey:@"…"`: an id literal, then the secret literal.
const CALL_PAIR = /@?["'](?<id>[A-Za-z0-9]{16,24})["'][^"'`;]{0,200}?@?["'`](?<secret>[A-Za-z0-9]{30})["'`]/;

function looksLikeLegacyId(v: string): boolean {
  return /\d/.test(v) && /[A-Za-z]/.test(v) && entropy(v) >= 3.3 && !looksSequential(v) && !/(.)\1{4,}/.test(v) && !isNonValue(v);
}

function looksLikeSecret(v: string): boolean {
  return /^[A-Za-z0-9]{30}$/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /\d/.test(v) && entropy(v) >= 3.8 && !looksSequential(v, 6) && !isNonValue(v);
}

function scanAccessKeys(text: string, kind: Parameters<typeof extractPairs>[1]): RawMatch[] {
  const out: RawMatch[] = [];
  const seen = new Set<number>();
  const secret = (value: string, start: number, how: string) => {
    if (seen.has(start) || !looksLikeSecret(value)) return;
    seen.add(start);
    out.push({ value, start, end: start + value.length, severity: 'critical', message: `Alibaba Cloud AccessKey secret (${how}) is compiled into the app: with its id, anyone can call Alibaba Cloud APIs as this RAM user` });
  };
  const quotedAfter = (from: number, window: number, how: string, max: number) => {
    const slice = text.slice(from, from + window);
    QUOTED_SECRET.lastIndex = 0;
    let n = 0;
    for (let s = QUOTED_SECRET.exec(slice); s && n < max; s = QUOTED_SECRET.exec(slice), n++) {
      secret(s.groups!.v, from + s.index + s[0].indexOf(s.groups!.v), how);
    }
  };
  KEY_ID.lastIndex = 0;
  for (let m = KEY_ID.exec(text); m && out.length < 200; m = KEY_ID.exec(text)) {
    out.push({ value: m[0], start: m.index, end: m.index + m[0].length });
    quotedAfter(m.index + m[0].length, 200, 'next to its LTAI id', 1);
  }
  PROVIDER_CALL.lastIndex = 0;
  for (let m = PROVIDER_CALL.exec(text); m && out.length < 200; m = PROVIDER_CALL.exec(text)) {
    const how = `passed to ${m[0].replace(/[\s(:{]+$/, '').replace(/\s+/g, ' ')}`;
    const from = m.index + m[0].length;
    // Older AccessKey ids carry no `LTAI` prefix (16 characters): the literal right before the secret.
    const pair = CALL_PAIR.exec(text.slice(from, from + 300));
    if (pair && !pair.groups!.id.startsWith('LTAI') && looksLikeLegacyId(pair.groups!.id) && looksLikeSecret(pair.groups!.secret)) {
      const start = from + pair.index + pair[0].indexOf(pair.groups!.id);
      if (!seen.has(start)) {
        seen.add(start);
        out.push({ value: pair.groups!.id, start, end: start + pair.groups!.id.length, message: `Alibaba Cloud AccessKey ID ${redact(pair.groups!.id)} (${how}) is compiled into the app, with its secret` });
      }
    }
    quotedAfter(from, 300, how, 3);
  }
  if (ALIBABA_FILE.test(text)) {
    for (const p of extractPairs(text, kind)) if (SECRET_KEY.test(p.key)) secret(p.value, p.start, p.key);
  }
  return out;
}

const accessKey: Rule = {
  id: 'alibaba-access-key',
  provider: 'alibaba',
  severity: 'high',
  redact: true,
  keywords: ['ltai', 'secret', 'ossplaintextaksk', 'ossststokencredentialprovider', 'defaultprofile'],
  scan: (text, ctx) => scanAccessKeys(text, ctx.kind),
  validate(value) {
    if (!value.startsWith('LTAI') || value.length === 30) return true; // secrets and legacy ids were checked while scanning
    const rest = value.slice(4);
    return !isNonValue(value) && !/(.)\1{4,}/.test(rest) && !looksSequential(rest) && entropy(rest) >= 3 && /[a-z]/.test(rest) && /[A-Z0-9]/.test(rest);
  },
  message: (value) => `Alibaba Cloud AccessKey ID ${redact(value)} is compiled into the app: its secret usually ships next to it, and the pair acts as the RAM user`,
  doc: {
    title: 'Alibaba Cloud AccessKey pair',
    why: 'An AccessKey ID (`LTAI…`) and its 30-character secret sign every Alibaba Cloud API call as the RAM user (or, worse, the root account) that owns them. Compiled into an app — typically handed to the OSS SDK with `OSSPlainTextAKSKCredentialProvider` — they can be read by anyone who unpacks the APK/IPA, who can then list, download, overwrite and delete the OSS buckets and use every other service the user may.',
    fix: 'Disable and delete the AccessKey pair in the RAM console now, then check ActionTrail for its use. Apps must never hold long-term keys: have your backend call STS `AssumeRole` and hand the app short-lived credentials limited to one bucket prefix (`OSSAuthCredentialProvider` / `OSSFederationCredentialProvider` with an STS server), or give it signed URLs.',
    links: [
      'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair',
      'https://www.alibabacloud.com/help/en/oss/developer-reference/authorize-access-2',
      'https://www.alibabacloud.com/help/en/ram/user-guide/disable-an-accesskey-pair',
    ],
  },
};

export const alibabaRules: Rule[] = [ossBucket, accessKey];
