// Alibaba Cloud OSS buckets: `<b>.oss-<region>.aliyuncs.com`, the `-internal` (VPC) form and the
// global acceleration hosts `<b>.oss-accelerate[-overseas].aliyuncs.com`.
// Decisions: the value is the bucket name; `-internal` hosts are real buckets reachable only from
// the VPC, so the endpoint is the public host of the same region; acceleration hosts keep their
// own endpoint; bare region endpoints and doc buckets (`examplebucket`) are not findings.
import type { RawMatch, Rule } from '../rule';
import { inSecurityDomainConfig, isEmulator, isNonValue, isPlaceholderName, tokenBefore } from './common';

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

export const alibabaRules: Rule[] = [ossBucket];
