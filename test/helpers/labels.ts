// Labelled projects (examples/<name>.labels.json, test/real/labels/*.json) and scoring of findings against them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Engine } from '../../server/src/core/engine';
import { isFirebaseRulesContext } from '../../server/src/core/misconfig';
import type { ScanResult } from '../../server/src/core/types';
import { readProjectFile } from '../../server/src/node/projectFile';

/** A labelled line, or lines `line`..`endLine` (a plist key and its value). */
export interface LabelSpan {
  file: string;
  line: number;
  endLine?: number;
}

export interface Labels {
  /** Lines that must carry `ruleId`. */
  expected: Array<LabelSpan & { ruleId: string; text?: string }>;
  /** Lines where a finding (of `ruleId`, or of any rule) counts neither way. */
  allowed?: Array<LabelSpan & { ruleId?: string; note: string }>;
  /** Look-alike lines that must stay clean. */
  clean: Array<LabelSpan & { text?: string; note: string }>;
  /** Where each file lives (DESIGN §4 `where`), when the labeller could tell. */
  where?: Record<string, string>;
}

/** What scoring needs of a finding; `ruleId` undefined scores by line only (other tools). */
export interface Scored {
  ruleId?: string;
  file: string;
  line: number;
  endLine: number;
}

/** A miss or a false alarm, for reports. */
export interface Problem {
  project: string;
  file: string;
  line: number;
  ruleId?: string;
  /** For a false alarm: the note of the clean label it hit, if any. */
  clean?: string;
}

export interface RuleScore {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score extends RuleScore {
  /** Findings on `allowed` lines: counted neither way. */
  allowed: number;
  misses: Problem[];
  falseAlarms: Problem[];
  /** Per rule id (false alarms of line-only tools under ''). */
  byRule: Record<string, RuleScore>;
  /** Human-readable misses and extras, for assertion messages. */
  problems: string[];
}

export const EXAMPLES_DIR = join(__dirname, '../../examples');

export function labelledProjects(): string[] {
  return readdirSync(EXAMPLES_DIR).filter((n) => n.endsWith('.labels.json')).map((n) => n.slice(0, -'.labels.json'.length)).sort();
}

export function loadLabels(name: string): Labels {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.labels.json`), 'utf8')) as Labels;
}

/** Every text file below `root` accepted by `accept` and read as the CLI reads it, as root-relative `/` paths with their text. */
export function readProject(root: string, accept: (path: string) => boolean, dir = root): Array<{ path: string; text: string }> {
  return readdirSync(dir).sort().flatMap((name) => {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) return readProject(root, accept, abs);
    const path = relative(root, abs).split('\\').join('/');
    if (!accept(path)) return [];
    const read = readProjectFile(abs, path, { maxBytes: 1024 * 1024 });
    return 'text' in read ? [{ path, text: read.text }] : [];
  });
}

/**
 * A whole example project as the CLI scans a folder: every file, the cross-file analyzers and the
 * project-level findings (firebase-rules-missing).
 */
export function scanExample(root: string, engine: Engine): ScanResult {
  const files = readProject(root, engine.isScannable);
  const { findings, errors } = engine.scanProject(files);
  const paths = new Set(files.map((f) => f.path));
  const missing = engine.missingRules(findings, files.filter((f) => isFirebaseRulesContext(f.path)), (p) => paths.has(p));
  return { findings: [...findings, ...missing], errors };
}

const overlaps = (f: Scored, l: LabelSpan) => f.file === l.file && f.line <= (l.endLine ?? l.line) && l.line <= f.endLine;

export const emptyScore = (): Score => ({ tp: 0, fp: 0, fn: 0, allowed: 0, misses: [], falseAlarms: [], byRule: {}, problems: [] });

const bump = (s: Score, ruleId: string, key: keyof RuleScore) => {
  const r = (s.byRule[ruleId] ??= { tp: 0, fp: 0, fn: 0 });
  r[key]++;
  s[key]++;
};

/**
 * One finding matches at most one expected label with the same file, overlapping lines and rule.
 * Unmatched findings on an `allowed` line (same rule, or a label without rule) count neither way;
 * every other unmatched finding is a false alarm, whether or not its line was labelled clean.
 */
export function score(name: string, labels: Labels, findings: readonly Scored[]): Score {
  const s = emptyScore();
  const matched = new Set<Scored>();
  for (const e of labels.expected) {
    const hit = findings.find((f) => !matched.has(f) && (f.ruleId === undefined || f.ruleId === e.ruleId) && overlaps(f, e));
    if (hit) { matched.add(hit); bump(s, e.ruleId, 'tp'); }
    else {
      bump(s, e.ruleId, 'fn');
      s.misses.push({ project: name, file: e.file, line: e.line, ruleId: e.ruleId });
      s.problems.push(`missed  ${name}/${e.file}:${e.line} ${e.ruleId}`);
    }
  }
  for (const f of findings) {
    if (matched.has(f)) continue;
    // a line-only tool reporting twice on one expected line is not a false positive
    if (f.ruleId === undefined && labels.expected.some((e) => overlaps(f, e))) continue;
    if ((labels.allowed ?? []).some((a) => overlaps(f, a) && (a.ruleId === undefined || f.ruleId === undefined || a.ruleId === f.ruleId))) { s.allowed++; continue; }
    bump(s, f.ruleId ?? '', 'fp');
    const clean = labels.clean.find((c) => overlaps(f, c));
    s.falseAlarms.push({ project: name, file: f.file, line: f.line, ruleId: f.ruleId, ...(clean ? { clean: clean.note } : {}) });
    s.problems.push(`${clean ? 'clean!!' : 'extra  '} ${name}/${f.file}:${f.line} ${f.ruleId ?? ''}`);
  }
  return s;
}

/** Adds `b` into `a` (totals over projects). */
export function addScore(a: Score, b: Score): Score {
  a.tp += b.tp; a.fp += b.fp; a.fn += b.fn; a.allowed += b.allowed;
  a.misses.push(...b.misses); a.falseAlarms.push(...b.falseAlarms); a.problems.push(...b.problems);
  for (const [id, r] of Object.entries(b.byRule)) {
    const t = (a.byRule[id] ??= { tp: 0, fp: 0, fn: 0 });
    t.tp += r.tp; t.fp += r.fp; t.fn += r.fn;
  }
  return a;
}

/** Every labelled example project scored against the engine, as `npm run eval` and the eval test use it. */
export function evaluateExamples(engine: Engine): Array<{ name: string; score: Score; errors: ScanResult['errors'] }> {
  return labelledProjects().map((name) => {
    const { findings, errors } = scanExample(join(EXAMPLES_DIR, name), engine);
    return { name, score: score(name, loadLabels(name), findings.map((f) => ({ ruleId: f.ruleId, ...f.location }))), errors };
  });
}

export const precision = (s: Pick<RuleScore, 'tp' | 'fp'>) => s.tp / Math.max(1, s.tp + s.fp);
export const recall = (s: Pick<RuleScore, 'tp' | 'fn'>) => s.tp / Math.max(1, s.tp + s.fn);
