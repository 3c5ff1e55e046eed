// "LeakLens: Scan Workspace": every project file → diagnostics, with progress and cancel.
import * as vscode from 'vscode';
import { ScanWorkspaceRequest } from '../../../server/src/protocol';
import type { LeakLens } from '../leaklens';
import { isCancellation, withServerProgress } from '../progress';

export async function scanWorkspace(ll: LeakLens): Promise<void> {
  const client = await ll.ready();
  if (!client) return;
  try {
    const r = await withServerProgress(client, 'LeakLens: Scan Workspace', (workDoneToken, token) =>
      client.sendRequest(ScanWorkspaceRequest.type, { workDoneToken }, token));
    ll.output.appendLine(`Scan Workspace: ${r.findings} findings in ${r.files} files (${r.skipped} skipped, ${r.errors} errors)`);
    const pick = await vscode.window.showInformationMessage(`LeakLens: ${r.findings} finding${r.findings === 1 ? '' : 's'} in ${r.files} files.`, 'Show Problems');
    if (pick) await vscode.commands.executeCommand('workbench.actions.view.problems');
  } catch (e) {
    if (isCancellation(e)) ll.output.appendLine('Scan Workspace: cancelled');
    else void vscode.window.showErrorMessage(`LeakLens: Scan Workspace failed: ${(e as Error).message}`);
  }
}
