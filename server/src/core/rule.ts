// The shape of a rule: matcher, validators, endpoint derivation and documentation in one object,
// so hover, SARIF help and the README all read the same source (like ESLint's rule `meta`).
import type { Provider, Severity } from './types';
import type { FileKind } from './text/fileKind';

export interface RuleDoc {
  /** Short title, e.g. "Firebase Realtime Database URL". */
  title: string;
  /** Why it is exposed once the app ships. */
  why: string;
  /** How to lock it down. */
  fix: string;
  links: string[];
}

/** What a validator knows about where a candidate value sits. */
export interface MatchContext {
  /** Path relative to the scan root (or the archive entry path). */
  path: string;
  kind: FileKind;
  /** The (normalized) text being scanned. */
  text: string;
  /** Offsets of the candidate value in `text`. */
  start: number;
  end: number;
  /** Name of the config key / variable / XML name / plist key the value is assigned to, if any. */
  key?: string;
}

/** A candidate found by a rule, before it becomes a Finding. Offsets are in the scanned text. */
export interface RawMatch {
  value: string;
  start: number;
  end: number;
  /** Overrides the rule's endpoint derivation / message / severity for this match. */
  endpoint?: string;
  message?: string;
  severity?: Severity;
}

/** What every rule has, text rules and misconfiguration analyzers alike: id, defaults and docs. */
export interface RuleMeta {
  id: string;
  provider: Provider;
  severity: Severity;
  /** Report the value redacted (first 8 chars + `…`). */
  redact: boolean;
  doc: RuleDoc;
}

/** A text rule: matchers and validators over one file's text. */
export interface Rule extends RuleMeta {
  /**
   * Lower-case literals; the rule runs on a file only if one of them occurs (case-insensitive).
   * This is the prefilter that keeps the scan to one pass over each file.
   */
  keywords: string[];
  /**
   * Value matcher over the text. Must have the `g` flag. The named group `v` marks the value,
   * otherwise the whole match is the value.
   */
  pattern?: RegExp;
  /**
   * Key/value matcher: runs over the assignments the scanner extracted (JSON keys, plist keys,
   * XML `name`, `KEY=value`, `val x = "…"`, `buildConfigField`). `key` tests the key name,
   * `value` (optional) the whole value.
   */
  pair?: { key: RegExp; value?: RegExp };
  /** Custom matcher for shapes that neither of the above expresses. */
  scan?(text: string, ctx: Omit<MatchContext, 'start' | 'end' | 'key'>): RawMatch[];
  /** Reject a candidate (placeholder, example, reference, wrong structure) by returning false. */
  validate?(value: string, ctx: MatchContext): boolean;
  /** Canonical URL to probe for this value. */
  endpoint?(value: string, ctx: MatchContext): string | undefined;
  message(value: string, ctx: MatchContext): string;
}

/** The documentation URL of a rule (used for LSP `codeDescription` and SARIF `helpUri`). */
export const ruleDocUrl = (id: string): string =>
  `https://github.com/leaklens/leaklens/blob/main/docs/rules.md#${id}`;
