// `leaklens lsp [--stdio]`: starts the language server the VS Code extension ships (server.js, the
// bundle beside cli.js) for other editors (docs/editors.md). Its own parsing, so cli/main.ts only
// dispatches to it.
import { parseArgs } from 'node:util';
import { optionError, UsageError } from './args';

export const LSP_HELP = `Usage: leaklens lsp [--stdio | --socket=PORT | --pipe=NAME | --node-ipc] [--clientProcessId=PID]

Starts the LeakLens language server for editors other than VS Code: diagnostics as you type, hover,
quick fixes and the workspace/executeCommand "leaklens.scanWorkspace". Speaks LSP over standard
input/output unless another transport is given. Settings: initializationOptions or the "leaklens"
section of workspace/configuration (the keys of VS Code's leaklens.* settings). Editor setups:
https://github.com/leaklens/leaklens/blob/main/docs/editors.md

Options:
  --stdio              LSP over standard input/output (the default)
  --socket=PORT        connect to the editor's socket on 127.0.0.1:PORT
  --pipe=NAME          connect to the editor's named pipe / Unix socket
  --node-ipc           Node IPC (when the editor forks the server with an IPC channel)
  --clientProcessId=PID  exit when that process is gone
  -h, --help           show this help
`;

export type LspArgs = { command: 'help' } | { command: 'lsp'; serverArgv: string[] };

/** Arguments after `lsp` → the command line the server bundle reads (vscode-languageserver's own flags). */
export function parseLspArgs(argv: readonly string[]): LspArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        stdio: { type: 'boolean' },
        socket: { type: 'string' },
        pipe: { type: 'string' },
        'node-ipc': { type: 'boolean' },
        clientProcessId: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw optionError(e, 'lsp: ', 'leaklens lsp --help');
  }
  if (values.help) return { command: 'help' };
  const transports = [
    values.stdio ? '--stdio' : undefined,
    values.socket !== undefined ? `--socket=${whole(values.socket, '--socket', 1, 65535)}` : undefined,
    values.pipe !== undefined ? `--pipe=${nonEmpty(values.pipe, '--pipe')}` : undefined,
    values['node-ipc'] ? '--node-ipc' : undefined,
  ].filter((t): t is string => t !== undefined);
  if (transports.length > 1) throw new UsageError(`lsp: choose one transport, not ${transports.map((t) => t.split('=')[0]).join(' and ')}`);
  const serverArgv = [transports[0] ?? '--stdio'];
  if (values.clientProcessId !== undefined) serverArgv.push(`--clientProcessId=${whole(values.clientProcessId, '--clientProcessId', 1, 2 ** 31 - 1)}`);
  return { command: 'lsp', serverArgv };
}

/** `leaklens lsp …`: its help, or the server (which keeps the process alive); a bad option throws a UsageError. */
export async function runLspCommand(argv: readonly string[], io: { stdout: NodeJS.WritableStream }): Promise<number> {
  const args = parseLspArgs(argv);
  if (args.command === 'help') await new Promise<void>((res, rej) => io.stdout.write(LSP_HELP, (e) => (e ? rej(e) : res())));
  else await startLanguageServer(args.serverArgv);
  return 0;
}

/**
 * Loads the server bundle, which connects and listens as it loads (it reads its transport from
 * process.argv). The process then lives until the editor sends `exit` or closes the stream.
 */
export async function startLanguageServer(serverArgv: readonly string[]): Promise<void> {
  process.argv = [process.argv[0], process.argv[1], ...serverArgv];
  // Bundled as require('./server.js') (scripts/build.mjs): the same file the VSIX ships.
  await import('../lsp/server');
}

function whole(raw: string, flag: string, min: number, max: number): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`lsp: ${flag} must be a whole number between ${min} and ${max}, not "${raw}"`);
  return n;
}

function nonEmpty(raw: string, flag: string): string {
  if (!raw.trim()) throw new UsageError(`lsp: ${flag} needs a name`);
  return raw;
}
