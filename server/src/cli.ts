// CLI entry: `leaklens scan PATH…` (DESIGN §5). The command lives in cli/main.ts.
import { main } from './cli/main';
import { runScanWorker } from './cli/parallel';

// The same bundle runs the scan worker thread (cli/parallel.ts); only the main thread runs the command.
if (!runScanWorker()) main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`leaklens: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
