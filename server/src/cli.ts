// CLI entry: `leaklens scan PATH…`, `batch`, `summary` (DESIGN §5). The commands live in cli/main.ts.
import './cli/heap';
import { main } from './cli/main';
import { runScanWorker } from './cli/parallel';
import { runBatchWorker } from './cli/batch/worker';

// The same bundle runs the scan worker thread (cli/parallel.ts) and the batch worker processes
// (cli/batch/worker.ts); only the main process's main thread runs the command.
if (!runScanWorker() && !runBatchWorker()) main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`leaklens: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
