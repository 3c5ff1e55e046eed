// Firebase: Realtime Database URLs, Storage buckets, project ids.
import type { Rule } from '../rule';
import { isNonValue } from './common';

const firebaseDatabaseUrl: Rule = {
  id: 'firebase-database-url',
  provider: 'firebase',
  severity: 'medium',
  redact: false,
  keywords: ['firebaseio.com', 'firebasedatabase.app'],
  pattern: /(?:https?:\/\/)?(?<v>[a-z0-9][a-z0-9-]{2,62}(?:\.firebaseio\.com|\.[a-z]+-[a-z]+\d\.firebasedatabase\.app))\b/gi,
  validate: (value) => !isNonValue(value),
  endpoint: (value) => `https://${value.toLowerCase()}/`,
  message: (value) => `Firebase Realtime Database ${value.split('.')[0]} referenced; anyone who unpacks the app can query it`,
  doc: {
    title: 'Firebase Realtime Database URL',
    why: 'The database URL ships inside every APK/IPA (google-services.json, GoogleService-Info.plist, strings). Anyone can unzip the app and send `GET /.json` to it; only the database Security Rules decide what they get.',
    fix: 'Make sure `database.rules.json` requires authentication (`"auth != null"`, scoped per user) and never grants `.read`/`.write` to `true` on the root. Enable App Check for the database. Run LeakLens with probes to see whether it answers anonymous reads.',
    links: ['https://firebase.google.com/docs/database/security', 'https://firebase.google.com/docs/app-check'],
  },
};

export const firebaseRules: Rule[] = [firebaseDatabaseUrl];
