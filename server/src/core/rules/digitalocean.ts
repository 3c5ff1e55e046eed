// DigitalOcean Spaces buckets: `<b>.<region>.digitaloceanspaces.com` (origin and CDN) and the
// path-style `<region>.digitaloceanspaces.com/<b>`.
// Decisions: the value is the Space name, the region goes into message and endpoint; CDN hosts are
// probed at the origin; a bare region endpoint (`nyc3.digitaloceanspaces.com`) names no Space.
import type { RawMatch, Rule } from '../rule';
import { inSecurityDomainConfig, isEmulator, isNonValue, isPlaceholderName, tokenBefore } from './common';

// Space names: 3–63 of lower-case letters, digits and hyphens (S3 rules without dots).
const BUCKET = '[a-z0-9][a-z0-9-]{1,61}[a-z0-9]';
// nyc3, ams3, sfo3, sgp1, fra1, lon1, blr1, syd1, tor1, atl1 …
const REGION = '[a-z]{3}\\d';
const VHOST = new RegExp(String.raw`(?<![\w.-])(?<v>${BUCKET})\.(?<r>${REGION})\.(?:cdn\.)?digitaloceanspaces\.com(?![\w-])`, 'g');
const PATH = new RegExp(String.raw`(?<![\w.-])(?<r>${REGION})\.digitaloceanspaces\.com\\?\/(?<v>${BUCKET})(?![\w-]|\.\w)`, 'g');
const DOC_SPACES = /^(?:example-?space|my-?space|space-?name|your-?space|my-?bucket|bucket-?name)\d*$/;

function scanSpaces(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  for (const re of [VHOST, PATH]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m && out.length < 1000; m = re.exec(text)) {
      const { v, r } = m.groups!;
      if (inSecurityDomainConfig(text, m.index) || isEmulator(tokenBefore(text, m.index))) continue;
      const start = re === VHOST ? m.index : m.index + m[0].length - v.length;
      out.push({ value: v, start, end: start + v.length, endpoint: `https://${v}.${r}.digitaloceanspaces.com/`, message: `DigitalOcean Space ${v} (${r}) referenced in source` });
    }
  }
  return out;
}

const spacesBucket: Rule = {
  id: 'digitalocean-spaces-bucket',
  provider: 'digitalocean',
  severity: 'low',
  redact: false,
  keywords: ['digitaloceanspaces.com'],
  scan: (text) => scanSpaces(text),
  validate: (value) => !DOC_SPACES.test(value) && !isPlaceholderName(value) && !isNonValue(value),
  message: (value) => `DigitalOcean Space ${value} referenced in source`,
  doc: {
    title: 'DigitalOcean Spaces bucket',
    why: 'The Space name and region ship in the app. Spaces speak the S3 API: anyone can send an unsigned `GET https://<space>.<region>.digitaloceanspaces.com/` to list it when its file listing is public, and fetch any object whose ACL is `public-read`. CDN URLs (`<space>.<region>.cdn.digitaloceanspaces.com`) name the same Space and are probed at the origin.',
    fix: 'In the control panel set the Space\'s File Listing to Restricted and keep objects private (no `x-amz-acl: public-read`), serve downloads with pre-signed URLs from your backend, and never ship Spaces access keys in the app (rotate them if they were). Endpoint form: `https://<space>.<region>.digitaloceanspaces.com/`.',
    links: [
      'https://docs.digitalocean.com/products/spaces/how-to/set-file-permissions/',
      'https://docs.digitalocean.com/products/spaces/reference/s3-compatibility/',
    ],
  },
};

export const digitaloceanRules: Rule[] = [spacesBucket];
