// Scaleway Object Storage buckets: `<b>.s3.<region>.scw.cloud`, the website host
// `<b>.s3-website.<region>.scw.cloud` and path style `s3.<region>.scw.cloud/<b>`.
// Decisions: one endpoint per bucket, virtual-hosted on the region's S3 host (path style for dotted
// names); website hosts are probed on the S3 host.
// Docs: https://www.scaleway.com/en/docs/object-storage/concepts/#endpoint (regions fr-par, nl-ams,
// pl-waw, it-mil), https://www.scaleway.com/en/docs/object-storage/api-cli/bucket-operations/
import type { Rule } from '../rule';
import { HOST_END, DOTTED_BUCKET, HOST_START, PATH_END, SLASH, bucketUrl, isStoreBucketName, scanStoreUrls, type StoreForm } from './storeUrls';

const REGION = '[a-z]{2}-[a-z]{3}';

function scaleway(bucket: string | undefined, region: string | undefined) {
  if (!bucket || !region || !isStoreBucketName(bucket)) return undefined;
  return { value: bucket, endpoint: bucketUrl(bucket, `s3.${region}.scw.cloud`), message: `Scaleway Object Storage bucket ${bucket} (${region}) referenced in source` };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}(?<v>${DOTTED_BUCKET})\.s3(?:-website)?\.(?<r>${REGION})\.scw\.cloud${HOST_END}`, 'g'), build: ({ v, r }) => scaleway(v, r) },
  { re: new RegExp(String.raw`${HOST_START}s3\.(?<r>${REGION})\.scw\.cloud${SLASH}(?<v>${DOTTED_BUCKET})${PATH_END}`, 'g'), build: ({ v, r }) => scaleway(v, r) },
  { re: new RegExp(String.raw`${HOST_START}s3\.(?<r>${REGION})\.scw\.cloud(?![\w.-]|${SLASH}[a-z0-9])`, 'g'), build: ({ v, r }) => scaleway(v, r), bare: true },
];

const scalewayBucket: Rule = {
  id: 'scaleway-object-storage-bucket',
  provider: 'scaleway',
  severity: 'low',
  redact: false,
  keywords: ['scw.cloud'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `Scaleway Object Storage bucket ${value} referenced in source`,
  doc: {
    title: 'Scaleway Object Storage bucket',
    why: 'The bucket name and region ship in the app. Scaleway Object Storage speaks the S3 API: a `public-read` bucket ACL or a bucket policy for `*` lets anyone list it with an unsigned `GET https://<bucket>.s3.<region>.scw.cloud/?list-type=2` and download every file.',
    fix: 'Set the bucket visibility to private in the console (or `aws s3api put-bucket-acl --acl private` against the Scaleway endpoint), remove bucket-policy statements for `*`, and serve files with presigned URLs from your backend. Never ship Scaleway API keys in the app; rotate keys that shipped. Endpoint form: `https://<bucket>.s3.<region>.scw.cloud/`.',
    links: [
      'https://www.scaleway.com/en/docs/object-storage/api-cli/bucket-policy/',
      'https://www.scaleway.com/en/docs/object-storage/concepts/',
    ],
  },
};

export const scalewayRules: Rule[] = [scalewayBucket];
