// Extension entry: lazy activation (package.json activationEvents), one LanguageClient, status bar,
// output channel and the core commands. Other features register their commands next to these.
import * as vscode from 'vscode';
import { PROBE_COMMAND, type ProbeCommandArgs } from '../../server/src/protocol';
import { LeakLens } from './leaklens';
import { scanWorkspace } from './commands/scanWorkspace';
import { probeEndpoint } from './commands/probeEndpoint';
import { BuildAndScan } from './buildAndScan';
import { PanelView, PANEL_VIEW_ID } from './panel/view';
import { exportReport, openFinding } from './panel/actions';
import { FindingsTree, FINDINGS_VIEW_ID, OPEN_FINDING_COMMAND } from './tree/view';

let leaklens: LeakLens | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LeakLens> {
  const ll = (leaklens = new LeakLens(context));
  const panel: PanelView = new PanelView(context.extensionUri, {
    open: (fingerprint) => openFinding(buildAndScan.report, fingerprint, panel.current?.artifacts ?? []),
    probe: (url) => buildAndScan.probe(url),
    export: (format) => exportReport(ll.client, buildAndScan.report, format),
    buildAndScan: () => buildAndScan.buildAndScan(),
    scanArtifact: () => buildAndScan.scanArtifact(),
  }, ll.output);
  const findings = new FindingsTree();
  const buildAndScan = new BuildAndScan(() => ll.client, panel, ll.output, (report) => findings.show(report));
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel),
    vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: findings, showCollapseAll: true }),
    findings,
    vscode.commands.registerCommand(OPEN_FINDING_COMMAND, (fingerprint: string) => openFinding(buildAndScan.report, fingerprint, panel.current?.artifacts ?? [])),
    vscode.commands.registerCommand('leaklens.buildAndScan', () => buildAndScan.buildAndScan()),
    vscode.commands.registerCommand('leaklens.scanArtifact', (uri?: vscode.Uri) => buildAndScan.scanArtifact(uri)),
    vscode.commands.registerCommand('leaklens.scanWorkspace', () => scanWorkspace(ll)),
    vscode.commands.registerCommand('leaklens.restartServer', () => ll.restart()),
    vscode.commands.registerCommand('leaklens.showOutput', () => ll.output.show(true)),
    vscode.commands.registerCommand(PROBE_COMMAND, (args?: ProbeCommandArgs) => probeEndpoint(ll, args)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => ll.trustGranted()),
  );
  await ll.ready();
  return ll;
}

export async function deactivate(): Promise<void> {
  await leaklens?.dispose();
  leaklens = undefined;
}
