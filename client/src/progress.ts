// Runs a server request with a work-done token, mirroring the server's progress in a cancellable
// VS Code notification; cancelling sends $/cancelRequest.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';

export function withServerProgress<R>(
  client: LanguageClient,
  title: string,
  run: (workDoneToken: string, token: vscode.CancellationToken) => Promise<R>,
): Thenable<R> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const workDoneToken = randomUUID();
    let last = 0;
    const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
      if (v.kind === 'end') return;
      const pct = v.percentage ?? last;
      progress.report({ message: v.message, increment: Math.max(0, pct - last) });
      last = Math.max(last, pct);
    });
    try {
      return await run(workDoneToken, token);
    } finally {
      sub.dispose();
    }
  });
}

/** True for the error a cancelled request rejects with. */
export function isCancellation(e: unknown): boolean {
  return (e as { code?: number })?.code === -32800 || (e as Error)?.name === 'Canceled' || /cancel/i.test((e as Error)?.message ?? '');
}
