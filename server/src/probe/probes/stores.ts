// The S3-compatible stores of DESIGN §3 "More stores and keys": which override key (policy.ts)
// each endpoint kind (core/report/endpoints.ts) is probed through, with anonymous ListObjectsV2 and,
// where the provider implements it, GetBucketAcl (probes/s3.ts) — always on the provider's own host.
// Docs (anonymous list / ACL support):
//   R2 — https://developers.cloudflare.com/r2/api/s3/api/ (S3 API always signed; no ACL operations)
//   B2 — https://www.backblaze.com/docs/cloud-storage-s3-compatible-api (ListObjectsV2, GetBucketAcl)
//   Wasabi — https://docs.wasabi.com/docs/wasabi-s3-api-reference (ListObjectsV2, bucket ACLs)
//   Linode — https://techdocs.akamai.com/cloud-computing/docs/object-storage-s3-api-compatibility
//   Scaleway — https://www.scaleway.com/en/docs/object-storage/api-cli/bucket-operations/
//   Tencent COS — https://www.tencentcloud.com/document/product/436/30614 (GET Bucket; ACL grants `cam.qcloud.com/groups/global/AllUsers`)
//   Huawei OBS — https://support.huaweicloud.com/intl/en-us/api-obs/obs_04_0022.html (listing; ACL `<Canned>Everyone</Canned>`)
//   IBM COS — https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-compatibility-api
import type { OverrideKey } from '../policy';
import type { ProbeContext, ProbeResult, ProbeTarget } from '../common';
import { probeS3Compatible } from './s3';

const SERVICE_OF_KIND: Readonly<Record<string, OverrideKey>> = {
  'r2-bucket': 'r2', 'b2-bucket': 'b2', 'wasabi-bucket': 'wasabi', 'linode-bucket': 'linode',
  'scaleway-bucket': 'scaleway', 'cos-bucket': 'cos', 'obs-bucket': 'obs', 'ibm-cos-bucket': 'ibm',
};
const NO_ACL = new Set<OverrideKey>(['r2']);

/** The probe of an S3-compatible store endpoint, or undefined when `kind` is not one. */
export function storeProbe(kind: string): ((t: ProbeTarget, ctx: ProbeContext) => Promise<ProbeResult>) | undefined {
  const service = SERVICE_OF_KIND[kind];
  return service && ((t, ctx) => probeS3Compatible(service, t, ctx, { acl: !NO_ACL.has(service) }));
}
