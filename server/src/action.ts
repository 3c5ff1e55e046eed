// GitHub Action entry (action.yml → dist/action.js, built by scripts/build-action.mjs; on release tags only). The step's
// exit code: 0 below `fail-on`, 1 at or above it, 2 for bad inputs or a fatal error.
import { runAction } from './action/main';
import { runScanWorker } from './cli/parallel';

// The same bundle runs the scan's helper thread (cli/parallel.ts); only the main thread runs the action.
if (!runScanWorker()) runAction({ cwd: process.cwd(), env: process.env, stdout: process.stdout }).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stdout.write(`::error::LeakLens: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
