// "Suppress": a `leaklens-ignore-next-line <ruleId>` comment in the file's own syntax, or — where
// comments are impossible (JSON, inside an XML tag) — a baseline entry in `.leaklens.json`.
import type { FixProvider, QuickFix } from '../fix';
import type { Finding } from '../types';
import { commentSyntax, type CommentSyntax, type FileKind } from '../text/fileKind';
import { kindOf } from '../text/sniff';
import { eol, findingOffsets, lineAt, rangeHolds } from './util';

/** Findings about the project rather than a line: accepted in the baseline, never by a comment. */
const PROJECT_LEVEL = new Set(['firebase-rules-missing']);

export const suppressFix: FixProvider = ({ finding, path, text, readFile }) => {
  if (PROJECT_LEVEL.has(finding.ruleId)) {
    const fix = baselineFix(finding, readFile('.leaklens.json'));
    return fix ? [fix] : [];
  }
  const at = findingOffsets(finding, text);
  if (!at || !rangeHolds(finding, text)) return [];
  const kind = kindOf(path, text);
  const line = lineAt(text, at.start);
  const syntax = syntaxAt(kind, text, line.start);
  const xml = kind === 'xml' || kind === 'plist';
  const insideTag = xml && text.lastIndexOf('<', line.start) > text.lastIndexOf('>', line.start);
  const firstLineDecl = xml && finding.location.line === 1;
  if (syntax && !insideTag && !firstLineDecl) {
    const directive = `leaklens-ignore-next-line ${finding.ruleId}`;
    if (text.slice(lineAt(text, Math.max(0, line.start - 1)).start, line.start).includes(directive)) return [];
    const comment = syntax.line ? `${syntax.line} ${directive}` : `${syntax.block![0]} ${directive} ${syntax.block![1]}`;
    return [{
      title: `Suppress ${finding.ruleId} on this line`,
      edits: [{ path, edits: [{ start: line.start, end: line.start, newText: `${line.indent}${comment}${eol(text)}` }] }],
    }];
  }
  const fix = baselineFix(finding, readFile('.leaklens.json'));
  return fix ? [fix] : [];
};

/** The comment syntax at an offset: HTML/Vue/Svelte files hold script and style blocks. */
function syntaxAt(kind: FileKind, text: string, offset: number): CommentSyntax | undefined {
  if (kind === 'html') {
    const before = text.slice(0, offset).toLowerCase();
    if (before.lastIndexOf('<script') > before.lastIndexOf('</script')) return commentSyntax('js');
    if (before.lastIndexOf('<style') > before.lastIndexOf('</style')) return commentSyntax('css');
  }
  return commentSyntax(kind);
}

/** Adds the finding's fingerprint to `.leaklens.json` (created when missing). */
export function baselineFix(finding: Finding, current: string | undefined): QuickFix | undefined {
  let config: Record<string, unknown> = {};
  if (current !== undefined) {
    try {
      const parsed: unknown = JSON.parse(current);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      config = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const baseline = Array.isArray(config.baseline) ? config.baseline : [];
  if (baseline.some((b) => b && typeof b === 'object' && (b as { fingerprint?: unknown }).fingerprint === finding.fingerprint)) return undefined;
  const entry = { fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: finding.location.file, reason: 'accepted in the editor' };
  const newText = `${JSON.stringify({ ...config, baseline: [...baseline, entry] }, null, 2)}\n`;
  return {
    title: `Accept this ${finding.ruleId} finding (baseline in .leaklens.json)`,
    edits: [current === undefined
      ? { path: '.leaklens.json', create: true, edits: [{ start: 0, end: 0, newText }] }
      : { path: '.leaklens.json', edits: [{ start: 0, end: current.length, newText }] }],
  };
}
