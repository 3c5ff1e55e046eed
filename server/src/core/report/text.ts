// The terminal report: findings grouped by file (line:col, severity, where it lives, rule, value;
// files in the report's order: the riskiest endpoints' findings first once probed), then errors,
// then one summary line.
// Colour is the caller's decision (TTY and NO_COLOR are I/O facts the core does not look at).
import { commitNote } from './commit';
import { SEVERITIES, type Finding, type Report, type Severity } from '../types';
import { exposesText } from '../exposure';

export interface TextOptions {
  color?: boolean;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', magenta: '\x1b[35m', cyan: '\x1b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { critical: ANSI.magenta, high: ANSI.red, medium: ANSI.yellow, low: ANSI.blue, info: ANSI.dim };

/** Strips C0/C1 control characters (ANSI escapes in scanned values must not drive the terminal). */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function summaryLine(report: Report): string {
  const counts = severityCounts(report.findings);
  const files = new Set(report.findings.map((f) => f.location.file)).size;
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const n = report.findings.length;
  const head = n === 0 ? 'No findings' : `${n} finding${n === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}`;
  const probed = report.endpoints.filter((e) => e.status !== 'not-probed').length;
  const eps = `${report.endpoints.length} endpoint${report.endpoints.length === 1 ? '' : 's'}${probed ? ` (${probed} probed)` : ''}`;
  const errs = `${report.errors.length} error${report.errors.length === 1 ? '' : 's'}`;
  return `${head}, ${eps}, ${errs}`;
}

export function renderText(report: Report, options: TextOptions = {}): string {
  const c = (code: string, s: string) => (options.color ? `${code}${s}${ANSI.reset}` : s);
  const status = new Map(report.endpoints.map((e) => [e.url, e]));
  const lines: string[] = [];
  const renderFinding = (f: Finding): void => {
    const pos = `${f.location.line}:${f.location.column}`.padEnd(9);
    const sev = c(SEVERITY_COLOR[f.severity], f.severity.padEnd(8));
    const lives = (f.where ?? 'app').padEnd(5);
    lines.push(`  ${pos} ${sev} ${f.where && f.where !== 'app' ? c(ANSI.dim, lives) : lives} ${c(ANSI.cyan, f.ruleId)}  ${printable(f.value)}`);
    lines.push(`  ${' '.repeat(9)} ${printable(f.message)}`);
    const note = commitNote(f);
    if (note) lines.push(`  ${' '.repeat(9)} ${c(ANSI.dim, printable(note))}`);
    if (f.endpoint) {
      const ep = status.get(f.endpoint);
      const st = ep && ep.status !== 'not-probed' ? ` [${ep.status}${ep.evidence ? `: ${printable(ep.evidence)}` : ''}]` : '';
      const exposes = exposesText(ep?.exposes);
      lines.push(`  ${' '.repeat(9)} ${c(ANSI.dim, '→')} ${printable(f.endpoint)}${st}${exposes ? ` ${c(ANSI.red + ANSI.bold, exposes)}` : ''}`);
    }
  };
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const where = f.location.entry ? `${f.location.file}!/${f.location.entry}` : f.location.file;
    const group = byFile.get(where);
    if (group) group.push(f);
    else byFile.set(where, [f]);
  }
  for (const [where, findings] of byFile) {
    if (lines.length) lines.push('');
    lines.push(c(ANSI.bold, printable(where)));
    findings.forEach(renderFinding);
  }
  if (report.errors.length) {
    if (lines.length) lines.push('');
    lines.push(c(ANSI.bold, 'Errors'));
    for (const e of report.errors) {
      const where = e.entry ? `${e.file}!/${e.entry}` : e.file;
      lines.push(`  ${printable(where)}: ${printable(e.message)}`);
    }
  }
  if (lines.length) lines.push('');
  const counts = severityCounts(report.findings);
  const worst = SEVERITIES.find((s) => counts[s] > 0);
  lines.push(worst ? c(SEVERITY_COLOR[worst] + ANSI.bold, summaryLine(report)) : summaryLine(report));
  return `${lines.join('\n')}\n`;
}
