// Shared by the object-store rules (R2, B2, Wasabi, Linode, Scaleway, COS, OBS, IBM COS, OCI): URL
// forms that name a bucket, the checks every match gets (NSC/ATS domain, emulator URL, doc and
// placeholder names), and the bucket key next to a bare service endpoint (`endpoint: "https://
// s3.eu-central-1.wasabisys.com", bucket: "acme-media"`), the way SDK configs name a bucket.
// Hosts built from variables (`"%s.cos.%s.myqcloud.com"`, `"{bucket}.s3.{region}.wasabisys.com"`,
// `` `${bucket}.s3…` ``) never match: a bucket is 3+ name characters and a region has a fixed shape.
import type { RawMatch } from '../rule';
import { inSecurityDomainConfig, isEmulator, isNonValue, isPlaceholderName, tokenBefore } from './common';

/** S3-style bucket (3–63, lower case, digits, `-` and `.`), bounded so every attempt is O(63). */
export const DOTTED_BUCKET = '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]';
/** DNS-label bucket (no dots): R2, B2, COS, Scaleway-style names in virtual hosts. */
export const LABEL_BUCKET = '[a-z0-9][a-z0-9-]{1,61}[a-z0-9]';
/** After a host: not followed by more host characters or another label (`….com.evil.net`). */
export const HOST_END = String.raw`(?![\w-]|\.\w)`;
/**
 * After a path-style bucket: no more name characters, a dot only when it ends a sentence, and not an
 * XML namespace such as OBS's `http://obs.<region>.myhuaweicloud.com/doc/2015-06-30/`.
 */
export const PATH_END = String.raw`(?![\w-]|\.\w)(?!\\?\/\d{4}-\d\d-\d\d)`;
/** Before a host: not inside a longer host or word. */
export const HOST_START = String.raw`(?<![\w.-])`;
/** Between a host and its first path segment (JSON escapes `/` as `\/`). */
export const SLASH = String.raw`(?::443)?\\?\/`;

export interface StoreMatch {
  value: string;
  endpoint?: string;
  message: string;
  severity?: RawMatch['severity'];
}

export interface StoreForm {
  /** Global; group `v` is the value's span (group `v0`, when present, starts it). */
  re: RegExp;
  /** The match as a finding, or undefined to drop it. `g` holds the named groups. */
  build(g: Record<string, string | undefined>): StoreMatch | undefined;
  /** A service host without a bucket: the bucket comes from a `bucket` key near it. */
  bare?: boolean;
}

/** Runs every form over `text`; at most `limit` matches. */
export function scanStoreUrls(text: string, forms: readonly StoreForm[], limit = 1000): RawMatch[] {
  const out: RawMatch[] = [];
  for (const form of forms) {
    const re = form.re.hasIndices ? form.re : new RegExp(form.re.source, `${form.re.flags}d`);
    re.lastIndex = 0;
    for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
      if (inSecurityDomainConfig(text, m.index) || isEmulator(tokenBefore(text, m.index))) continue;
      if (form.bare) {
        const near = bucketNear(text, m.index, m.index + m[0].length);
        const b = near && form.build({ ...m.groups, v: near.value });
        if (near && b) out.push({ ...b, start: near.start, end: near.end });
        continue;
      }
      const spans = m.indices!.groups!;
      const b = form.build(m.groups ?? {});
      if (b) out.push({ ...b, start: (spans.v0 ?? spans.v)![0], end: spans.v![1] });
    }
  }
  return out;
}

// `bucket: 'x'`, `"bucketName": "x"`, `BUCKET_NAME=x`, `Bucket = "x"`, `s3Bucket: "x"`, Swift/Dart named arguments.
const BUCKET_KEY = /bucket(?:[_-]?name)?["']?\s*(?:[:=]|=>)\s*(?:@?["'`])?(?<b>[a-z0-9][a-z0-9._-]{1,61}[a-z0-9])(?=["'`\s,;)}]|$)/gim;

/** The bucket named by a config key within 300 characters of a bare service endpoint. */
export function bucketNear(text: string, start: number, end: number): { value: string; start: number; end: number } | undefined {
  const from = Math.max(0, start - 300);
  const window = text.slice(from, Math.min(text.length, end + 300));
  BUCKET_KEY.lastIndex = 0;
  let best: { value: string; start: number; end: number; distance: number } | undefined;
  for (let m = BUCKET_KEY.exec(window); m; m = BUCKET_KEY.exec(window)) {
    const s = from + m.index + m[0].length - m.groups!.b.length;
    const distance = s < start ? start - s : s - end;
    if (!best || distance < best.distance) best = { value: m.groups!.b, start: s, end: s + m.groups!.b.length, distance };
  }
  return best && { value: best.value, start: best.start, end: best.end };
}

// Names every provider's documentation uses for "your bucket here".
// Names every provider's documentation uses for "your bucket here", and `<provider>-bucket` in
// multi-provider examples (`bucket: wasabi-bucket`, `aws-bucket`).
const DOC_NAMES = /^(?:example-?bucket|examplebucket|bucket-?name|my-?bucket|your-?bucket|test-?bucket|some-?bucket|bucket|mybucketname|(?:aws|s3|r2|b2|wasabi|linode|scaleway|scw|cos|obs|oss|ibm|oci|minio|gcs|spaces|source|target|dest|destination)-?bucket)\d*$/;

/** S3 naming rules that every S3-compatible store shares, plus doc/placeholder/reference names. */
export function isStoreBucketName(b: string, docNames?: RegExp): boolean {
  return (
    b.length >= 3 && b.length <= 63 && !b.includes('..') && !/\.-|-\./.test(b) && !/^\d+\.\d+\.\d+\.\d+$/.test(b) &&
    !DOC_NAMES.test(b) && !(docNames?.test(b) ?? false) && !isPlaceholderName(b) && !isNonValue(b)
  );
}

/** Virtual-hosted URL for plain names, path style for dotted ones (a dotted host breaks the wildcard TLS certificate). */
export function bucketUrl(bucket: string, host: string): string {
  return bucket.includes('.') ? `https://${host}/${bucket}/` : `https://${bucket}.${host}/`;
}
