// Cloudflare R2 buckets: the S3 API host `<account>.r2.cloudflarestorage.com/<b>` (path style, as
// Cloudflare documents it), `<b>.<account>.r2.cloudflarestorage.com` (virtual-hosted), the
// jurisdiction hosts `<account>.{eu,fedramp,us}.r2.cloudflarestorage.com`, and the public
// development URL `pub-<bucket id>.r2.dev`.
// Decisions: the value is the bucket name (for r2.dev, whose URL names no bucket, the host); both S3
// forms get one endpoint, the path-style URL on the account host. A bare account endpoint counts
// when a `bucket` key sits next to it. Account ids from Cloudflare's docs and made-up runs
// (`023e105f4ecef8ad9ca31a8372d0c353`, `abcdef1234567890…`) are not findings.
// Docs: https://developers.cloudflare.com/r2/api/s3/api/ (endpoints, no ACLs),
// https://developers.cloudflare.com/r2/buckets/public-buckets/ (r2.dev and custom domains).
import type { Rule } from '../rule';
import { isNonValue, looksSequential } from './common';
import { HOST_END, HOST_START, LABEL_BUCKET, PATH_END, SLASH, isStoreBucketName, scanStoreUrls, type StoreForm } from './storeUrls';

const ACCOUNT = '[0-9a-f]{32}';
const JURISDICTION = String.raw`(?:(?<j>eu|fedramp|us)\.)?`;
const DOC_ACCOUNTS = new Set(['023e105f4ecef8ad9ca31a8372d0c353', 'f037e56e89293a057740de681ac9abbe']);

const goodAccount = (a: string | undefined): a is string => !!a && !DOC_ACCOUNTS.has(a) && !looksSequential(a) && !/(.)\1{5,}/.test(a) && !isNonValue(a);

function s3Match(g: Record<string, string | undefined>) {
  const { a, v } = g;
  if (!goodAccount(a) || !v || !isStoreBucketName(v)) return undefined;
  const host = `${a}.${g.j ? `${g.j}.` : ''}r2.cloudflarestorage.com`;
  return { value: v, endpoint: `https://${host}/${v}/`, message: `Cloudflare R2 bucket ${v} (account ${a.slice(0, 8)}…${g.j ? `, ${g.j} jurisdiction` : ''}) referenced in source` };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}(?<a>${ACCOUNT})\.${JURISDICTION}r2\.cloudflarestorage\.com${SLASH}(?<v>${LABEL_BUCKET})${PATH_END}`, 'g'), build: s3Match },
  { re: new RegExp(String.raw`${HOST_START}(?<v>${LABEL_BUCKET})\.(?<a>${ACCOUNT})\.${JURISDICTION}r2\.cloudflarestorage\.com${HOST_END}`, 'g'), build: s3Match },
  { re: new RegExp(String.raw`${HOST_START}(?<a>${ACCOUNT})\.${JURISDICTION}r2\.cloudflarestorage\.com(?![\w.-]|${SLASH}[a-z0-9])`, 'g'), build: s3Match, bare: true },
  {
    re: new RegExp(String.raw`${HOST_START}(?<v>pub-(?<id>${ACCOUNT})\.r2\.dev)${HOST_END}`, 'g'),
    build: ({ v, id }) => (goodAccount(id) ? { value: v!, endpoint: `https://${v}/`, message: `Cloudflare R2 public development URL ${v}: every object of the bucket is readable by anyone` } : undefined),
  },
];

const r2Bucket: Rule = {
  id: 'cloudflare-r2-bucket',
  provider: 'cloudflare',
  severity: 'low',
  redact: false,
  keywords: ['r2.cloudflarestorage.com', 'r2.dev'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `Cloudflare R2 bucket ${value} referenced in source`,
  doc: {
    title: 'Cloudflare R2 bucket',
    why: 'The account id and bucket name ship in the app. The R2 S3 API (`https://<account>.r2.cloudflarestorage.com/<bucket>`) always needs a signed request, so the name alone opens nothing; but a `pub-<id>.r2.dev` URL means the bucket\'s public development URL is on, and then every object in it can be downloaded by anyone who guesses or finds its name (the same holds for a custom domain connected to the bucket). Apps that reach R2 directly usually ship its S3 access keys too.',
    fix: 'Turn off the r2.dev URL in the bucket settings (it is meant for development and is rate limited) and serve public files through a custom domain with Cloudflare Access or WAF rules, or hand out short-lived presigned URLs from your backend. Never ship R2 API tokens or S3 access keys in the app: rotate them if they were. Endpoint form: `https://<account>.r2.cloudflarestorage.com/<bucket>/`.',
    links: [
      'https://developers.cloudflare.com/r2/buckets/public-buckets/',
      'https://developers.cloudflare.com/r2/api/s3/presigned-urls/',
      'https://developers.cloudflare.com/r2/api/s3/api/',
    ],
  },
};

export const cloudflareRules: Rule[] = [r2Bucket];
