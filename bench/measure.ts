// Runs a command and reports wall time and peak RSS (through GNU time), for side-by-side benches.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  wallMs: number;
  maxRssMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Installs a Debian package when `binary` is missing (benches install what they need themselves). */
export function ensureTool(binary: string, debianPackage: string): void {
  if (existsSync(binary)) return;
  console.error(`installing ${debianPackage} for ${binary}…`);
  spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  const r = spawnSync('apt-get', ['install', '-y', debianPackage], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`could not install ${debianPackage}`);
}

export function measure(command: string, args: string[], options: { cwd?: string; shell?: boolean } = {}): Measurement {
  ensureTool('/usr/bin/time', 'time');
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-bench-'));
  const out = join(dir, 'time');
  const argv = options.shell ? ['bash', '-c', command] : [command, ...args];
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, ...argv], {
    cwd: options.cwd, encoding: 'utf8', maxBuffer: 1 << 30,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKb = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
  rmSync(dir, { recursive: true, force: true });
  return { wallMs, maxRssMb: rssKb / 1024, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Best (lowest wall time) of `runs` measurements, the usual way to compare on a shared machine. */
export function best(runs: number, run: () => Measurement): Measurement {
  let b: Measurement | undefined;
  for (let i = 0; i < runs; i++) {
    const m = run();
    if (!b || m.wallMs < b.wallMs) b = m;
  }
  return b!;
}

export const fmt = (n: number, digits = 1): string => n.toFixed(digits);
