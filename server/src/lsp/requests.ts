// Custom requests (protocol.ts): scan the workspace, scan an artifact, probe endpoints, last report.
// Long ones report work-done progress and honour cancellation between files.
import { stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { LSPErrorCodes, ResponseError, ErrorCodes, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { Finding, Report, ScanError } from '../core/types';
import { VERSION } from '../core/version';
import { probeFindings } from '../probe';
import { scanArtifactPath } from '../node/artifact';
import type { ProbeParams, ProbeResult, ScanArtifactParams, ScanWorkspaceResult } from '../protocol';
import { skipReason } from './diagnostics';
import type { Validator } from './diagnostics';
import type { SettingsStore } from './settings';
import type { ServerState } from './state';
import type { Workspace } from './workspace';
import { walk } from './walk';
import { readProjectFile } from '../node/projectFile';
import { unifyEndpoints } from '../core/report/endpoints';
import { isFirebaseRulesContext, joinMisconfig, supabaseInputs } from '../core/misconfig';

export interface RequestDeps {
  connection: Connection;
  settings: SettingsStore;
  workspace: Workspace;
  state: ServerState;
  validator: Validator;
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'LeakLens: cancelled');
const tick = () => new Promise<void>((r) => setImmediate(r));
/** Files the cross-file analyzers read besides migrations: Supabase config, firebase.json and what it names. */
const CONTEXT = /(^|\/)(supabase\/config\.toml|\.firebaserc)$|\.(json|rules)$/i;
const key = (f: Finding) => `${f.fingerprint}@${f.location.line}:${f.location.column}`;

export async function scanWorkspace(deps: RequestDeps, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<ScanWorkspaceResult> {
  const { workspace, state, validator } = deps;
  progress.begin('LeakLens: scanning workspace', 0, 'listing files', true);
  const done = validator.begin('scanning');
  const result: ScanWorkspaceResult = { files: 0, findings: 0, errors: 0, skipped: 0, cancelled: false };
  const allFindings: Finding[] = [];
  const errors: ScanError[] = [];
  const published = new Set<string>();
  try {
    for (const root of workspace.rootPaths) {
      const rootUri = workspace.uriOf(root, '').replace(/\/$/, '');
      const settings = await deps.settings.get(rootUri);
      if (!settings.enable) continue;
      const engine = workspace.engineFor(root, settings);
      const { files, truncated } = await walk(root, (rel) => engine.isScannable(rel) && !workspace.isExcluded(root, rel, settings), () => token.isCancellationRequested);
      if (truncated) errors.push({ file: '.', message: 'workspace walk stopped at its file limit; use the CLI for the rest' });
      const cross: Array<{ path: string; text: string }> = [];
      const rootStart = allFindings.length;
      let last = Date.now();
      for (let i = 0; i < files.length; i++) {
        if (Date.now() - last > 15 || i % 25 === 0) {
          await tick(); // lets $/cancelRequest in
          last = Date.now();
          progress.report(Math.round((i / files.length) * 100), files[i]);
        }
        if (token.isCancellationRequested) throw cancelled();
        const rel = files[i];
        const read = readProjectFile(join(root, rel), rel, { maxBytes: settings.maxFileSizeKb * 1024 });
        if ('skipped' in read && read.skipped === null) continue; // a binary nobody expected to be read (the CLI's policy)
        const text = 'text' in read ? read.text : undefined;
        if (text === undefined || skipReason(text, settings.maxFileSizeKb)) { result.skipped++; continue; }
        if (workspace.isIgnoredSecretsFile(root, rel)) continue;
        result.files++;
        // Migrations are judged together (a later one may enable RLS): only in the project pass.
        if (supabaseInputs(rel)) { cross.push({ path: rel, text }); record(rel, []); continue; }
        const r = engine.scanText(rel, text);
        if (CONTEXT.test(rel)) cross.push({ path: rel, text });
        record(rel, r.findings);
        errors.push(...r.errors);
      }
      if (cross.some((f) => supabaseInputs(f.path) || /(^|\/)firebase\.json$/.test(f.path))) {
        // Cross-file analyzers; findings already recorded per file are not repeated.
        const seen = new Set(allFindings.map(key));
        const r = engine.scanProject(cross);
        for (const f of r.findings) if (!seen.has(key(f))) record(f.location.file, [f]);
        errors.push(...r.errors);
      }
      // Databases/buckets whose rules this root does not keep (firebase-rules-missing).
      const present = new Set(files);
      const firebaseContext = cross.filter((f) => isFirebaseRulesContext(f.path));
      for (const f of engine.missingRules(allFindings.slice(rootStart), firebaseContext, (p) => present.has(p))) record(f.location.file, [f]);
      joinRoot(root, cross);
      /** Open rules ↔ the database/bucket they open (`related` both ways → relatedInformation), across the root's files. */
      function joinRoot(rootPath: string, context: Array<{ path: string; text: string }>) {
        const prefix = workspace.uriOf(rootPath, '');
        const uris = [...published].filter((u) => u.startsWith(prefix));
        const before = uris.flatMap((u) => state.scanned.get(u) ?? []);
        const joined = joinMisconfig(before, context);
        const changed = new Map<Finding, Finding>();
        joined.forEach((f, i) => { if (f !== before[i]) changed.set(before[i], f); });
        if (changed.size === 0) return;
        for (const u of uris) state.scanned.set(u, (state.scanned.get(u) ?? []).map((f) => changed.get(f) ?? f));
        for (let i = 0; i < allFindings.length; i++) allFindings[i] = changed.get(allFindings[i]) ?? allFindings[i];
      }
      function record(rel: string, findings: Finding[]) {
        const uri = workspace.uriOf(root, rel);
        const list = published.has(uri) ? [...(state.scanned.get(uri) ?? []), ...findings] : findings;
        published.add(uri);
        state.scanned.set(uri, list);
        allFindings.push(...findings);
      }
    }
    // Files that had workspace findings before and have none now are cleared.
    for (const uri of [...state.scanned.keys()]) if (!published.has(uri)) { state.scanned.delete(uri); validator.publish(uri, undefined); }
    for (const uri of published) if (!state.live.has(uri)) validator.publish(uri, undefined);
    result.findings = allFindings.length;
    result.errors = errors.length;
    state.lastReport = report(workspace.rootPaths[0] ?? '.', allFindings, errors, state);
    return result;
  } finally {
    done();
    progress.done();
  }
}

function report(root: string, given: Finding[], errors: ScanError[], state: ServerState): Report {
  const findings = unifyEndpoints(given);
  const urls = new Set(findings.map((f) => f.endpoint).filter((u): u is string => !!u));
  return {
    tool: { name: 'leaklens', version: VERSION },
    root,
    findings,
    endpoints: [...state.endpoints.values()].filter((e) => urls.has(e.url)),
    errors,
  };
}

export async function scanArtifact(deps: RequestDeps, params: ScanArtifactParams, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<Report> {
  if (typeof params?.path !== 'string' || !params.path) throw new ResponseError(ErrorCodes.InvalidParams, 'LeakLens: scanArtifact needs a path');
  try {
    await stat(params.path);
  } catch {
    throw new ResponseError(ErrorCodes.InvalidParams, `LeakLens: no such file or folder: ${params.path}`);
  }
  const root = deps.workspace.rootPaths[0];
  const settings = await deps.settings.get(root ? deps.workspace.uriOf(root, '') : params.path);
  const engine = deps.workspace.engineFor(root ?? params.path.slice(0, params.path.lastIndexOf(sep)), settings);
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  progress.begin(`LeakLens: scanning ${basename(params.path)}`, 0, undefined, true);
  try {
    const r = await scanArtifactPath(engine, params.path, basename(params.path), {
      signal: abort.signal,
      onProgress: (message, fraction) => progress.report(fraction === undefined ? 0 : Math.round(fraction * 100), message),
    });
    if (token.isCancellationRequested) throw cancelled();
    deps.state.lastReport = { ...report(params.path, r.findings, r.errors, deps.state), root: params.path };
    return deps.state.lastReport;
  } finally {
    sub.dispose();
    progress.done();
  }
}

export async function probe(deps: RequestDeps, params: ProbeParams, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<ProbeResult> {
  const { state, workspace } = deps;
  const fps = new Set(params?.fingerprints ?? []);
  const urls = new Set(params?.endpoints ?? []);
  const chosen = new Map<string, [string | undefined, Finding]>();
  for (const [uri, f] of state.allFindings()) if (f.endpoint && (fps.has(f.fingerprint) || urls.has(f.endpoint))) chosen.set(f.fingerprint, [uri, f]);
  for (const f of state.lastReport?.findings ?? []) if (f.endpoint && !chosen.has(f.fingerprint) && (fps.has(f.fingerprint) || urls.has(f.endpoint))) chosen.set(f.fingerprint, [undefined, f]);
  if (chosen.size === 0) throw new ResponseError(ErrorCodes.InvalidParams, 'LeakLens: no finding with a probeable endpoint matches');
  const scope = [...chosen.values()].find(([u]) => u)?.[0] ?? (workspace.rootPaths[0] ? workspace.uriOf(workspace.rootPaths[0], '') : '');
  const settings = await deps.settings.get(scope);
  if (!state.trusted) throw new ResponseError(ErrorCodes.InvalidRequest, 'LeakLens: probes are disabled in untrusted workspaces');
  if (!settings.probe.enabled && params?.explicit !== true) throw new ResponseError(ErrorCodes.InvalidRequest, 'LeakLens: probes are off; set leaklens.probe.enabled to true');
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  progress.begin('LeakLens: probing endpoints', 0, undefined, true);
  const done = deps.validator.begin('probing');
  try {
    const outcome = await probeFindings([...chosen.values()].map(([, f]) => f), {
      allowWrite: settings.probe.allowWrite,
      overrides: settings.probe.endpointOverrides,
      signal: abort.signal,
      onProgress: (message, fraction) => progress.report(fraction === undefined ? 0 : Math.round(fraction * 100), message),
    });
    if (token.isCancellationRequested) throw cancelled();
    for (const e of outcome.endpoints) state.endpoints.set(e.url, e);
    for (const f of outcome.findings) {
      const asked = chosen.get(f.fingerprint)?.[1].endpoint;
      if (asked && f.endpoint && asked !== f.endpoint) state.aliases.set(asked, f.endpoint);
    }
    for (const f of outcome.findings) state.regraded.set(f.fingerprint, f.severity);
    if (state.lastReport) {
      const known = new Set(state.lastReport.findings.map((f) => f.endpoint));
      state.lastReport.endpoints = [...state.endpoints.values()].filter((e) => known.has(e.url));
    }
    // Re-grade the diagnostics of every document holding a probed finding.
    for (const uri of new Set([...chosen.values()].map(([u]) => u).filter((u): u is string => !!u))) deps.validator.publish(uri, undefined);
    return { endpoints: outcome.endpoints, findings: outcome.findings };
  } finally {
    done();
    sub.dispose();
    progress.done();
  }
}
