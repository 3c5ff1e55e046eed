// Language server entry (stdio or node IPC): wires LSP messages to the pure engine through small
// modules (settings, diagnostics, hover, code actions, custom requests). Every handler is guarded.
import {
  createConnection, ProposedFeatures, ShowMessageNotification, MessageType, TextDocuments, TextDocumentSyncKind, CodeActionKind,
  type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ExportRequest, ProbeRequest, ReportRequest, ScanArtifactRequest, ScanWorkspaceRequest, TrustNotification, type InitializationOptions } from '../protocol';
import { renderReport } from '../core/report';
import { createEngine } from '../core/engine';
import { VERSION } from '../core/version';
import { ProjectConfigStore, SettingsStore } from './settings';
import { Workspace } from './workspace';
import { ServerState } from './state';
import { Validator } from './diagnostics';
import { hoverAt } from './hover';
import { codeActions, type EditSupport } from './codeActions';
import { probe, scanArtifact, scanWorkspace, type RequestDeps } from './requests';
import { executeCommand, SERVER_COMMANDS } from './commands';
import { guard, guardRequest } from './guard';
import { isFirebaseRulesContext } from '../core/misconfig';
import type { Engine } from '../core/engine';
import type { Finding } from '../core/types';
import { CommittedFiles, inCommitted, isRotatable } from './gitHistory';
import type { Located } from './workspace';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const state = new ServerState();
let canPullConfig = false;
let foldersCapability = false;
let progressCapability = false;
let editSupport: EditSupport = { documentChanges: false, create: false, annotations: false };
const settings = new SettingsStore(connection, () => canPullConfig);
const projectConfigs = new ProjectConfigStore((abs) => documents.get(pathToFileURL(abs).href)?.getText());
const workspace = new Workspace(documents, projectConfigs);
const validator = new Validator(connection, documents, settings, workspace, state);
const deps: RequestDeps = { connection, settings, workspace, state, validator };
const log = (m: string) => connection.console.error(m);
const committedFiles = new CommittedFiles();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  canPullConfig = !!caps.workspace?.configuration;
  foldersCapability = !!caps.workspace?.workspaceFolders;
  progressCapability = !!caps.window?.workDoneProgress;
  const we = caps.workspace?.workspaceEdit;
  const create = !!we?.resourceOperations?.includes('create');
  editSupport = {
    // Resource operations exist only inside documentChanges, so a client announcing them applies
    // both (Neovim announces create but not documentChanges).
    documentChanges: !!we?.documentChanges || create,
    create,
    annotations: !!we?.changeAnnotationSupport,
  };
  const init = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
  state.trusted = init.trusted === true;
  settings.setInitial(params.initializationOptions);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspace.setRoots(folders);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      // Build & Scan and the panel need the VS Code extension; these two work in any editor.
      ...(init.clientCommands === true ? {} : { executeCommandProvider: { commands: SERVER_COMMANDS } }),
    },
    serverInfo: { name: 'leaklens', version: VERSION },
  };
});

connection.onInitialized(guard(log, 'initialized', () => {
  if (foldersCapability) {
    connection.workspace.onDidChangeWorkspaceFolders(guard(log, 'workspaceFolders', async () => {
      const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
      workspace.setRoots(folders.map((f) => f.uri));
      committedFiles.clear();
      validator.revalidateAll();
    }));
  }
}));

connection.onDidChangeConfiguration(guard(log, 'didChangeConfiguration', (p) => {
  settings.push(p?.settings);
  validator.revalidateAll();
}));

connection.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', async (p) => {
  if (p.changes.some((c) => c.uri.endsWith('/.leaklens.json'))) reloadProjectConfig();
  else if (p.changes.some((c) => c.uri.endsWith('/.gitignore'))) validator.revalidateAll();
  if (p.changes.some((c) => isFirebaseRulesContext(c.uri))) {
    workspace.forgetFirebaseFiles();
    await validator.revalidateFirebase();
  }
}));

connection.onNotification(TrustNotification.type, guard(log, 'trust', (p) => {
  state.trusted = p?.trusted === true;
}));

/** Re-reads `.leaklens.json`; `announce` shows a malformed file's error (not while typing in it). */
function reloadProjectConfig(announce = true): void {
  projectConfigs.clear();
  workspace.clearEngines();
  for (const root of workspace.rootPaths) {
    const { error } = projectConfigs.get(root);
    if (error && announce) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `LeakLens: ${error}` });
  }
  validator.revalidateAll();
}

const seen = new Set<string>();
documents.onDidChangeContent(guard(log, 'didChange', async (e) => {
  if (e.document.uri.endsWith('/.leaklens.json')) reloadProjectConfig(false);
  const opened = !seen.has(e.document.uri);
  if (isFirebaseRulesContext(e.document.uri)) { // e.g. firebase.json edited
    workspace.firebaseTextsChanged();
    validator.revalidateFirebaseSoon(e.document.uri);
  }
  seen.add(e.document.uri);
  await validator.onChange(e.document, opened);
}));
documents.onDidSave(guard(log, 'didSave', async (e) => {
  if (e.document.uri.startsWith('file:')) committedFiles.forget(fileURLToPath(e.document.uri));
  if (e.document.uri.endsWith('/.leaklens.json')) reloadProjectConfig();
  await validator.onSave(e.document);
}));
documents.onDidClose(guard(log, 'didClose', (e) => {
  seen.delete(e.document.uri);
  if (isFirebaseRulesContext(e.document.uri)) workspace.firebaseTextsChanged(); // its text is the disk's again
  if (e.document.uri.endsWith('/.leaklens.json')) reloadProjectConfig();
  validator.onClose(e.document.uri);
}));

connection.onHover(guardRequest(log, 'hover', null, async (params) => {
  await validator.ensure(params.textDocument.uri);
  const findings = state.findingsOf(params.textDocument.uri);
  if (findings.length === 0) return null;
  const loc = workspace.locate(params.textDocument.uri);
  if (!loc) return null;
  const s = await settings.get(params.textDocument.uri);
  const engine = workspace.engineFor(loc.root, s);
  return hoverAt({
    findings,
    position: params.position,
    engine,
    probe: (f) => state.probeInfo(f),
    canProbe: state.trusted && s.probe.enabled,
    inHistory: await historyCheck(params.textDocument.uri, loc, findings, engine),
  });
}));

connection.onCodeAction(guardRequest(log, 'codeAction', [], async (params) => {
  const uri = params.textDocument.uri;
  await validator.ensure(uri);
  const doc = documents.get(uri);
  const loc = workspace.locate(uri);
  if (!doc || !loc) return [];
  const s = await settings.get(uri);
  const inHistory = await historyCheck(uri, loc, state.findingsOf(uri), workspace.engineFor(loc.root, s));
  return codeActions({
    uri,
    text: doc.getText(),
    loc,
    diagnostics: params.context.diagnostics,
    findings: state.findingsOf(uri),
    workspace,
    support: editSupport,
    canProbe: state.trusted && s.probe.enabled,
    inHistory,
    versionOf: (u) => documents.get(u)?.version ?? null,
    log,
  });
}));

/**
 * Whether a finding's value is also in the file's committed version (hover and move fixes say to
 * rotate it). Asks git only for files with a rotatable secret, only in trusted workspaces.
 */
async function historyCheck(uri: string, loc: Located, findings: readonly Finding[], engine: Engine): Promise<((f: Finding) => boolean) | undefined> {
  const doc = documents.get(uri);
  if (!state.trusted || !doc || !uri.startsWith('file:') || !findings.some((f) => isRotatable(f, engine))) return undefined;
  const committed = await committedFiles.text(loc.root, fileURLToPath(uri));
  if (committed === undefined) return undefined;
  const text = doc.getText();
  return (f) => inCommitted(f, text, committed, engine);
}

const workDone = (p: { workDoneToken?: string | number } | undefined) => connection.window.attachWorkDoneProgress(p?.workDoneToken);
connection.onRequest(ScanWorkspaceRequest.type, guardRequest(log, 'scanWorkspace', undefined, (p, token) => scanWorkspace(deps, token, workDone(p))));
connection.onRequest(ScanArtifactRequest.type, guardRequest(log, 'scanArtifact', undefined, (p, token) => scanArtifact(deps, p, token, workDone(p))));
connection.onRequest(ProbeRequest.type, guardRequest(log, 'probe', undefined, (p, token) => probe(deps, p, token, workDone(p))));
/** An editor's executeCommand carries no progress token: the server creates one when the client can show it. */
const commandProgress = (p: { workDoneToken?: string | number }) =>
  p.workDoneToken === undefined && progressCapability ? connection.window.createWorkDoneProgress().catch(() => workDone(p)) : Promise.resolve(workDone(p));
connection.onExecuteCommand(guardRequest(log, 'executeCommand', undefined, async (p, token) => executeCommand(deps, p, token, await commandProgress(p))));
connection.onRequest(ReportRequest.type, guardRequest(log, 'report', null, () => state.lastReport));
connection.onRequest(ExportRequest.type, guardRequest(log, 'export', undefined, (p) => ({
  content: renderReport(p.report, p.format, { rules: createEngine().rules, rootUri: p.rootUri }),
})));

// A bug in one handler must not take the server down.
process.on('uncaughtException', (e) => log(`LeakLens: uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => log(`LeakLens: unhandled rejection: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();
