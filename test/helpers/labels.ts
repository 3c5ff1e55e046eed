// Reads the labelled examples (examples/<name>.labels.json) and scores findings against them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Engine } from '../../server/src/core/engine';
import { isFirebaseRulesContext } from '../../server/src/core/misconfig';
import type { ScanResult } from '../../server/src/core/types';
import { readProjectFile } from '../../server/src/node/projectFile';

export interface Labels {
  expected: Array<{ file: string; line: number; ruleId: string; text?: string }>;
  clean: Array<{ file: string; line: number; text?: string; note: string }>;
}

/** What scoring needs of a finding; `ruleId` undefined scores by line only (other tools). */
export interface Scored {
  ruleId?: string;
  file: string;
  line: number;
  endLine: number;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
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

const covers = (f: Scored, file: string, line: number) => f.file === file && f.line <= line && line <= f.endLine;

/** One finding matches at most one expected label with the same file, line in range and rule. */
export function score(name: string, labels: Labels, findings: readonly Scored[]): Score {
  const s: Score = { tp: 0, fp: 0, fn: 0, problems: [] };
  const matched = new Set<Scored>();
  for (const e of labels.expected) {
    const hit = findings.find((f) => !matched.has(f) && (f.ruleId === undefined || f.ruleId === e.ruleId) && covers(f, e.file, e.line));
    if (hit) { matched.add(hit); s.tp++; }
    else { s.fn++; s.problems.push(`missed  ${name}/${e.file}:${e.line} ${e.ruleId}`); }
  }
  for (const f of findings) {
    if (matched.has(f)) continue;
    // a line-only tool reporting twice on one expected line is not a false positive
    if (f.ruleId === undefined && labels.expected.some((e) => covers(f, e.file, e.line))) continue;
    s.fp++;
    const onClean = labels.clean.some((c) => covers(f, c.file, c.line));
    s.problems.push(`${onClean ? 'clean!!' : 'extra  '} ${name}/${f.file}:${f.line} ${f.ruleId ?? ''}`);
  }
  return s;
}

export const precision = (s: Pick<Score, 'tp' | 'fp'>) => s.tp / Math.max(1, s.tp + s.fp);
export const recall = (s: Pick<Score, 'tp' | 'fn'>) => s.tp / Math.max(1, s.tp + s.fn);
