// Oracle Cloud (OCI) Object Storage buckets: the native API
// `objectstorage.<region>.oraclecloud.com/n/<namespace>/b/<bucket>/…` (also on the dedicated
// `<namespace>.objectstorage.<region>.oci.customer-oci.com` hosts), pre-authenticated request (PAR)
// URLs `…/p/<par>/n/<namespace>/b/<bucket>/o/…`, and the S3 compatibility host
// `<namespace>.compat.objectstorage.<region>.oraclecloud.com/<bucket>`.
// Decisions: the value is `<namespace>/<bucket>` (a bucket name is unique only in its namespace).
// Every plain form gets one endpoint, the native ListObjects URL on objectstorage.<region>.
// oraclecloud.com. A PAR URL is itself a credential that anyone holding it may use, so it is `high`
// and its endpoint is the PAR's own list URL (what the app already sends without a signature); the
// PAR id is kept out of the message. Doc names (`MyNamespace/MyBucket`, `namespace_name`) are not findings.
// Docs: https://docs.oracle.com/iaas/Content/Object/Tasks/managingbuckets.htm (public buckets),
// https://docs.oracle.com/iaas/Content/Object/Tasks/usingpreauthenticatedrequests.htm (PAR URLs),
// https://docs.oracle.com/iaas/api/#/en/objectstorage/20160918/Object/ListObjects
import type { Rule } from '../rule';
import { isNonValue, isPlaceholderName } from './common';
import { HOST_START, SLASH, isStoreBucketName, scanStoreUrls, type StoreForm, type StoreMatch } from './storeUrls';

// us-ashburn-1, eu-frankfurt-1, ap-mumbai-1, sa-saopaulo-1, uk-london-1, mx-queretaro-1 …
const REGION = '[a-z]{2}-[a-z]{4,12}-\\d';
const NAMESPACE = '[A-Za-z][A-Za-z0-9_.-]{0,63}';
const BUCKET = '[A-Za-z0-9][A-Za-z0-9_.-]{0,254}';
const PAR = '[A-Za-z0-9_+=-]{16,256}';
const S = String.raw`\\?\/`;
const END = String.raw`(?=\\?\/|[^\w.-]|\.(?!\w)|$)`;
const HOST = String.raw`(?:[a-z0-9-]{1,63}\.)?objectstorage\.(?<r>${REGION})\.(?:oraclecloud\.com|oci\.customer-oci\.com)`;
const DOC_NAMES = /^(?:my-?namespace|namespace(?:[-_]?name)?|ns|tenancy(?:[-_]?name)?|object-?storage-?namespace|namespacename)$/;

function goodNamespace(ns: string): boolean {
  return !DOC_NAMES.test(ns.toLowerCase()) && !isPlaceholderName(ns) && !isNonValue(ns);
}

function oci(g: Record<string, string | undefined>): StoreMatch | undefined {
  const { r, v0: ns, v: bucket, par } = g;
  if (!r || !ns || !bucket || !goodNamespace(ns) || !isStoreBucketName(bucket.toLowerCase(), /^(?:bucket[-_]?name|my-?new-?bucket\d*)$/)) return undefined;
  const value = `${ns}/${bucket}`;
  const base = `https://objectstorage.${r}.oraclecloud.com`;
  if (par) {
    if (isNonValue(par) || !/[A-Z]/.test(par) || !/[a-z]/.test(par)) return undefined; // `/p/<par-id>/`, `/p/xxxx/`
    return {
      value, endpoint: `${base}/p/${par}/n/${ns}/b/${bucket}/o/`, severity: 'high',
      message: `OCI pre-authenticated request URL for bucket ${value} (${r}) is in the app: anyone holding it gets the access it grants`,
    };
  }
  return { value, endpoint: `${base}/n/${ns}/b/${bucket}/o`, message: `OCI Object Storage bucket ${value} (${r}) referenced in source` };
}

const FORMS: StoreForm[] = [
  { re: new RegExp(String.raw`${HOST_START}${HOST}${SLASH}(?:p${S}(?<par>${PAR})${S})?n${S}(?<v0>${NAMESPACE})${S}b${S}(?<v>${BUCKET})${END}`, 'g'), build: oci },
  { re: new RegExp(String.raw`${HOST_START}(?<v0>${NAMESPACE})\.compat\.objectstorage\.(?<r>${REGION})\.oraclecloud\.com${SLASH}(?<v>${BUCKET})${END}`, 'g'), build: oci },
];

const ociBucket: Rule = {
  id: 'oci-object-storage-bucket',
  provider: 'oracle',
  severity: 'low',
  redact: false,
  keywords: ['objectstorage.'],
  scan: (text) => scanStoreUrls(text, FORMS),
  message: (value) => `OCI Object Storage bucket ${value} referenced in source`,
  doc: {
    title: 'Oracle Cloud (OCI) Object Storage bucket',
    why: 'The namespace, bucket and region ship in the app. A bucket whose visibility is "Public" (`ObjectRead`) answers `GET https://objectstorage.<region>.oraclecloud.com/n/<namespace>/b/<bucket>/o` without a signature, so every object can be listed and downloaded. A pre-authenticated request URL (`/p/<par>/…`) is a bearer credential: anyone who unpacks the app can read (or, for write PARs, upload) what it covers until it expires, and bucket-wide PARs may allow listing.',
    fix: 'Set the bucket visibility to Private (`oci os bucket update --public-access-type NoPublicAccess`). Delete pre-authenticated requests that shipped in an app (`oci os preauth-request delete`), and have your backend create short-lived, object-level PARs (read only, listing denied) on demand instead of compiling one into the app. Endpoint form: `https://objectstorage.<region>.oraclecloud.com/n/<namespace>/b/<bucket>/o`.',
    links: [
      'https://docs.oracle.com/iaas/Content/Object/Tasks/managingbuckets.htm',
      'https://docs.oracle.com/iaas/Content/Object/Tasks/usingpreauthenticatedrequests.htm',
    ],
  },
};

export const oracleRules: Rule[] = [ociBucket];
