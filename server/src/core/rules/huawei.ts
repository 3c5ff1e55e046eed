// Huawei Cloud OBS buckets: `<b>.obs.<region>.myhuaweicloud.com` (and `.eu` for Huawei Cloud
// Europe), the region-less `<b>.obs.myhuaweicloud.com`, and path style `obs.<region>.myhuaweicloud.com/<b>`.
// Decisions: one endpoint per bucket, virtual-hosted on its own region's host (path style for
// dotted names). SDK code that builds the host from variables is not a finding.
// Docs: https://support.huaweicloud.com/intl/en-us/api-obs/obs_04_0008.html (endpoints, URL styles),
// https://support.huaweicloud.com/intl/en-us/perms-cfg-obs/obs_40_0007.html (public read / anonymous).
import type { Rule } from '../rule';
import { HOST_END, DOTTED_BUCKET, HOST_START, PATH_END, SLASH, bucketUrl, isStoreBucketName, scanStoreUrls, type StoreForm } from './storeUrls';

// cn-north-4, cn-east-3, ap-southeast-1, af-south-1, la-south-2, sa-brazil-1, eu-west-101 …
const REGION = '[a-z]{2}-[a-z]{4,9}-\\d{1,3}';
const TLD = '(?<tld>com|eu)';

function obs(bucket: string | undefined, region: string | undefined, tld: string | undefined) {
  if (!bucket || !isStoreBucketName(bucket)) return undefined;
  const host = `obs.${region ? `${region}.` : ''}myhuaweicloud.${tld ?? 'com'}`;
  return { value: bucket, endpoint: bucketUrl(bucket, host), message: `Huawei Cloud OBS bucket ${bucket}${region ? ` (${region})` : ''} referenced in source` };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}(?<v>${DOTTED_BUCKET})\.obs\.(?:(?<r>${REGION})\.)?myhuaweicloud\.${TLD}${HOST_END}`, 'g'), build: ({ v, r, tld }) => obs(v, r, tld) },
  { re: new RegExp(String.raw`${HOST_START}obs\.(?<r>${REGION})\.myhuaweicloud\.${TLD}${SLASH}(?<v>${DOTTED_BUCKET})${PATH_END}`, 'g'), build: ({ v, r, tld }) => obs(v, r, tld) },
  { re: new RegExp(String.raw`${HOST_START}obs\.(?<r>${REGION})\.myhuaweicloud\.${TLD}(?![\w.-]|${SLASH}[a-z0-9])`, 'g'), build: ({ v, r, tld }) => obs(v, r, tld), bare: true },
];

const obsBucket: Rule = {
  id: 'huawei-obs-bucket',
  provider: 'huawei',
  severity: 'low',
  redact: false,
  keywords: ['myhuaweicloud.'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `Huawei Cloud OBS bucket ${value} referenced in source`,
  doc: {
    title: 'Huawei Cloud OBS bucket',
    why: 'The bucket name and region ship in the app. OBS speaks an S3-style API: a bucket whose policy is "Public Read" (or whose ACL grants anonymous users read) answers unsigned `GET https://<bucket>.obs.<region>.myhuaweicloud.com/` list requests, so every object can be listed and downloaded; "Public Read and Write" lets anyone upload.',
    fix: 'Set the bucket policy to Private and remove ACL grants for anonymous users (OBS console → bucket → Permissions), serve files through signed URLs, or give the app temporary AK/SK with a security token from IAM, scoped to one prefix by your backend. Never ship permanent AK/SK pairs in the app. Endpoint form: `https://<bucket>.obs.<region>.myhuaweicloud.com/`.',
    links: [
      'https://support.huaweicloud.com/intl/en-us/perms-cfg-obs/obs_40_0007.html',
      'https://support.huaweicloud.com/intl/en-us/api-obs/obs_04_0008.html',
    ],
  },
};

export const huaweiRules: Rule[] = [obsBucket];
