// Supabase: project URLs and the JWT API keys (anon = public, service_role = bypasses RLS).
// Decisions: supabase-url reports the host (like firebase-database-url); JWTs need `role` and, when
// present, `iss` = supabase (`supabase-demo` keys of local stacks are skipped); the endpoint comes from
// the `ref` claim, else the first project URL in the file; `sb_secret_`/`sb_publishable_` keys map to
// the service-role/anon rules.
import type { MatchContext, RawMatch, Rule } from '../rule';
import {
  inSecurityDomainConfig, isConsoleOrDocUrl, isEmulator, isPlaceholderName, jwtPayload, looksSequential, tokenBefore,
} from './common';

const REF = /^[a-z]{20}$/;
const restUrl = (ref: string) => `https://${ref}.supabase.co/rest/v1/`;

const supabaseUrl: Rule = {
  id: 'supabase-url',
  provider: 'supabase',
  severity: 'low',
  redact: false,
  keywords: ['supabase.co'],
  // The value is the host, as for firebase-database-url; `db.<ref>.supabase.co` (Postgres host) counts too.
  pattern: /(?<![\w.-])(?:db\.)?(?<v>[a-z]{20}\.supabase\.co)(?![\w-]|\.[a-z])/gi,
  validate(value, ctx) {
    const ref = value.slice(0, 20);
    if (!REF.test(ref) || looksSequential(ref) || isPlaceholderName(ref)) return false;
    if (ctx.text[ctx.start - 1] === '$') return false; // `$ref.supabase.co` interpolation
    if (inSecurityDomainConfig(ctx.text, ctx.start)) return false;
    const prefix = tokenBefore(ctx.text, ctx.start);
    return !isConsoleOrDocUrl(prefix) && !isEmulator(prefix);
  },
  endpoint: (value) => restUrl(value.slice(0, 20)),
  message: (value) => `Supabase project ${value.slice(0, 20)} referenced; its REST API answers whatever Row Level Security allows the anon key`,
  doc: {
    title: 'Supabase project URL',
    why: 'The project URL ships in the app together with the anon key; anyone can call `https://<ref>.supabase.co/rest/v1/<table>` with them. Every table in an exposed schema without Row Level Security, or with permissive policies, is readable (and writable) by the world.',
    fix: 'Enable Row Level Security on every table in exposed schemas (`alter table … enable row level security`) and write policies scoped to `auth.uid()`; keep private tables out of the `public` schema or revoke `anon` grants. Lock Storage buckets with policies too. Run LeakLens with probes to see what the anon role can read.',
    links: ['https://supabase.com/docs/guides/database/postgres/row-level-security', 'https://supabase.com/docs/guides/api/securing-your-api'],
  },
};

// A JWT: base64url header and payload that both start with `{"` (`eyJ`), then a signature.
const JWT = /(?<![\w-])(?<v>eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{16,1000})(?![\w-])/g;

/** The payload when `token` is a Supabase key of this role (`iss` is Supabase when present). */
function supabaseClaims(token: string, role: string): Record<string, unknown> | undefined {
  const p = jwtPayload(token);
  if (!p || p.role !== role) return undefined;
  // `supabase-demo` marks the keys the Supabase CLI/self-hosting docs publish for local stacks.
  if (p.iss !== undefined && (typeof p.iss !== 'string' || !/^supabase$|\.supabase\.co\b/.test(p.iss))) return undefined;
  return p;
}

/** Endpoint from the `ref` claim, else from a Supabase URL in the same file. */
function jwtEndpoint(token: string, ctx: MatchContext): string | undefined {
  const ref = jwtPayload(token)?.ref;
  if (typeof ref === 'string' && REF.test(ref)) return restUrl(ref);
  const m = /(?<![\w.-])([a-z]{20})\.supabase\.co\b/.exec(ctx.text);
  return m ? restUrl(m[1]) : undefined;
}

// New-style API keys (2025): `sb_secret_…` replaces service_role, `sb_publishable_…` replaces anon.
const NEW_KEY = /(?<![\w-])(?<v>sb_(?:secret|publishable)_[A-Za-z0-9_-]{20,100})(?![\w-])/g;

function jwtRule(role: 'service_role' | 'anon'): Rule {
  const secret = role === 'service_role';
  const newPrefix = secret ? 'sb_secret_' : 'sb_publishable_';
  return {
    id: secret ? 'supabase-service-role-key' : 'supabase-anon-key',
    provider: 'supabase',
    severity: secret ? 'critical' : 'info',
    redact: secret,
    keywords: ['eyj', newPrefix],
    pattern: JWT,
    scan(text) {
      const out: RawMatch[] = [];
      NEW_KEY.lastIndex = 0;
      for (let m = NEW_KEY.exec(text); m; m = NEW_KEY.exec(text)) {
        if (m.groups!.v.startsWith(newPrefix)) out.push({ value: m.groups!.v, start: m.index, end: m.index + m[0].length });
      }
      return out;
    },
    validate(value, ctx) {
      if (value.startsWith('sb_')) return !isPlaceholderName(value.slice(newPrefix.length)) && !looksSequential(value.slice(newPrefix.length));
      return supabaseClaims(value, role) !== undefined && !isEmulator(tokenBefore(ctx.text, ctx.start));
    },
    endpoint: (value, ctx) => (value.startsWith('sb_') ? jwtEndpoint('', ctx) : jwtEndpoint(value, ctx)),
    message: secret
      ? () => 'Supabase service-role key in the app: it bypasses Row Level Security and gives full read/write access to the database and storage'
      : () => 'Supabase anon key (public by design): it grants whatever Row Level Security allows the anon role',
    doc: secret
      ? {
          title: 'Supabase service-role key',
          why: 'The `service_role` key (and the new `sb_secret_…` keys) bypass Row Level Security entirely. Compiled into an app, it lets anyone who unzips the APK/IPA read, change and delete every row and every Storage object of the project.',
          fix: 'Remove it from the app now and rotate it: Project Settings → API → roll the JWT secret (or revoke the `sb_secret_…` key). Use the anon/publishable key in the app and move privileged work to an Edge Function or your server, which holds the service-role key in its own secrets.',
          links: ['https://supabase.com/docs/guides/api/api-keys', 'https://supabase.com/docs/guides/functions/secrets'],
        }
      : {
          title: 'Supabase anon key',
          why: 'The anon (publishable) key is meant to ship in the app; it is a JWT with `role: anon` that anyone can extract. What it can do is decided by Row Level Security policies and grants on the anon role.',
          fix: 'Nothing to hide: enable Row Level Security on every exposed table, write policies scoped to `auth.uid()`, and avoid `using (true)` for writes. Review Storage bucket policies the same way.',
          links: ['https://supabase.com/docs/guides/api/api-keys', 'https://supabase.com/docs/guides/database/postgres/row-level-security'],
        },
  };
}

export const supabaseRules: Rule[] = [supabaseUrl, jwtRule('service_role'), jwtRule('anon')];
