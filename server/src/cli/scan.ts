// The scan behind `leaklens scan`: resolves the PATHs, walks folders, streams text files through
// the engine (batching only the files cross-file analyzers need), scans artifacts, optionally probes.
import { existsSync, statSync, readFileSync } from 'node:fs';
import { scanFiles, startScanWorker } from './parallel';
import type { FileJob } from './files';
import { access, constants, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine, type Engine } from '../core/engine';
import { isArtifactPath } from '../core/artifact';
import { isFirebaseRulesContext, joinMisconfig, namesFirebaseStore, type ProjectFile } from '../core/misconfig';
import { firebaseJsonRules } from '../core/misconfig/firebaseJson';
import { parseProjectConfig, EMPTY_CONFIG, type ProjectConfig } from '../core/config';
import { buildReport } from '../core/report';
import type { EndpointResult, Finding, Report, ScanError } from '../core/types';
import { scanArtifactPath } from '../node/artifact';
import { toPosix, walk } from '../node/walk';
import { UsageError, type ScanArgs } from './args';

export interface ScanIo {
  cwd: string;
  /** Called with each path as it is scanned (progress display). */
  progress?(rel: string, done: number): void;
  /** Called with internal errors (stack traces under --debug). */
  debug?(error: unknown, where: string): void;
}

export interface ScanOutcome {
  report: Report;
  engine: Engine;
  /** `file:` URI of the folder report paths are relative to (SARIF `%SRCROOT%`). */
  rootUri: string;
}

/** Total text kept in memory for the cross-file analyzers (Supabase migrations, rules files). */
const MISCONFIG_BATCH_LIMIT = 64 * 1024 * 1024;

interface Target { given: string; abs: string; isDir: boolean }

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
  return { given, abs, isDir: st.isDirectory() };
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
  const base = one?.isDir && !isArtifactPath(one.abs) ? one.abs
    : one && relative(io.cwd, one.abs).startsWith('..') ? dirname(one.abs) : io.cwd;
  const config = await loadConfig(base);
  const engineOptions = { ruleSettings: config.rules, baseline: config.baseline.map((b) => b.fingerprint) };
  const engine = createEngine(engineOptions);
  const relOf = (abs: string) => toPosix(relative(base, abs)) || basename(abs);

  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const batch: ProjectFile[] = [];
  /** Files that only help join rules findings to the app's config (google-services.json). */
  const joinContext: ProjectFile[] = [];
  let batchBytes = 0;
  let done = 0;
  const maxBytes = args.maxFileSizeKb * 1024;

  const add = (r: { findings: Finding[]; errors: ScanError[] }) => {
    findings.push(...r.findings);
    errors.push(...r.errors);
  };
  const internal = (e: unknown, file: string) => {
    io.debug?.(e, file);
    errors.push({ file, entry: null, message: `internal error while scanning: ${(e as Error)?.message ?? String(e)}` });
  };

  // 1. What to read, in walk order (paths only); a helper thread starts meanwhile when a folder may
  // hold enough files for it (an artifact or a named file never does).
  const helper = targets.some((t) => t.isDir && !isArtifactPath(t.abs)) ? startScanWorker(engineOptions, maxBytes) : undefined;
  type Item = { kind: 'file'; job: FileJob } | { kind: 'artifact'; abs: string; rel: string } | { kind: 'skipped'; error: ScanError };
  const items: Item[] = [];
  for (const t of targets) {
    if (isArtifactPath(t.abs)) items.push({ kind: 'artifact', abs: t.abs, rel: relOf(t.abs) });
    else if (!t.isDir) items.push({ kind: 'file', job: { abs: t.abs, rel: relOf(t.abs) } }); // a named file is scanned whatever its extension
    else {
      const walked = walk(t.abs, {
        base,
        exclude: [...config.exclude, ...args.exclude],
        defaultExcludes: args.defaultExcludes,
        isScannable: (rel) => engine.isScannable(rel),
        isArtifact: isArtifactPath,
      });
      for (const item of walked) {
        if (item.type === 'file') items.push({ kind: 'file', job: { abs: item.abs, rel: item.rel } });
        else if (item.type === 'artifact') items.push({ kind: 'artifact', abs: item.abs, rel: item.rel });
        else items.push({ kind: 'skipped', error: { file: item.rel, entry: null, message: `${item.reason}; skipped` } });
      }
    }
  }

  // 2. Text files on two cores; 3. results merged in walk order, artifacts scanned in their place.
  const jobs = items.flatMap((i) => (i.kind === 'file' ? [i.job] : []));
  const outcomes = await scanFiles(jobs, engine, maxBytes, helper, (rel) => io.progress?.(rel, ++done));
  let next = 0;
  for (const item of items) {
    if (item.kind === 'skipped') { errors.push(item.error); continue; }
    if (item.kind === 'artifact') {
      io.progress?.(item.rel, ++done);
      try {
        add(await scanArtifactPath(engine, item.abs, item.rel, { onProgress: (m) => io.progress?.(`${item.rel}: ${m}`, done) }));
      } catch (e) {
        internal(e, item.rel);
      }
      continue;
    }
    const o = outcomes[next++];
    if (o.compiled) {
      // a binary the engine knows (a DEX, a Mach-O, a binary plist…): read as an artifact
      try {
        add(await scanArtifactPath(engine, item.job.abs, item.job.rel));
      } catch (e) {
        internal(e, item.job.rel);
      }
      continue;
    }
    add(o);
    if (o.context) joinContext.push(o.context);
    if (!o.batch) continue;
    if (batchBytes + o.batch.text.length <= MISCONFIG_BATCH_LIMIT) {
      batch.push(o.batch);
      batchBytes += o.batch.text.length;
    } else {
      try {
        add(engine.scanText(o.batch.path, o.batch.text));
      } catch (e) {
        internal(e, o.batch.path);
      }
    }
  }
  // Rules files that a firebase.json names under other names join the batch (read once more;
  // the string findings this repeats are dropped by `dedupe`).
  for (const path of namedRulesFiles(batch)) {
    const abs = resolve(base, path);
    if (!abs.startsWith(base + sep) || batchBytes > MISCONFIG_BATCH_LIMIT) continue;
    try {
      const st = statSync(abs);
      if (!st.isFile() || st.size > maxBytes) continue;
      const text = readFileSync(abs, 'utf8');
      batch.push({ path, text });
      batchBytes += text.length;
    } catch {
      // missing or unreadable: the analyzer reports the firebase.json reference on its own
    }
  }
  if (batch.length) {
    try {
      add(engine.scanProject(batch));
    } catch (e) {
      internal(e, batch[0].path);
    }
  }

  // A project (a folder PATH) that keeps no rules for a database/bucket its app ships: `firebase-rules-missing`.
  // Whether it keeps them is a fact about the folder, not about what --exclude left to scan (as in the editor).
  const folders = targets.filter((t) => t.isDir && !isArtifactPath(t.abs));
  if (folders.length && namesFirebaseStore(findings)) {
    const context = folders.flatMap((t) => firebaseContextFiles(t.abs, base, args.defaultExcludes, maxBytes));
    const exists = (p: string) => {
      const abs = resolve(base, p);
      return abs.startsWith(base + sep) && existsSync(abs);
    };
    add({ findings: engine.missingRules(findings, context, exists), errors: [] });
  }
  // open rules ↔ the database/bucket they open, both ways (`related`)
  let reported = joinMisconfig(dedupe(findings), [...batch, ...joinContext]);
  let probed: EndpointResult[] | undefined;
  if (args.probe) {
    let outcome;
    try {
      // loaded only when asked for: the HTTP client is most of the bundle's start-up time
      const { probeFindings } = await import('../probe');
      outcome = await probeFindings(reported, {
        allowWrite: args.allowWriteProbes,
        overrides: args.overrides,
        onProgress: (message) => io.progress?.(message, done),
      });
    } catch (e) {
      io.debug?.(e, 'probes');
      // probeFindings throws only for bad options (e.g. an override it does not know): a usage error.
      throw new UsageError(`--probe: ${(e as Error)?.message ?? String(e)}`);
    }
    reported = outcome.findings;
    probed = outcome.endpoints;
  }
  const root = targets.length === 1 ? targets[0].given : '.';
  const report = buildReport({ root, findings: reported, errors, probed });
  const uri = pathToFileURL(base).href;
  return { report, engine, rootUri: uri.endsWith('/') ? uri : `${uri}/` };
}

/** The Firebase context files under a folder (firebase.json, .firebaserc, google-services.json, rules), default excludes only. */
function firebaseContextFiles(folder: string, base: string, defaultExcludes: boolean, maxBytes: number): ProjectFile[] {
  const out: ProjectFile[] = [];
  for (const item of walk(folder, { base, defaultExcludes, isScannable: isFirebaseRulesContext, isArtifact: () => false })) {
    if (item.type !== 'file' || out.length >= 200) continue;
    try {
      if (statSync(item.abs).size <= maxBytes) out.push({ path: item.rel, text: readFileSync(item.abs, 'utf8') });
    } catch {
      // unreadable: it was reported by the main walk if it is a project file
    }
  }
  return out;
}

function namedRulesFiles(batch: readonly ProjectFile[]): string[] {
  const have = new Set(batch.map((f) => f.path));
  const out = new Set<string>();
  for (const f of batch) {
    if (!/(?:^|\/)firebase\.json$/.test(f.path)) continue;
    for (const ref of firebaseJsonRules(f.path, f.text)) if (!have.has(ref.path)) out.add(ref.path);
  }
  return [...out];
}

/** The same finding reached twice (overlapping PATHs) is reported once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.fingerprint}:${f.location.line}:${f.location.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
