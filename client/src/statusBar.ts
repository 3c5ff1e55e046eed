// Status bar item: server state and finding count; a click opens the Problems view.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('leaklens.status', vscode.StatusBarAlignment.Left, 10);
  private last: StatusParams = { state: 'idle', findings: 0 };

  constructor() {
    this.item.name = 'LeakLens';
    this.item.command = 'workbench.actions.view.problems';
    this.render('starting');
    this.item.show();
  }

  /** Follows a (re)started client: its state changes and `leaklens/status` notifications. */
  attach(client: LanguageClient): vscode.Disposable[] {
    return [
      client.onDidChangeState((e) => this.render(e.newState === State.Running ? undefined : e.newState === State.Starting ? 'starting' : 'stopped')),
      client.onNotification(StatusNotification.type, (p) => { this.last = p; this.render(); }),
    ];
  }

  /** Shown while a long request (scan, probe) runs. */
  busy(label: string): void {
    this.item.text = `$(sync~spin) LeakLens: ${label}`;
  }

  render(override?: 'starting' | 'stopped'): void {
    const p = this.last;
    if (override === 'starting') { this.item.text = '$(sync~spin) LeakLens'; this.item.tooltip = 'LeakLens: starting the language server'; return; }
    if (override === 'stopped') { this.item.text = '$(error) LeakLens'; this.item.tooltip = 'LeakLens: the language server stopped — run "LeakLens: Restart Server"'; return; }
    const icon = p.state === 'scanning' || p.state === 'probing' ? '$(sync~spin)' : p.findings > 0 ? '$(warning)' : '$(shield)';
    this.item.text = `${icon} LeakLens${p.findings > 0 ? ` ${p.findings}` : ''}`;
    const trust = vscode.workspace.isTrusted ? '' : '\nRestricted Mode: diagnostics only, no probes.';
    this.item.tooltip = `LeakLens: ${p.findings} finding${p.findings === 1 ? '' : 's'} in open and scanned files${p.message ? `\n${p.message}` : ''}${trust}\nClick to open Problems.`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
