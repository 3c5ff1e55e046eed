// A cloud storage/database endpoint written with plain `http://`: the app talks to the provider
// in cleartext, so anyone on the network (public Wi-Fi) reads and changes the data and any token
// sent with it. The "Use https://" quick fix removes it. Local emulators and docs are not findings.
import type { Rule } from '../rule';
import { isNonValue } from './common';

// The provider hosts LeakLens knows (same families as the other rules' patterns). A bare
// `<project>.appspot.com` is an App Engine app, not a store (as for firebase-storage-bucket):
// `http://zxing.appspot.com/scan`; an appspot bucket over http goes through a storage host above.
const CLOUD_HOST = String.raw`(?:[a-z0-9-]+\.)*(?:firebaseio\.com|firebasedatabase\.app|firebasestorage\.googleapis\.com|firebasestorage\.app|storage\.googleapis\.com|firestore\.googleapis\.com|s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?|blob\.core\.windows\.net|dfs\.core\.windows\.net|digitaloceanspaces\.com|aliyuncs\.com|supabase\.co|r2\.cloudflarestorage\.com|r2\.dev|backblazeb2\.com|wasabisys\.com|linodeobjects\.com|s3\.[a-z]{2}-[a-z]{3}\.scw\.cloud|cos(?:-website)?\.[a-z]{2}-[a-z-]+\.myqcloud\.com|cloud-object-storage\.appdomain\.cloud|objectstorage\.[a-z]{2}-[a-z]+-\d\.oraclecloud\.com)`;

const insecureCloudEndpoint: Rule = {
  id: 'insecure-cloud-endpoint',
  provider: 'generic',
  severity: 'medium',
  redact: false,
  keywords: ['http://'],
  // the value is the whole URL up to its host, so the fix's range starts at the scheme
  pattern: new RegExp(String.raw`(?<![\w.+-])(?<v>http://${CLOUD_HOST})(?![\w.-])`, 'gi'),
  validate: (value) => !isNonValue(value),
  message: (value) => `${value} is reached over plain http: the traffic (and any token in it) can be read and changed on the network`,
  doc: {
    title: 'Cloud endpoint over plain http://',
    why: 'The app talks to its cloud storage or database in cleartext. On any shared network (public Wi-Fi, a hostile hotspot) the requests, the data that comes back and any session token or key sent along can be read and rewritten; Android 9+ and iOS block it by default, so it usually comes with a cleartext exception that weakens the whole app.',
    fix: 'Use `https://` (every provider serves it; the quick fix changes the scheme in place), then remove the cleartext exception (`usesCleartextTraffic`, `cleartextTrafficPermitted`, `NSAllowsArbitraryLoads`) that made it work.',
    links: ['https://developer.android.com/privacy-and-security/security-config', 'https://developer.apple.com/documentation/security/preventing-insecure-network-connections'],
  },
};

export const insecureEndpointRules: Rule[] = [insecureCloudEndpoint];
