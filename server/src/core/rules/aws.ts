// AWS: access key ids, secret access keys, Cognito identity pools and S3 buckets (every URL style
// plus the bucket keys of awsconfiguration.json, Amplify and plain app config).
// Decisions: a key id carries no endpoint (it names no resource; keys are never probed). A secret
// needs an AWS-ish name (`aws`/`s3`/`secret…access`), or a bare `secretKey` in a file that mentions
// AWS, or a quoted 40-char string within 300 chars after a key id, or (binary strings) a whole line
// in a file holding a key id. S3 values are bucket names; the endpoint is virtual-hosted
// (`https://<b>.s3[.<region>].amazonaws.com/`), path style for dotted names, region from the URL or
// a `region` key within 400 chars of a config value. Legacy upper-case/underscore buckets, doc
// buckets (`amzn-s3-demo-*`, `DOC-EXAMPLE-*`, `examplebucket`), XML namespaces, NSC/ATS domains,
// console/doc URLs and LocalStack/localhost URLs are not findings.
import type { MatchContext, RawMatch, Rule } from '../rule';
import { entropy, inSecurityDomainConfig, isEmulator, isNonValue, isPlaceholderName, tokenBefore } from './common';

// us-east-1, eu-north-1, ap-southeast-2, us-gov-west-1, cn-northwest-1, il-central-1 …
const REGION = String.raw`(?:us(?:-gov|-iso[bef]?)?|eu|ap|ca|sa|me|af|il|mx|cn)-(?:north|south)?(?:east|west|central|north|south)-\d{1,2}`;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// Bounded so every attempt is O(63): keeps the scan linear on adversarial input.
const BUCKET = '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]';
// After a host/bucket: no more name characters; a dot only when it ends a sentence.
const END = String.raw`(?![\w-]|\.\w)`;

// ---------------------------------------------------------------- access key id

// Key id prefixes (IAM "Unique identifier prefixes"): AKIA access key, ASIA temporary (STS) key,
// ABIA STS service bearer token, ACCA context-specific credential; A3T… is an older prefix that
// secret scanners (gitleaks) keep. The 16 characters after the prefix are base32 (A-Z, 2-7); the
// long-standing AKIA/ASIA matcher keeps accepting any digit.
const KEY_ID_SRC = '(?:A(?:KIA|SIA)[A-Z0-9]{16}|(?:ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})';
const KEY_KINDS: Record<string, string> = { ASIA: 'temporary (STS) access key id', ABIA: 'STS service bearer token key id', ACCA: 'context-specific credential key id' };

const accessKeyId: Rule = {
  id: 'aws-access-key-id',
  provider: 'aws',
  severity: 'high',
  redact: false,
  keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
  // Not inside a longer token (identifiers such as `REGION_ASIA…`, certificate pins, hashes).
  pattern: new RegExp(String.raw`(?<![\w+/])(?<v>${KEY_ID_SRC})(?![\w+/])`, 'g'),
  validate: (value) => !value.includes('EXAMPLE') && !isNonValue(value),
  message: (value) => `AWS ${KEY_KINDS[value.slice(0, 4)] ?? 'access key id'} ${value} is compiled into the app`,
  doc: {
    title: 'AWS access key id',
    why: 'An `AKIA…` (long-term IAM user), `ASIA…` (temporary STS), `ABIA…` (STS service bearer token), `ACCA…` (context-specific credential) or legacy `A3T…` key id ships in the APK/IPA as plain text. On its own it only names the key, but apps almost always ship its secret next to it, and anyone who unpacks the app then acts as that IAM user against your account.',
    fix: 'Never put IAM user keys in a mobile app. Deactivate and delete the key in IAM (then check CloudTrail for its use), and give the app temporary, scoped credentials instead: a Cognito identity pool with a least-privilege role, or pre-signed S3 URLs issued by your backend.',
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
      'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html',
    ],
  },
};

// ---------------------------------------------------------------- secret access key

const SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;
// `aws_secret_access_key`, `secretAccessKey`, `AWS_SECRET_ACCESS_KEY`, `SecretKey`, `awsSecret`, `S3_SECRET`.
const SECRET_NAME = /secret[\W_]*(?:access[\W_]*)?key|(?:aws|s3)[\W_]*secret/i;
// Names that are AWS-specific on their own; a bare `secretKey` counts only in an AWS file.
const STRONG_NAME = /aws|amazon|s3|secret[\W_]*access/i;
const AWS_FILE = /amazonaws|(?:^|[^a-z])aws|AKIA|ASIA|ABIA|ACCA|cognito|amplify/i;

function looksLikeSecret(v: string): boolean {
  return SECRET_SHAPE.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /\d/.test(v) &&
    !v.includes('EXAMPLE') && entropy(v) >= 4 && !/(.)\1{5,}/.test(v);
}

const KEY_ID = new RegExp(String.raw`(?<![A-Za-z0-9+/])${KEY_ID_SRC}(?![A-Za-z0-9+/])`, 'g');
const KEY_ID_ONE = new RegExp(KEY_ID.source);
const LINE_SECRET = /^[A-Za-z0-9/+]{40}$/gm;
const QUOTED_SECRET = /["'](?<v>[A-Za-z0-9/+]{40})["']/;

const secretAccessKey: Rule = {
  id: 'aws-secret-access-key',
  provider: 'aws',
  severity: 'critical',
  redact: true,
  keywords: ['secret', 'akia', 'asia', 'abia', 'acca', 'a3t'],
  // Unquoted INI/credentials style, also in files without extracted pairs.
  pattern: /aws_secret_access_key["']?[ \t]*[:=][ \t]*["']?(?<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
  pair: { key: SECRET_NAME, value: SECRET_SHAPE },
  // `new BasicAWSCredentials("AKIA…", "<secret>")`: a quoted secret right after a key id.
  scan(text) {
    const out: RawMatch[] = [];
    KEY_ID.lastIndex = 0;
    for (let m = KEY_ID.exec(text); m && out.length < 100; m = KEY_ID.exec(text)) {
      const from = m.index + m[0].length;
      const s = QUOTED_SECRET.exec(text.slice(from, from + 300));
      if (s) out.push({ value: s.groups!.v, start: from + s.index + 1, end: from + s.index + 41 });
    }
    // Strings extracted from a binary (one per line, DEX pools sorted): a line that is exactly a
    // 40-char secret, in a file that also holds a key id. Lines inside a PEM block are skipped.
    if (out.length === 0 && KEY_ID_ONE.test(text)) {
      LINE_SECRET.lastIndex = 0;
      for (let m = LINE_SECRET.exec(text); m && out.length < 20; m = LINE_SECRET.exec(text)) {
        if (text.lastIndexOf('-----BEGIN', m.index) <= text.lastIndexOf('-----END', m.index)) out.push({ value: m[0], start: m.index, end: m.index + 40 });
      }
    }
    return out;
  },
  validate(value, ctx) {
    if (!looksLikeSecret(value)) return false;
    return !ctx.key || STRONG_NAME.test(ctx.key) || AWS_FILE.test(ctx.text);
  },
  message: (_value, ctx) => `AWS secret access key${ctx.key ? ` (${ctx.key})` : ''} is compiled into the app: anyone who unpacks it can sign AWS requests as this IAM user`,
  doc: {
    title: 'AWS secret access key',
    why: 'The 40-character secret that signs AWS API requests. Together with its `AKIA…` key id it grants everything the IAM user may do; anyone who unzips the APK/IPA or runs `strings` on the binary can copy it. Obfuscation and BuildConfig fields do not hide it: they still ship in the app.',
    fix: 'Rotate now: create a new key only if a server still needs one, deactivate and delete this key in IAM, and review CloudTrail for its use. The app itself should never hold IAM user keys: use a Cognito identity pool (authenticated role, least privilege) or have your backend issue short-lived pre-signed URLs.',
    links: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html',
    ],
  },
};

// ---------------------------------------------------------------- Cognito identity pool

const cognitoIdentityPool: Rule = {
  id: 'aws-cognito-identity-pool',
  provider: 'aws',
  severity: 'medium',
  redact: false,
  // Every region name contains one of these.
  keywords: ['east-', 'west-', 'north-', 'south-', 'central-'],
  pattern: new RegExp(String.raw`(?<![\w-])(?<v>${REGION}:${UUID})(?![\w-])`, 'g'),
  validate(value, ctx) {
    const id = value.slice(value.indexOf(':') + 1);
    if (isNonValue(value) || /1234-1234|123456789012|abcdef12/.test(id)) return false;
    return !isEmulator(tokenBefore(ctx.text, ctx.start));
  },
  endpoint: (value) => {
    const region = value.slice(0, value.indexOf(':'));
    return `https://cognito-identity.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/`;
  },
  message: (value) => `Cognito identity pool ${value} is in the app: if it allows unauthenticated identities, anyone gets temporary AWS credentials for its unauth role`,
  doc: {
    title: 'AWS Cognito identity pool id',
    why: 'The identity pool id (`<region>:<uuid>`, in awsconfiguration.json `CognitoIdentity.Default.PoolId`, amplifyconfiguration.json or aws-exports `aws_cognito_identity_pool_id`) is meant to ship in the app. But when the pool allows unauthenticated (guest) identities, anyone can call `GetId` + `GetCredentialsForIdentity` with it and receive temporary AWS credentials for the unauthenticated role, outside your app.',
    fix: 'Turn off unauthenticated access unless you need guests. If you do, scope the unauth role to the bare minimum (for example `s3:GetObject` on `public/*` only, never `s3:*`, `dynamodb:*` or list/write on whole buckets), use the enhanced (simplified) flow, and check the authenticated role too. Review the role with IAM Access Analyzer.',
    links: [
      'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html',
      'https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html',
      'https://docs.aws.amazon.com/cognito/latest/developerguide/security-best-practices.html',
    ],
  },
};

// ---------------------------------------------------------------- S3 bucket

// Provider documentation buckets: examplebucket, DOC-EXAMPLE-BUCKET, amzn-s3-demo-bucket, awsexamplebucket1 …
const DOC_BUCKETS = /^(?:amzn-s3-demo-|doc-example-|awsexamplebucket|examplebucket)|^(?:example-bucket|bucket-?name|my-?bucket|mys3bucket|my-s3-bucket|s3-bucket|bucket)\d*$/;

/** S3 bucket naming rules (general purpose buckets) plus the "not findings" of DESIGN §3. */
export function isS3BucketName(b: string): boolean {
  return (
    b.length >= 3 && b.length <= 63 && /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(b) &&
    !b.includes('..') && !/\.-|-\./.test(b) && !/^\d+\.\d+\.\d+\.\d+$/.test(b) &&
    !b.startsWith('xn--') && !b.startsWith('sthree-') && !/-s3alias$|--ol-s3$/.test(b) &&
    // Host names given to a bucket key (`acme.s3.amazonaws.com`) are handled by the URL matchers.
    !/\.(?:amazonaws\.com|appspot\.com|firebasestorage\.app|googleapis\.com)$/.test(b) &&
    // Attribute names such as OpenTelemetry's `aws.s3.bucket` are not buckets.
    !/(?:^|\.)(?:aws|s3|bucket)(?:\.|$)/.test(b) &&
    !DOC_BUCKETS.test(b) && !isPlaceholderName(b) && !isNonValue(b)
  );
}

/** Canonical S3 endpoint; dotted names use path style (a dotted virtual host breaks TLS). */
export function s3Endpoint(bucket: string, region?: string): string {
  const host = region ? `s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}` : 's3.amazonaws.com';
  return bucket.includes('.') ? `https://${host}/${bucket}/` : `https://${bucket}.${host}/`;
}

const REGION_KEY = new RegExp(String.raw`region\w*["']?\s*(?:[:=]|>|,)\s*["']?(?<r>${REGION})\b`, 'gi');
/** The region configured next to a bucket key (`"Region"`, `aws_user_files_s3_bucket_region`, `S3_REGION=`). */
function regionNear(text: string, start: number, end: number): string | undefined {
  const after = text.slice(end, end + 400);
  REGION_KEY.lastIndex = 0;
  const a = REGION_KEY.exec(after);
  if (a) return a.groups!.r.toLowerCase();
  const before = text.slice(Math.max(0, start - 400), start);
  let last: string | undefined;
  REGION_KEY.lastIndex = 0;
  for (let m = REGION_KEY.exec(before); m; m = REGION_KEY.exec(before)) last = m.groups!.r.toLowerCase();
  return last;
}

// Virtual-hosted: b.s3.amazonaws.com, b.s3.<r>…, b.s3-<r>…, dualstack, website, accelerate, s3-external-1.
const S3_VHOST = new RegExp(String.raw`(?<![\w.-])(?<v>${BUCKET})\.s3(?:-accelerate(?:\.dualstack)?|-website[.-](?<r1>${REGION})|\.dualstack\.(?<r2>${REGION})|[.-](?<r3>${REGION}|external-1))?\.amazonaws\.com(?:\.cn)?(?![\w-])`, 'gd');
// Path style: s3.amazonaws.com/b, s3.<r>.amazonaws.com/b, s3-<r>…/b, s3.dualstack.<r>…/b (JSON `\/` too).
const S3_PATH = new RegExp(String.raw`(?<![\w.-])s3(?:\.dualstack\.(?<r1>${REGION})|[.-](?<r2>${REGION}|external-1))?\.amazonaws\.com(?:\.cn)?(?::443)?\\?\/(?<v>${BUCKET})${END}`, 'gd');
// s3://b (also Hadoop s3a:// / s3n://) and arn:aws:s3:::b — no region in either.
const S3_URI = new RegExp(String.raw`(?<![\w])(?:s3[an]?:\/\/|arn:aws(?:-cn|-us-gov)?:s3:::)(?<v>${BUCKET})${END}`, 'gd');

function s3UrlMatches(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  for (const re of [S3_VHOST, S3_PATH, S3_URI]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m && out.length < 1000; m = re.exec(text)) {
      const g = m.groups!;
      if (inSecurityDomainConfig(text, m.index)) continue; // NSC <domain> / ATS exception domain
      if (isEmulator(tokenBefore(text, m.index))) continue;
      const start = m.indices!.groups!.v[0];
      // The S3 XML namespaces `http://s3.amazonaws.com/doc/2006-03-01/`, `http://doc.s3.amazonaws.com/2006-03-01/`.
      if (g.v === 'doc' && /^(?:\.s3\.amazonaws\.com)?\/\d{4}-\d\d-\d\d/.test(text.slice(start + 3, start + 34))) continue;
      let region: string | undefined = g.r1 ?? g.r2 ?? g.r3;
      if (region === 'external-1') region = 'us-east-1';
      if (re === S3_URI) region = regionNear(text, start, start + g.v.length);
      // A virtual-hosted URL is already the canonical endpoint (its region, if any, kept).
      const endpoint = re === S3_VHOST && !g.v.includes('.') && !region ? `https://${g.v}.s3.amazonaws.com/` : s3Endpoint(g.v, region);
      out.push({ value: g.v, start, end: start + g.v.length, endpoint });
    }
  }
  return out;
}

// Config keys naming an S3 bucket: `S3_BUCKET`, `s3Bucket`, `aws_user_files_s3_bucket`, `AWS_S3_BUCKET_NAME`, `S3_MEDIA_BUCKET`,
// and a plain `Bucket`/`bucket`/`bucket_name` inside S3TransferUtility / awsS3StoragePlugin / Amplify outputs.
const S3_KEY = /(?:s3|aws).*bucket(?:[\W_]*name)?$|^bucket(?:[\W_]*name)?$/i;
// An S3 client pointed at another S3-compatible store: its bucket belongs to that store's rule.
const OTHER_S3_STORE = /r2\.cloudflarestorage\.com|backblazeb2\.com|wasabisys\.com|linodeobjects\.com|\.scw\.cloud|digitaloceanspaces\.com|myqcloud\.com|myhuaweicloud\.|appdomain\.cloud|aliyuncs\.com|oraclecloud\.com/;
const S3_SECTION = /S3TransferUtility|awsS3StoragePlugin|aws_region|amazonaws|amazons3|(?<![a-z0-9])s3/i;

const s3Bucket: Rule = {
  id: 'aws-s3-bucket',
  provider: 'aws',
  severity: 'low',
  redact: false,
  keywords: ['amazonaws.com', 's3://', 's3a://', 's3n://', ':s3:::', 'bucket'],
  pair: { key: S3_KEY },
  scan: (text) => s3UrlMatches(text),
  validate(value, ctx: MatchContext) {
    if (!isS3BucketName(value)) return false;
    // A generic `bucket` key counts only inside an S3 section of the config (or an S3 URL value).
    if (ctx.key && /^bucket/i.test(ctx.key)) {
      const section = ctx.text.slice(Math.max(0, ctx.start - 600), ctx.end + 100);
      return S3_SECTION.test(section) && !OTHER_S3_STORE.test(section);
    }
    return true;
  },
  endpoint: (value, ctx) => s3Endpoint(value, regionNear(ctx.text, ctx.start, ctx.end)),
  message: (value) => `S3 bucket ${value} referenced in source`,
  doc: {
    title: 'Amazon S3 bucket',
    why: 'Bucket names ship in the app (URLs, awsconfiguration.json `S3TransferUtility`, Amplify storage config, strings). Anyone can send an unsigned `ListObjectsV2` or `GET` to `https://<bucket>.s3.amazonaws.com/`; if the bucket policy or ACLs grant `Principal: "*"` / AllUsers, every file (and sometimes write access) is public.',
    fix: 'Turn on S3 Block Public Access (account and bucket level), remove `"Principal": "*"` statements and public ACLs (set Object Ownership to "Bucket owner enforced"), and serve app content through pre-signed URLs or CloudFront with Origin Access Control. If the app uploads through Cognito, scope the identity-pool roles to `private/${cognito-identity.amazonaws.com:sub}/*`. Endpoint form: virtual-hosted `https://<bucket>.s3[.<region>].amazonaws.com/`, path style for dotted names.',
    links: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
    ],
  },
};

export const awsRules: Rule[] = [accessKeyId, secretAccessKey, cognitoIdentityPool, s3Bucket];
