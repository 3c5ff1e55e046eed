// IBM Cloud Object Storage buckets: `<b>.s3.<location>.cloud-object-storage.appdomain.cloud`,
// path style `s3.<location>.cloud-object-storage.appdomain.cloud/<b>`, and the `private`/`direct`
// endpoints of the same location.
// Decisions: one endpoint per bucket, virtual-hosted on the public endpoint of its location (path
// style for dotted names); private and direct endpoints (reachable only inside IBM Cloud) name the
// same bucket and are probed on the public one.
// Docs: https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-endpoints,
// https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-iam-public-access
import type { Rule } from '../rule';
import { HOST_END, DOTTED_BUCKET, HOST_START, PATH_END, SLASH, bucketUrl, isStoreBucketName, scanStoreUrls, type StoreForm } from './storeUrls';

// us-south, eu-de, jp-tok (regional), us / eu / ap (cross-region), ams03, che01, sjc04 (single site).
const LOCATION = '[a-z]{2,3}(?:-[a-z]{2,5}|\\d\\d)?';
const SUFFIX = String.raw`\.cloud-object-storage\.appdomain\.cloud`;

function ibm(bucket: string | undefined, location: string | undefined) {
  if (!bucket || !location || !isStoreBucketName(bucket)) return undefined;
  return { value: bucket, endpoint: bucketUrl(bucket, `s3.${location}.cloud-object-storage.appdomain.cloud`), message: `IBM Cloud Object Storage bucket ${bucket} (${location}) referenced in source` };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}(?<v>${DOTTED_BUCKET})\.s3\.(?:(?:private|direct)\.)?(?<r>${LOCATION})${SUFFIX}${HOST_END}`, 'g'), build: ({ v, r }) => ibm(v, r) },
  { re: new RegExp(String.raw`${HOST_START}s3\.(?:(?:private|direct)\.)?(?<r>${LOCATION})${SUFFIX}${SLASH}(?<v>${DOTTED_BUCKET})${PATH_END}`, 'g'), build: ({ v, r }) => ibm(v, r) },
  { re: new RegExp(String.raw`${HOST_START}s3\.(?:(?:private|direct)\.)?(?<r>${LOCATION})${SUFFIX}(?![\w.-]|${SLASH}[a-z0-9])`, 'g'), build: ({ v, r }) => ibm(v, r), bare: true },
];

const ibmBucket: Rule = {
  id: 'ibm-cos-bucket',
  provider: 'ibm',
  severity: 'low',
  redact: false,
  keywords: ['cloud-object-storage.appdomain.cloud'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `IBM Cloud Object Storage bucket ${value} referenced in source`,
  doc: {
    title: 'IBM Cloud Object Storage bucket',
    why: 'The bucket name and location ship in the app. When "Public access" is on for the bucket (the IAM Public Access group holds Object Reader or Content Reader), anyone can list it with an unsigned `GET https://<bucket>.s3.<location>.cloud-object-storage.appdomain.cloud/?list-type=2` and download every object.',
    fix: 'Turn public access off (bucket → Permissions → Public access, or remove the Public Access group\'s policy for the bucket), serve files with presigned URLs (HMAC credentials kept on your backend), and never ship API keys or HMAC keys in the app; rotate keys that shipped. Endpoint form: `https://<bucket>.s3.<location>.cloud-object-storage.appdomain.cloud/`.',
    links: [
      'https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-iam-public-access',
      'https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-endpoints',
      'https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-presign-url',
    ],
  },
};

export const ibmRules: Rule[] = [ibmBucket];
