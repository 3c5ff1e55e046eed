// The LanguageClient for the bundled server (server/out/server.js over node IPC), with the file
// selector, settings sync, file watchers and workspace trust passed at initialization.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';
import { DOCUMENT_SELECTOR } from './selector';

/** The client and the file watchers it was given (disposed with it on restart). */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): { client: LanguageClient; watchers: vscode.Disposable[] } {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // clientCommands: Scan Workspace and Probe run here (progress UI, panel), not as server executeCommands.
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted, clientCommands: true };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/.leaklens.json'),
    vscode.workspace.createFileSystemWatcher('**/.gitignore'),
    // whether the project keeps Firebase rules (firebase-rules-missing)
    vscode.workspace.createFileSystemWatcher('**/{firebase.json,.firebaserc,google-services.json,database.rules.json,storage.rules}'),
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      configurationSection: 'leaklens',
      fileEvents: watchers,
    },
    initializationOptions,
    outputChannel: output,
    diagnosticCollectionName: 'leaklens',
  };
  return { client: new LanguageClient('leaklens', 'LeakLens', serverOptions, clientOptions), watchers };
}
