// Runs the built CLI as a user would (`node server/out/cli.js scan DIR --format json`) and returns
// its findings as scoring input. The eval scripts judge the shipped bundle, not the sources.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Scored } from '../../test/helpers/labels';

export const CLI = resolve(__dirname, '../../server/out/cli.js');

export interface CliFinding extends Scored {
  ruleId: string;
  where?: string;
}

export interface CliScan {
  findings: CliFinding[];
  errors: Array<{ file: string; message: string }>;
}

/** Scans one folder with `--fail-on none`; a crash or unreadable report throws with the CLI's stderr. */
export function scanFolder(dir: string): CliScan {
  const tmp = mkdtempSync(join(tmpdir(), 'leaklens-eval-'));
  try {
    const out = join(tmp, 'report.json');
    const r = spawnSync(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--fail-on', 'none', '--output', out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`leaklens scan ${dir} exited ${r.status}: ${r.stderr.trim()}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      findings: Array<{ ruleId: string; where?: string; location: { file: string; line: number; endLine: number } }>;
      errors: CliScan['errors'];
    };
    return {
      findings: report.findings.map((f) => ({ ruleId: f.ruleId, where: f.where, file: f.location.file, line: f.location.line, endLine: f.location.endLine })),
      errors: report.errors,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
