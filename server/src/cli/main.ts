// `leaklens` command: parse, scan, render, write, exit code. User mistakes: one line on stderr.
import { writeFile } from 'node:fs/promises';
import { renderReport } from '../core/report';
import { summaryLine } from '../core/report/text';
import { atLeast, type Report } from '../core/types';
import { VERSION } from '../core/version';
import { HELP, parseCli, UsageError, type FailOn } from './args';
import { runLspCommand } from './lsp';
import { runScan } from './scan';
import { runBatchCommand } from './batch';
import { runSummaryCommand } from './summary';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export function exitCodeFor(report: Report, failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  return report.findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    // these commands parse their own options (cli/batch/args.ts, cli/summary.ts, cli/lsp.ts)
    if (argv[0] === 'batch') return await runBatchCommand(argv.slice(1), { ...io, stdin: io.stdin ?? process.stdin });
    if (argv[0] === 'summary') return await runSummaryCommand(argv.slice(1), io);
    if (argv[0] === 'lsp') return await runLspCommand(argv.slice(1), io);
    const args = parseCli(argv);
    if (args.command === 'help' || args.command === 'version') {
      await write(io.stdout, args.command === 'help' ? HELP : `${VERSION}\n`);
      return 0;
    }

    const progress = io.stderr.isTTY ? progressLine(io.stderr) : undefined;
    const { report, engine, rootUri } = await runScan(args, {
      cwd: io.cwd,
      progress: progress?.update,
      warn: (message) => io.stderr.write(`leaklens: ${message}\n`),
      debug: debug ? (e, where) => io.stderr.write(`leaklens: internal error in ${where}:\n${(e as Error)?.stack ?? String(e)}\n`) : undefined,
    });
    progress?.clear();

    const toFile = args.output !== undefined;
    const color = !toFile && args.format === 'text' && !!io.stdout.isTTY && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
    const text = renderReport(report, args.format, { rules: engine.rules, rootUri, color });
    if (toFile) {
      try {
        await writeFile(args.output as string, text);
      } catch (e) {
        throw new UsageError(`cannot write "${args.output}": ${describeFsError(e)}`);
      }
      io.stderr.write(`leaklens: ${summaryLine(report)}; report written to ${args.output}\n`);
    } else {
      await write(io.stdout, text);
    }
    return exitCodeFor(report, args.failOn);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`leaklens: ${e.message}\n`);
      if (debug && e.stack) io.stderr.write(`${e.stack}\n`);
    } else {
      io.stderr.write(`leaklens: internal error: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}${debug ? '' : ' (run with --debug for details)'}\n`);
      if (debug) io.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    }
    return 2;
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return code ?? 'error';
}

/** Writes and waits for the stream to accept it (large reports on a pipe). */
function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((res, rej) => stream.write(text, (err) => (err ? rej(err) : res())));
}

/** One self-overwriting progress line on a TTY, redrawn at most every 100 ms. */
function progressLine(stream: NodeJS.WriteStream) {
  let last = 0;
  let shown = false;
  const width = () => Math.max(20, (stream.columns ?? 80) - 1);
  return {
    update(what: string, done: number) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[K${`scanning ${done}: ${what}`.slice(0, width())}`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
