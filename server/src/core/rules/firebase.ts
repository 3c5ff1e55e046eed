// Firebase: Realtime Database URLs, Storage buckets, project ids.
// Decisions: values are hosts/names (no scheme); upper-case names, `$name`/`${…}` interpolations,
// `demo-*` (emulator demo projects), NSC/ATS domains and console/doc/emulator URLs are not findings;
// `*.appspot.com` counts as a bucket only where used as one (bucket key, `gs://`, `/v0/b/`), never
// as an App Engine host; `*.firebaseapp.com` is never a bucket; a generic `project_id` key counts only
// in a file that is Firebase/Google config.
import type { MatchContext, Rule } from '../rule';
import {
  inSecurityDomainConfig, isConsoleOrDocUrl, isEmulator, isPlaceholderName, tokenBefore,
} from './common';

// Public databases published by Google/Firebase (the Hacker News API, open data sets, REST docs).
const PUBLIC_DATABASES = /^(?:hacker-news|publicdata-[a-z0-9-]+|dinosaur-facts|docs-examples|samplechat)$/;

/** Rejections shared by the three rules: references, placeholders, emulator/console/doc contexts. */
function badContext(name: string, ctx: MatchContext): boolean {
  if (/[A-Z]/.test(name) || isPlaceholderName(name)) return true; // real names are lower-case
  if (name.startsWith('demo-')) return true; // the Emulator Suite's demo projects (never a real project)
  if (ctx.text[ctx.start - 1] === '$') return true; // Dart/Kotlin/shell interpolation: `$db.firebaseio.com`
  if (inSecurityDomainConfig(ctx.text, ctx.start)) return true;
  const prefix = tokenBefore(ctx.text, ctx.start);
  return isConsoleOrDocUrl(prefix) || isEmulator(prefix) || /[?&]ns=$/.test(prefix);
}

const firebaseDatabaseUrl: Rule = {
  id: 'firebase-database-url',
  provider: 'firebase',
  severity: 'medium',
  redact: false,
  keywords: ['firebaseio.com', 'firebasedatabase.app'],
  // `<db>.firebaseio.com` (legacy and `-default-rtdb`) and `<db>.<region>.firebasedatabase.app`.
  pattern: /(?<![\w-])(?<v>[a-z0-9][a-z0-9-]{1,62}(?:\.firebaseio\.com|\.[a-z]+-[a-z]+\d{1,2}\.firebasedatabase\.app))(?![\w-]|\.[a-z])/gi,
  validate(value, ctx) {
    const name = value.slice(0, value.indexOf('.'));
    if (badContext(name, ctx) || PUBLIC_DATABASES.test(name)) return false;
    return !/^s-[a-z0-9]+-nss-\d+$/.test(name); // RTDB shard server hosts, not databases
  },
  endpoint: (value) => `https://${value.toLowerCase()}/`,
  message: (value) => `Firebase Realtime Database ${value.slice(0, value.indexOf('.'))} referenced; anyone who unpacks the app can query it`,
  doc: {
    title: 'Firebase Realtime Database URL',
    why: 'The database URL ships inside every APK/IPA (google-services.json, GoogleService-Info.plist, firebase_options.dart, strings). Anyone can unzip the app and send `GET https://<db>.firebaseio.com/.json` to it; only the database Security Rules decide what they get.',
    fix: 'Make sure `database.rules.json` requires authentication (`"auth != null"`, scoped per user with `$uid === auth.uid`) and never grants `.read`/`.write` to `true` on the root. Enable App Check for the database. Run LeakLens with probes to see whether it answers anonymous reads.',
    links: ['https://firebase.google.com/docs/database/security', 'https://firebase.google.com/docs/app-check'],
  },
};

// Keys that name a Storage bucket: google-services.json `storage_bucket`, plist `STORAGE_BUCKET`,
// strings `google_storage_bucket`, JS/Dart `storageBucket`, `.env` `VITE_FIREBASE_STORAGE_BUCKET`.
const BUCKET_KEY = /storage[_-]?bucket|(?:^|[._])(?:firebase[_-]?|gcs[_-]?)?bucket(?:[_-]?name)?$/i;

// The call's name ends in storage/bucket (`FirebaseStorage(`, `getStorage(`, `.bucket(`, `setStorageBucket(`), not `getStorageHost(`.
const STORAGE_CALL = /(?:storage|bucket)\s*\(\s*(?:[\w.]+\s*,\s*)?(?:bucket\s*:\s*)?["'`]$/i;

const firebaseStorageBucket: Rule = {
  id: 'firebase-storage-bucket',
  provider: 'firebase',
  severity: 'low',
  redact: false,
  keywords: ['appspot.com', 'firebasestorage.app'],
  pattern: /(?<![\w.-])(?<v>[a-z0-9][a-z0-9_-]{0,61}(?:\.[a-z0-9_-]{1,62}){0,3}\.(?:appspot\.com|firebasestorage\.app))(?![\w-]|\.[a-z])/gi,
  validate(value, ctx) {
    const name = value.slice(0, value.indexOf('.'));
    if (badContext(name, ctx)) return false;
    // `*.firebasestorage.app` is only ever a bucket name. `*.appspot.com` is also an App Engine
    // host (`https://acme.appspot.com/api`): count it only where it is used as a bucket.
    if (/\.firebasestorage\.app$/i.test(value)) return true;
    if (ctx.key && BUCKET_KEY.test(ctx.key)) return true;
    const prefix = tokenBefore(ctx.text, ctx.start);
    if (/(?:^|[^\w])gs:\/\/$|\/v0\/b\/$/.test(prefix)) return true;
    // A bare name passed to a Storage API: `new FirebaseStorage("x.appspot.com")` (FirebaseStorage.net),
    // `admin.storage().bucket('x.appspot.com')`, `getStorage(app, "x.appspot.com")`.
    return prefix === '' && STORAGE_CALL.test(ctx.text.slice(Math.max(0, ctx.start - 120), ctx.start));
  },
  endpoint: (value) => `https://firebasestorage.googleapis.com/v0/b/${value.toLowerCase()}/o`,
  message: (value) => `Firebase Storage bucket ${value} referenced; anyone who unpacks the app can try to list and download its files`,
  doc: {
    title: 'Firebase Storage bucket',
    why: 'The default bucket name (`<project>.appspot.com` or `<project>.firebasestorage.app`) ships in google-services.json, GoogleService-Info.plist and firebase_options.dart. Anyone can call `GET https://firebasestorage.googleapis.com/v0/b/<bucket>/o` to list it; only the Storage Security Rules (and the bucket IAM policy) decide what they get. A bare `https://<project>.appspot.com` App Engine host is not reported (nor `*.firebaseapp.com`, the auth/Hosting domain): only `*.appspot.com` values used as a bucket (config keys, `gs://`, `/v0/b/` URLs, the argument of a Storage call such as `new FirebaseStorage("<project>.appspot.com")`).',
    fix: 'Write `storage.rules` that require `request.auth != null` and scope paths per user (`match /users/{uid}/{allPaths=**} { allow read, write: if request.auth.uid == uid; }`); never `allow read, write;` or `if true`. Check the bucket has no `allUsers` IAM binding in Google Cloud console, and enable App Check for Storage.',
    links: ['https://firebase.google.com/docs/storage/security', 'https://firebase.google.com/docs/app-check', 'https://cloud.google.com/storage/docs/access-control/making-data-public'],
  },
};

// Firebase config keys for the project id: `project_id` (google-services.json, strings),
// `PROJECT_ID` (GoogleService-Info.plist), `projectId`/`projectID` (JS, Dart, Swift), `FIREBASE_PROJECT_ID`.
const PROJECT_KEY = /(?:^|[._/])(?:\w*?[_-])?project[_-]?id$|^projectI[dD]$/i; // `/`: resource names from resources.arsc (`@string/project_id`)
// Generic `project_id` keys count only in files that are Firebase/Google config.
const FIREBASE_MARKERS = /firebase|google_app_id|mobilesdk_app_id|gcm_sender_id|gcm_defaultSenderId|messagingSenderId|appspot\.com|googleapis\.com|"service_account"/i;
let lastText = '';
let lastFirebase = false;

function isFirebaseFile(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastFirebase = FIREBASE_MARKERS.test(text);
  }
  return lastFirebase;
}

const firebaseProjectId: Rule = {
  id: 'firebase-project-id',
  provider: 'firebase',
  severity: 'info',
  redact: false,
  keywords: ['project_id', 'projectid', 'project-id'],
  // FirebaseOptions.Builder().setProjectId("…") in Java/Kotlin; the rest comes from key/value pairs.
  pattern: /\.setProjectId\(\s*"(?<v>[^"\n]{1,64})"\s*\)/g,
  pair: { key: PROJECT_KEY, value: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/ },
  validate(value, ctx) {
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(value) || badContext(value, ctx)) return false;
    if (ctx.key && /firebase/i.test(ctx.key)) return true;
    return isFirebaseFile(ctx.text);
  },
  endpoint: (value) => `https://firestore.googleapis.com/v1/projects/${value}/databases/(default)/documents`,
  message: (value) => `Firebase project id ${value}: its Firestore, Realtime Database and Storage can be addressed directly`,
  doc: {
    title: 'Firebase project id',
    why: 'The project id is not a secret; it ships in every Firebase app config. It tells anyone which Firestore database (`https://firestore.googleapis.com/v1/projects/<id>/databases/(default)/documents`), Realtime Database and Storage bucket belong to the app, so the Security Rules of each are the only barrier.',
    fix: 'Nothing to hide here: review `firestore.rules`, `database.rules.json` and `storage.rules` for the project (no `allow read, write: if true`, no expired test-mode rules), and enable App Check. Run LeakLens with probes to check whether Firestore answers anonymous list requests.',
    links: ['https://firebase.google.com/docs/projects/learn-more#project-id', 'https://firebase.google.com/docs/firestore/security/get-started', 'https://firebase.google.com/docs/app-check'],
  },
};

export const firebaseRules: Rule[] = [firebaseDatabaseUrl, firebaseStorageBucket, firebaseProjectId];
