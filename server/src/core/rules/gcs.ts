// Google Cloud Storage buckets: path-style and virtual-hosted XML API hosts, `gs://` URIs, the
// authenticated-browser host and JSON API paths. Firebase default buckets (`*.appspot.com`,
// `*.firebasestorage.app`) belong to firebase-storage-bucket.
// Decisions: a JSON API URL naming a bucket (`/storage/v1/b/<b>/…`) is a finding for `<b>`, while
// the API prefix itself (`storage`, `upload`, …) never is; `devstorage.*` OAuth scopes are not
// matched; public SDK/toolchain distribution buckets (Flutter engine and maven, Dart SDK,
// TensorFlow/MediaPipe models, Google sample data) are skipped as public by design.
import type { RawMatch, Rule } from '../rule';
import { inSecurityDomainConfig, isEmulator, isFirebaseBucketName, isNonValue, isPlaceholderName, tokenBefore } from './common';

// Bounded (3–63 per dot-less name; dotted names up to 222 are rare and capped here at 63 too).
const BUCKET = '[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]';
const END = String.raw`(?![\w-]|\.\w)`;

// storage.googleapis.com/<b>, commondatastorage.googleapis.com/<b>, storage.cloud.google.com/<b>
const PATH = new RegExp(String.raw`(?<![\w.-])(?:(?:commondata)?storage\.googleapis\.com|storage\.cloud\.google\.com)\\?\/(?<v>${BUCKET})${END}`, 'gd');
// JSON API: (storage|www).googleapis.com/[upload/|download/]storage/v1/b/<b>
const JSON_API = new RegExp(String.raw`(?<![\w.-])(?:storage|www)\.googleapis\.com\/(?:(?:upload|download|batch)\/)?storage\/v1\/b\/(?<v>${BUCKET})${END}`, 'gd');
// <b>.storage.googleapis.com
const VHOST = new RegExp(String.raw`(?<![\w.-])(?<v>${BUCKET})\.storage\.googleapis\.com(?![\w-])`, 'gd');
// gs://<b>
const GS = new RegExp(String.raw`(?<![\w])gs:\/\/(?<v>${BUCKET})${END}`, 'gd');

// Path segments that are API prefixes, not buckets (`/storage/v1/…`, `/upload/storage/v1/…`).
const API_SEGMENTS = new Set(['storage', 'upload', 'download', 'batch']);
// Public-by-design buckets Google publishes and apps only read, never the app's own store:
//  - SDK and toolchain distribution (Flutter engine downloads, Dart SDK, TensorFlow/MediaPipe
//    models, Chrome builds, Workbox's CDN) and sample data sets;
//  - the demo media of Google's media SDKs and samples, used as placeholder videos and songs: Google
//    TV/Cast (`gtv-videos-bucket/sample/BigBuckBunny.mp4`), Android TV Leanback (`android-tv`),
//    ExoPlayer/Media3 (`exoplayer-test-media-0`, `-1` …), Widevine (`wvmedia`), Shaka Player, UAMP.
const PUBLIC_DISTRIBUTION = /^(?:flutter_infra(?:_release)?|download\.flutter\.io|dart-archive|download\.tensorflow\.org|tfhub-modules|tfjs-models|mediapipe-(?:assets|models|tasks)|chromium-browser-snapshots|chrome-for-testing-public|cloud-samples-(?:data|tests)|gcp-public-data-[a-z0-9-]+|gtfs-data|workbox-cdn)$/;
const PUBLIC_SAMPLE_MEDIA = /^(?:gtv-videos-bucket|android-tv|exoplayer-test-media-\d+|wvmedia|shaka-demo-assets|uamp)$/;

/** GCS naming rules (no `google`/`goog` prefix, no IP form) and the "not findings" of DESIGN §3. */
export function isGcsBucketName(b: string): boolean {
  return (
    b.length >= 3 && b.length <= 63 && /^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(b) && !b.includes('..') &&
    !b.startsWith('goog') && !b.includes('google') && !/^\d+\.\d+\.\d+\.\d+$/.test(b) &&
    !isFirebaseBucketName(b) && !PUBLIC_DISTRIBUTION.test(b) && !PUBLIC_SAMPLE_MEDIA.test(b) &&
    !/^(?:example[-_]?bucket|bucket[-_]?name|my[-_]?bucket|your[-_]?bucket)\d*$/.test(b) &&
    !isPlaceholderName(b) && !isNonValue(b)
  );
}

export const gcsEndpoint = (bucket: string): string => `https://storage.googleapis.com/storage/v1/b/${bucket}/o`;

function scanGcs(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  for (const re of [JSON_API, PATH, VHOST, GS]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m && out.length < 1000; m = re.exec(text)) {
      const v = m.groups!.v;
      if (re === PATH && API_SEGMENTS.has(v)) continue;
      if (inSecurityDomainConfig(text, m.index) || isEmulator(tokenBefore(text, m.index))) continue;
      const start = m.indices!.groups!.v[0];
      out.push({ value: v, start, end: start + v.length, endpoint: gcsEndpoint(v) });
    }
  }
  return out;
}

const gcsBucket: Rule = {
  id: 'gcs-bucket',
  provider: 'gcs',
  severity: 'low',
  redact: false,
  keywords: ['storage.googleapis.com', 'storage.cloud.google.com', 'gs://', '/storage/v1/b/'],
  scan: (text) => scanGcs(text),
  validate: (value) => isGcsBucketName(value),
  message: (value) => `Google Cloud Storage bucket ${value} referenced in source`,
  doc: {
    title: 'Google Cloud Storage bucket',
    why: 'The bucket name ships in the app. Anyone can call `GET https://storage.googleapis.com/storage/v1/b/<bucket>/o` (list) or fetch objects directly; if the bucket grants `allUsers` or `allAuthenticatedUsers` any role, its objects (and with `objectAdmin`, writes) are public. Not reported: Firebase default buckets (firebase-storage-bucket), API paths (`/storage/v1/…`), OAuth scopes (`devstorage.*`), public SDK distribution buckets such as `flutter_infra_release`, and the demo media of Google media SDKs that apps use as placeholder videos (`gtv-videos-bucket`, `exoplayer-test-media-*`, `wvmedia`, `shaka-demo-assets`, `android-tv`, `uamp`).',
    fix: 'Enforce public access prevention on the bucket (`gcloud storage buckets update gs://<bucket> --public-access-prevention`), remove `allUsers`/`allAuthenticatedUsers` IAM bindings, use uniform bucket-level access, and hand out V4 signed URLs from your backend for downloads/uploads. Endpoint form: the JSON API object list `https://storage.googleapis.com/storage/v1/b/<bucket>/o`.',
    links: [
      'https://cloud.google.com/storage/docs/public-access-prevention',
      'https://cloud.google.com/storage/docs/access-control/making-data-public',
      'https://cloud.google.com/storage/docs/access-control/signed-urls',
      'https://cloud.google.com/storage/docs/buckets#naming',
    ],
  },
};

export const gcsRules: Rule[] = [gcsBucket];
