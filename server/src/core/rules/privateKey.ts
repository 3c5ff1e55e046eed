// PEM (and PGP armored) private key blocks, with real newlines or `\n` escapes as in a Google
// service-account JSON. The finding's range covers the whole block, BEGIN to END line.
// Decisions: the body must hold >= 64 base64 chars (headers alone, `...` elisions and PEM-parsing code
// are not keys); a block without END (truncated artifact strings) is reported over its base64 lines.
import type { RawMatch, Rule } from '../rule';
import { entropy } from './common';

const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?)PRIVATE KEY( BLOCK)?-----/g;
const END = /-----END (?:[A-Z]{1,10} )?PRIVATE KEY(?: BLOCK)?-----/y;
/** Longest block we look at (a 4096-bit RSA PEM is ~3.3 KB; armored PGP keys are larger). */
const MAX_BLOCK = 20_000;
// Whole lines of base64 after a header, separated by newlines or `\n` escapes (unambiguous, so linear).
const BODY_RUN = /[ \t]*(?:[A-Za-z0-9+/=]+[ \t]*)?(?:(?:\r?\n|\\{1,2}[nr])[ \t]*[A-Za-z0-9+/=]+[ \t]*(?=\r?\n|\\{1,2}[nr]|$|["'`]))*/y;

/**
 * Made-up bodies (`AAAA…`, `xxxxxxxx…`, `PLACEHOLDER…`). Not the word/run checks used for names:
 * real DER and OpenSSH bodies hold runs like `AAAAAAAA` (zero bytes) but have ≥ 5 bits of entropy.
 */
const isPlaceholderBody = (b64: string): boolean => entropy(b64) < 4.5 || /placeholder|redacted|x{8,}/i.test(b64);

/** The block's body when it holds real key material: ≥ 64 base64 chars, nothing elided. */
function keyBody(body: string): string | undefined {
  const lines = body
    // `\n` escapes, also escaped once more (`\\n`: a JSON key inside a Kotlin/Java string literal)
    .replace(/\\+(?:r|n|u000[aAdD])/g, '\n')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^["'@]+|["',;+]+$/g, ''))
    .filter((l) => l && !/^[\w-]+:\s/.test(l)); // Proc-Type / DEK-Info / PGP armor headers
  const b64 = lines.join('');
  if (b64.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(b64) || isPlaceholderBody(b64)) return undefined;
  return b64;
}

function scanBlocks(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  // Cached forward searches keep this linear even on a line of thousands of BEGIN headers.
  let endAt = -2;
  let nextBegin = -2;
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m; m = BEGIN.exec(text)) {
    const bodyStart = m.index + m[0].length;
    if (nextBegin !== -1 && nextBegin < bodyStart) nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    if (endAt !== -1 && endAt < bodyStart) endAt = text.indexOf('-----END ', bodyStart);
    // A block ends before the next BEGIN, so bodies never overlap.
    const limit = Math.min(bodyStart + MAX_BLOCK, nextBegin < 0 ? text.length : nextBegin);
    let end: number;
    if (endAt >= 0 && endAt < limit) {
      END.lastIndex = endAt;
      const e = END.exec(text);
      if (!e || !keyBody(text.slice(bodyStart, endAt))) continue;
      end = endAt + e[0].length;
    } else {
      // Truncated block (no END): take the base64 run after the header, `\n` escapes included.
      BODY_RUN.lastIndex = 0;
      const run = BODY_RUN.exec(text.slice(bodyStart, limit))?.[0].trimEnd() ?? '';
      if (!keyBody(run)) continue;
      end = bodyStart + run.length;
    }
    out.push({ value: text.slice(m.index, end), start: m.index, end });
    BEGIN.lastIndex = end;
  }
  return out;
}

/** `client_email` of a Google service-account JSON around the key, for the message. */
function serviceAccount(text: string): string | undefined {
  const m = /"client_email"\s*:\s*"([^"\s]{1,200}\.iam\.gserviceaccount\.com)"/.exec(text.slice(0, 100_000));
  return m?.[1];
}

const KIND: Record<string, string> = {
  'RSA ': 'RSA private key', 'EC ': 'EC private key', 'DSA ': 'DSA private key', 'OPENSSH ': 'OpenSSH private key',
  'ENCRYPTED ': 'encrypted private key', 'PGP ': 'PGP private key', '': 'private key',
};

const privateKey: Rule = {
  id: 'private-key',
  provider: 'generic',
  severity: 'critical',
  redact: true,
  keywords: ['private key-----', 'private key block-----'],
  scan: scanBlocks,
  message(value, ctx) {
    const kind = KIND[/^-----BEGIN ((?:[A-Z]+ )?)/.exec(value)?.[1] ?? ''] ?? 'private key';
    const account = serviceAccount(ctx.text);
    return account
      ? `Google service-account ${kind} for ${account} in the app: anyone who unpacks it can act as this account`
      : `PEM ${kind} in the app: anyone who unpacks it gets the key`;
  },
  doc: {
    title: 'Private key',
    why: 'A private key compiled into an app (a Google service-account JSON, a signing or TLS key, an SSH key) is readable by anyone who unzips the APK/IPA. A service-account key lets them call Google Cloud APIs as that account (Firestore, Storage, FCM sending) with none of the Security Rules applying.',
    fix: 'Remove the key from the app and the repository history, and revoke it now (Google Cloud console → IAM → Service accounts → Keys → delete; or regenerate the certificate/SSH key). Apps should call your backend or use Firebase Auth + Security Rules instead of holding server credentials. Keep keys in a secret manager and add the file to `.gitignore`.',
    links: [
      'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
      'https://firebase.google.com/docs/admin/setup#initialize_the_sdk_in_non-google_environments',
      'https://owasp.org/www-project-mobile-top-10/2023-risks/m1-improper-credential-usage',
    ],
  },
};

export const privateKeyRules: Rule[] = [privateKey];
