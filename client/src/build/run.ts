// Runs a build plan as a VS Code Task the user can watch (a ProcessExecution: argument array, no
// shell), and finds the artifacts it wrote.
import * as vscode from 'vscode';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { BuildPlan } from './commands';
import { newestPerKind, pickArtifacts, type Candidate } from './outputs';

/** True when the plan's executable can be found (relative to cwd, or on PATH). */
export function toolchainAvailable(plan: BuildPlan, folder: string): boolean {
  const cwd = join(folder, plan.cwd);
  if (plan.command.includes('/') || plan.command.includes('\\')) return existsSync(join(cwd, plan.command));
  const exts = process.platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : [''];
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const found = (bin: string) => dirs.some((d) => exts.some((e) => existsSync(join(d, bin + e))));
  return found(plan.command) && (plan.toolchain.binary === plan.command || found(plan.toolchain.binary));
}

/** Runs the plan as a task; resolves with the process exit code (undefined when it never started). */
export async function runBuildTask(plan: BuildPlan, folder: vscode.WorkspaceFolder, name: string): Promise<number | undefined> {
  const execution = new vscode.ProcessExecution(plan.command, plan.args, { cwd: join(folder.uri.fsPath, plan.cwd) });
  const task = new vscode.Task({ type: 'leaklens', name }, folder, name, 'LeakLens', execution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  return new Promise<number | undefined>((resolve, reject) => {
    let started: vscode.TaskExecution | undefined;
    const ended = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution === started || (e.execution.task.name === name && e.execution.task.source === 'LeakLens')) {
        ended.dispose();
        resolve(e.exitCode);
      }
    });
    vscode.tasks.executeTask(task).then((exec) => { started = exec; }, (err: unknown) => { ended.dispose(); reject(err); });
  });
}

const SKIP = new Set(['node_modules', '.git', '.gradle', 'Pods', '.dart_tool', 'intermediates', 'tmp']);
const MAX_ENTRIES = 200_000;

/** Artifacts matching the plan's output globs written since `since`, the newest of each kind. */
export function findArtifacts(folder: string, globs: readonly string[], since: number): string[] {
  const candidates: Candidate[] = [];
  let seen = 0;
  const walk = (rel: string, depth: number) => {
    if (depth > 12 || seen > MAX_ENTRIES) return;
    let names: string[];
    try { names = readdirSync(join(folder, rel)); } catch { return; }
    for (const name of names) {
      if (SKIP.has(name) || ++seen > MAX_ENTRIES) continue;
      const path = rel ? `${rel}/${name}` : name;
      let st;
      try { st = statSync(join(folder, path)); } catch { continue; }
      // an .app is a folder artifact: take it whole, do not descend
      if (st.isDirectory() && !/\.(app|xcarchive)$/i.test(name)) walk(path, depth + 1);
      else candidates.push({ path, mtimeMs: st.mtimeMs });
    }
  };
  walk('', 0);
  return newestPerKind(pickArtifacts(candidates, globs, since)).map((c) => join(folder, c.path));
}
