// The pure half of the scan pipeline: per-fragment results are added in fragment order, then
// `finish` runs the project-level steps once (cross-file analyzers, rules-missing, the rules ↔ app
// join, de-duplication). File reads it needs come through callbacks, so core stays free of I/O.
import type { Engine } from '../engine';
import { joinMisconfig, namesFirebaseStore, type ProjectFile } from '../misconfig';
import { firebaseJsonRules } from '../misconfig/firebaseJson';
import type { Finding, ScanError, ScanResult } from '../types';

/** Total text kept in memory for the cross-file analyzers (Supabase migrations, rules files). */
export const MISCONFIG_BATCH_LIMIT = 64 * 1024 * 1024;

/** What scanning one text file yields (cli/files.ts), before the project-level steps. */
export interface FileOutcome extends ScanResult {
  /** Files the cross-file analyzers read together (rules files, Supabase migrations). */
  batch?: ProjectFile;
  /** Files that only help join rules findings to the app's config (google-services.json). */
  context?: ProjectFile;
  /** A compiled format (DEX, Mach-O, ELF, binary plist, Hermes…): the caller scans it as an artifact. */
  compiled?: true;
}

export interface FinishHooks {
  /** Text of a rules file firebase.json names (relative path), if it exists and may be read. */
  readNamedFile?(path: string): string | undefined;
  /**
   * For a project (a folder): its Firebase context files and whether a path exists in it, to
   * report `firebase-rules-missing`. Called only when the findings name a Firebase store.
   */
  rulesContext?(): { files: ProjectFile[]; exists(path: string): boolean };
}

export interface Collected {
  findings: Finding[];
  errors: ScanError[];
}

export class ScanCollector {
  private readonly findings: Finding[] = [];
  private readonly errors: ScanError[] = [];
  private readonly batch: ProjectFile[] = [];
  private readonly joinContext: ProjectFile[] = [];
  private batchBytes = 0;

  constructor(private readonly engine: Engine, private readonly onInternal?: (error: unknown, where: string) => void) {}

  /** Findings and errors of one fragment, filtered by its source's `keep`. */
  add(result: ScanResult, keep?: (f: Finding) => boolean): void {
    for (const f of result.findings) if (!keep || keep(f)) this.findings.push(f);
    this.errors.push(...result.errors);
  }

  error(error: ScanError): void {
    this.errors.push(error);
  }

  /** An exception from a reader or rule: an `errors` item naming the file; the scan goes on. */
  internal(e: unknown, file: string): void {
    this.onInternal?.(e, file);
    this.errors.push({ file, entry: null, message: `internal error while scanning: ${(e as Error)?.message ?? String(e)}` });
  }

  /** A text file's outcome: its findings, plus its text when the cross-file analyzers need it. */
  addFile(o: FileOutcome, keep?: (f: Finding) => boolean): void {
    this.add(o, keep);
    if (o.context) this.joinContext.push(o.context);
    if (!o.batch) return;
    if (this.batchBytes + o.batch.text.length <= MISCONFIG_BATCH_LIMIT) {
      this.batch.push(o.batch);
      this.batchBytes += o.batch.text.length;
      return;
    }
    this.guard(o.batch.path, () => this.add(this.engine.scanText(o.batch!.path, o.batch!.text), keep));
  }

  /** The project-level steps, once, after every fragment. */
  finish(hooks: FinishHooks = {}): Collected {
    // Rules files a firebase.json names under other names join the batch (their string findings,
    // found again, are dropped by `dedupe`).
    if (hooks.readNamedFile) {
      for (const path of namedRulesFiles(this.batch)) {
        if (this.batchBytes > MISCONFIG_BATCH_LIMIT) break;
        const text = hooks.readNamedFile(path);
        if (text === undefined) continue; // missing: the analyzer reports the firebase.json reference itself
        this.batch.push({ path, text });
        this.batchBytes += text.length;
      }
    }
    if (this.batch.length) this.guard(this.batch[0].path, () => this.add(this.engine.scanProject(this.batch)));
    if (hooks.rulesContext && namesFirebaseStore(this.findings)) {
      const { files, exists } = hooks.rulesContext();
      this.add({ findings: this.engine.missingRules(this.findings, files, exists), errors: [] });
    }
    // open rules ↔ the database/bucket they open, both ways (`related`)
    return { findings: joinMisconfig(dedupe(this.findings), [...this.batch, ...this.joinContext]), errors: this.errors };
  }

  private guard(file: string, step: () => void): void {
    try {
      step();
    } catch (e) {
      this.internal(e, file);
    }
  }
}

function namedRulesFiles(batch: readonly ProjectFile[]): string[] {
  const have = new Set(batch.map((f) => f.path));
  const out = new Set<string>();
  for (const f of batch) {
    if (!/(?:^|\/)firebase\.json$/.test(f.path)) continue;
    for (const ref of firebaseJsonRules(f.path, f.text)) if (!have.has(ref.path)) out.add(ref.path);
  }
  return [...out];
}

/** The same finding reached twice (overlapping PATHs) is reported once. */
export function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.fingerprint}:${f.location.line}:${f.location.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
