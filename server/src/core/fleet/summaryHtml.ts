// The summary as one self-contained HTML page: inline CSS and SVG bar charts (per provider by
// endpoint status, and per status), no scripts, nothing loaded from anywhere; every value escaped.
import { escapeHtml as e } from '../report/html';
import { SEVERITIES, type EndpointStatus } from '../types';
import { ENDPOINT_STATUSES, type FleetSummary } from './summary';

const STATUS_COLOR: Record<EndpointStatus, string> = {
  'open-write': '#8250df', 'open-list': '#cf222e', 'open-read': '#e16f24', 'auth-required': '#1a7f37', 'not-found': '#57606a',
  unreachable: '#8c959f', error: '#9a6700', 'not-probed': '#afb8c1',
};

const CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.meta{color:var(--muted)}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.cards{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.5rem}.card.bad b{color:#cf222e}.legend{display:flex;gap:1rem;flex-wrap:wrap;margin:.25rem 0 .75rem;color:var(--muted)}
.legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
svg text{fill:var(--fg);font:12px system-ui,sans-serif}svg .muted{fill:var(--muted)}
.sev{font-weight:600;text-transform:uppercase;font-size:11px}.empty{color:var(--muted)}
`;

const num = (n: number) => n.toLocaleString('en-US');

/** Horizontal stacked bars: one row per label, one segment per status. */
function stackedBars(rows: Array<{ label: string; parts: Partial<Record<EndpointStatus, number>> }>, title: string): string {
  if (!rows.length) return '<p class="empty">No endpoints.</p>';
  const labelW = 150, barW = 640, rowH = 26, totalW = 60;
  const max = Math.max(1, ...rows.map((r) => Object.values(r.parts).reduce((a, b) => a + (b ?? 0), 0)));
  const bars = rows.map((r, i) => {
    const y = i * rowH;
    let x = labelW;
    const total = Object.values(r.parts).reduce((a, b) => a + (b ?? 0), 0);
    const segs = ENDPOINT_STATUSES.filter((st) => r.parts[st]).map((st) => {
      const w = Math.max(1, ((r.parts[st] ?? 0) / max) * barW);
      const rect = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${STATUS_COLOR[st]}"><title>${e(r.label)}: ${num(r.parts[st] ?? 0)} ${st}</title></rect>`;
      x += w;
      return rect;
    }).join('');
    return `<text x="${labelW - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${e(r.label)}</text>${segs}<text class="muted" x="${(x + 6).toFixed(1)}" y="${y + rowH / 2 + 4}">${num(total)}</text>`;
  }).join('\n');
  const h = rows.length * rowH;
  return `<svg role="img" aria-label="${e(title)}" viewBox="0 0 ${labelW + barW + totalW} ${h}" width="100%" height="${h}" preserveAspectRatio="xMinYMin meet">\n${bars}\n</svg>`;
}

function legend(statuses: readonly EndpointStatus[]): string {
  return `<div class="legend">${statuses.map((s) => `<span><i style="background:${STATUS_COLOR[s]}"></i>${s}</span>`).join('')}</div>`;
}

function table(head: Array<[string, boolean?]>, rows: string[][], empty: string): string {
  if (!rows.length) return `<p class="empty">${empty}</p>`;
  const th = head.map(([h, n]) => `<th${n ? ' class="n"' : ''}>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${head[i]?.[1] ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderSummaryHtml(s: FleetSummary, title = 'LeakLens fleet summary'): string {
  const card = (label: string, n: number, bad = false) => `<div class="card${bad && n ? ' bad' : ''}"><b>${num(n)}</b>${label}</div>`;
  const used = ENDPOINT_STATUSES.filter((st) => s.statuses.some((r) => r.key === st));
  const providerChart = stackedBars(s.providers.filter((p) => Object.keys(p.endpoints).length).map((p) => ({ label: p.provider, parts: p.endpoints })), 'Endpoints per provider by status');
  const statusChart = stackedBars(s.statuses.map((r) => ({ label: r.key, parts: { [r.key]: r.count } })), 'Endpoints per status');
  const worst = s.worst.map((w, i) => [
    String(i + 1),
    `${e(w.app.id ?? '(unknown)')}${w.app.version ? ` <span class="meta">${e(w.app.version)}</span>` : ''}`,
    e(w.app.platform ?? ''),
    String(w.openEndpoints),
    e(w.exposes.join(', ')),
    SEVERITIES.filter((sv) => w.severities[sv]).map((sv) => `${w.severities[sv]} <span class="sev">${sv}</span>`).join(', '),
    `<code>${e(w.artifact)}</code>`,
  ]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${e(title)}</h1>
<p class="meta">${num(s.apps)} apps: ${num(s.platforms.android)} Android, ${num(s.platforms.ios)} iOS, ${num(s.platforms.unknown)} unknown${s.duplicateLines ? `; ${num(s.duplicateLines)} duplicate lines ignored` : ''}.</p>
<div class="cards">${card('apps scanned', s.apps)}${card('with findings', s.appsWithFindings)}${card('with cloud endpoints', s.appsWithCloudEndpoints)}${card('with open endpoints', s.appsWithOpenEndpoints, true)}${card('with errors', s.appsWithErrors)}</div>
<h2>Endpoints per provider</h2>
${legend(used)}
${providerChart}
<h2>Endpoints per status</h2>
${statusChart}
<h2>What open endpoints expose</h2>
${table([['Category'], ['Open endpoints', true], ['Apps', true]], s.exposes.map((r) => [e(r.key), num(r.count), num(r.apps)]), 'No open endpoint exposes a known category (or nothing was probed).')}
<h2>Worst apps</h2>
${table([['#', true], ['App'], ['Platform'], ['Open', true], ['Exposes'], ['Findings'], ['Artifact']], worst, 'No findings.')}
<h2>Providers</h2>
${table([['Provider'], ['Apps', true], ['Findings', true], ['Endpoints by status']], s.providers.map((p) => [e(p.provider), num(p.apps), num(p.findings), e(Object.entries(p.endpoints).map(([k, v]) => `${k} ${v}`).join(', '))]), 'No findings.')}
<h2>Rules</h2>
${table([['Rule'], ['Apps', true], ['Findings', true], ['Worst severity']], s.rules.map((r) => [`<code>${e(r.key)}</code>`, num(r.apps), num(r.count), `<span class="sev">${e(r.severity)}</span>`]), 'No findings.')}
</body>
</html>
`;
}
