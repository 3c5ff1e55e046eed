// The LeakLens GitHub Action (action.yml): scans the checked-out folder (or only what the branch adds
// since `diff-base`) and any built `artifacts`, writes SARIF, sets the `findings` and `sarif-file`
// outputs, annotates findings in the workflow run, optionally uploads the SARIF to code scanning,
// and fails the step on findings at or above `fail-on`. The scan is the CLI's own (runScan).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { combineReports, renderReport } from '../core/report';
import { severityCounts } from '../core/report/text';
import { atLeast, SEVERITIES, type Finding, type Report } from '../core/types';
import { parseCli, UsageError, type FailOn, type ScanArgs } from '../cli/args';
import { exitCodeFor } from '../cli/main';
import { runScan } from '../cli/scan';
import { expandArtifacts, parseList } from './artifacts';
import { ActionInputError, appendSummary, command, getBooleanInput, getInput, setOutput, type RunnerIo } from './runner';
import { uploadSarif } from './upload';

/** Annotations per run (GitHub shows at most 10 errors and 10 warnings per step anyway). */
const MAX_ANNOTATIONS = 50;

export interface ActionIo extends RunnerIo {
  cwd: string;
}

export async function runAction(io: ActionIo): Promise<number> {
  try {
    const workspace = resolve(io.env.GITHUB_WORKSPACE || io.cwd);
    const path = getInput(io, 'path') || '.';
    const failOn = (getInput(io, 'fail-on') || 'high') as FailOn;
    const diffBase = getInput(io, 'diff-base');
    const upload = getBooleanInput(io, 'upload-sarif');
    const warn = (m: string) => command(io, 'warning', {}, m);

    const args = parseCli(['scan', path, '--fail-on', failOn, ...(diffBase ? ['--diff', diffBase] : [])]) as ScanArgs;
    const source = await runScan(args, { cwd: workspace, warn });
    const prefix = relative(workspace, resolve(workspace, path)).split(sep).join('/');
    const parts = [underFolder(source.report, prefix)];
    const artifacts = expandArtifacts(parseList(getInput(io, 'artifacts')), workspace);
    for (const p of artifacts.unmatched) warn(`artifacts: nothing matches "${p}"`);
    if (artifacts.paths.length) {
      const scanned = await runScan(parseCli(['scan', ...artifacts.paths, '--fail-on', failOn]) as ScanArgs, { cwd: workspace, warn });
      parts.push(scanned.report); // paths relative to the workspace already (the current folder of the scan)
    }
    const report = combineReports(parts, path);

    const sarif = renderReport(report, 'sarif', { rules: source.engine.rules, rootUri: `${pathToFileURL(workspace).href}/` });
    const sarifFile = join(io.env.RUNNER_TEMP ? resolve(io.env.RUNNER_TEMP, 'leaklens') : workspace, 'leaklens.sarif');
    mkdirSync(dirname(sarifFile), { recursive: true });
    writeFileSync(sarifFile, sarif);
    setOutput(io, 'findings', String(report.findings.length));
    setOutput(io, 'sarif-file', sarifFile);
    annotate(io, report.findings);
    appendSummary(io, summary(report, diffBase, failOn));
    if (upload) {
      try {
        const r = await uploadSarif(io, sarif, getInput(io, 'token'), workspace);
        command(io, 'notice', {}, `SARIF uploaded to code scanning (${r.id || 'accepted'})`);
      } catch (e) {
        // e.g. a pull request from a fork (read-only token) or code scanning not enabled: the scan's verdict stands
        warn(`upload-sarif: ${(e as Error).message}`);
      }
    }
    const code = exitCodeFor(report, failOn);
    if (code) command(io, 'error', {}, `LeakLens: ${report.findings.filter((f) => failOn !== 'none' && atLeast(f.severity, failOn)).length} finding(s) at or above ${failOn}`);
    return code;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ActionInputError) {
      command(io, 'error', {}, `LeakLens: ${e.message}`);
      return 2;
    }
    command(io, 'error', {}, `LeakLens: internal error: ${(e as Error)?.message ?? String(e)}`);
    return 2;
  }
}

/** Report paths relative to the workspace (the repository root code scanning and annotations expect). */
function underFolder(report: Report, prefix: string): Report {
  if (!prefix) return report;
  const at = (file: string) => `${prefix}/${file}`;
  const move = <T extends { location: { file: string } }>(x: T): T => ({ ...x, location: { ...x.location, file: at(x.location.file) } });
  return {
    ...report,
    findings: report.findings.map((f) => ({ ...move(f), ...(f.related ? { related: f.related.map(move) } : {}) })),
    errors: report.errors.map((e) => ({ ...e, file: at(e.file) })),
  };
}

function annotate(io: RunnerIo, findings: readonly Finding[]): void {
  for (const f of findings.slice(0, MAX_ANNOTATIONS)) {
    const level = f.severity === 'critical' || f.severity === 'high' ? 'error' : f.severity === 'medium' ? 'warning' : 'notice';
    const l = f.location;
    // an archive entry's "line" is not a line of the file in the repository
    const place = l.entry ? { file: l.file } : { file: l.file, line: l.line, col: l.column, endLine: l.endLine, endColumn: l.endColumn };
    command(io, level, { ...place, title: `LeakLens ${f.ruleId}` }, `${f.message}${l.entry ? ` (in ${l.entry})` : ''}`);
  }
}

function summary(report: Report, diffBase: string, failOn: FailOn): string {
  const counts = severityCounts(report.findings);
  const scope = diffBase ? `what this branch adds since \`${diffBase}\`` : 'the whole folder';
  const rows = report.findings.slice(0, 30).map((f) => `| ${f.severity} | \`${f.ruleId}\` | \`${f.location.file}${f.location.entry ? `!/${f.location.entry}` : ''}:${f.location.line}\` | ${f.message.replace(/\|/g, '\\|')} |`);
  return [
    `### LeakLens: ${report.findings.length} finding(s) in ${scope}`,
    SEVERITIES.map((s) => `${s}: ${counts[s]}`).join(' · ') + ` (fails on ${failOn})`,
    ...(rows.length ? ['', '| severity | rule | where | what |', '|---|---|---|---|', ...rows] : []),
    ...(report.findings.length > rows.length ? [`… and ${report.findings.length - rows.length} more in the SARIF file.`] : []),
  ].join('\n');
}
