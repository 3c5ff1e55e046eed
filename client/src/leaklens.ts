// The extension's shared handles: the (restartable) language client, output channel and status
// bar. Command modules (here and Build & Scan's) receive this object.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TrustNotification } from '../../server/src/protocol';
import { createLanguageClient } from './languageClient';
import { StatusBar } from './statusBar';

export class LeakLens implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('LeakLens');
  readonly status = new StatusBar();
  private current: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private subs: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** The running client (started on first use). */
  get client(): LanguageClient | undefined {
    return this.current;
  }

  ready(): Promise<LanguageClient | undefined> {
    return (this.starting ??= this.start());
  }

  private async start(): Promise<LanguageClient | undefined> {
    const { client, watchers } = createLanguageClient(this.context, this.output);
    this.subs = [...this.status.attach(client), ...watchers];
    try {
      await client.start();
      this.current = client;
      return client;
    } catch (e) {
      this.output.appendLine(`LeakLens: the language server did not start: ${(e as Error).message}`);
      this.status.render('stopped');
      return undefined;
    }
  }

  async restart(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    this.starting = undefined;
    for (const s of this.subs) s.dispose();
    if (old) await old.stop().catch(() => undefined);
    await this.ready();
  }

  /** Workspace trust granted at runtime: the server may now offer probes. */
  trustGranted(): void {
    void this.current?.sendNotification(TrustNotification.type, { trusted: true });
  }

  async dispose(): Promise<void> {
    for (const s of this.subs) s.dispose();
    this.status.dispose();
    await this.current?.stop().catch(() => undefined);
    this.output.dispose();
  }
}
