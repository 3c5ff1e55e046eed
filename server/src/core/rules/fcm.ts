// Firebase Cloud Messaging legacy server keys: `AAAA` + 7 characters, `:`, `APA91b…` (152 in all).
// Decisions: critical and redacted; no endpoint and no request (DESIGN §7: a credential found in the
// app is never sent). Registration (device) tokens share the `:APA91b` half but carry a 22-character
// instance id before the colon, so they are not findings; nor are doc values made of repeats.
// Docs: https://firebase.google.com/docs/cloud-messaging/migrate-v1 (legacy server keys, shutdown),
// https://firebase.google.com/docs/cloud-messaging/auth-server
import type { Rule } from '../rule';
import { redact } from '../fingerprint';
import { entropy, isNonValue } from './common';

const serverKey: Rule = {
  id: 'fcm-server-key',
  provider: 'firebase',
  severity: 'critical',
  redact: true,
  keywords: ['apa91b'],
  pattern: /(?<![\w-])(?<v>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,200})(?![\w-])/g,
  validate: (value) => !isNonValue(value) && !/(.)\1{5,}/.test(value.slice(4)) && entropy(value.slice(18)) >= 4.5,
  message: (value) => `Firebase Cloud Messaging legacy server key ${redact(value)} is compiled into the app: anyone who unpacks it can send push notifications to every user`,
  doc: {
    title: 'Firebase Cloud Messaging legacy server key',
    why: 'The legacy FCM server key (`AAAA…:APA91b…`) authorizes sending messages through the legacy HTTP/XMPP APIs to any token or topic of the project. It belongs on your server only: shipped in an app, anyone who unpacks it can push phishing or spam notifications to every installation. Google turned the legacy APIs off in 2024, but old projects may still accept the key, and it marks a server credential that left the server.',
    fix: 'Delete the key in the Firebase console (Project settings → Cloud Messaging → legacy server key), make sure "Cloud Messaging API (Legacy)" is disabled, and send messages only from your backend with the HTTP v1 API and a service account (OAuth 2.0 access tokens). The app itself never needs a server key.',
    links: [
      'https://firebase.google.com/docs/cloud-messaging/migrate-v1',
      'https://firebase.google.com/docs/cloud-messaging/auth-server',
    ],
  },
};

export const fcmRules: Rule[] = [serverKey];
