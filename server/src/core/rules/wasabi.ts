// Wasabi buckets: `<b>.s3[.<region>].wasabisys.com` and `s3[.<region>].wasabisys.com/<b>`.
// Decisions: one endpoint per bucket: virtual-hosted on the region's own service URL (path style for
// dotted names); `s3.wasabisys.com` is us-east-1 and the alias hosts (`s3.nl-1…`, `s3.de-1…`) are
// named by their region, so every form of one bucket gives one endpoint. The Dell ObjectScale hosts
// (`-dell-obs`, ports 9020/9021) are other products and not matched.
// Docs: https://docs.wasabi.com/docs/what-are-the-service-urls-for-wasabis-different-storage-regions
import type { Rule } from '../rule';
import { HOST_END, DOTTED_BUCKET, HOST_START, PATH_END, SLASH, bucketUrl, isStoreBucketName, scanStoreUrls, type StoreForm } from './storeUrls';

// us-east-1, eu-central-2, ap-southeast-1 … and the aliases nl-1, de-1, uk-1, uk-2, fr-1, it-1.
const REGION = '[a-z]{2}-(?:[a-z]{4,9}-)?\\d';
const ALIASES: Record<string, string> = { 'nl-1': 'eu-central-1', 'de-1': 'eu-central-2', 'uk-1': 'eu-west-1', 'fr-1': 'eu-west-2', 'uk-2': 'eu-west-3', 'it-1': 'eu-south-1' };

function wasabi(bucket: string | undefined, r: string | undefined) {
  if (!bucket || !isStoreBucketName(bucket)) return undefined;
  const region = r ? (ALIASES[r] ?? r) : 'us-east-1';
  return { value: bucket, endpoint: bucketUrl(bucket, `s3.${region}.wasabisys.com`), message: `Wasabi bucket ${bucket} (${region}) referenced in source` };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}(?<v>${DOTTED_BUCKET})\.s3(?:\.(?<r>${REGION}))?\.wasabisys\.com${HOST_END}`, 'g'), build: ({ v, r }) => wasabi(v, r) },
  { re: new RegExp(String.raw`${HOST_START}s3(?:\.(?<r>${REGION}))?\.wasabisys\.com${SLASH}(?<v>${DOTTED_BUCKET})${PATH_END}`, 'g'), build: ({ v, r }) => wasabi(v, r) },
  { re: new RegExp(String.raw`${HOST_START}s3(?:\.(?<r>${REGION}))?\.wasabisys\.com(?![\w.-]|:\d|${SLASH}[a-z0-9])`, 'g'), build: ({ v, r }) => wasabi(v, r), bare: true },
];

const wasabiBucket: Rule = {
  id: 'wasabi-bucket',
  provider: 'wasabi',
  severity: 'low',
  redact: false,
  keywords: ['wasabisys.com'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `Wasabi bucket ${value} referenced in source`,
  doc: {
    title: 'Wasabi bucket',
    why: 'The bucket name and region ship in the app. Wasabi speaks the S3 API: a bucket policy granting `"Principal": "*"` or a public-read ACL lets anyone list it with an unsigned `GET https://<bucket>.s3.<region>.wasabisys.com/?list-type=2` and download every file. Apps that upload directly usually ship the access keys as well.',
    fix: 'Remove public bucket policies and ACLs (Wasabi console → bucket → Policies / Permissions), keep objects private and serve them with presigned URLs from your backend. Never ship Wasabi access keys in the app; use a sub-user with a policy limited to one bucket and rotate keys that shipped. Endpoint form: `https://<bucket>.s3.<region>.wasabisys.com/`.',
    links: [
      'https://docs.wasabi.com/docs/what-are-the-service-urls-for-wasabis-different-storage-regions',
      'https://docs.wasabi.com/docs/how-do-i-use-a-bucket-policy',
    ],
  },
};

export const wasabiRules: Rule[] = [wasabiBucket];
