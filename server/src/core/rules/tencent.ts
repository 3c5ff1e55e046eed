// Tencent Cloud COS buckets: `<name>-<appid>.cos.<region>.myqcloud.com`, the website host
// `.cos-website.<region>.myqcloud.com` and global acceleration `.cos.accelerate.myqcloud.com`.
// Decisions: the value is the full bucket name (`<name>-<APPID>`, as COS names it); one endpoint per
// bucket, the regional XML API host; website hosts are probed there; an accelerated host keeps its
// own endpoint (its region is unknown). COS's own example buckets (`examplebucket-1250000000`)
// are not findings.
// Docs: https://www.tencentcloud.com/document/product/436/13312 (bucket naming and endpoints),
// https://www.tencentcloud.com/document/product/436/30613 (bucket ACL, public-read).
import type { Rule } from '../rule';
import { HOST_END, HOST_START, isStoreBucketName, scanStoreUrls, type StoreForm } from './storeUrls';

// <name>-<APPID>: up to 50 name characters, a 10-digit APPID.
const BUCKET = '[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?-\\d{10}';
// ap-guangzhou, ap-shanghai-fsi, na-siliconvalley, eu-frankfurt, sa-saopaulo …
const REGION = '[a-z]{2}-[a-z]{4,14}(?:-fsi)?';
const DOC_BUCKETS = /^(?:example|examplebucket|destinationbucket|sourcebucket|mybucket|bucket)-125\d{7}$/;

function cos(bucket: string | undefined, region: string | undefined, accelerate: boolean) {
  if (!bucket || !isStoreBucketName(bucket, DOC_BUCKETS)) return undefined;
  const host = accelerate ? 'cos.accelerate.myqcloud.com' : `cos.${region}.myqcloud.com`;
  return { value: bucket, endpoint: `https://${bucket}.${host}/`, message: `Tencent Cloud COS bucket ${bucket} (${accelerate ? 'global acceleration' : region}) referenced in source` };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}(?<v>${BUCKET})\.cos(?:-website)?\.(?<r>${REGION})\.myqcloud\.com${HOST_END}`, 'g'), build: ({ v, r }) => cos(v, r, false) },
  { re: new RegExp(String.raw`${HOST_START}(?<v>${BUCKET})\.cos\.accelerate\.myqcloud\.com${HOST_END}`, 'g'), build: ({ v }) => cos(v, undefined, true) },
];

const cosBucket: Rule = {
  id: 'tencent-cos-bucket',
  provider: 'tencent',
  severity: 'low',
  redact: false,
  keywords: ['myqcloud.com'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `Tencent Cloud COS bucket ${value} referenced in source`,
  doc: {
    title: 'Tencent Cloud COS bucket',
    why: 'The bucket name (with its APPID) and region ship in the app. A bucket with the `public-read` ACL (or a bucket policy for anonymous users) answers unsigned `GET https://<bucket>-<appid>.cos.<region>.myqcloud.com/` list requests, so every file can be listed and downloaded; `public-read-write` lets anyone upload and overwrite.',
    fix: 'Set the bucket ACL to private (COS console → bucket → Permission Management) and remove policies that grant `qcs::cam::anyone`. Serve files with pre-signed URLs, or give the app temporary keys from STS (`GetFederationToken`) scoped to one prefix, issued by your backend. Never ship SecretId/SecretKey pairs in the app. Endpoint form: `https://<bucket>-<appid>.cos.<region>.myqcloud.com/`.',
    links: [
      'https://www.tencentcloud.com/document/product/436/13312',
      'https://www.tencentcloud.com/document/product/436/30613',
      'https://www.tencentcloud.com/document/product/436/14048',
    ],
  },
};

export const tencentRules: Rule[] = [cosBucket];
