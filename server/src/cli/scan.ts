// `leaklens scan PATH…`: resolves the PATHs and the project's .leaklens.json, hands the paths'
// fragments (node/sources.ts) to the shared pipeline (pipeline.ts), optionally probes, builds the report.
import { access, constants, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine, type Engine } from '../core/engine';
import { parseProjectConfig, EMPTY_CONFIG, type ProjectConfig } from '../core/config';
import { buildReport } from '../core/report';
import type { EndpointResult, Finding, Report } from '../core/types';
import { isArtifactOnDisk } from '../node/artifact';
import { folderRulesContext, pathFragments, readInside } from '../node/sources';
import { toPosix } from '../node/walk';
import { UsageError, type ScanArgs } from './args';
import { runPipeline, type PipelineOptions } from './pipeline';
import { scanGit, type GitScanInput } from './gitScan';

export interface ScanIo {
  cwd: string;
  /** Called with each path as it is scanned (progress display). */
  progress?(rel: string, done: number): void;
  /** Called with internal errors (stack traces under --debug). */
  debug?(error: unknown, where: string): void;
  /** One line the user should read (stderr), e.g. that a shallow clone's history is partial. */
  warn?(message: string): void;
}

export interface ScanOutcome {
  report: Report;
  engine: Engine;
  /** `file:` URI of the folder report paths are relative to (SARIF `%SRCROOT%`). */
  rootUri: string;
}

interface Target { given: string; abs: string; isDir: boolean; isArtifact: boolean }

async function resolveTarget(given: string, cwd: string): Promise<Target> {
  const abs = resolve(cwd, given);
  let st;
  try {
    st = await stat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`cannot scan "${given}": no such file or folder`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`cannot scan "${given}": permission denied`);
    throw new UsageError(`cannot scan "${given}": ${code ?? 'cannot read it'}`);
  }
  if (!st.isFile() && !st.isDirectory()) throw new UsageError(`cannot scan "${given}": not a regular file or folder`);
  try {
    await access(abs, st.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch {
    throw new UsageError(`cannot scan "${given}": permission denied`);
  }
  return { given, abs, isDir: st.isDirectory(), isArtifact: isArtifactOnDisk(abs, st.isDirectory()) };
}

async function loadConfig(base: string): Promise<ProjectConfig> {
  let text: string;
  try {
    text = await readFile(join(base, '.leaklens.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_CONFIG;
    throw new UsageError(`cannot read .leaklens.json: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return parseProjectConfig(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export async function runScan(args: ScanArgs, io: ScanIo): Promise<ScanOutcome> {
  const targets: Target[] = [];
  for (const p of args.paths) targets.push(await resolveTarget(p, io.cwd));
  // One folder: paths relative to it. Otherwise (a file, an artifact, several PATHs): to the cwd.
  // A single file outside the cwd: relative to its own folder (no `../..` paths).
  const one = targets.length === 1 ? targets[0] : undefined;
  const base = one?.isDir && !one.isArtifact ? one.abs
    : one && relative(io.cwd, one.abs).startsWith('..') ? dirname(one.abs) : io.cwd;
  const config = await loadConfig(base);
  const engineConfig = { ruleSettings: config.rules, baseline: config.baseline.map((b) => b.fingerprint), ...(args.where ? { where: args.where } : {}) };
  const engine = createEngine(engineConfig);
  const relOf = (abs: string) => toPosix(relative(base, abs)) || basename(abs);
  const maxBytes = args.maxFileSizeKb * 1024;
  let done = 0;
  const progress = io.progress && ((what: string, n: number) => io.progress?.(what, (done = n)));

  const folders = targets.filter((t) => t.isDir && !t.isArtifact).map((t) => t.abs);
  const fragments = pathFragments(targets.map((t) => ({ ...t, rel: relOf(t.abs) })), {
    base,
    exclude: [...config.exclude, ...args.exclude],
    defaultExcludes: args.defaultExcludes,
    isScannable: (rel) => engine.isScannable(rel),
  });
  const pipeline = { engine, engineConfig, maxBytes, parallel: folders.length > 0, progress, debug: io.debug };
  const { findings, errors } = args.git ? await scanGit(gitInput(args, targets, pipeline, config.exclude, io)) : await runPipeline(
    fragments,
    // a helper thread only when a folder may hold enough files for it (an artifact or a named file never does)
    pipeline,
    {
      readNamedFile: readInside(base, maxBytes),
      // A project (a folder PATH) that keeps no rules for a database/bucket its app ships: `firebase-rules-missing`.
      rulesContext: folders.length ? () => folderRulesContext(folders, base, args.defaultExcludes, maxBytes) : undefined,
    },
  );
  const probed = args.probe ? await probeOrUsageError(findings, args, io, () => done) : undefined;
  const root = targets.length === 1 ? targets[0].given : '.';
  const report = buildReport({ root, findings: probed?.findings ?? findings, errors, probed: probed?.endpoints });
  const uri = pathToFileURL(base).href;
  return { report, engine, rootUri: uri.endsWith('/') ? uri : `${uri}/` };
}

/** `--staged`, `--diff`, `--history`: one folder in a git repository (cli/gitScan.ts). */
function gitInput(args: ScanArgs, targets: readonly Target[], pipeline: PipelineOptions, configExclude: readonly string[], io: ScanIo): GitScanInput {
  const [t] = targets;
  if (!t.isDir || t.isArtifact) throw new UsageError(`--${args.git!.mode} scans a folder of a git repository; "${t.given}" is not a folder`);
  return {
    mode: args.git!, folder: t.abs, given: t.given, exclude: [...configExclude, ...args.exclude], defaultExcludes: args.defaultExcludes,
    pipeline: { ...pipeline, parallel: false }, warn: (m) => io.warn?.(m),
  };
}

/** `--probe`: the findings re-graded and the endpoints' results. Bad probe options are usage errors. */
async function probeOrUsageError(findings: Finding[], args: ScanArgs, io: ScanIo, done: () => number): Promise<{ findings: Finding[]; endpoints: EndpointResult[] }> {
  try {
    // loaded only when asked for: the HTTP client is most of the bundle's start-up time
    const { probeFindings } = await import('../probe');
    return await probeFindings(findings, {
      allowWrite: args.allowWriteProbes,
      overrides: args.overrides,
      onProgress: (message) => io.progress?.(message, done()),
    });
  } catch (e) {
    io.debug?.(e, 'probes');
    // probeFindings throws only for bad options (e.g. an override it does not know): a usage error.
    throw new UsageError(`--probe: ${(e as Error)?.message ?? String(e)}`);
  }
}
