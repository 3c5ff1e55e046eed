// `scan --history`: every distinct value once, named by the first commit (oldest first) whose
// blob holds it, and whether HEAD still holds it. Pure bookkeeping over scan results; the git
// plumbing that feeds it lives in node/gitHistory.ts.
import { createHash } from 'node:crypto';
import { findingOffsets } from '../fixes/util';
import { MISCONFIG_RULES } from '../misconfig';
import type { Finding, ScanError, ScanResult } from '../types';
import type { CommitInfo } from './rawLog';

/**
 * History reports values (keys, URLs, buckets), not configuration: an access rule or a cleartext
 * flag in an old commit exposes nothing today, a key in an old commit does.
 */
const CONFIGURATION_RULES = new Set([...MISCONFIG_RULES.map((r) => r.id), 'cleartext-traffic', 'insecure-cloud-endpoint']);
export const keptInHistory = (ruleId: string): boolean => !CONFIGURATION_RULES.has(ruleId);

/** Errors kept (binary or oversized blobs are reported once per path). */
export const HISTORY_MAX_ERRORS = 1000;

/** What identifies "the same value" across files and commits: the rule and the source text at the finding's range. */
export function valueKey(f: Finding, text: string | undefined): string {
  const at = text !== undefined && f.location.entry === null ? findingOffsets(f, text) : undefined;
  const source = at ? text!.slice(at.start, at.end).trim().replace(/^["'`]|["'`]$/g, '') : `${f.location.entry ?? ''}\0${f.value}`;
  // hashed: no raw secret is kept for the length of the scan
  return createHash('sha256').update(`${f.ruleId}\0${source}`).digest('base64');
}

export class HistoryCollector {
  private readonly first = new Map<string, Finding>();
  /** Values of the `--since` REF's tree. */
  private readonly known = new Set<string>();
  private readonly errorKeys = new Set<string>();
  private readonly errors: ScanError[] = [];
  private dropped = 0;

  /**
   * @param inHead whether a blob id is in HEAD's tree
   * @param keepRule history reports values, not configuration (see docs/cli.md)
   */
  constructor(private readonly inHead: (blob: string) => boolean, private readonly keepRule: (ruleId: string) => boolean = () => true) {}

  /** The findings of one blob at one path, introduced (or seen again) by `commit`. */
  add(commit: CommitInfo, blob: string, result: ScanResult, text: string | undefined): void {
    const here = this.inHead(blob);
    for (const f of result.findings) {
      if (!this.keepRule(f.ruleId)) continue;
      const key = valueKey(f, text);
      if (this.known.has(key)) continue;
      const known = this.first.get(key);
      if (known) {
        if (here) known.inHead = true;
        continue;
      }
      this.first.set(key, { ...f, commit: { sha: commit.sha, date: commit.date, author: commit.author }, inHead: here });
    }
    for (const e of result.errors) this.error(e, commit);
  }

  /** A blob of the `--since` REF's tree: its values are not new, the range does not report them. */
  markKnown(result: ScanResult, text: string | undefined): void {
    for (const f of result.findings) this.known.add(valueKey(f, text));
  }

  /** A blob of HEAD that the walked range did not introduce (`--since`): it only tells which values HEAD holds. */
  markInHead(result: ScanResult, text: string | undefined): void {
    for (const f of result.findings) {
      const known = this.first.get(valueKey(f, text));
      if (known) known.inHead = true;
    }
  }

  /** One error per path and message (a binary file changed in 500 commits is said once), naming the first commit. */
  error(e: ScanError, commit?: CommitInfo): void {
    const key = `${e.file}\0${e.entry ?? ''}\0${e.message}`;
    if (this.errorKeys.has(key)) return;
    this.errorKeys.add(key);
    if (this.errors.length >= HISTORY_MAX_ERRORS) { this.dropped++; return; }
    this.errors.push(commit ? { ...e, message: `${e.message} (commit ${commit.sha.slice(0, 12)})` } : e);
  }

  finish(): { findings: Finding[]; errors: ScanError[] } {
    const errors = this.dropped ? [...this.errors, { file: '.', entry: null, message: `${this.dropped} more errors not listed (limit ${HISTORY_MAX_ERRORS})` }] : this.errors;
    return { findings: [...this.first.values()], errors };
  }
}
