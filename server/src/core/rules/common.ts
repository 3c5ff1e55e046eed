// Validators shared by the rules: the "not findings" of DESIGN §3 (references, placeholders,
// provider example values, emulator strings) and structure checks such as entropy.
import { isPlaceholder } from './placeholder';

export { isPlaceholder };

/** `BuildConfig.X`, `$(VAR)`, `${VAR}`, `findProperty(...)`, `@string/x`, `process.env.X`, `{{x}}`. */
export function isReference(value: string): boolean {
  return /\$\(|\$\{|\{\{|BuildConfig\.|findProperty\(|getProperty\(|System\.getenv|process\.env|^@(?:string|android:string)\/|^\$[A-Z_]/.test(value);
}

/**
 * Values printed in the providers' own documentation (DESIGN §3): AWS's `AKIAIOSFODNN7EXAMPLE` /
 * `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` family (every AWS doc key ends in `EXAMPLE` or
 * `EXAMPLEKEY`), the Azurite/Azure docs account key, Google's documented Maps key.
 */
export function isProviderExample(value: string): boolean {
  return /EXAMPLE(?:KEY)?$|^AKIA[A-Z0-9]*EXAMPLE/.test(value) || PROVIDER_EXAMPLES.has(value);
}
const PROVIDER_EXAMPLES = new Set([
  // Azurite / Azure Storage emulator account key (Azure docs)
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // Google's documented Maps JavaScript key
  'AIzaSyB41DRUbKWJHPxaFjMAwdrzWzbVKartNGg',
  // test keys published in firebase/firebase-android-sdk's tests (on gitleaks' allow-list too)
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs', 'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM', 'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0', 'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c', 'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY', 'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM', 'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g', 'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU', 'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
  'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE', 'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY', 'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A',
]);

/** Local emulators and development accounts published by the providers. */
export function isEmulator(value: string): boolean {
  return /localhost|127\.0\.0\.1|10\.0\.2\.2|0\.0\.0\.0|devstoreaccount1|UseDevelopmentStorage=true|\bemulator\b/i.test(value);
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Common rejection for any value: reference, placeholder, provider documentation value or emulator. */
export function isNonValue(value: string): boolean {
  return isReference(value) || isPlaceholder(value) || isProviderExample(value) || isEmulator(value);
}

/** Decodes a base64url JWT payload; undefined when `token` is not a JWT with a JSON payload. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const json = Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const payload: unknown = JSON.parse(json);
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// --- Context helpers (added for the Firebase/Google/Supabase/PEM/cleartext rules) ---

/**
 * Made-up ascending runs that documentation puts in example keys/refs (`abcdef…`, `123456…`):
 * true when `minRun` consecutive letters or digits each follow the previous one. A run of 5 is
 * rare in random values (~1e-5 for a 20-letter Supabase ref).
 */
export function looksSequential(value: string, minRun = 5): boolean {
  const v = value.toLowerCase();
  let run = 1;
  for (let i = 1; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const ascending = c === v.charCodeAt(i - 1) + 1 && ((c >= 49 && c <= 57) || (c >= 98 && c <= 122)); // prev is 0-8 or a-y
    run = ascending ? run + 1 : 1;
    if (run >= minRun) return true;
  }
  return false;
}

/** Placeholder check for resource names (database, bucket, project, ref): also no template or glob characters. */
export function isPlaceholderName(name: string): boolean {
  return isReference(name) || isEmulator(name) || /[<>[\]{}*]/.test(name) || isPlaceholder(name);
}

/** The URL-ish token just before `start` (at most 256 chars; stops at whitespace, quotes, brackets). */
export function tokenBefore(text: string, start: number): string {
  let i = start;
  const stop = Math.max(0, start - 256);
  while (i > stop && !/[\s"'`<>()[\]{}]/.test(text[i - 1])) i--;
  return text.slice(i, start);
}

/** Provider consoles and documentation pages: a value inside such a URL is a link, not config. */
export function isConsoleOrDocUrl(prefix: string): boolean {
  return /console\.firebase\.google\.com|console\.cloud\.google\.com|firebase\.google\.com\/|cloud\.google\.com\/|developers\.google\.com|supabase\.com\/(?:docs|dashboard)|app\.supabase\.com/i.test(prefix);
}

/**
 * True when the value sits where a network-security config or ATS names a domain or a pin:
 * `<domain …>HOST</domain>`, `<pin …>HASH</pin>`, or a plist `<key>HOST</key>` (values are
 * never plist keys; ATS exception domains are).
 */
export function inSecurityDomainConfig(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 160), start);
  return /<(?:domain|pin|trust-anchors|certificates)\b[^<>]*>\s*$/.test(before) || /<key>\s*$/.test(before);
}

/** `*.appspot.com` / `*.firebasestorage.app`: the default Firebase Storage bucket names. */
export function isFirebaseBucketName(bucket: string): boolean {
  return /\.(?:appspot\.com|firebasestorage\.app)$/i.test(bucket);
}
