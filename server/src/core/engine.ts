// The engine facade (like vscode-json-languageservice's getLanguageService): the CLI, the language
// server and the tests all call these functions; none of them touches the file system or network.
import type { RuleMeta } from './rule';
import type { Finding, ScanResult, Severity, Where } from './types';
import { lowerSeverity, whereOf } from './where';
import { ALL_RULES } from './rules';
import { TextScanner, type TextScanOptions } from './text/scanner';
import { isSkippedByName } from './text/fileKind';
import { MISCONFIG_RULES, analyzeFile, analyzeProject, isMisconfigFile, missingRulesFindings, type MisconfigOptions, type ProjectFile } from './misconfig';
import { scanArtifactBytes, scanArtifactEntries, type ArtifactEntry, type ArtifactScanOptions, type ByteSource } from './artifact';

export interface EngineOptions {
  /** Per-rule severity override or `off` (settings, `.leaklens.json`). */
  ruleSettings?: Record<string, Severity | 'off'>;
  /** Fingerprints of accepted findings (`.leaklens.json` baseline). */
  baseline?: Iterable<string>;
  /** Keep only findings that live here (`--where`, `leaklens.where`); all when absent. */
  where?: readonly Where[];
}

export interface Engine {
  /** Every rule the engine knows: text rules then misconfiguration rules. */
  readonly rules: readonly RuleMeta[];
  describe(ruleId: string): RuleMeta | undefined;
  /** True unless the name says the file is never read (binary by name, lockfile): every text file is scanned. */
  isScannable(path: string): boolean;
  scanText(path: string, text: string, options?: TextScanOptions): ScanResult;
  /**
   * False when `scanText` of these bytes' text (UTF-8) would find nothing: no rule keyword in them
   * and not a misconfiguration input (those are analyzed whatever they hold). Read without decoding.
   */
  mayFind(path: string, bytes: Uint8Array): boolean;
  /** Every file plus the cross-file analyzers (Supabase migrations). */
  scanProject(files: readonly ProjectFile[]): ScanResult;
  /**
   * Project-level findings derived from a project's findings: `firebase-rules-missing` for each
   * database/bucket whose rules the project does not keep (misconfig/rulesMissing.ts). `files` are
   * its Firebase context files; `exists` tells whether a rules file firebase.json names is there.
   */
  missingRules(findings: readonly Finding[], files: readonly ProjectFile[], exists: (path: string) => boolean): Finding[];
  scanArtifact(file: string, bytes: Uint8Array | ByteSource, options?: ArtifactScanOptions): Promise<ScanResult>;
  /** The members of an unpacked artifact (.app/.xcarchive folder), read one at a time by the caller. */
  scanArtifactEntries(file: string, entries: AsyncIterable<ArtifactEntry> | Iterable<ArtifactEntry>, options?: ArtifactScanOptions): Promise<ScanResult>;
}

export function createEngine(options: EngineOptions = {}): Engine {
  const ruleSettings = options.ruleSettings ?? {};
  const baseline = new Set(options.baseline ?? []);
  const scanner = new TextScanner(ALL_RULES);
  const rules: readonly RuleMeta[] = [...ALL_RULES, ...MISCONFIG_RULES];
  const byId = new Map(rules.map((r) => [r.id, r]));

  const wanted = options.where ? new Set(options.where) : undefined;
  const misconfigIds = new Set(MISCONFIG_RULES.map((r) => r.id));
  // Every finding passes here exactly once: where it lives, its severity one step lower outside
  // `app`, then the user's explicit rule setting (which wins as written).
  const keep = (result: ScanResult): ScanResult => {
    const findings: Finding[] = [];
    for (const f of result.findings) {
      if (baseline.has(f.fingerprint) || ruleSettings[f.ruleId] === 'off') continue;
      f.where ??= whereOf(f.location.file);
      if (wanted && !wanted.has(f.where)) continue;
      // misconfiguration findings grade the deployed backend, wherever its config file lives
      if (f.where !== 'app' && !misconfigIds.has(f.ruleId)) f.severity = lowerSeverity(f.severity);
      applySeverity(f, ruleSettings);
      findings.push(f);
    }
    return { findings, errors: result.errors };
  };
  /** Every member of a built artifact ships, whatever its path inside the archive. */
  const shipped = (result: ScanResult): ScanResult => {
    for (const f of result.findings) f.where = 'app';
    return keep(result);
  };

  const scanText = (path: string, text: string, opts: TextScanOptions = {}): ScanResult => {
    const merged = { ruleSettings, ...opts };
    const strings = scanner.scan(path, text, merged);
    if (!isMisconfigFile(path)) return keep(strings);
    const misconfig = analyzeFile({ path, text }, merged);
    return keep(merge([strings, misconfig]));
  };

  return {
    rules,
    describe: (id) => byId.get(id),
    isScannable: (path) => !isSkippedByName(path),
    scanText,
    mayFind: (path, bytes) => isMisconfigFile(path) || scanner.mayFind(bytes),
    scanProject(files) {
      const inProject: MisconfigOptions = { projectScan: true }; // migrations are read together by analyzeProject
      const parts = files.map((f) => scanText(f.path, f.text, inProject));
      parts.push(keep(analyzeProject(files, { ruleSettings })));
      return merge(parts);
    },
    missingRules(findings, files, exists) {
      if (ruleSettings['firebase-rules-missing'] === 'off') return [];
      return keep({ findings: missingRulesFindings(findings, files, exists), errors: [] }).findings;
    },
    async scanArtifact(file, bytes, opts = {}) {
      return shipped(await scanArtifactBytes(scanner, file, bytes, { ruleSettings, ...opts }));
    },
    async scanArtifactEntries(file, entries, opts = {}) {
      return shipped(await scanArtifactEntries(scanner, file, entries, { ruleSettings, ...opts }));
    },
  };
}

function applySeverity(f: Finding, settings: Record<string, Severity | 'off'>): void {
  const s = settings[f.ruleId];
  if (s && s !== 'off') f.severity = s;
}

export function merge(parts: readonly ScanResult[]): ScanResult {
  return { findings: parts.flatMap((p) => p.findings), errors: parts.flatMap((p) => p.errors) };
}
