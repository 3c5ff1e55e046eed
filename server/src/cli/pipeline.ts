// The scan pipeline's runner, shared by `scan`, `batch` (one artifact per worker task) and any other
// source (core/pipeline/fragment.ts): reads and scans fragments in order — text files on two
// threads (parallel.ts), artifacts through node/artifact.ts, in-memory text and bytes in place —
// into a ScanCollector, then runs its project-level steps once.
import { isCompiledFormat } from '../core/artifact';
import type { Engine } from '../core/engine';
import { ScanCollector, type Collected, type FinishHooks } from '../core/pipeline/collect';
import { textOfBytes, type Fragment } from '../core/pipeline/fragment';
import type { Finding, ScanResult } from '../core/types';
import { scanArtifactPath } from '../node/artifact';
import { binaryOutcome, oversized, scanProjectText, type FileJob } from './files';
import { scanFiles, startScanWorker, type EngineConfig } from './parallel';

export interface PipelineOptions {
  engine: Engine;
  /** The engine's settings, for the helper thread. */
  engineConfig: EngineConfig;
  /** Text files larger than this are skipped (`--max-file-size`). */
  maxBytes: number;
  /** Scan text files on a helper thread too (worth it for folder walks of many files). */
  parallel?: boolean;
  /** Called with each fragment's path as it is scanned (progress display). */
  progress?(what: string, done: number): void;
  /** Called with internal errors (stack traces under --debug). */
  debug?(error: unknown, where: string): void;
}

/** Scans every fragment, then the project-level steps (`hooks` give them the file reads they need). */
export async function runPipeline(fragments: Iterable<Fragment>, options: PipelineOptions, hooks: FinishHooks = {}): Promise<Collected> {
  return (await scanFragments(fragments, options)).finish(hooks);
}

/** Scans every fragment in order into a collector (findings in fragment order, errors in place). */
export async function scanFragments(fragments: Iterable<Fragment>, options: PipelineOptions): Promise<ScanCollector> {
  const { engine, maxBytes } = options;
  const collector = new ScanCollector(engine, options.debug);
  // the helper starts before the fragments are listed (a folder walk), so its start-up overlaps it
  const helper = options.parallel ? startScanWorker(options.engineConfig, maxBytes) : undefined;
  const list = [...fragments];
  let done = 0;
  // a file the user named (origin `path`) is read whatever its name, and every skip of it reported
  const files: FileJob[] = list.flatMap((f) => (f.kind === 'file' ? [{ abs: f.abs, rel: f.path, explicit: f.origin?.source === 'path' }] : []));
  const outcomes = await scanFiles(files, engine, maxBytes, helper, (rel) => options.progress?.(rel, ++done));

  const artifact = async (path: string, scan: () => Promise<ScanResult>, keep?: (f: Finding) => boolean) => {
    try {
      collector.add(await scan(), keep);
    } catch (e) {
      collector.internal(e, path);
    }
  };
  const onArtifactProgress = (path: string) => (m: string) => options.progress?.(`${path}: ${m}`, done);
  let next = 0;
  for (const f of list) {
    switch (f.kind) {
      case 'skipped':
        collector.error({ file: f.path, entry: null, message: `${f.reason}; skipped` });
        break;
      case 'artifact':
        options.progress?.(f.path, ++done);
        await artifact(f.path, () => (f.bytes
          ? engine.scanArtifact(f.path, f.bytes, { onProgress: onArtifactProgress(f.path) })
          : scanArtifactPath(engine, f.abs, f.path, { onProgress: onArtifactProgress(f.path) })), f.keep);
        break;
      case 'file': {
        const o = outcomes[next++];
        // a binary the engine knows (a DEX, a Mach-O, a binary plist…): read as an artifact
        if (o.compiled) await artifact(f.path, () => scanArtifactPath(engine, f.abs, f.path), f.keep);
        else collector.addFile(o, f.keep);
        break;
      }
      case 'text':
        options.progress?.(f.path, ++done);
        collector.addFile(f.text.length > maxBytes ? oversized(f.path, f.text.length, maxBytes) : scanProjectText(engine, f.path, f.text), f.keep);
        break;
      case 'bytes': {
        options.progress?.(f.path, ++done);
        const text = textOfBytes(f.bytes);
        if (text !== undefined) collector.addFile(f.bytes.length > maxBytes ? oversized(f.path, f.bytes.length, maxBytes) : scanProjectText(engine, f.path, text), f.keep);
        else if (isCompiledFormat(f.bytes)) await artifact(f.path, () => engine.scanArtifact(f.path, f.bytes, { onProgress: onArtifactProgress(f.path) }), f.keep);
        else collector.addFile(binaryOutcome(f.bytes, f.path), f.keep);
        break;
      }
    }
  }
  return collector;
}
