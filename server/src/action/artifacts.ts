// The `artifacts` input: paths or globs (one per line or comma-separated) of built APK/AAB/IPA/.app
// files, relative to the workspace. Globs are matched over a bounded walk of the workspace (build
// output folders included, .git and node_modules not).
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isArtifactPath } from '../core/artifact';
import { isArtifactOnDisk } from '../node/artifact';

const LIMITS = { depth: 16, entries: 200_000 };
const SKIP = new Set(['.git', 'node_modules']);

export function parseList(input: string): string[] {
  return input.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
}

/** Existing artifact paths (relative to the workspace), and the patterns that matched nothing. */
export function expandArtifacts(patterns: readonly string[], workspace: string): { paths: string[]; unmatched: string[] } {
  const paths = new Set<string>();
  const unmatched: string[] = [];
  const globs = patterns.filter((p) => /[*?[\]{}]/.test(p));
  for (const p of patterns.filter((x) => !globs.includes(x))) {
    try {
      statSync(resolve(workspace, p));
      paths.add(p);
    } catch {
      unmatched.push(p);
    }
  }
  if (globs.length) {
    const matchers = globs.map((g) => ({ g, m: picomatch(g.replace(/^\.\//, ''), { dot: true }), hit: false }));
    for (const rel of walkFiles(workspace)) {
      if (!isArtifactPath(rel)) continue;
      for (const x of matchers) if (x.m(rel)) { x.hit = true; paths.add(rel); }
    }
    unmatched.push(...matchers.filter((x) => !x.hit).map((x) => x.g));
  }
  return { paths: [...paths].sort(), unmatched };
}

function* walkFiles(root: string): Generator<string> {
  let entries = 0;
  const stack: Array<{ dir: string; depth: number }> = [{ dir: root, depth: 0 }];
  while (stack.length) {
    const { dir, depth } = stack.pop()!;
    let list;
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of list) {
      if (++entries > LIMITS.entries) return;
      const abs = join(dir, d.name);
      const rel = relative(root, abs).split(sep).join('/');
      if (d.isDirectory()) {
        if (isArtifactOnDisk(abs, true)) yield rel; // a built .app / .xcarchive folder
        else if (!SKIP.has(d.name) && depth < LIMITS.depth) stack.push({ dir: abs, depth: depth + 1 });
      } else if (d.isFile()) yield rel;
    }
  }
}
