// Turns analyzer results (offsets in a file) into full Findings: 1-based ranges, fingerprints,
// inline suppressions and per-rule `off` settings, shared by every misconfiguration analyzer.
import type { RuleMeta } from '../rule';
import type { Finding, ScanError, ScanResult, Severity } from '../types';
import type { TextScanOptions } from '../text/scanner';
import { LineIndex } from '../text/lines';
import { findSuppressions, type Suppressions } from '../text/suppress';
import { fingerprint } from '../fingerprint';

export interface MisconfigOptions extends TextScanOptions {
  /** Clock for test-mode expiry (injectable for tests); defaults to the current time. */
  now?: () => Date;
  /**
   * Set by `scanProject`: cross-file analyzers (Supabase migrations) run once over the whole
   * project, so the single-file view of those files is skipped.
   */
  projectScan?: boolean;
}

/** Inputs bounded for every analyzer. */
export const LIMITS = { maxBytes: 4 * 1024 * 1024, maxDepth: 256, maxTokens: 2_000_000 } as const;

export class FindingSink {
  readonly findings: Finding[] = [];
  readonly errors: ScanError[] = [];
  private lines?: LineIndex;
  private suppressions?: Suppressions;
  private readonly file: string;
  private readonly entry: string | null;

  constructor(path: string, private readonly text: string, private readonly options: MisconfigOptions = {}) {
    this.file = options.reportFile ?? path;
    this.entry = options.entry ?? null;
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Adds a finding over text offsets [start, end); `key` makes the fingerprint stable across line moves. */
  add(rule: RuleMeta, start: number, end: number, message: string, value: string, key: string, severity?: Severity): void {
    if (this.options.ruleSettings?.[rule.id] === 'off') return;
    this.lines ??= new LineIndex(this.text);
    this.suppressions ??= findSuppressions(this.text, this.lines);
    const from = this.lines.position(start);
    const to = this.lines.position(Math.max(start, end));
    if (this.suppressions.has(rule.id, from.line)) return;
    this.findings.push({
      ruleId: rule.id,
      severity: severity ?? rule.severity,
      provider: rule.provider,
      message,
      value,
      location: { file: this.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, entry: this.entry },
      fingerprint: fingerprint(rule.id, this.file, this.entry, key),
    });
  }

  error(message: string): void {
    this.errors.push({ file: this.file, ...(this.entry ? { entry: this.entry } : {}), message });
  }

  result(): ScanResult {
    this.findings.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
    return { findings: this.findings, errors: this.errors };
  }
}

/** Formats a date as YYYY-MM-DD (UTC). */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** "expires on 2026-12-01 (in 6 days)" / "expired on 2024-01-01" for test-mode messages. */
export function expiry(until: Date, now: Date): { expired: boolean; text: string } {
  if (Number.isNaN(until.getTime())) return { expired: false, text: 'with an unreadable expiry date' };
  const days = Math.ceil((until.getTime() - now.getTime()) / 86_400_000);
  return until.getTime() <= now.getTime()
    ? { expired: true, text: `expired on ${isoDay(until)}: it denies everyone now, but pushing the date forward reopens everything` }
    : { expired: false, text: `open to anyone until ${isoDay(until)} (${days} day${days === 1 ? '' : 's'} from now)` };
}
