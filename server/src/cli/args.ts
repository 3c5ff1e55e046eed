// Command-line parsing and validation. Every user mistake becomes a UsageError with one sentence.
import { parseArgs } from 'node:util';
import { REPORT_FORMATS, type ReportFormat } from '../core/report';
import { SEVERITIES, WHERES, type Severity, type Where } from '../core/types';
import { OVERRIDE_KEYS, parseOverrides as parseProbeOverrides } from '../probe/policy';

export class UsageError extends Error {}

export type FailOn = Severity | 'none';

export interface ScanArgs {
  command: 'scan';
  paths: string[];
  format: ReportFormat;
  output?: string;
  probe: boolean;
  allowWriteProbes: boolean;
  overrides: Record<string, string>;
  failOn: FailOn;
  exclude: string[];
  defaultExcludes: boolean;
  maxFileSizeKb: number;
  debug: boolean;
  /** `--where app,build,ci,test`: only findings that live there; undefined = all. */
  where?: Where[];
  /** `--staged`, `--diff REF`, `--history [--since REF]`: what git holds instead of the folder (DESIGN §5). */
  git?: GitMode;
}

export type GitMode = { mode: 'staged' } | { mode: 'diff'; base: string } | { mode: 'history'; since?: string };

export type CliArgs = ScanArgs | { command: 'help' } | { command: 'version' };

/** Default `--fail-on`: a CI run fails on high and critical findings. */
export const DEFAULT_FAIL_ON: FailOn = 'high';
export const DEFAULT_MAX_FILE_SIZE_KB = 1024;
const MAX_FILE_SIZE_KB_LIMIT = 1024 * 1024; // 1 GiB

export const HELP = `Usage: leaklens scan PATH… [options]

Finds cloud-storage leaks (Firebase, S3, GCS, Azure, Supabase…) in mobile app projects and in built
APK/AAB/IPA/.app/.xcarchive artifacts. PATH may be a folder, a file or an artifact.

Options:
  --format text|json|sarif|html  report format (default: text)
  --output FILE                  write the report to FILE instead of standard output
  --probe                        probe every endpoint found (read-only requests)
  --allow-write-probes           also try a write (unique object, deleted right away); needs --probe
  --endpoint-override P=URL      send provider P's probes to a local stand-in (repeatable;
                                 P: ${OVERRIDE_KEYS.join(', ')})
  --fail-on SEVERITY             exit 1 when a finding is at least this severe
                                 (critical|high|medium|low|info|none; default: ${DEFAULT_FAIL_ON})
  --exclude GLOB                 skip matching paths (repeatable; a glob without "/" matches names)
  --no-default-excludes          also scan node_modules, build, Pods, .git and the like
  --max-file-size KB             skip text files larger than this (default: ${DEFAULT_MAX_FILE_SIZE_KB})
  --where LIST                   only findings that live in these parts (comma-separated, repeatable):
                                 app (ships), build, ci, test; outside app a finding is one severity lower
  --staged                       scan what \`git commit\` would add (the index's version of staged files)
  --diff REF                     scan the lines added since the merge base of REF and HEAD (a pull request)
  --history                      scan every commit reachable from HEAD; each value once, with the commit
                                 that introduced it and whether HEAD still holds it
  --since REF                    with --history: only commits not reachable from REF
  --debug                        print stack traces for internal errors
  -h, --help                     show this help
  -v, --version                  show the version

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or fatal error.

Many apps: leaklens batch INPUT… (one JSON line per artifact; see leaklens batch --help)
           leaklens summary FILE.jsonl… (one report over batch output; see leaklens summary --help)
Editors:   leaklens lsp [--stdio] (the language server for editors other than VS Code; see leaklens lsp --help)
`;

/** A node:util parseArgs error as one usage sentence; `prefix` names the subcommand, `help` where to look. */
export function optionError(e: unknown, prefix: string, help: string): UsageError {
  const message = firstLine((e as Error).message);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  const extra = /^Unexpected argument '([^']+)'/.exec(message);
  return new UsageError(`${prefix}${unknown ? `unknown option "${unknown[1]}"` : extra ? `unexpected argument "${extra[1]}"` : message} (see ${help})`);
}

export function parseCli(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        probe: { type: 'boolean' },
        'allow-write-probes': { type: 'boolean' },
        'endpoint-override': { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        'no-default-excludes': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        where: { type: 'string', multiple: true },
        staged: { type: 'boolean' },
        diff: { type: 'string' },
        history: { type: 'boolean' },
        since: { type: 'string' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw optionError(e, '', '--help');
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: 'help' };
  if (v.version) return { command: 'version' };
  const [command, ...named] = positionals;
  if (command === undefined) throw new UsageError('missing command: use "leaklens scan PATH…" (see --help)');
  if (command === 'help') return { command: 'help' };
  if (command !== 'scan') throw new UsageError(`unknown command "${command}": use "leaklens scan PATH…" (see --help)`);
  const git = gitMode(v);
  const paths = git && named.length === 0 ? ['.'] : named;
  if (paths.length === 0) throw new UsageError('scan needs at least one PATH (see --help)');
  if (git && paths.length > 1) throw new UsageError(`--${git.mode} scans one folder of a git repository, not ${paths.length} PATHs`);

  const format = (v.format ?? 'text') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${v.format}"`);
  const failOn = (v['fail-on'] ?? DEFAULT_FAIL_ON) as FailOn;
  if (failOn !== 'none' && !SEVERITIES.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, none, not "${v['fail-on']}"`);
  }
  let maxFileSizeKb = DEFAULT_MAX_FILE_SIZE_KB;
  if (v['max-file-size'] !== undefined) {
    const raw = v['max-file-size'];
    maxFileSizeKb = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(maxFileSizeKb >= 1 && maxFileSizeKb <= MAX_FILE_SIZE_KB_LIMIT)) {
      throw new UsageError(`--max-file-size must be a whole number of KB between 1 and ${MAX_FILE_SIZE_KB_LIMIT}, not "${raw}"`);
    }
  }
  if (v['allow-write-probes'] && !v.probe) throw new UsageError('--allow-write-probes needs --probe');
  if (v.output === '') throw new UsageError('--output needs a file name');
  return {
    command: 'scan',
    paths,
    format,
    output: v.output,
    probe: !!v.probe,
    allowWriteProbes: !!v['allow-write-probes'],
    overrides: parseOverrides(v['endpoint-override'] ?? []),
    failOn,
    exclude: v.exclude ?? [],
    defaultExcludes: !v['no-default-excludes'],
    maxFileSizeKb,
    debug: !!v.debug,
    ...(v.where ? { where: parseWhere(v.where) } : {}),
    ...(git ? { git } : {}),
  };
}

function parseWhere(items: readonly string[]): Where[] {
  const out = new Set<Where>();
  for (const part of items.flatMap((i) => i.split(','))) {
    const w = part.trim().toLowerCase();
    if (!(WHERES as readonly string[]).includes(w)) throw new UsageError(`--where takes ${WHERES.join(', ')} (comma-separated), not "${part.trim()}"`);
    out.add(w as Where);
  }
  return [...out];
}

function gitMode(v: { staged?: boolean; diff?: string; history?: boolean; since?: string }): GitMode | undefined {
  const modes = [v.staged && '--staged', v.diff !== undefined && '--diff', v.history && '--history'].filter(Boolean);
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined: pick one`);
  if (v.since !== undefined && !v.history) throw new UsageError('--since needs --history');
  if (v.diff === '' || v.since === '') throw new UsageError(`--${v.diff === '' ? 'diff' : 'since'} needs a revision (a branch, tag or commit)`);
  if (v.staged) return { mode: 'staged' };
  if (v.diff !== undefined) return { mode: 'diff', base: v.diff };
  if (v.history) return { mode: 'history', ...(v.since !== undefined ? { since: v.since } : {}) };
  return undefined;
}

export function parseOverrides(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const provider = eq > 0 ? item.slice(0, eq).trim().toLowerCase() : '';
    const base = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (!provider || !base) throw new UsageError(`--endpoint-override must look like PROVIDER=URL, not "${item}"`);
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new UsageError(`--endpoint-override ${provider}: "${base}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint-override ${provider}: URL must be http or https`);
    try {
      parseProbeOverrides({ [provider]: base }); // the probe policy's own check (keys and aliases)
    } catch (e) {
      throw new UsageError(`--endpoint-override: ${(e as Error).message}`);
    }
    out[provider] = base.replace(/\/+$/, '');
  }
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
