// The git sources of `leaklens scan` (DESIGN §5): `--staged` and `--diff REF` hand the changed
// blobs (plus the snapshot's cross-file context) to the shared pipeline and keep the findings on
// added lines; `--history` (cli/historyScan.ts) streams every blob commits introduced through the
// engine and keeps each value once, with its commit. git's errors a user can fix become UsageErrors (exit 2).
import { isArtifactPath } from '../core/artifact';
import { MISCONFIG_BATCH_LIMIT, type Collected } from '../core/pipeline/collect';
import { BINARY_SNIFF_BYTES, textOfBytes, type Fragment } from '../core/pipeline/fragment';
import { touchesAdded } from '../core/git/patch';
import { isFirebaseRulesContext, isMisconfigFile } from '../core/misconfig';
import { firebaseJsonRules } from '../core/misconfig/firebaseJson';
import type { Engine } from '../core/engine';
import type { Finding } from '../core/types';
import { DEFAULT_EXCLUDES, excludeMatcher, inDefaultExcludedFolder } from '../node/walk';
import { GitError, openRepo, type Repo } from '../node/git';
import { BlobReader } from '../node/gitBlobs';
import { diffChanges, stagedChanges, type ChangeSet } from '../node/gitChanges';
import { UsageError, type GitMode } from './args';
import { runPipeline, type PipelineOptions } from './pipeline';
import { ARTIFACT_BLOB_LIMIT, scanHistory } from './historyScan';

/** Unchanged files read as cross-file context for a staged or pull-request scan. */
const CONTEXT_FILES = 500;

export interface GitScanInput {
  mode: GitMode;
  /** The scanned folder (absolute) and the PATH as given. */
  folder: string;
  given: string;
  exclude: readonly string[];
  defaultExcludes: boolean;
  pipeline: PipelineOptions;
  /** One line for the user on stderr (e.g. "shallow clone: history is partial"). */
  warn(message: string): void;
}

export async function scanGit(input: GitScanInput): Promise<Collected> {
  try {
    const repo = await openRepo(input.folder, input.given);
    if (input.mode.mode === 'history') return await scanHistory(repo, input.mode.since, input, pathLimits(input, input.pipeline.engine));
    if (input.mode.mode === 'diff' && repo.shallow) input.warn('shallow clone: the merge base must be in the fetched history (actions/checkout: fetch-depth: 0)');
    const changes = input.mode.mode === 'staged' ? await stagedChanges(repo) : await diffChanges(repo, input.mode.base);
    return await scanChanges(repo, changes, input);
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

/** Which paths (relative to the scanned folder) a git scan reads, and up to what size (0: not read). */
export function pathLimits(input: GitScanInput, engine: Engine): (path: string) => number {
  const userExcluded = excludeMatcher(input.exclude);
  const defaults = new Set(input.defaultExcludes ? DEFAULT_EXCLUDES : []);
  return (path) => {
    if (userExcluded(path) || inDefaultExcludedFolder(defaults, path)) return 0;
    if (isArtifactPath(path)) return ARTIFACT_BLOB_LIMIT;
    return engine.isScannable(path) ? input.pipeline.maxBytes : 0;
  };
}

async function scanChanges(repo: Repo, changes: ChangeSet, input: GitScanInput): Promise<Collected> {
  const { engine, maxBytes } = input.pipeline;
  const limitFor = pathLimits(input, engine);
  const reader = new BlobReader(repo.top);
  const fragments: Fragment[] = [];
  const binary = new Set<string>();
  const origin = { source: input.mode.mode === 'staged' ? 'git-staged' : 'git-diff' };
  const texts = new Map<string, string>();
  try {
    // all requests at once: one cat-file process answers them in order
    const wanted = changes.changed.map((c) => ({ ...c, limit: limitFor(c.path) })).filter((c) => c.limit > 0);
    const contents = await Promise.all(wanted.map((c) => reader.read(c.blob, c.limit)));
    for (const [i, { path, blob, limit }] of wanted.entries()) {
      const r = contents[i];
      if (r.kind === 'missing') fragments.push({ kind: 'skipped', path, reason: `blob ${blob.slice(0, 12)} is missing from the repository`, origin });
      else if (r.kind === 'too-large') fragments.push({ kind: 'skipped', path, reason: isArtifactPath(path) ? `artifact is ${r.size} bytes, above the ${limit}-byte limit for committed artifacts` : `file is ${Math.ceil(r.size / 1024)} KB, over the ${Math.round(limit / 1024)} KB limit (--max-file-size)`, origin });
      else {
        if (r.bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) binary.add(path);
        fragments.push({ kind: 'bytes', path, bytes: r.bytes, origin: { ...origin, revision: blob } });
        const text = binary.has(path) ? undefined : textOfBytes(r.bytes);
        if (text !== undefined) texts.set(path, text);
      }
    }
    // Unchanged files the cross-file checks need (the rest of the migrations, rules files,
    // firebase.json and the files it names, google-services.json): read from the same snapshot.
    const changedPaths = new Set(changes.changed.map((c) => c.path));
    const context = new Map<string, string>();
    let contextBytes = 0;
    const readContext = async (path: string) => {
      const blob = changes.snapshot.get(path);
      if (!blob || changedPaths.has(path) || context.has(path) || context.size >= CONTEXT_FILES || contextBytes > MISCONFIG_BATCH_LIMIT || limitFor(path) === 0) return;
      const r = await reader.read(blob, maxBytes);
      const text = r.kind === 'blob' ? textOfBytes(r.bytes) : undefined;
      if (text === undefined) return;
      context.set(path, text);
      contextBytes += text.length;
    };
    for (const path of changes.snapshot.keys()) if (isMisconfigFile(path) || isFirebaseRulesContext(path)) await readContext(path);
    for (const [path, text] of [...texts, ...context]) {
      if (!/(?:^|\/)firebase\.json$/.test(path)) continue;
      for (const ref of firebaseJsonRules(path, text)) await readContext(ref.path);
    }
    for (const [path, text] of context) fragments.push({ kind: 'text', path, text, origin: { source: 'git-context' } });
    const files = [...texts, ...context].filter(([p]) => isFirebaseRulesContext(p)).map(([path, text]) => ({ path, text }));
    const collected = await runPipeline(fragments, input.pipeline, {
      readNamedFile: (path) => texts.get(path) ?? context.get(path),
      rulesContext: () => ({ files, exists: (path) => changes.snapshot.has(path) }),
    });
    // Only what the change adds: findings on added lines of changed files (all of a changed binary).
    const onAdded = (f: Finding) => changedPaths.has(f.location.file) && (binary.has(f.location.file) || touchesAdded(changes.added.get(f.location.file), f.location.line, f.location.endLine));
    return { findings: collected.findings.filter(onAdded), errors: collected.errors };
  } finally {
    reader.close();
  }
}
