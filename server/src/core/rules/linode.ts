// Linode (Akamai) Object Storage buckets: `<b>.<cluster>.linodeobjects.com`, the website host
// `<b>.website-<cluster>.linodeobjects.com` and path style `<cluster>.linodeobjects.com/<b>`.
// Decisions: one endpoint per bucket, virtual-hosted on the cluster's S3 host (path style for
// dotted names); website hosts name the same bucket and are probed on the S3 host.
// Docs: https://techdocs.akamai.com/cloud-computing/docs/object-storage (cluster URLs),
// https://techdocs.akamai.com/cloud-computing/docs/access-buckets-and-files-through-urls
import type { Rule } from '../rule';
import { HOST_END, DOTTED_BUCKET, HOST_START, PATH_END, SLASH, bucketUrl, isStoreBucketName, scanStoreUrls, type StoreForm } from './storeUrls';

// us-east-1, eu-central-1, ap-south-1, us-southeast-1, us-iad-1, fr-par-1, jp-osa-1, se-sto-1 …
const CLUSTER = '[a-z]{2}-[a-z]{3,9}-\\d{1,2}';

function linode(bucket: string | undefined, cluster: string | undefined) {
  if (!bucket || !cluster || !isStoreBucketName(bucket)) return undefined;
  return { value: bucket, endpoint: bucketUrl(bucket, `${cluster}.linodeobjects.com`), message: `Linode Object Storage bucket ${bucket} (${cluster}) referenced in source` };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}(?<v>${DOTTED_BUCKET})\.(?:website-)?(?<r>${CLUSTER})\.linodeobjects\.com${HOST_END}`, 'g'), build: ({ v, r }) => linode(v, r) },
  { re: new RegExp(String.raw`${HOST_START}(?<r>${CLUSTER})\.linodeobjects\.com${SLASH}(?<v>${DOTTED_BUCKET})${PATH_END}`, 'g'), build: ({ v, r }) => linode(v, r) },
  { re: new RegExp(String.raw`${HOST_START}(?<r>${CLUSTER})\.linodeobjects\.com(?![\w.-]|${SLASH}[a-z0-9])`, 'g'), build: ({ v, r }) => linode(v, r), bare: true },
];

const linodeBucket: Rule = {
  id: 'linode-object-storage-bucket',
  provider: 'linode',
  severity: 'low',
  redact: false,
  keywords: ['linodeobjects.com'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `Linode Object Storage bucket ${value} referenced in source`,
  doc: {
    title: 'Linode (Akamai) Object Storage bucket',
    why: 'The bucket name and cluster ship in the app. Linode Object Storage speaks the S3 API: a bucket ACL of `public-read` (or a bucket policy for `*`) lets anyone list it with an unsigned `GET https://<bucket>.<cluster>.linodeobjects.com/?list-type=2` and download every file; `public-read-write` lets anyone upload.',
    fix: 'Set the bucket ACL to private (`s3cmd setacl s3://<bucket> --acl-private` or Cloud Manager → bucket → Access), keep objects private, and serve them with presigned URLs from your backend. Never ship Object Storage access keys in the app: use limited keys on the server and rotate keys that shipped. Endpoint form: `https://<bucket>.<cluster>.linodeobjects.com/`.',
    links: [
      'https://techdocs.akamai.com/cloud-computing/docs/define-access-and-permissions-using-acls-access-control-lists',
      'https://techdocs.akamai.com/cloud-computing/docs/object-storage',
    ],
  },
};

export const linodeRules: Rule[] = [linodeBucket];
