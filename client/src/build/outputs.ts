// Finding the artifacts a build produced: paths matching the plan's globs, newest first, and only
// those written since the build started (so a stale APK is never scanned as the new one).
import picomatch from 'picomatch';

export interface Candidate {
  /** Path relative to the workspace folder, `/`-separated. */
  path: string;
  mtimeMs: number;
}

export function pickArtifacts(candidates: readonly Candidate[], globs: readonly string[], since: number): Candidate[] {
  const match = picomatch([...globs], { dot: true });
  return candidates
    .filter((c) => c.mtimeMs >= since && match(c.path))
    .sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
}

/**
 * The artifacts worth scanning: the newest of each kind (.apk, .aab, .ipa, .app), since a build
 * writes e.g. one APK and one AAB for a variant.
 */
export function newestPerKind(artifacts: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return artifacts.filter((a) => {
    const ext = a.path.slice(a.path.lastIndexOf('.')).toLowerCase();
    if (seen.has(ext)) return false;
    seen.add(ext);
    return true;
  });
}
