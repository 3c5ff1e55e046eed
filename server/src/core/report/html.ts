// Self-contained HTML report: inline CSS, no scripts, no external resources; every value escaped.
import { commitNote } from './commit';
import { SEVERITIES, type Report } from '../types';
import { severityCounts, summaryLine } from './text';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--crit:#8250df;--high:#cf222e;--med:#9a6700;--low:#0969da;--info:#59636e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--crit:#ab7df8;--high:#f85149;--med:#d29922;--low:#4493f8;--info:#9198a1}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:2rem auto;max-width:1200px;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.meta{color:var(--muted)}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{font-weight:600}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.cards{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;min-width:6rem}
.card b{display:block;font-size:1.4rem}.sev{font-weight:600;text-transform:uppercase;font-size:12px}
.critical{color:var(--crit)}.high{color:var(--high)}.medium{color:var(--med)}.low{color:var(--low)}.info{color:var(--info)}
.open-read,.open-list,.open-write{color:var(--high);font-weight:600}.empty{color:var(--muted)}.st{white-space:nowrap}
.chip{display:inline-block;border:1px solid currentColor;border-radius:9px;padding:0 .45rem;margin:0 .2rem .2rem 0;font-size:12px;white-space:nowrap}
.x-health,.x-credentials{color:var(--crit)}.x-payments,.x-personal-data{color:var(--high)}.x-messages,.x-location{color:var(--med)}.x-media{color:var(--low)}
`;

const e = escapeHtml;

export function renderHtml(report: Report): string {
  const counts = severityCounts(report.findings);
  const cards = SEVERITIES.map((s) => `<div class="card"><b class="${s}">${counts[s]}</b><span class="sev ${s}">${s}</span></div>`).join('');
  const byFp = new Map(report.findings.map((f) => [f.fingerprint, f]));

  const endpointRows = report.endpoints.map((ep) => {
    const refs = ep.findings.map((fp) => byFp.get(fp)).filter((f) => f !== undefined)
      .map((f) => `<code>${e(f.location.file)}${f.location.entry ? `!/${e(f.location.entry)}` : ''}:${f.location.line}</code>`);
    const chips = (ep.exposes ?? []).map((x) => `<span class="chip x-${e(x)}">${e(x)}</span>`).join('');
    return `<tr><td>${e(ep.provider)}</td><td>${e(ep.kind)}</td><td><code>${e(ep.url)}</code></td><td class="st ${e(ep.status)}">${e(ep.status)}</td><td>${chips}</td><td>${e(ep.evidence)}</td><td>${e(ep.checkedAt ?? '')}</td><td>${refs.join('<br>')}</td></tr>`;
  });

  const findingRows = report.findings.map((f) => {
    const where = `${e(f.location.file)}${f.location.entry ? `!/${e(f.location.entry)}` : ''}:${f.location.line}:${f.location.column}`;
    return `<tr><td class="sev ${f.severity}">${f.severity}</td><td class="where">${e(f.where ?? 'app')}</td><td><code>${e(f.ruleId)}</code></td><td><code>${where}</code></td><td><code>${e(f.value)}</code></td><td>${e(f.message)}${commitNote(f) ? `<br><small>${e(commitNote(f)!)}</small>` : ''}</td><td>${f.endpoint ? `<code>${e(f.endpoint)}</code>` : ''}</td></tr>`;
  });

  const errorRows = report.errors.map((er) => `<tr><td><code>${e(er.file)}${er.entry ? `!/${e(er.entry)}` : ''}</code></td><td>${e(er.message)}</td></tr>`);

  const table = (head: string[], rows: string[], empty: string) =>
    rows.length
      ? `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
      : `<p class="empty">${empty}</p>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LeakLens report — ${e(report.root)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>LeakLens report</h1>
<p class="meta">Scanned <code>${e(report.root)}</code> with ${e(report.tool.name)} ${e(report.tool.version)}. ${e(summaryLine(report))}.</p>
<div class="cards">${cards}</div>
<h2>Endpoints (${report.endpoints.length})</h2>
${table(['Provider', 'Kind', 'URL', 'Status', 'Exposes', 'Evidence', 'Checked', 'Found at'], endpointRows, 'No endpoints.')}
<h2>Findings (${report.findings.length})</h2>
${table(['Severity', 'Where', 'Rule', 'Location', 'Value', 'Message', 'Endpoint'], findingRows, 'No findings.')}
<h2>Errors (${report.errors.length})</h2>
${table(['File', 'Message'], errorRows, 'No errors.')}
</body>
</html>
`;
}
