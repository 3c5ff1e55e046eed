// Misconfiguration analyzers (Firebase Security Rules, Supabase RLS, Amplify storage access):
// they read the project's own access rules rather than matching strings. One file per format.
import type { RuleMeta } from '../rule';
import type { ScanResult } from '../types';
import { MISCONFIG_RULE_LIST } from './docs';
import { FindingSink, type MisconfigOptions } from './report';
import { analyzeRtdbRules } from './firebaseRtdb';
import { analyzeSecurityRules } from './firestoreStorage';
import { analyzeSupabaseProject, analyzeMigrations, isSupabaseMigration } from './supabase';
import { DEFAULT_EXPOSURE } from './supabaseConfig';
import { analyzeAmplifyGen1, analyzeAmplifyGen2, isAmplifyGen1Storage, isAmplifyGen2Storage } from './amplify';
import { firebaseJsonRules } from './firebaseJson';

export type { MisconfigOptions } from './report';
export { isSupabaseMigration, supabaseInputs } from './supabase';
export { joinMisconfig } from './join';
export { missingRulesFindings, isFirebaseRulesContext, missingRulesService, namesFirebaseStore } from './rulesMissing';
export { misconfigFixes } from './fixes';

/** Metadata (ids, severities, docs) of every misconfiguration rule (DESIGN §3). */
export const MISCONFIG_RULES: readonly RuleMeta[] = MISCONFIG_RULE_LIST;

export interface ProjectFile {
  /** Path relative to the scan root, `/`-separated. */
  path: string;
  text: string;
}

type Format = 'rtdb' | 'security-rules' | 'supabase' | 'amplify-gen1' | 'amplify-gen2' | 'context';

/** Files that only inform the cross-file analyzers and the join (which schemas, which rules files, which project). */
const CONTEXT = /(?:^|\/)(?:supabase\/config\.toml|firebase\.json|\.firebaserc)$/i;

/** Which analyzer reads a file, decided by its name alone. */
export function misconfigFormat(path: string): Format | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'database.rules.json') return 'rtdb';
  if (name.endsWith('.rules')) return 'security-rules';
  if (isSupabaseMigration(path)) return 'supabase';
  if (isAmplifyGen1Storage(path)) return 'amplify-gen1';
  if (isAmplifyGen2Storage(path)) return 'amplify-gen2';
  if (CONTEXT.test(path)) return 'context';
  return undefined;
}

/** True when `path` is a file some misconfiguration analyzer reads. */
export function isMisconfigFile(path: string): boolean {
  return misconfigFormat(path) !== undefined;
}

/**
 * Single-file analyzers (rules files, Amplify config). A Supabase migration alone is analyzed as
 * if it were the only one (what it shows by itself); `scanProject` sets `projectScan` and leaves
 * migrations to `analyzeProject`, which reads them all in order.
 */
export function analyzeFile(file: ProjectFile, options: MisconfigOptions = {}): ScanResult {
  const format = misconfigFormat(file.path);
  if (format === 'supabase') return options.projectScan ? empty() : analyzeMigrations([file], DEFAULT_EXPOSURE, options);
  const sink = new FindingSink(file.path, file.text, options);
  if (format && format !== 'context') run(format, file.text, sink);
  return sink.result();
}

/**
 * Cross-file analyzers, given all project files they need: Supabase migrations in name order with
 * `supabase/config.toml`, and rules files that `firebase.json` names under other names.
 */
export function analyzeProject(files: readonly ProjectFile[], options: MisconfigOptions = {}): ScanResult {
  const out = analyzeSupabaseProject(files, options);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const done = new Set<string>();
  for (const f of files) {
    if (!/(?:^|\/)firebase\.json$/.test(f.path)) continue;
    for (const ref of firebaseJsonRules(f.path, f.text)) {
      const target = byPath.get(ref.path);
      if (!target || done.has(ref.path) || (misconfigFormat(ref.path) ?? 'context') !== 'context') continue; // named files are analyzed on their own
      done.add(ref.path);
      const sink = new FindingSink(target.path, target.text, options);
      run(ref.kind === 'database' ? 'rtdb' : 'security-rules', target.text, sink);
      const r = sink.result();
      out.findings.push(...r.findings);
      out.errors.push(...r.errors);
    }
  }
  return out;
}

function run(format: Exclude<Format, 'supabase' | 'context'>, text: string, sink: FindingSink): void {
  if (format === 'rtdb') analyzeRtdbRules(text, sink);
  else if (format === 'security-rules') analyzeSecurityRules(text, sink);
  else if (format === 'amplify-gen1') analyzeAmplifyGen1(text, sink);
  else analyzeAmplifyGen2(text, sink);
}

const empty = (): ScanResult => ({ findings: [], errors: [] });
