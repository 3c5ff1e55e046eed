// The Findings tree view (package.json `leaklens.findings`): a native TreeView over tree/model.ts.
// A finding opens its source line, or says which artifact entry ships it (panel/actions.ts).
import * as vscode from 'vscode';
import type { Report, Severity } from '../../../server/src/core/types';
import { buildFindingTree, type TreeNode } from './model';

export const FINDINGS_VIEW_ID = 'leaklens.findings';
export const OPEN_FINDING_COMMAND = 'leaklens.openFinding';

const ICONS: Record<Severity, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  high: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  info: new vscode.ThemeIcon('info'),
};

export class FindingsTree implements vscode.TreeDataProvider<TreeNode> {
  private roots: TreeNode[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  /** Shows a new report (or nothing: the view's welcome text then offers Build & Scan). */
  show(report: Report | undefined): void {
    this.roots = buildFindingTree(report);
    void vscode.commands.executeCommand('setContext', 'leaklens.hasReport', this.roots.length > 0);
    this.changed.fire();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? (node.kind === 'group' ? node.children : []) : this.roots;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, node.origin === 'source' || node.id.startsWith('artifact:') ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.origin === 'source' ? 'file' : node.id.startsWith('artifact:') ? 'package' : 'symbol-string');
      item.contextValue = node.origin;
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = ICONS[node.severity];
    item.command = { title: 'Open Finding', command: OPEN_FINDING_COMMAND, arguments: [node.fingerprint] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
