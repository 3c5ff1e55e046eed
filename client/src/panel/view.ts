// Hosts the side panel (a WebviewView in the LeakLens activity-bar container): serves the HTML
// shell, posts the model, and acts on the panel's validated messages.
import * as vscode from 'vscode';
import { panelHtml } from './html';
import { parsePanelMessage, type HostToPanel, type PanelModel, type PanelToHost } from './messages';

export const PANEL_VIEW_ID = 'leaklens.panel';

export interface PanelActions {
  open(fingerprint: string): Promise<void>;
  probe(url: string): Promise<void>;
  export(format: 'json' | 'sarif' | 'html'): Promise<void>;
  buildAndScan(): Promise<void>;
  scanArtifact(): Promise<void>;
}

export class PanelView implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private model: PanelModel | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly actions: PanelActions, private readonly log: vscode.OutputChannel) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    const uri = (...p: string[]) => view.webview.asWebviewUri(vscode.Uri.joinPath(media, ...p)).toString();
    view.webview.html = panelHtml({
      cspSource: view.webview.cspSource,
      scriptUri: uri('out', 'panel.js'),
      styleUri: uri('panel.css'),
      codiconsUri: uri('out', 'codicons', 'codicon.css'),
    });
    view.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parsePanelMessage(raw);
      if (!message) { this.log.appendLine(`panel: dropped an invalid message`); return; }
      this.handle(message).catch((e: unknown) => this.post({ type: 'error', message: (e as Error).message }));
    });
    view.onDidDispose(() => { this.view = undefined; });
  }

  /** The model currently shown (for click-to-source and exports). */
  get current(): PanelModel | undefined {
    return this.model;
  }

  async show(model: PanelModel): Promise<void> {
    this.model = model;
    await this.reveal();
    this.post({ type: 'model', model });
  }

  busy(message: string): void {
    this.post({ type: 'busy', message });
  }

  error(message: string): void {
    this.post({ type: 'error', message });
  }

  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
  }

  private post(message: HostToPanel): void {
    void this.view?.webview.postMessage(message);
  }

  private async handle(message: PanelToHost): Promise<void> {
    switch (message.type) {
      case 'ready': if (this.model) this.post({ type: 'model', model: this.model }); return;
      case 'open': return this.actions.open(message.fingerprint);
      case 'probe': return this.actions.probe(message.url);
      case 'export': return this.actions.export(message.format);
      case 'buildAndScan': return this.actions.buildAndScan();
      case 'scanArtifact': return this.actions.scanArtifact();
    }
  }
}
