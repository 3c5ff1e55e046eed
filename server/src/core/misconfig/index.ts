// Misconfiguration analyzers (Firebase Security Rules, Supabase RLS, Amplify storage access):
// they read the project's own access rules rather than matching strings. One file per format.
import type { RuleMeta } from '../rule';
import type { ScanResult } from '../types';
import type { TextScanOptions } from '../text/scanner';

/** Metadata (ids, severities, docs) of every misconfiguration rule (DESIGN §3). */
export const MISCONFIG_RULES: readonly RuleMeta[] = [];

export interface ProjectFile {
  /** Path relative to the scan root, `/`-separated. */
  path: string;
  text: string;
}

/** True when `path` is a file some misconfiguration analyzer reads. */
export function isMisconfigFile(_path: string): boolean {
  return false;
}

/** Single-file analyzers (rules files, Amplify config). */
export function analyzeFile(_file: ProjectFile, _options: TextScanOptions = {}): ScanResult {
  return { findings: [], errors: [] };
}

/** Cross-file analyzers (Supabase migrations in name order + config.toml); given all project files they need. */
export function analyzeProject(_files: readonly ProjectFile[], _options: TextScanOptions = {}): ScanResult {
  return { findings: [], errors: [] };
}
