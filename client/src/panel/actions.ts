// What the panel's buttons and links do in the editor: open a finding's source line (or show where
// an artifact ships it), export the panel's report through the server's renderers.
import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportRequest } from '../../../server/src/protocol';
import type { Report } from '../../../server/src/core/types';

/** Opens the source line of a finding; for a finding inside an artifact, says which entry ships it. */
export async function openFinding(report: Report | undefined, fingerprint: string, artifacts: readonly string[]): Promise<void> {
  const f = report?.findings.find((x) => x.fingerprint === fingerprint);
  if (!f || !report) return;
  const { file, line, column, endLine, endColumn, entry } = f.location;
  if (entry) {
    const artifact = artifacts.find((a) => a === file || a.endsWith(`/${file}`)) ?? file;
    const pick = await vscode.window.showInformationMessage(`LeakLens: ${f.ruleId} ships in ${artifact}!${entry} (string ${line}).`, 'Reveal Artifact');
    const abs = resolveIn(report.root, artifact);
    if (pick && abs) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(abs));
    return;
  }
  const abs = resolveIn(report.root, file);
  if (!abs) return;
  const range = new vscode.Range(line - 1, column - 1, endLine - 1, endColumn - 1);
  await vscode.window.showTextDocument(vscode.Uri.file(abs), { selection: range, preview: false });
}

function resolveIn(root: string, file: string): string | undefined {
  if (isAbsolute(file)) return file;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const base = isAbsolute(root) ? root : folder;
  return base ? join(base, file) : undefined;
}

const EXTENSIONS = { json: 'json', sarif: 'sarif', html: 'html' } as const;

/** Saves the report in the chosen format where the user says. */
export async function exportReport(client: LanguageClient | undefined, report: Report | undefined, format: 'json' | 'sarif' | 'html'): Promise<void> {
  if (!client || !report) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `leaklens-report.${EXTENSIONS[format]}`) : undefined,
    filters: { [format.toUpperCase()]: [EXTENSIONS[format]] },
  });
  if (!target) return;
  const { content } = await client.sendRequest(ExportRequest.type, { report, format, rootUri: folder?.toString() });
  await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
  void vscode.window.showInformationMessage(`LeakLens: report saved to ${vscode.workspace.asRelativePath(target)}`);
}
