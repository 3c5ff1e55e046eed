// "LeakLens: Probe Endpoint" (palette, and the "Probe this endpoint now" code action): read-only
// probes of the endpoints behind LeakLens diagnostics. Only in trusted workspaces with probes on.
import * as vscode from 'vscode';
import { ProbeRequest, type DiagnosticData, type ProbeCommandArgs } from '../../../server/src/protocol';
import type { LeakLens } from '../leaklens';
import { isCancellation, withServerProgress } from '../progress';

export async function probeEndpoint(ll: LeakLens, args?: ProbeCommandArgs): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('LeakLens probes endpoints over the network, so it needs a trusted workspace.');
    return;
  }
  if (!vscode.workspace.getConfiguration('leaklens').get<boolean>('probe.enabled')) {
    const pick = await vscode.window.showWarningMessage('LeakLens probes are off (leaklens.probe.enabled).', 'Open Settings');
    if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'leaklens.probe');
    return;
  }
  const params = args?.fingerprint ? { fingerprints: [args.fingerprint] } : await pickEndpoints();
  if (!params) return;
  const client = await ll.ready();
  if (!client) return;
  try {
    const r = await withServerProgress(client, 'LeakLens: probing', (workDoneToken, token) =>
      client.sendRequest(ProbeRequest.type, { ...params, workDoneToken }, token));
    for (const e of r.endpoints) ll.output.appendLine(`probe ${e.url}: ${e.status}${e.evidence ? ` — ${e.evidence}` : ''}`);
    const open = r.endpoints.filter((e) => e.status.startsWith('open-'));
    const summary = r.endpoints.map((e) => `${e.url} → ${e.status}`).join('; ') || 'no endpoint probed';
    if (open.length) void vscode.window.showWarningMessage(`LeakLens: ${open.length} endpoint${open.length === 1 ? ' is' : 's are'} open. ${summary}`);
    else void vscode.window.showInformationMessage(`LeakLens: ${summary}`);
  } catch (e) {
    if (!isCancellation(e)) void vscode.window.showErrorMessage(`LeakLens: probe failed: ${(e as Error).message}`);
  }
}

/** Endpoints behind the current LeakLens diagnostics (active file first). */
async function pickEndpoints(): Promise<{ endpoints: string[] } | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const seen = new Map<string, string>();
  const all = vscode.languages.getDiagnostics().sort(([a], [b]) => Number(b.toString() === active) - Number(a.toString() === active));
  for (const [uri, ds] of all) {
    for (const d of ds) {
      const data = d.source === 'LeakLens' ? (d as vscode.Diagnostic & { data?: DiagnosticData }).data : undefined;
      const endpoint = data?.endpoint; // the language client keeps LSP `data` on its diagnostics
      if (endpoint && !seen.has(endpoint)) seen.set(endpoint, `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}`);
    }
  }
  if (seen.size === 0) {
    void vscode.window.showInformationMessage('LeakLens: no endpoint to probe. Open a file with a LeakLens finding or run "LeakLens: Scan Workspace".');
    return undefined;
  }
  const picks = await vscode.window.showQuickPick([...seen].map(([url, where]) => ({ label: url, description: where, picked: true })), { canPickMany: true, title: 'LeakLens: endpoints to probe (read-only)' });
  return picks?.length ? { endpoints: picks.map((p) => p.label) } : undefined;
}
