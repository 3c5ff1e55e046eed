// `scan --history` (docs/cli.md "Git-aware scans"): the blobs commits introduced, oldest first
// (node/gitHistory.ts), through the engine into the history bookkeeping (core/git/history.ts). A
// file's next version is re-scanned only around the lines it adds (core/text/incremental.ts, the
// editor's windows): most commits change a few lines of a file, and history only wants new values.
import { isArtifactPath, isCompiledFormat } from '../core/artifact';
import type { Engine } from '../core/engine';
import { HistoryCollector, keptInHistory } from '../core/git/history';
import { isMisconfigFile } from '../core/misconfig';
import type { Collected } from '../core/pipeline/collect';
import { textOfBytes } from '../core/pipeline/fragment';
import { addedLineNumbers, findingsNearLines } from '../core/text/incremental';
import type { ScanResult } from '../core/types';
import { GitError, resolveCommit, type Repo } from '../node/git';
import { openHistory, type HistoryBlob } from '../node/gitHistory';
import { binaryOutcome, oversized } from './files';
import type { GitScanInput } from './gitScan';

/** A committed APK/IPA/zip is read up to this size (each distinct blob once). */
export const ARTIFACT_BLOB_LIMIT = 64 * 1024 * 1024;
/** Text of previous file versions kept for windowed re-scans. */
const PREVIOUS_TEXT_LIMIT = 128 * 1024 * 1024;

export async function scanHistory(repo: Repo, since: string | undefined, input: GitScanInput, limitFor: (path: string) => number): Promise<Collected> {
  if (!repo.hasHead) throw new GitError('--history: the repository has no commit yet');
  const sinceSha = since === undefined ? undefined : await resolveCommit(repo, since, '--since');
  const { engine } = input.pipeline;
  const stream = await openHistory({ repo, since: sinceSha, limitFor });
  const collector = new HistoryCollector((blob) => stream.headBlobs.has(blob), keptInHistory);
  if (repo.shallow) {
    const message = 'shallow clone: history is partial (commits before the clone\'s depth are not scanned; git fetch --unshallow for all of it)';
    input.warn(message);
    collector.error({ file: '.', entry: null, message });
  }
  const versions = new VersionScanner(engine);
  let done = 0;
  for await (const b of stream.blobs) {
    input.pipeline.progress?.(`${b.commit ? `${b.commit.sha.slice(0, 8)} ` : ''}${b.path}`, ++done);
    const { result, text } = await scanBlob(b, versions, stream.headBlobs, input);
    if (b.role === 'commit' && b.commit) collector.add(b.commit, b.blob, result, text);
    else if (b.role === 'before') collector.markKnown(result, text);
    else collector.markInHead(result, text);
  }
  return collector.finish();
}

async function scanBlob(b: HistoryBlob, versions: VersionScanner, headBlobs: ReadonlySet<string>, input: GitScanInput): Promise<{ result: ScanResult; text?: string }> {
  const c = b.content;
  const skipped = (message: string) => ({ result: { findings: [], errors: [{ file: b.path, entry: null, message }] } });
  if (c.kind === 'missing') return skipped(`blob ${b.blob.slice(0, 12)} is missing from the repository; skipped`);
  if (c.kind === 'too-large') {
    return isArtifactPath(b.path) ? skipped(`artifact is ${c.size} bytes, above the ${ARTIFACT_BLOB_LIMIT}-byte limit for committed artifacts; skipped`) : { result: oversized(b.path, c.size, input.pipeline.maxBytes) };
  }
  const text = textOfBytes(c.bytes);
  try {
    // every value of a HEAD blob counts (inHead); of an older version, only what it adds
    if (text !== undefined) return { result: versions.scan(b.path, text, b.role !== 'commit' || headBlobs.has(b.blob)), text };
    if (isCompiledFormat(c.bytes)) return { result: await input.pipeline.engine.scanArtifact(b.path, c.bytes) };
    return { result: binaryOutcome(c.bytes, b.path) };
  } catch (e) {
    input.pipeline.debug?.(e, b.path);
    return skipped(`internal error while scanning: ${(e as Error)?.message ?? String(e)}`);
  }
}

/**
 * Scans successive versions of each path. History needs only the values a version adds: a version
 * that differs from the path's previous one by some lines re-scans windows around the added lines
 * (core/text/incremental.ts); a version HEAD holds, a first version, a cross-line analyzer's file
 * (rules, SQL migrations) or a rewrite is scanned whole.
 */
class VersionScanner {
  private readonly previous = new Map<string, string>();
  private kept = 0;

  constructor(private readonly engine: Engine) {}

  scan(path: string, text: string, whole: boolean): ScanResult {
    const before = whole || isMisconfigFile(path) ? undefined : this.previous.get(path);
    const near = before === undefined ? undefined : findingsNearLines(text, addedLineNumbers(before, text), (w) => this.engine.scanText(path, w).findings);
    this.remember(path, text);
    return near ? { findings: near, errors: [] } : this.engine.scanText(path, text);
  }

  private remember(path: string, text: string): void {
    this.kept -= this.previous.get(path)?.length ?? 0;
    if (this.kept + text.length > PREVIOUS_TEXT_LIMIT) {
      this.previous.delete(path);
      return;
    }
    this.previous.set(path, text);
    this.kept += text.length;
  }
}
