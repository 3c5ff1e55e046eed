// Fragments: what a source hands to the scan pipeline (STYLE "One pipeline, many entry points").
//
// A source says only WHAT to read and WHERE IT CAME FROM; the pipeline (node/pipeline.ts) reads,
// scans, joins and reports it the same way whatever the source:
//   - a folder walk (node/sources.ts)        → `file` / `artifact` / `skipped` fragments
//   - `leaklens batch` (one artifact a task)  → an `artifact` or `bytes` fragment
//   - git (staged blobs, diffs, history)      → `text` (or `bytes`) fragments with an `origin`
//   - an editor buffer                        → a `text` fragment
// Fragments are scanned in the order given and findings come back in that order. `path` is what
// reports show (`location.file`): relative to the scan root, `/`-separated. A fragment's `keep`
// lets its source drop findings it does not own (a diff keeps its added lines).
import type { Finding } from '../types';
import { SNIFF_BYTES, decodeText, looksBinary } from '../text/sniff';

export type Fragment = FileFragment | TextFragment | BytesFragment | ArtifactFragment | SkippedFragment;

/** Where a fragment came from: `walk`, `path`, `batch`, `git-staged`, `git-diff`, `git-history`… */
export interface FragmentOrigin {
  source: string;
  /** A commit id, a ref, a blob id: whatever names the version the fragment was read from. */
  revision?: string;
}

interface FragmentBase {
  /** Relative to the scan root, `/`-separated: the findings' `location.file`. */
  path: string;
  origin?: FragmentOrigin;
  /** The source's own filter over this fragment's findings (all are kept when absent). */
  keep?(finding: Finding): boolean;
}

/** A project file on disk: read by the pipeline (size cap, binary sniff), possibly on a helper thread. */
export interface FileFragment extends FragmentBase { kind: 'file'; abs: string }

/** Text already in memory (a git blob, an unsaved buffer). */
export interface TextFragment extends FragmentBase { kind: 'text'; text: string }

/**
 * Bytes already in memory: text is scanned as text, a compiled format (zip/APK/IPA, DEX, Mach-O,
 * binary plist…) as an artifact, other binaries are reported as skipped.
 */
export interface BytesFragment extends FragmentBase { kind: 'bytes'; bytes: Uint8Array }

/**
 * An archive (APK/AAB/IPA…) or an .app/.xcarchive folder on disk; `bytes` when the source already
 * read the archive (batch hashes it first), so it is not read twice.
 */
export interface ArtifactFragment extends FragmentBase { kind: 'artifact'; abs: string; bytes?: Uint8Array }

/** Something that looked scannable but is not read: an `errors` item in its place. */
export interface SkippedFragment extends FragmentBase { kind: 'skipped'; reason: string }

/** Bytes looked at to tell binary from text. */
export const BINARY_SNIFF_BYTES = SNIFF_BYTES;

/** Text of a file's bytes (UTF-8, or UTF-16 with a BOM), or `undefined` when they are binary (text/sniff.ts). */
export function textOfBytes(bytes: Uint8Array): string | undefined {
  return looksBinary(bytes) ? undefined : decodeText(bytes);
}
