// Extension entry: lazy activation (package.json activationEvents), one LanguageClient, status bar,
// output channel and the core commands. Other features register their commands next to these.
import * as vscode from 'vscode';
import { PROBE_COMMAND, type ProbeCommandArgs } from '../../server/src/protocol';
import { LeakLens } from './leaklens';
import { scanWorkspace } from './commands/scanWorkspace';
import { probeEndpoint } from './commands/probeEndpoint';

let leaklens: LeakLens | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LeakLens> {
  const ll = (leaklens = new LeakLens(context));
  context.subscriptions.push(
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
