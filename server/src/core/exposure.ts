// What an open endpoint exposes (DESIGN §4 `exposes`), judged from the names its probe saw: RTDB
// top-level keys, object keys of a bucket list, Firestore collection ids, Supabase table names.
// Names only: never contents, and never a request beyond what the probe makes anyway.
// A name is cut into words (camelCase, snake_case, kebab-case, paths, extensions), each word is
// looked up singular and plural (`addresses`, `lab_results`), and a run-together word is split in
// two known words (`userphotos`, `healthrecords`). `user_photos/42.jpg` → personal-data, media.
// Decisions: the word lists are the names apps really give their tables and folders (issue 15);
// a word has one category; an ambiguous word that would flag ordinary app data (`route`, `position`,
// `auth`, `keys`, `results`) is left out rather than guessed.
import { EXPOSURE_CATEGORIES, type EndpointResult, type EndpointStatus, type ExposureCategory } from './types';

const WORDS: Record<ExposureCategory, readonly string[]> = {
  'personal-data': [
    'user', 'profile', 'customer', 'email', 'phone', 'address', 'contact', 'member', 'person', 'people', 'employee',
    'student', 'subscriber', 'passport', 'ssn', 'birthday', 'birthdate', 'dob', 'identity', 'kyc', 'pii', 'resume',
  ],
  health: [
    'patient', 'prescription', 'medical', 'medication', 'medicine', 'health', 'diagnosis', 'diagnoses', 'vaccination',
    'vaccine', 'symptom', 'clinical', 'clinic', 'doctor', 'physician', 'hospital', 'allergy', 'ehr', 'emr', 'fhir',
    'therapy', 'pregnancy', 'glucose', 'insulin',
  ],
  payments: [
    'payment', 'order', 'card', 'invoice', 'transaction', 'billing', 'purchase', 'checkout', 'refund', 'receipt',
    'wallet', 'payout', 'iban', 'bank', 'stripe', 'paypal',
  ],
  credentials: ['token', 'session', 'password', 'credential', 'apikey', 'secret', 'passwd', 'oauth', 'jwt', 'otp', 'privatekey'],
  media: ['photo', 'image', 'video', 'upload', 'avatar', 'media', 'picture', 'pic', 'thumbnail', 'audio', 'recording', 'gallery', 'selfie', 'img'],
  messages: ['message', 'chat', 'conversation', 'inbox', 'sms', 'dm', 'mailbox'],
  location: ['location', 'gps', 'geo', 'geolocation', 'geopoint', 'checkin', 'trip', 'coordinate', 'latlng', 'ride'],
};

/** Two words that together name a category (each alone is too common). */
const PHRASES: ReadonlyArray<readonly [string, string, ExposureCategory]> = [
  ['lab', 'result', 'health'], ['lab', 'test', 'health'], ['blood', 'pressure', 'health'], ['heart', 'rate', 'health'],
  ['api', 'key', 'credentials'], ['access', 'key', 'credentials'], ['private', 'key', 'credentials'], ['auth', 'key', 'credentials'],
  ['check', 'in', 'location'], ['credit', 'card', 'payments'],
];

/** Words that only say "a collection of": the other half of a run-together name (`userdata`). */
const FILLERS = new Set(['data', 'info', 'list', 'record', 'table', 'detail', 'history', 'log', 'store', 'item', 'file', 'doc', 'document', 'backup', 'archive', 'setting', 'entry', 'new', 'old', 'all', 'my', 'app']);

/** Object keys ending like media files are media, whatever their folder. */
const MEDIA_FILE = /\.(jpe?g|png|gif|webp|heic|heif|bmp|tiff?|mp4|mov|m4v|webm|3gp|mkv|mp3|m4a|aac|wav|ogg|opus|flac)$/i;

const CATEGORY = new Map<string, ExposureCategory>();
for (const c of EXPOSURE_CATEGORIES) for (const w of WORDS[c]) CATEGORY.set(w, c);
for (const [a, b, c] of PHRASES) CATEGORY.set(a + b, c); // run together: `labresults`, `creditcard`

/** Names looked at, and characters of each: a probe's list is already bounded, this bounds the work. */
const MAX_NAMES = 2000;
const MAX_NAME = 256;

/** `userPhotos/2024_lab-results.JPG` → user photos lab results jpg. */
export function nameWords(name: string): string[] {
  return name
    .slice(0, MAX_NAME)
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** Plural to singular for the regular forms names use (`entries`, `addresses`, `photos`). */
function singular(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (/(?:ss|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 2 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

const known = (w: string): string | undefined => (CATEGORY.has(w) || FILLERS.has(w) ? w : CATEGORY.has(singular(w)) || FILLERS.has(singular(w)) ? singular(w) : undefined);

/** The categories of one word: itself, or two known words run together (`healthrecords`). */
function wordCategories(w: string): ExposureCategory[] {
  const one = known(w);
  if (one) return CATEGORY.has(one) ? [CATEGORY.get(one)!] : [];
  for (let i = 3; i <= w.length - 3; i++) {
    const a = known(w.slice(0, i));
    const b = a && known(w.slice(i));
    if (a && b) return [a, b].filter((x) => CATEGORY.has(x)).map((x) => CATEGORY.get(x)!);
  }
  return [];
}

/** The categories one name suggests. */
export function nameCategories(name: string): Set<ExposureCategory> {
  const out = new Set<ExposureCategory>();
  const words = nameWords(name);
  const base = words.map(singular);
  for (const w of words) for (const c of wordCategories(w)) out.add(c);
  for (let i = 0; i + 1 < base.length; i++) {
    for (const [a, b, c] of PHRASES) if (base[i] === a && base[i + 1] === b) out.add(c);
  }
  if (MEDIA_FILE.test(name.slice(0, MAX_NAME))) out.add('media');
  return out;
}

/** What a list of names suggests, in the canonical order of EXPOSURE_CATEGORIES (empty when nothing). */
export function classifyNames(names: Iterable<string>): ExposureCategory[] {
  const found = new Set<ExposureCategory>();
  let n = 0;
  for (const name of names) {
    if (n++ >= MAX_NAMES) break;
    for (const c of nameCategories(name)) found.add(c);
  }
  return EXPOSURE_CATEGORIES.filter((c) => found.has(c));
}

/** How sensitive an exposure is, lower first: health and credentials, then payments and personal data, … */
const TIER: Record<ExposureCategory, number> = { health: 0, credentials: 0, payments: 1, 'personal-data': 1, messages: 2, location: 2, media: 3 };
const NONE = 4;

/** The tier of the most sensitive category (NONE when there is none). */
export const exposureTier = (exposes: readonly ExposureCategory[] | undefined): number => Math.min(NONE, ...(exposes ?? []).map((c) => TIER[c]));

const OPEN = new Set<EndpointStatus>(['open-read', 'open-list', 'open-write']);

/**
 * Riskiest endpoint first: open before closed, then by what it exposes (health or credentials
 * first), then by how many categories; ties keep their order (Array.prototype.sort is stable).
 */
export function compareEndpointRisk(a: Pick<EndpointResult, 'status' | 'exposes'>, b: Pick<EndpointResult, 'status' | 'exposes'>): number {
  return Number(OPEN.has(b.status)) - Number(OPEN.has(a.status)) ||
    exposureTier(a.exposes) - exposureTier(b.exposes) ||
    (b.exposes?.length ?? 0) - (a.exposes?.length ?? 0);
}

/**
 * Findings of the riskiest endpoints first — an open endpoint exposing health or credentials before
 * one exposing media, open before closed — each group in its given (file/line) order. Without probe
 * results every finding ties and the order is unchanged.
 */
export function orderFindingsByRisk<F extends { endpoint?: string }>(findings: readonly F[], endpoints: readonly EndpointResult[]): F[] {
  const byUrl = new Map(endpoints.map((e) => [e.url, e]));
  const key = (f: F): number => {
    const e = f.endpoint === undefined ? undefined : byUrl.get(f.endpoint);
    return e && OPEN.has(e.status) ? exposureTier(e.exposes) : NONE + 1;
  };
  return findings.map((f, i) => ({ f, i, k: key(f) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.f);
}

/** `exposes health, personal-data` for reports and hovers ('' when nothing). */
export const exposesText = (exposes: readonly ExposureCategory[] | undefined): string => (exposes?.length ? `exposes ${exposes.join(', ')}` : '');
