// The summary as terminal text and as JSON (the JSON is the FleetSummary object itself).
import { printable } from '../report/text';
import { SEVERITIES } from '../types';
import type { FleetSummary, WorstApp } from './summary';

const pct = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1)}%` : '0%');
const num = (n: number) => n.toLocaleString('en-US');

export function renderSummaryText(s: FleetSummary): string {
  const out: string[] = [];
  const row = (label: string, n: number) => out.push(`  ${label.padEnd(24)} ${num(n).padStart(9)}  ${pct(n, s.apps).padStart(6)}`);
  out.push(`LeakLens fleet summary: ${num(s.apps)} app${s.apps === 1 ? '' : 's'} (${num(s.platforms.android)} Android, ${num(s.platforms.ios)} iOS, ${num(s.platforms.unknown)} unknown)`);
  row('with findings', s.appsWithFindings);
  row('with cloud endpoints', s.appsWithCloudEndpoints);
  row('with open endpoints', s.appsWithOpenEndpoints);
  row('with errors', s.appsWithErrors);
  row('failed to scan', s.appsFailed);
  if (s.duplicateLines) out.push(`  (${num(s.duplicateLines)} duplicate line${s.duplicateLines === 1 ? '' : 's'} of an app already counted were ignored)`);

  section(out, 'Providers', ['apps', 'findings'], 'endpoints by status', s.providers.map((p) => [p.provider, [p.apps, p.findings], Object.entries(p.endpoints).map(([k, v]) => `${k} ${v}`).join(', ')]));
  section(out, 'Rules', ['apps', 'findings'], 'worst severity', s.rules.map((r) => [r.key, [r.apps, r.count], r.severity]));
  section(out, 'Endpoint status', ['endpoints', 'apps'], '', s.statuses.map((r) => [r.key, [r.count, r.apps], '']));
  section(out, 'Open endpoints expose', ['endpoints', 'apps'], '', s.exposes.map((r) => [r.key, [r.count, r.apps], '']));

  out.push('', 'Worst apps');
  if (!s.worst.length) out.push('  (none: no findings)');
  s.worst.forEach((w, i) => out.push(`  ${String(i + 1).padStart(3)}. ${worstLine(w)}`));
  return `${out.join('\n')}\n`;
}

function section(out: string[], title: string, cols: string[], tail: string, rows: Array<[string, number[], string]>): void {
  out.push('', `${title.padEnd(34)}${cols.map((c) => c.padStart(10)).join('')}  ${tail}`.trimEnd());
  if (!rows.length) out.push('  (none)');
  for (const [key, nums, rest] of rows) out.push(`  ${printable(key).padEnd(32)}${nums.map((n) => num(n).padStart(10)).join('')}  ${printable(rest)}`.trimEnd());
}

export function worstLine(w: WorstApp): string {
  const name = w.app.id ? `${w.app.id}${w.app.version ? ` ${w.app.version}` : ''}` : '(unknown app)';
  const sev = SEVERITIES.filter((s) => w.severities[s]).map((s) => `${w.severities[s]} ${s}`).join(', ');
  const open = w.openEndpoints ? `${w.openEndpoints} open endpoint${w.openEndpoints === 1 ? '' : 's'}${w.exposes.length ? ` [${w.exposes.join(', ')}]` : ''}; ` : '';
  return printable(`${name} — ${open}${sev} — ${w.artifact}`);
}

export function renderSummaryJson(s: FleetSummary): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
