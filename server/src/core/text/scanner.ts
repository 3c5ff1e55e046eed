// The text scanner: one keyword prefilter pass per file selects the rules worth running, then
// only those rules match, validate and become findings with exact 1-based ranges.
import type { Rule, RawMatch, MatchContext } from '../rule';
import type { Finding, ScanResult, Severity } from '../types';
import type { FileKind } from './fileKind';
import { kindOf, utf16Bom } from './sniff';
import { KeywordMatcher } from './keywords';
import { DisjointRanges } from './ranges';
import { LineIndex } from './lines';
import { normalize } from './normalize';
import { extractPairs, keyAt, type Pair } from './pairs';
import { findSuppressions } from './suppress';
import { contextIndex, isVendoredSdk, type ContextIndex } from './context';
import { fingerprint, redact } from '../fingerprint';
import { whereAt } from '../where';

export interface TextScanOptions {
  /** Per-rule severity override or `off`. */
  ruleSettings?: Record<string, Severity | 'off'>;
  /** Scan as this kind instead of judging by the path and content (artifact strings use `text`). */
  kind?: FileKind;
  /** Report entry for archive members: `file` is the archive, `entry` the member. */
  entry?: string | null;
  /** Path to report in `location.file` (defaults to `path`). */
  reportFile?: string;
}

/** A compiled rule set: the keyword prefilter is built once and reused for every file. */
export class TextScanner {
  private readonly keywords: KeywordMatcher;
  private readonly rulesByKeyword = new Map<string, Rule[]>();

  constructor(rules: readonly Rule[]) {
    for (const rule of rules) {
      for (const kw of rule.keywords) {
        const k = kw.toLowerCase();
        const list = this.rulesByKeyword.get(k) ?? [];
        list.push(rule);
        this.rulesByKeyword.set(k, list);
      }
    }
    this.keywords = new KeywordMatcher(this.rulesByKeyword.keys());
  }

  /** Rules whose keywords occur in `text`, ignoring case (one pass). */
  activeRules(text: string): Set<Rule> {
    const active = new Set<Rule>();
    for (const k of this.keywords.find(text)) for (const r of this.rulesByKeyword.get(k)!) active.add(r);
    return active;
  }

  /**
   * False when a file of these bytes (UTF-8; a UTF-16 BOM is not judged) holds no keyword of any
   * rule, so `scan` of its text finds nothing; read without decoding.
   */
  mayFind(bytes: Uint8Array): boolean {
    return utf16Bom(bytes) !== undefined || this.keywords.occursInUtf8(bytes);
  }

  scan(path: string, original: string, options: TextScanOptions = {}): ScanResult {
    const kind = options.kind ?? kindOf(path, original);
    const settings = options.ruleSettings ?? {};
    const active = [...this.activeRules(original)].filter((r) => settings[r.id] !== 'off');
    if (active.length === 0) return { findings: [], errors: [] };

    const norm = normalize(original, kind);
    const text = norm.text;
    let pairs: Pair[] | undefined;
    const getPairs = () => (pairs ??= extractPairs(text, kind));
    const lines = new LineIndex(original);
    const suppressions = findSuppressions(original, lines);
    const file = options.reportFile ?? path;
    const entry = options.entry ?? null;
    const base = { path, kind, text };
    const findings: Finding[] = [];
    // Built lazily: most files have no candidate that survives validation.
    let context: ContextIndex | undefined;
    const vendored = entry === null && isVendoredSdk(path);
    const foreign = (start: number, end: number) => vendored || (context ??= contextIndex(original, kind, entry === null)).at(start, end);

    for (const rule of active) {
      const taken = new DisjointRanges();
      for (const raw of candidates(rule, text, base, getPairs)) {
        if (raw.value.length === 0 || taken.overlaps(raw.start, raw.end)) continue;
        // the key is looked up only for a rule that asks for it: most never do, and the pairs cost a pass over the text
        const ctx: MatchContext = { ...base, start: raw.start, end: raw.end, get key() { return keyAt(getPairs(), raw.start, raw.end); } };
        if (rule.validate && !rule.validate(raw.value, ctx)) continue;
        const start = norm.toOriginal(raw.start);
        const end = norm.toOriginal(raw.end, true);
        // Not the app's: a dependency repository, an XML namespace, an allow-list, a link in a
        // comment (text/context.ts). Secrets are findings wherever they are.
        if (!rule.redact && foreign(start, end)) continue;
        const from = lines.position(start);
        const to = lines.position(end);
        if (suppressions.has(rule.id, from.line)) continue;
        taken.add(raw.start, raw.end);
        findings.push({
          ruleId: rule.id,
          severity: raw.severity ?? rule.severity, // user overrides are applied by the engine
          provider: rule.provider,
          message: raw.message ?? rule.message(raw.value, ctx),
          value: rule.redact ? redact(raw.value) : raw.value,
          ...endpointOf(rule, raw, ctx),
          location: { file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, entry },
          fingerprint: fingerprint(rule.id, file, entry, raw.value),
          // artifact members ship; the engine lowers the severity outside `app`
          where: entry !== null ? 'app' : whereAt(path, original, start),
        });
      }
    }
    findings.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
    return { findings, errors: [] };
  }
}

function endpointOf(rule: Rule, raw: RawMatch, ctx: MatchContext): { endpoint?: string } {
  const endpoint = raw.endpoint ?? rule.endpoint?.(raw.value, ctx);
  return endpoint ? { endpoint } : {};
}

function* candidates(
  rule: Rule,
  text: string,
  base: Omit<MatchContext, 'start' | 'end' | 'key'>,
  getPairs: () => Pair[],
): Generator<RawMatch> {
  if (rule.pattern) {
    const re = withIndices(rule.pattern);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      const span = m.indices?.groups?.v;
      if (span) yield { value: m.groups!.v, start: span[0], end: span[1] };
      else if (m.groups?.v === undefined) yield { value: m[0], start: m.index, end: m.index + m[0].length };
    }
  }
  if (rule.pair) {
    for (const p of getPairs()) {
      if (rule.pair.key.test(p.key) && (!rule.pair.value || rule.pair.value.test(p.value))) {
        yield { value: p.value, start: p.start, end: p.end };
      }
    }
  }
  if (rule.scan) yield* rule.scan(text, base);
}

const indexed = new WeakMap<RegExp, RegExp>();
/** The same pattern with the `d` flag, so the offsets of group `v` are exact. */
function withIndices(re: RegExp): RegExp {
  let d = indexed.get(re);
  if (!d) {
    d = re.hasIndices ? re : new RegExp(re.source, re.flags + 'd');
    indexed.set(re, d);
  }
  return d;
}
