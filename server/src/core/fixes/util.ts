// Helpers shared by the quick-fix providers: locate a finding in the current text, walk paths,
// and make small structural edits (append a line, insert into a brace block) without a parser.
import type { Finding } from '../types';
import type { FileEdit, TextReplace } from '../fix';
import { LineIndex } from '../text/lines';

/** Offsets of the finding's range in `text`, or undefined when the text no longer matches it. */
export function findingOffsets(finding: Finding, text: string): { start: number; end: number } | undefined {
  const lines = new LineIndex(text);
  const { line, column, endLine, endColumn } = finding.location;
  if (line < 1 || endLine < line || endLine > lines.lineCount) return undefined;
  const start = lines.lineStart(line) + column - 1;
  const end = lines.lineStart(endLine) + endColumn - 1;
  if (start < 0 || end <= start || end > text.length) return undefined;
  return { start, end };
}

/** Secret values are redacted in findings: compare only what the finding shows. */
export function stillMatches(finding: Finding, raw: string): boolean {
  const shown = finding.value.endsWith('…') ? finding.value.slice(0, -1) : finding.value;
  return raw.startsWith(shown) || raw.toLowerCase() === shown.toLowerCase();
}

/** True when the finding's range still holds its (shown) value: the text did not move under it. */
export function rangeHolds(finding: Finding, text: string): boolean {
  const at = findingOffsets(finding, text);
  if (!at) return false;
  const shown = (finding.value.endsWith('…') ? finding.value.slice(0, -1) : finding.value).toLowerCase();
  return text.slice(at.start, at.end).toLowerCase().includes(shown);
}

/** The raw (unredacted) value at the finding's range, if the text still holds it. */
export function rawValue(finding: Finding, text: string): { value: string; start: number; end: number } | undefined {
  const at = findingOffsets(finding, text);
  if (!at) return undefined;
  const value = text.slice(at.start, at.end);
  return stillMatches(finding, value) ? { value, ...at } : undefined;
}

export const dirname = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
export const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
export const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);

/** Line start offset of `offset` and the indentation of that line. */
export function lineAt(text: string, offset: number): { start: number; end: number; indent: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return { start, end, indent: /^[ \t]*/.exec(text.slice(start, end))![0] };
}

/** The file's line ending. */
export const eol = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** An edit appending `line` at the end of `text` (adding the missing newline first). */
export function appendLine(text: string, line: string): TextReplace {
  const nl = eol(text);
  const sep = text.length > 0 && !text.endsWith('\n') ? nl : '';
  return { start: text.length, end: text.length, newText: `${sep}${line}${nl}` };
}

/** A FileEdit appending lines to `path` (created when missing). */
export function appendLinesEdit(path: string, current: string | undefined, lines: string[]): FileEdit {
  const text = current ?? '';
  const nl = eol(text);
  const sep = text.length > 0 && !text.endsWith('\n') ? nl : '';
  return { path, create: current === undefined, edits: [{ start: text.length, end: text.length, newText: sep + lines.map((l) => l + nl).join('') }] };
}

/** Index of the `}` closing the `{` at `open`, skipping strings and comments; -1 when unbalanced. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? text.indexOf(c.repeat(3), i + 3) : findQuoteEnd(text, i);
      if (close < 0) return -1;
      i = triple ? close + 2 : close;
    } else if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function findQuoteEnd(text: string, open: number): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === q) return i;
    else if (text[i] === '\n') return i; // unterminated on this line: stop here
  }
  return -1;
}

/** The `{` of the first top-level-ish block `name {` (e.g. `android {`), searching from `from`. */
export function findBlock(text: string, name: string, from = 0, to = text.length): { open: number; close: number } | undefined {
  const re = new RegExp(`(^|[\\s;{])${name}\\s*(?:\\(\\s*\\))?\\s*\\{`, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    if (inComment(text, m.index)) continue;
    const close = matchingBrace(text, open);
    if (close >= 0 && close <= to) return { open, close };
  }
  return undefined;
}

function inComment(text: string, offset: number): boolean {
  const ls = text.lastIndexOf('\n', offset) + 1;
  return /^\s*(\/\/|\*|\/\*)/.test(text.slice(ls, offset + 1));
}

/** Upper snake case name for a generated constant (`googleApiKey` → `GOOGLE_API_KEY`). */
export function constantName(source: string): string {
  const n = source
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z]/.test(n) ? n.slice(0, 64) : `LEAKLENS_${n}`.slice(0, 64);
}

/** Does a gitignore's content ignore `path` (relative to the gitignore's folder)? Simple globs only. */
export function gitignoreCovers(gitignore: string, path: string): boolean {
  let ignored = false;
  for (const rawLine of gitignore.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    const pattern = (negate ? line.slice(1) : line).replace(/\/$/, '');
    if (globMatches(pattern, path)) ignored = !negate;
  }
  return ignored;
}

function globMatches(pattern: string, path: string): boolean {
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  const p = pattern.replace(/^\//, '');
  const body = p
    .split('**/').map((seg) => seg.split('**').map((s) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')).join('.*'))
    .join('(?:.*/)?');
  const re = new RegExp(anchored ? `^${body}(?:/.*)?$` : `(?:^|/)${body}(?:/.*)?$`);
  return re.test(path);
}
