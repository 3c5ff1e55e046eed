// Metadata and documentation of every misconfiguration rule (DESIGN §3): one source for hover,
// SARIF help and the README table.
import type { RuleMeta } from '../rule';

const RTDB_DOCS = 'https://firebase.google.com/docs/database/security';
const RULES_DOCS = 'https://firebase.google.com/docs/rules/basics';
const INSECURE = 'https://firebase.google.com/docs/rules/insecure-rules';

export const firebaseRulesPublicRead: RuleMeta = {
  id: 'firebase-rules-public-read', provider: 'firebase', severity: 'high', redact: false,
  doc: {
    title: 'Firebase Security Rules allow anyone to read',
    why: 'A `.read: true` (Realtime Database) or `allow read` without a condition / `if true` (Firestore, Storage) lets anyone who knows the project — and the project id and database URL ship inside every app — download the data without signing in. In the Realtime Database a grant on a parent also opens every child, and a child rule cannot take it back.',
    fix: 'Require authentication and scope reads to the owner: `".read": "auth != null && auth.uid === $uid"` under `users/$uid`, or `allow read: if request.auth != null && request.auth.uid == userId;`. Keep truly public data under a named path (e.g. `/public_config`) and open only that. Enable App Check.',
    links: [RTDB_DOCS, RULES_DOCS, INSECURE],
  },
};

export const firebaseRulesPublicWrite: RuleMeta = {
  id: 'firebase-rules-public-write', provider: 'firebase', severity: 'critical', redact: false,
  doc: {
    title: 'Firebase Security Rules allow anyone to write',
    why: 'A `.write: true` or an unconditional `allow write/create/update/delete` lets anyone overwrite or delete the data or upload files at your cost, on any path. Attackers scan for such databases and wipe them or leave ransom notes.',
    fix: 'Allow writes only to signed-in owners (`auth != null && auth.uid === $uid` / `request.auth != null && request.auth.uid == userId`) and validate the data shape (`.validate`, `request.resource.data`).',
    links: [RTDB_DOCS, RULES_DOCS, INSECURE],
  },
};

export const firebaseRulesTestMode: RuleMeta = {
  id: 'firebase-rules-test-mode', provider: 'firebase', severity: 'high', redact: false,
  doc: {
    title: 'Firebase Security Rules still in "test mode"',
    why: 'The console\'s test-mode rules (`now < 1700000000000`, `request.time < timestamp.date(2024, 1, 1)`) open the whole database or bucket to anyone until the date. Until then the data is public; afterwards the app breaks and the usual "fix" is to push the date forward, reopening everything.',
    fix: 'Replace the time-limited rule with rules that require authentication and scope access to the owner before you ship.',
    links: [RULES_DOCS, 'https://firebase.google.com/docs/firestore/security/get-started', INSECURE],
  },
};

export const firebaseRulesAuthOnly: RuleMeta = {
  id: 'firebase-rules-auth-only', provider: 'firebase', severity: 'info', redact: false,
  doc: {
    title: 'Firebase Security Rules let any signed-in user access everything',
    why: '`auth != null` / `request.auth != null` on the whole tree only checks that the caller has *some* account. Anonymous sign-in or email sign-up with the API key shipped in the app gives anyone such an account, so every user can read (or write) every other user\'s data.',
    fix: 'Scope access to the owner (`auth.uid === $uid`, `request.auth.uid == userId`) or to roles stored in custom claims, per collection or path.',
    links: [RTDB_DOCS, INSECURE],
  },
};

export const firebaseRulesMissing: RuleMeta = {
  id: 'firebase-rules-missing', provider: 'firebase', severity: 'low', redact: false,
  doc: {
    title: 'Firebase database or bucket without rules in the repository',
    why: 'The app ships a Realtime Database URL or Storage bucket, but the project keeps no `database.rules.json` / `storage.rules` (nor any rules file `firebase.json` names). Its access rules then live only in the Firebase console: nobody reviews them, nothing in CI checks them, and the console\'s "test mode" (open to anyone for 30 days) is one click away. Most leaking Firebase apps were set up that way.',
    fix: 'Keep the rules in the repository and deploy them from there: the quick fix writes locked-down rules (signed-in users only) and references them from `firebase.json`; then scope access per user and run `firebase deploy --only database,storage`. A project whose rules live in another repository can turn this rule off (`leaklens.rules`).',
    links: ['https://firebase.google.com/docs/rules/manage-deploy', RTDB_DOCS, INSECURE],
  },
};

export const supabaseRlsDisabled: RuleMeta = {
  id: 'supabase-rls-disabled', provider: 'supabase', severity: 'critical', redact: false,
  doc: {
    title: 'Supabase table exposed without Row Level Security',
    why: 'Tables in an API-exposed schema (`public` by default, plus `[api] schemas` in `supabase/config.toml`) are served by the REST API to anyone holding the anon key, and the anon key ships inside the app. Without Row Level Security every row can be read, changed and deleted.',
    fix: 'Add `alter table <table> enable row level security;` in a migration and write policies that grant only what each role needs (e.g. `using (auth.uid() = user_id)`).',
    links: ['https://supabase.com/docs/guides/database/postgres/row-level-security', 'https://supabase.com/docs/guides/api/securing-your-api'],
  },
};

export const supabasePolicyPermissive: RuleMeta = {
  id: 'supabase-policy-permissive', provider: 'supabase', severity: 'high', redact: false,
  doc: {
    title: 'Supabase RLS policy grants everyone access',
    why: 'A policy whose `using` / `with check` is `true` for `anon` or `public` (no `to` clause means public) lets anyone with the app\'s anon key insert, update or delete every row — RLS is on but does nothing. A select policy with `using (true)` makes the table world-readable, which is fine only for data meant to be public.',
    fix: 'Restrict the policy to `authenticated` and to the row owner: `using (auth.uid() = user_id) with check (auth.uid() = user_id)`.',
    links: ['https://supabase.com/docs/guides/database/postgres/row-level-security#policies', 'https://www.postgresql.org/docs/current/sql-createpolicy.html'],
  },
};

export const supabaseViewBypassesRls: RuleMeta = {
  id: 'supabase-view-bypasses-rls', provider: 'supabase', severity: 'info', redact: false,
  doc: {
    title: 'Supabase view bypasses Row Level Security',
    why: 'A view runs with its owner\'s rights unless it is created `with (security_invoker = true)`. Views created in migrations are owned by `postgres`, so a view in an exposed schema serves the rows of a protected table to anyone, ignoring its policies.',
    fix: 'Create the view `with (security_invoker = true)` (Postgres 15+), or move it to a schema the API does not expose.',
    links: ['https://supabase.com/docs/guides/database/postgres/row-level-security#use-security-invoker-views', 'https://www.postgresql.org/docs/current/sql-createview.html'],
  },
};

export const amplifyStorageGuestAccess: RuleMeta = {
  id: 'amplify-storage-guest-access', provider: 'amplify', severity: 'high', redact: false,
  doc: {
    title: 'Amplify Storage grants guests (unauthenticated users) access',
    why: 'Guest access maps to the Cognito identity pool\'s unauthenticated role, whose id ships in the app (amplifyconfiguration.json / amplify_outputs.json). Anyone can obtain guest credentials and upload, overwrite or delete objects; read-only guest access publishes every object under the public prefix.',
    fix: 'Remove write and delete from guest access (Gen 1: `amplify update storage`, `guestAccess` in cli-inputs.json; Gen 2: `allow.guest.to([\'read\'])` or drop the guest rule) and grant them to `allow.authenticated` or `allow.entity(\'identity\')` instead.',
    links: ['https://docs.amplify.aws/gen1/javascript/build-a-backend/storage/configure-access/', 'https://docs.amplify.aws/react/build-a-backend/storage/authorization/'],
  },
};

export const MISCONFIG_RULE_LIST: readonly RuleMeta[] = [
  firebaseRulesPublicRead, firebaseRulesPublicWrite, firebaseRulesTestMode, firebaseRulesAuthOnly, firebaseRulesMissing,
  supabaseRlsDisabled, supabasePolicyPermissive, supabaseViewBypassesRls, amplifyStorageGuestAccess,
];
