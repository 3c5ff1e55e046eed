// A real JSON-RPC client for the bundled language server (server/out/server.js --stdio, or the CLI's
// `leaklens lsp --stdio`): answers workspace/configuration, collects diagnostics/status/messages,
// applies WorkspaceEdits on disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, WorkspaceEdit, TextEdit, CodeAction, Range } from 'vscode-languageserver-protocol';

export const SERVER = resolve(__dirname, '../../server/out/server.js');
/** The same server started as other editors do: `leaklens lsp --stdio`. */
export const VIA_CLI = [resolve(__dirname, '../../server/out/cli.js'), 'lsp', '--stdio'];

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
  at: number;
}

type Waiter = { uri: string; pred: (p: Published) => boolean; resolve: (p: Published) => void };

export class LspClient {
  readonly child: ChildProcess;
  readonly conn: MessageConnection;
  /** The `leaklens` section answered to workspace/configuration (null: nothing configured); `perUri` overrides by scopeUri prefix. */
  settings: Record<string, unknown> | null = {};
  perUri: Array<[string, Record<string, unknown>]> = [];
  readonly published = new Map<string, Published>();
  readonly statuses: Array<{ state: string; findings: number; message?: string; uri?: string }> = [];
  readonly messages: Array<{ type: number; message: string }> = [];
  readonly configRequests: string[] = [];
  stderr = '';
  /** window/logMessage output (the server's console). */
  log = '';
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();

  constructor(env: Record<string, string> = {}, args: readonly string[] = [SERVER, '--stdio']) {
    this.child = spawn(process.execPath, [...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.child.stderr!.on('data', (d) => { this.stderr += String(d); });
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) =>
      p.items.map((i) => {
        this.configRequests.push(i.scopeUri ?? '');
        const o = this.perUri.find(([prefix]) => (i.scopeUri ?? '').startsWith(prefix));
        return this.settings === null && !o ? null : { ...this.settings, ...(o?.[1] ?? {}) };
      }));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.onNotification('window/showMessage', (m: { type: number; message: string }) => { this.messages.push(m); });
    this.conn.onNotification('window/logMessage', (m: { message: string }) => { this.log += `${m.message}\n`; });
    this.conn.onNotification('leaklens/status', (s: LspClient['statuses'][number]) => { this.statuses.push(s); });
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const pub = { version: p.version, diagnostics: p.diagnostics, at: performance.now() };
      this.published.set(p.uri, pub);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.pred(pub)) return true;
        w.resolve(pub);
        return false;
      });
    });
    this.conn.listen();
  }

  /** `configuration: false` → a client that cannot answer workspace/configuration (e.g. Neovim 0.7). */
  async initialize(rootDir: string, options: { trusted?: boolean; initializationOptions?: Record<string, unknown>; configuration?: boolean; workspaceEdit?: Record<string, unknown> } = {}): Promise<unknown> {
    const rootUri = pathToFileURL(rootDir).href;
    const r = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      initializationOptions: { trusted: options.trusted ?? false, ...options.initializationOptions },
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: options.workspaceEdit ?? { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: {} },
        },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return r;
  }

  /** Resolves with the next (or current) publication for `uri` matching `pred` (the timeout only guards against a hang). */
  waitFor(uri: string, pred: (p: Published) => boolean = () => true, timeoutMs = 60_000): Promise<Published> {
    const cur = this.published.get(uri);
    if (cur && pred(cur)) return Promise.resolve(cur);
    return new Promise((res, rej) => {
      const t = setTimeout(() => rej(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (p) => { clearTimeout(t); res(p); } });
    });
  }

  /** Waits for the publication of exactly `version` (every validation publishes its version). */
  waitVersion(uri: string, version: number, timeoutMs?: number): Promise<Published> {
    return this.waitFor(uri, (p) => p.version === version, timeoutMs);
  }

  async open(path: string, text: string, languageId = 'plaintext'): Promise<string> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    this.published.delete(uri); // what follows comes from this opening
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Sends incremental changes; returns the new version. */
  async change(uri: string, changes: Array<{ range?: Range; text: string }>): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async setSettings(settings: Record<string, unknown> | null): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    this.child.kill();
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

/** Applies a WorkspaceEdit (documentChanges with creates, or changes) to files on disk. */
export function applyWorkspaceEdit(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  const editFile = (uri: string, edits: TextEdit[]) => {
    const path = fileURLToPath(uri);
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    writeFileSync(path, applyTextEdits(text, edits));
    touched.push(path);
  };
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
      const path = fileURLToPath(change.uri);
      mkdirSync(dirname(path), { recursive: true });
      if (!existsSync(path)) writeFileSync(path, '');
    } else editFile(change.textDocument.uri, change.edits as TextEdit[]);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) editFile(uri, edits);
  return touched;
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

/** Writes a project (path → text) under `dir`. */
export function writeProject(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}
