// Google Cloud credentials that ship in mobile apps: API keys and OAuth client ids.
// Decisions: no endpoint (a key is not a resource, and found keys are never sent); the reversed
// client id (`com.googleusercontent.apps.…`) is reported only where the forward form is absent.
import type { Rule } from '../rule';
import { inSecurityDomainConfig, isConsoleOrDocUrl, isNonValue, isProviderExample, looksSequential, tokenBefore } from './common';

const googleApiKey: Rule = {
  id: 'google-api-key',
  provider: 'google',
  severity: 'medium',
  redact: false,
  keywords: ['aiza'],
  // Not part of a longer token (base64 blobs, hashes, pins).
  pattern: /(?<![\w-])(?<v>AIza[0-9A-Za-z_-]{35})(?![\w-])/g,
  validate: (value, ctx) =>
    !isProviderExample(value) && !isNonValue(value.slice(4)) && !looksSequential(value.slice(4)) && !/x{4}|X{4}/.test(value) &&
    !inSecurityDomainConfig(ctx.text, ctx.start) && !isConsoleOrDocUrl(tokenBefore(ctx.text, ctx.start)),
  message: (value) =>
    `Google API key ${value} ships in the app; it cannot be hidden, so restrict it to your Android/iOS app and to the APIs it needs`,
  doc: {
    title: 'Google API key',
    why: 'Firebase and Google Maps API keys are meant to ship in the app (google-services.json `current_key`, GoogleService-Info.plist `API_KEY`, `com.google.android.geo.API_KEY`), so moving them to BuildConfig or an .xcconfig does not hide them: anyone can unzip the APK/IPA and read them. An unrestricted key can be used from anywhere, against any API enabled on the project, and billed to you (Maps, Places, Gemini, Vertex AI…).',
    fix: 'In Google Cloud console → APIs & Services → Credentials, edit the key: set an application restriction (Android apps: package name + SHA-1 signing certificate; iOS apps: bundle id) and an API restriction listing only the APIs the app calls (e.g. Firebase Installations, Identity Toolkit, Maps SDK). Keep Generative Language / paid APIs on server-side keys only. Enable App Check for Firebase services. Rotate the key if it was ever unrestricted and abused.',
    links: [
      'https://cloud.google.com/docs/authentication/api-keys#api_key_restrictions',
      'https://firebase.google.com/docs/projects/api-keys',
      'https://developers.google.com/maps/api-security-best-practices',
    ],
  },
};

const googleOauthClientId: Rule = {
  id: 'google-oauth-client-id',
  provider: 'google',
  severity: 'info',
  redact: false,
  keywords: ['apps.googleusercontent.com', 'googleusercontent.apps.'],
  // `<project number>-<32 chars>.apps.googleusercontent.com`, and the reversed URL-scheme form
  // `com.googleusercontent.apps.<number>-<32 chars>` (REVERSED_CLIENT_ID, CFBundleURLSchemes).
  pattern: /(?<![\w-])(?<v>\d{5,20}-[a-z0-9]{32}\.apps\.googleusercontent\.com|com\.googleusercontent\.apps\.\d{5,20}-[a-z0-9]{32})(?![\w-])/g,
  validate(value, ctx) {
    if (looksSequential(value.replace(/^\D+|\..*$/g, '').split('-')[1] ?? '')) return false;
    if (isConsoleOrDocUrl(tokenBefore(ctx.text, ctx.start))) return false;
    if (value.startsWith('com.')) {
      // Reversed form: report it only where the forward client id is not in the same file.
      return !ctx.text.includes(`${value.slice('com.googleusercontent.apps.'.length)}.apps.googleusercontent.com`);
    }
    return true;
  },
  message: (value) => `Google OAuth client id ${value.replace(/^com\.googleusercontent\.apps\./, '')} (public by design; check its consent screen and redirect settings)`,
  doc: {
    title: 'Google OAuth client id',
    why: 'OAuth client ids of installed apps are public by design (they ship in GoogleService-Info.plist `CLIENT_ID`, google-services.json `oauth_client` and the URL schemes). They identify the Google Cloud project and let anyone start a sign-in flow that shows your consent screen. A client *secret* next to it would be a real leak.',
    fix: 'Nothing to hide. Make sure the client is of type Android/iOS (bound to the package name + SHA-1 or bundle id), not a Web client with a secret compiled into the app; keep the OAuth consent screen limited to the scopes you need; remove unused clients in Google Cloud console.',
    links: ['https://developers.google.com/identity/protocols/oauth2/native-app', 'https://support.google.com/cloud/answer/6158849'],
  },
};

export const googleRules: Rule[] = [googleApiKey, googleOauthClientId];
