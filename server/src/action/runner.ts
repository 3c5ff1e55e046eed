// The GitHub Actions runner protocol a JavaScript action speaks: inputs from `INPUT_*` variables,
// outputs appended to the `GITHUB_OUTPUT` file (multi-line safe delimiter form), workflow commands
// (annotations) on stdout, a job summary in `GITHUB_STEP_SUMMARY`. Written here rather than taken
// from @actions/core, which would bring its HTTP client (undici) into the Action bundle.
// Reference: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

export interface RunnerIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown };
}

/** An input as the runner passes it: `INPUT_<NAME>` with spaces as `_`, upper-cased (hyphens kept), trimmed. */
export function getInput(io: RunnerIo, name: string): string {
  return (io.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function getBooleanInput(io: RunnerIo, name: string): boolean {
  const v = getInput(io, name).toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new ActionInputError(`input "${name}" must be true or false, not "${getInput(io, name)}"`);
}

export class ActionInputError extends Error {}

/** `name<<DELIMITER\nvalue\nDELIMITER` in GITHUB_OUTPUT; the delimiter is random, so no value can end it early. */
export function setOutput(io: RunnerIo, name: string, value: string): void {
  const file = io.env.GITHUB_OUTPUT;
  if (!file) {
    command(io, 'warning', {}, `GITHUB_OUTPUT is not set: output ${name} not written`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`, 'utf8');
}

export function appendSummary(io: RunnerIo, markdown: string): void {
  if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, `${markdown}\n`, 'utf8');
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…::message` and friends. */
export function command(io: RunnerIo, name: 'error' | 'warning' | 'notice', props: Record<string, string | number | undefined>, message: string): void {
  const p = Object.entries(props).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  io.stdout.write(`::${name}${p ? ` ${p}` : ''}::${escapeData(message)}\n`);
}
