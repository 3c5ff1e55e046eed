// "LeakLens: Build & Scan" and "LeakLens: Scan Artifact…": build with the project's own toolchain
// (as a VS Code Task), scan what it produced on the server, probe when allowed, show the panel.
import * as vscode from 'vscode';
import { basename, relative } from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProbeRequest, ReportRequest, ScanArtifactRequest, ScanWorkspaceRequest } from '../../server/src/protocol';
import type { Report } from '../../server/src/core/types';
import { combineReports } from '../../server/src/core/report/combine';
import { detectProjects, type DetectedProject } from './build/detect';
import { nodeFsView } from './build/nodeFs';
import { customPlan, planBuild, type BuildPlan } from './build/commands';
import { findArtifacts, runBuildTask, toolchainAvailable } from './build/run';
import { buildPanelModel } from './panel/model';
import type { PanelView } from './panel/view';

export const ARTIFACT_FILTERS = { 'Mobile apps': ['apk', 'aab', 'apks', 'xapk', 'ipa', 'zip', 'app', 'xcarchive'] };

export class BuildAndScan {
  private current: Report | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly panel: PanelView,
    private readonly log: vscode.OutputChannel,
    /** Told of every new report (the Findings tree). */
    private readonly onReport: (report: Report | undefined) => void = () => undefined,
  ) {}

  /** The last combined report shown in the panel (source + artifacts + probe results). */
  get report(): Report | undefined {
    return this.current;
  }

  private set report(report: Report | undefined) {
    this.current = report;
    this.onReport(report);
  }

  async buildAndScan(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      const pick = await vscode.window.showWarningMessage(
        'LeakLens Build & Scan runs your project\'s build and probes endpoints, so it needs a trusted workspace. Diagnostics keep working in Restricted Mode.',
        'Manage Workspace Trust');
      if (pick) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    const folder = await this.pickFolder();
    if (!folder) return;
    const plan = await this.pickPlan(folder);
    if (!plan) return;
    if (!toolchainAvailable(plan, folder.uri.fsPath)) {
      void vscode.window.showErrorMessage(`LeakLens: cannot build — "${plan.command}" (${plan.toolchain.binary}) was not found. ${plan.toolchain.install}`);
      return;
    }
    const started = Date.now() - 1000; // file-system timestamps can be coarse
    this.log.appendLine(`build: ${plan.command} ${plan.args.join(' ')} (cwd ${plan.cwd || '.'})`);
    this.panel.busy('Building…');
    await this.panel.reveal();
    const code = await runBuildTask(plan, folder, `Build & Scan: ${plan.command} ${plan.args.join(' ')}`);
    if (code !== 0) {
      this.panel.error(`The build failed (exit code ${code ?? 'unknown'}); nothing was scanned. See the task terminal.`);
      const pick = await vscode.window.showErrorMessage(`LeakLens: the build failed (exit code ${code ?? 'unknown'}). Nothing was scanned.`, 'Show Build Output');
      if (pick) await vscode.commands.executeCommand('workbench.action.terminal.focus');
      return;
    }
    const artifacts = findArtifacts(folder.uri.fsPath, plan.outputs, started);
    if (artifacts.length === 0) {
      this.panel.error(`The build succeeded but produced no artifact matching ${plan.outputs.join(', ')}.`);
      void vscode.window.showErrorMessage(`LeakLens: no artifact found after the build. Searched: ${plan.outputs.join(', ')}. Set leaklens.build.outputs if your build writes elsewhere.`);
      return;
    }
    await this.scan(artifacts, folder, new Date().toISOString(), true);
  }

  async scanArtifact(target?: vscode.Uri): Promise<void> {
    const uri = target ?? (await vscode.window.showOpenDialog({ canSelectMany: false, canSelectFolders: false, filters: ARTIFACT_FILTERS, openLabel: 'Scan' }))?.[0];
    if (!uri) return;
    await this.scan([uri.fsPath], vscode.workspace.getWorkspaceFolder(uri), null, false);
  }

  /** Scans artifacts (and the workspace sources, to join them), probes when allowed, shows the panel. */
  private async scan(artifacts: string[], folder: vscode.WorkspaceFolder | undefined, builtAt: string | null, withSources: boolean): Promise<void> {
    const client = this.client();
    if (!client) { void vscode.window.showErrorMessage('LeakLens: the language server is not running.'); return; }
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'LeakLens', cancellable: true }, async (progress, token) => {
      const parts: Report[] = [];
      if (withSources) {
        progress.report({ message: 'scanning project sources…' });
        await client.sendRequest(ScanWorkspaceRequest.type, {}, token);
        const source = await client.sendRequest(ReportRequest.type, token);
        if (source) parts.push(source);
      }
      for (const path of artifacts) {
        if (token.isCancellationRequested) return;
        progress.report({ message: `scanning ${basename(path)}…` });
        const r = await client.sendRequest(ScanArtifactRequest.type, { path }, token);
        parts.push(r);
      }
      const report = combineReports(parts, folder?.uri.fsPath ?? artifacts[0]);
      const shown = (p: string) => (folder ? relative(folder.uri.fsPath, p) || p : p);
      this.report = report;
      const config = vscode.workspace.getConfiguration('leaklens', folder?.uri);
      const canProbe = vscode.workspace.isTrusted;
      if (canProbe && config.get<boolean>('probe.enabled') && !token.isCancellationRequested) {
        progress.report({ message: 'probing endpoints (read-only)…' });
        await this.applyProbe(client, [...new Set(report.findings.flatMap((f) => (f.endpoint ? [f.endpoint] : [])))], token);
      }
      await this.panel.show(buildPanelModel({
        report: this.report, title: artifacts.map((a) => basename(a)).join(', '), artifacts: artifacts.map(shown), builtAt, canProbe,
      }));
    });
  }

  /** Probes endpoints through the server and folds the results into the current report. */
  async probe(url: string): Promise<void> {
    const client = this.client();
    if (!client || !this.report) return;
    if (!vscode.workspace.isTrusted) { void vscode.window.showWarningMessage('LeakLens probes endpoints only in a trusted workspace.'); return; }
    this.panel.busy(`Probing ${url}…`);
    await this.applyProbe(client, [url], undefined, true); // a click on Probe is an explicit request
    await this.panel.show({ ...buildPanelModel({ report: this.report, ...this.panelContext() }) });
  }

  private panelContext() {
    const m = this.panel.current;
    return { title: m?.title ?? 'LeakLens', artifacts: m?.artifacts ?? [], builtAt: m?.builtAt ?? null, canProbe: vscode.workspace.isTrusted };
  }

  private async applyProbe(client: LanguageClient, urls: string[], token?: vscode.CancellationToken, explicit = false): Promise<void> {
    if (!this.report || urls.length === 0) return;
    const fingerprints = this.report.findings.filter((f) => f.endpoint && urls.includes(f.endpoint)).map((f) => f.fingerprint);
    const r = await client.sendRequest(ProbeRequest.type, { endpoints: urls, fingerprints, explicit }, token);
    const regraded = new Map(r.findings.map((f) => [f.fingerprint, f]));
    const endpoints = new Map(this.report.endpoints.map((e) => [e.url, e]));
    for (const e of r.endpoints) endpoints.set(e.url, e);
    this.report = {
      ...this.report,
      findings: this.report.findings.map((f) => regraded.get(f.fingerprint) ?? f),
      endpoints: [...endpoints.values()],
    };
  }

  private async pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) { void vscode.window.showErrorMessage('LeakLens: open the folder of your Android, iOS, Flutter or React Native project first.'); return undefined; }
    return folders.length === 1 ? folders[0] : vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to build' });
  }

  private async pickPlan(folder: vscode.WorkspaceFolder): Promise<BuildPlan | undefined> {
    const config = vscode.workspace.getConfiguration('leaklens', folder.uri);
    const custom = customPlan(config.get<string[]>('build.command') ?? [], config.get<string[]>('build.outputs') ?? []);
    if (custom) return custom;
    const projects = detectProjects(nodeFsView(folder.uri.fsPath));
    if (projects.length === 0) {
      void vscode.window.showErrorMessage('LeakLens: no Android (Gradle), Flutter, React Native or Xcode project found in this folder. Set leaklens.build.command to build something else.');
      return undefined;
    }
    const project = projects.length === 1 ? projects[0] : (await vscode.window.showQuickPick(projects.map((p) => ({ label: p.label, project: p })), { placeHolder: 'Project to build' }))?.project;
    if (!project) return undefined;
    const platform = await this.pickPlatform(project);
    if (!platform) return undefined;
    const variant = project.variants.length === 1 ? project.variants[0]
      : await vscode.window.showQuickPick(project.variants, { placeHolder: project.kind === 'xcode' ? 'Scheme' : 'Build variant' });
    return variant ? planBuild(project, variant, platform, process.platform === 'win32') : undefined;
  }

  private async pickPlatform(project: DetectedProject): Promise<'android' | 'ios' | undefined> {
    if (project.kind !== 'flutter' && project.kind !== 'react-native') return project.kind === 'xcode' ? 'ios' : 'android';
    if (process.platform !== 'darwin') return 'android'; // iOS builds need macOS
    return (await vscode.window.showQuickPick(['android', 'ios'], { placeHolder: 'Platform' })) as 'android' | 'ios' | undefined;
  }
}
