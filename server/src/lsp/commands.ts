// workspace/executeCommand for editors other than VS Code (where the extension runs these commands
// itself, with its own progress UI and panel): Scan Workspace and "Probe this endpoint now". The
// outcome is also shown as a window/showMessage, since most editors show nothing for a command result.
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type CancellationToken, type ExecuteCommandParams, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { PROBE_COMMAND, SCAN_WORKSPACE_COMMAND, type ProbeCommandArgs, type ProbeResult, type ScanWorkspaceResult } from '../protocol';
import { probe, scanWorkspace, type RequestDeps } from './requests';

/** Advertised in `executeCommandProvider` unless the client runs them (InitializationOptions.clientCommands). */
export const SERVER_COMMANDS = [SCAN_WORKSPACE_COMMAND, PROBE_COMMAND];

export async function executeCommand(
  deps: RequestDeps,
  params: ExecuteCommandParams,
  token: CancellationToken,
  progress: WorkDoneProgressReporter,
): Promise<ScanWorkspaceResult | ProbeResult> {
  if (params.command === SCAN_WORKSPACE_COMMAND) {
    const r = await scanWorkspace(deps, token, progress);
    tell(deps, MessageType.Info, `LeakLens: ${plural(r.findings, 'finding')} in ${plural(r.files, 'file')}${r.skipped ? ` (${r.skipped} skipped)` : ''}.`);
    return r;
  }
  if (params.command === PROBE_COMMAND) {
    const args = params.arguments?.[0] as Partial<ProbeCommandArgs> | undefined;
    if (typeof args?.fingerprint !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `LeakLens: ${PROBE_COMMAND} needs { uri, fingerprint }`);
    const r = await probe(deps, { fingerprints: [args.fingerprint] }, token, progress);
    const open = r.endpoints.filter((e) => e.status.startsWith('open-'));
    const summary = r.endpoints.map((e) => `${e.url} → ${e.status}${e.evidence ? ` (${e.evidence})` : ''}`).join('; ') || 'no endpoint probed';
    tell(deps, open.length ? MessageType.Warning : MessageType.Info, `LeakLens: ${summary}`);
    return r;
  }
  throw new ResponseError(ErrorCodes.InvalidParams, `LeakLens: unknown command "${params.command}"`);
}

function tell(deps: RequestDeps, type: MessageType, message: string): void {
  void deps.connection.sendNotification(ShowMessageNotification.type, { type, message });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
