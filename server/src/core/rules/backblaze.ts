// Backblaze B2 buckets: the S3-compatible API `s3.<region>.backblazeb2.com/<b>` and
// `<b>.s3.<region>.backblazeb2.com`, and the native download ("friendly") URL
// `f<cluster>.backblazeb2.com/file/<b>/…`.
// Decisions: one endpoint per bucket, virtual-hosted on the S3 API host. A friendly URL names the
// cluster, not the region: its number is the region's suffix (`f003` ↔ `eu-central-003`), mapped for
// the clusters Backblaze lists; an unknown cluster gives the finding without an endpoint. A
// friendly URL only downloads without a token from an `allPublic` bucket, so it says so.
// Docs: https://www.backblaze.com/docs/cloud-storage-call-the-s3-compatible-api (both URL forms,
// https only), https://www.backblaze.com/docs/cloud-storage-make-friendly-url-command.
import type { Rule } from '../rule';
import { HOST_END, HOST_START, PATH_END, SLASH, isStoreBucketName, scanStoreUrls, type StoreForm } from './storeUrls';

// us-west-000 … us-west-004, eu-central-003, us-east-005, ca-east-006
const REGION = '[a-z]{2}-[a-z]{3,8}-\\d{3}';
// B2 bucket names: 6–63 letters, digits and `-` (upper case only outside host names).
const BUCKET = '[A-Za-z0-9][A-Za-z0-9-]{4,61}[A-Za-z0-9]';
const VHOST_BUCKET = '[a-z0-9][a-z0-9-]{4,61}[a-z0-9]';
const CLUSTER_REGION: Record<string, string> = {
  '000': 'us-west-000', '001': 'us-west-001', '002': 'us-west-002', '003': 'eu-central-003',
  '004': 'us-west-004', '005': 'us-east-005', '006': 'ca-east-006',
};

function b2(bucket: string | undefined, region: string | undefined, friendly: boolean) {
  if (!bucket || !isStoreBucketName(bucket.toLowerCase())) return undefined;
  // Host names are lower case: a mixed-case name keeps its case in a path-style URL.
  const host = `s3.${region}.backblazeb2.com`;
  const endpoint = !region ? undefined : /[A-Z]/.test(bucket) ? `https://${host}/${bucket}/` : `https://${bucket}.${host}/`;
  const where = region ?? 'unknown region';
  return {
    value: bucket,
    endpoint,
    message: friendly
      ? `Backblaze B2 bucket ${bucket} (${where}) is downloaded by URL without a token: the bucket is public`
      : `Backblaze B2 bucket ${bucket} (${where}) referenced in source`,
  };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}(?<v>${VHOST_BUCKET})\.s3\.(?<r>${REGION})\.backblazeb2\.com${HOST_END}`, 'g'), build: ({ v, r }) => b2(v, r, false) },
  { re: new RegExp(String.raw`${HOST_START}s3\.(?<r>${REGION})\.backblazeb2\.com${SLASH}(?<v>${BUCKET})${PATH_END}`, 'g'), build: ({ v, r }) => b2(v, r, false) },
  { re: new RegExp(String.raw`${HOST_START}s3\.(?<r>${REGION})\.backblazeb2\.com(?![\w.-]|${SLASH}[A-Za-z0-9])`, 'g'), build: ({ v, r }) => b2(v, r, false), bare: true },
  { re: new RegExp(String.raw`${HOST_START}f(?<c>\d{3})\.backblazeb2\.com${SLASH}file\\?\/(?<v>${BUCKET})${PATH_END}`, 'g'), build: ({ v, c }) => b2(v, CLUSTER_REGION[c!], true) },
];

const b2Bucket: Rule = {
  id: 'backblaze-b2-bucket',
  provider: 'backblaze',
  severity: 'low',
  redact: false,
  keywords: ['backblazeb2.com'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `Backblaze B2 bucket ${value} referenced in source`,
  doc: {
    title: 'Backblaze B2 bucket',
    why: 'The bucket name and region ship in the app. A bucket of type `allPublic` serves every file to anyone (`https://f00N.backblazeb2.com/file/<bucket>/<name>` needs no token) and its S3 API answers unsigned `ListObjectsV2` requests, so the whole bucket can be listed and downloaded. Apps that upload directly often ship an application key too.',
    fix: 'Make the bucket `allPrivate` unless every file in it is meant to be public, and give the app short-lived download authorizations (`b2_get_download_authorization`) or S3 presigned URLs from your backend. Never ship application keys in the app; restrict any key to one bucket and a name prefix, and rotate keys that shipped. Endpoint form: `https://<bucket>.s3.<region>.backblazeb2.com/`.',
    links: [
      'https://www.backblaze.com/docs/cloud-storage-call-the-s3-compatible-api',
      'https://www.backblaze.com/docs/cloud-storage-buckets',
      'https://www.backblaze.com/docs/cloud-storage-application-keys',
    ],
  },
};

export const backblazeRules: Rule[] = [b2Bucket];
