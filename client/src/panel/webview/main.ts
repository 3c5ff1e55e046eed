// The side panel (runs inside the webview): renders the model the host posts, with DOM text nodes
// only; keeps filters and the last model across reloads with getState/setState.
import type { HostToPanel, PanelEndpoint, PanelFinding, PanelModel, PanelToHost } from '../messages';
import type { Severity, Where } from '../../../../server/src/core/types';

interface VsCodeApi {
  postMessage(message: PanelToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface State {
  model?: PanelModel;
  severity: Severity | 'all';
  provider: string;
  /** `all`, or only findings that live there (app ships; build/ci/test stay in the repository). */
  where?: Where | 'all';
  expanded: string[];
}

const vscode = acquireVsCodeApi();
const state: State = vscode.getState() ?? { severity: 'all', provider: 'all', expanded: [] };
let busy: string | undefined;
let failure: string | undefined;
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const WHERES: Where[] = ['app', 'build', 'ci', 'test'];
const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** `el('td', { class: 'x' }, 'text', child)`: attributes set as properties/attributes, text as text nodes. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

function button(label: string, icon: string, testid: string, onClick: () => void, disabled = false): HTMLButtonElement {
  const b = el('button', { 'data-testid': testid, 'aria-label': label, title: label }, el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }), ` ${label}`);
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}

function save(): void {
  vscode.setState(state);
}

function render(): void {
  const app = document.getElementById('app')!;
  app.replaceChildren();
  const model = state.model;
  if (busy) app.append(el('p', { class: 'busy', 'data-testid': 'busy' }, el('span', { class: 'codicon codicon-loading codicon-modifier-spin', 'aria-hidden': 'true' }), ` ${busy}`));
  if (failure) app.append(el('p', { class: 'failure', role: 'alert', 'data-testid': 'failure' }, failure));
  if (!model) {
    app.append(
      el('p', { class: 'empty', 'data-testid': 'empty' }, 'No scan yet. Build the app and scan what it ships, or pick an APK/AAB/IPA to scan.'),
      el('div', { class: 'actions' },
        button('Build & Scan', 'play', 'build-and-scan', () => vscode.postMessage({ type: 'buildAndScan' })),
        button('Scan Artifact…', 'package', 'scan-artifact', () => vscode.postMessage({ type: 'scanArtifact' }))),
    );
    return;
  }
  app.append(summary(model), filters(model), endpointsTable(model));
  if (model.errors.length) {
    app.append(el('h3', {}, `Errors (${model.errors.length})`),
      el('ul', { class: 'errors', 'data-testid': 'errors' }, ...model.errors.map((e) => el('li', {}, `${e.file}${e.entry ? `!${e.entry}` : ''}: ${e.message}`))));
  }
}

function summary(model: PanelModel): HTMLElement {
  const counts = SEVERITIES.map((s) => el('span', { class: `badge sev-${s}`, 'data-testid': `count-${s}` }, `${model.counts[s]} ${s}`));
  return el('section', { class: 'summary', 'aria-label': 'Summary' },
    el('h2', { 'data-testid': 'title' }, model.title),
    model.artifacts.length ? el('p', { class: 'artifacts' }, `Artifact: ${model.artifacts.join(', ')}`) : '',
    model.builtAt ? el('p', { class: 'built' }, `Built ${new Date(model.builtAt).toLocaleString()}`) : '',
    el('p', { class: 'counts' }, ...counts),
    el('div', { class: 'actions' },
      button('JSON', 'export', 'export-json', () => vscode.postMessage({ type: 'export', format: 'json' })),
      button('SARIF', 'export', 'export-sarif', () => vscode.postMessage({ type: 'export', format: 'sarif' })),
      button('HTML', 'export', 'export-html', () => vscode.postMessage({ type: 'export', format: 'html' }))),
  );
}

function select(label: string, testid: string, options: string[], value: string, onChange: (v: string) => void): HTMLElement {
  const s = el('select', { 'data-testid': testid, 'aria-label': label });
  for (const o of options) {
    const opt = el('option', { value: o }, o);
    if (o === value) opt.selected = true;
    s.append(opt);
  }
  s.addEventListener('change', () => onChange(s.value));
  return el('label', {}, `${label} `, s);
}

function filters(model: PanelModel): HTMLElement {
  return el('div', { class: 'filters' },
    select('Severity', 'filter-severity', ['all', ...SEVERITIES], state.severity, (v) => { state.severity = v as Severity | 'all'; save(); render(); }),
    select('Provider', 'filter-provider', ['all', ...model.providers], state.provider, (v) => { state.provider = v; save(); render(); }),
    select('Where', 'filter-where', ['all', ...WHERES], state.where ?? 'all', (v) => { state.where = v as Where | 'all'; save(); render(); }));
}

function visible(e: PanelEndpoint): PanelFinding[] {
  return e.findings.filter((f) =>
    (state.severity === 'all' || RANK[f.severity] <= RANK[state.severity as Severity]) &&
    (state.provider === 'all' || e.provider === state.provider) &&
    (!state.where || state.where === 'all' || f.where === state.where));
}

/** One card per endpoint (the panel lives in a narrow sidebar): status, resource, evidence, findings. */
function endpointsTable(model: PanelModel): HTMLElement {
  const cards: HTMLElement[] = [];
  for (const e of model.endpoints) {
    const findings = visible(e);
    if (findings.length === 0) continue;
    const id = e.url ?? '(no endpoint)';
    const actions = e.url
      ? button('Probe', 'refresh', 'probe', () => vscode.postMessage({ type: 'probe', url: e.url! }), !model.canProbe)
      : '';
    const header = el('div', { class: 'endpoint-head' },
      el('span', { class: `status status-${e.status}`, 'data-testid': 'status', title: 'exposure' }, e.status),
      el('span', { class: 'provider' }, e.provider ?? ''),
      el('span', { class: 'kind' }, e.kind),
      actions);
    const rows = findings.map((f) => {
      const where = f.location.entry ? `shipped in ${f.location.entry}` : `${f.location.file}:${f.location.line}`;
      const link = el('a', { href: '#', 'data-testid': 'finding-link', 'aria-label': `Open ${where}` },
        el('span', { class: `codicon codicon-${f.origin === 'artifact' ? 'package' : 'file-code'}`, 'aria-hidden': 'true' }), ` ${where}`);
      link.addEventListener('click', (ev) => { ev.preventDefault(); vscode.postMessage({ type: 'open', fingerprint: f.fingerprint }); });
      return el('li', { class: `finding origin-${f.origin}`, 'data-testid': 'finding-row' },
        el('span', { class: `badge sev-${f.severity}` }, f.severity), ' ', el('span', { class: 'title' }, f.title), ' ',
        el('code', {}, f.value),
        f.where !== 'app' ? el('span', { class: 'lives', 'data-testid': 'finding-where', title: 'does not ship in the app (one severity step lower)' }, ` ${f.where}`) : '',
        el('div', { class: 'where' }, link));
    });
    const exposes = e.exposes.length
      ? el('div', { class: 'exposes', 'data-testid': 'exposes', title: 'What the names the probe saw suggest is inside' },
        'Exposes ', ...e.exposes.map((x) => el('span', { class: `chip exposes-${x}`, 'data-testid': 'exposes-chip' }, x)))
      : '';
    cards.push(el('section', { class: 'endpoint', 'data-testid': 'endpoint-row', 'data-url': id, 'aria-label': `${e.status}${e.exposes.length ? ` (exposes ${e.exposes.join(', ')})` : ''}: ${id}` },
      header,
      el('div', { class: 'url' }, id),
      exposes,
      e.evidence ? el('div', { class: 'evidence' }, e.evidence, e.checkedAt ? ` · ${new Date(e.checkedAt).toLocaleTimeString()}` : '') : '',
      el('ul', { class: 'findings' }, ...rows)));
  }
  if (cards.length === 0) return el('p', { class: 'empty', 'data-testid': 'no-match' }, 'No findings match the filters.');
  return el('div', { class: 'endpoints', 'data-testid': 'endpoints', role: 'list' }, ...cards);
}

window.addEventListener('message', (event: MessageEvent<HostToPanel>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'model') { state.model = m.model; busy = undefined; failure = undefined; save(); }
  else if (m.type === 'busy') busy = String(m.message);
  else if (m.type === 'error') { busy = undefined; failure = String(m.message); }
  render();
});

render();
vscode.postMessage({ type: 'ready' });
