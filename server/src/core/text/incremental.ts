// Re-scan only a window of lines around an edit and splice the result into the previous findings
// (shifting those below by the line delta): the editor's keystroke fast path, and `scan --history`
// between two versions of a file. The change must sit well inside the window, so rules that look a
// few lines around a value (plist keys, concatenation, suppression comments) see the same context;
// in the editor a full scan follows when typing pauses and stays authoritative.
import type { Finding } from '../types';

/** Lines of context scanned on each side of the edit, and the inner margin whose findings are taken. */
const WINDOW = 40;
const MARGIN = 20;
/** Larger edits (pastes, reformatting) go to the full scan. */
const MAX_CHANGED_CHARS = 4096;
const MAX_CHANGED_LINES = 200;
const CHUNK = 4096;

export interface Change {
  /** First differing offset (same in both texts). */
  start: number;
  /** End of the changed region in the old and in the new text. */
  endOld: number;
  endNew: number;
}

/** The single region where `a` and `b` differ (common prefix and suffix), or undefined when equal. */
export function changedRegion(a: string, b: string): Change | undefined {
  if (a === b) return undefined;
  const min = Math.min(a.length, b.length);
  // Whole chunks compare natively (memcmp); only the differing chunk goes character by character.
  let p = 0;
  while (p + CHUNK <= min && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  const room = min - p;
  while (s + CHUNK <= room && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, endOld: a.length - s, endNew: b.length - s };
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Start offsets of every line (index 0 = line 1). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Findings for `newText` computed from the previous findings and a scan of a window around the
 * edit, or undefined when only a full scan is safe (large edit, a finding across the window edge).
 */
export function incrementalFindings(
  oldText: string,
  oldFindings: readonly Finding[],
  newText: string,
  scanWindow: (windowText: string) => Finding[],
): Finding[] | undefined {
  const change = changedRegion(oldText, newText);
  if (!change) return [...oldFindings];
  if (change.endNew - change.start > MAX_CHANGED_CHARS || change.endOld - change.start > MAX_CHANGED_CHARS) return undefined;
  const delta = countLines(newText, change.start, change.endNew) - countLines(oldText, change.start, change.endOld);
  const starts = lineStarts(newText);
  const last = starts.length;
  const first = lineOf(starts, change.start);
  const lastChanged = lineOf(starts, change.endNew);
  if (lastChanged - first > MAX_CHANGED_LINES) return undefined;
  const wStart = Math.max(1, first - WINDOW);
  const wEnd = Math.min(last, lastChanged + WINDOW);
  const innerStart = wStart === 1 ? 1 : first - MARGIN;
  const innerEnd = wEnd === last ? Number.MAX_SAFE_INTEGER : lastChanged + MARGIN;
  const innerEndOld = innerEnd === Number.MAX_SAFE_INTEGER ? innerEnd : innerEnd - delta;

  const out: Finding[] = [];
  for (const f of oldFindings) {
    const { line, endLine } = f.location;
    if (endLine < innerStart) out.push(f);
    else if (line > innerEndOld) out.push(delta === 0 ? f : { ...f, location: { ...f.location, line: line + delta, endLine: endLine + delta } });
    else if (line < innerStart || endLine > innerEndOld) return undefined; // straddles the edge
  }
  const windowText = newText.slice(starts[wStart - 1], wEnd < last ? starts[wEnd] : newText.length);
  const shift = wStart - 1;
  for (const f of scanWindow(windowText)) {
    const line = f.location.line + shift;
    const endLine = f.location.endLine + shift;
    if (line >= innerStart && endLine <= innerEnd) out.push({ ...f, location: { ...f.location, line, endLine } });
    else if (endLine >= innerStart && line <= innerEnd) return undefined; // straddles the edge
  }
  return out.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

/**
 * Lines (1-based) of `b` that `a` does not have: within the region where the texts differ, the
 * lines of `b` absent from `a`'s lines there (moved lines are not added).
 */
export function addedLineNumbers(a: string, b: string): number[] {
  const change = changedRegion(a, b);
  if (!change) return [];
  const from = b.lastIndexOf('\n', change.start - 1) + 1; // the shared prefix ends on the same line in both
  const endOf = (text: string, at: number) => {
    const nl = text.indexOf('\n', at);
    return nl < 0 ? text.length : nl;
  };
  const old = new Set(a.slice(from, endOf(a, change.endOld)).split('\n'));
  const first = countLines(b, 0, from) + 1;
  const lines = b.slice(from, endOf(b, change.endNew)).split('\n');
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (!old.has(lines[i])) out.push(first + i);
  return out;
}

/**
 * The findings of `text` on or near `lines` (each cluster of lines scanned with WINDOW lines of
 * context, findings within MARGIN lines kept), or undefined when a whole scan is the better
 * choice: the windows would cover most of the file, or a finding straddles a window's edge.
 */
export function findingsNearLines(text: string, lines: readonly number[], scanWindow: (windowText: string) => Finding[]): Finding[] | undefined {
  if (lines.length === 0) return [];
  const starts = lineStarts(text);
  const last = starts.length;
  const clusters: Array<[number, number]> = [];
  for (const l of lines) {
    const c = clusters[clusters.length - 1];
    if (c && l - c[1] <= 2 * WINDOW) c[1] = l;
    else clusters.push([l, l]);
  }
  let scanned = 0;
  const out: Finding[] = [];
  for (const [first, lastChanged] of clusters) {
    const wStart = Math.max(1, first - WINDOW);
    const wEnd = Math.min(last, lastChanged + WINDOW);
    scanned += wEnd - wStart + 1;
    if (scanned > last / 2) return undefined;
    const innerStart = wStart === 1 ? 1 : first - MARGIN;
    const innerEnd = wEnd === last ? Number.MAX_SAFE_INTEGER : lastChanged + MARGIN;
    const shift = wStart - 1;
    for (const f of scanWindow(text.slice(starts[wStart - 1], wEnd < last ? starts[wEnd] : text.length))) {
      const line = f.location.line + shift;
      const endLine = f.location.endLine + shift;
      if (line >= innerStart && endLine <= innerEnd) out.push({ ...f, location: { ...f.location, line, endLine } });
      else if (endLine >= innerStart && line <= innerEnd) return undefined; // straddles the edge
    }
  }
  return out;
}
