// Folder walking for the CLI: default and user excludes, artifact folders, bounded depth/count.
// Symlink policy: symlinked directories are never followed (no cycles, no escaping the root);
// a symlinked file is read only when its real path lies inside the root; otherwise it is reported
// as skipped.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

/** Folders never worth scanning: dependencies, VCS data, build outputs and IDE state. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  'node_modules', '.git', '.hg', '.svn', 'build', 'out', 'dist', 'Pods', 'Carthage', 'DerivedData',
  '.gradle', '.dart_tool', '.pub-cache', '.symlinks', '.idea', '.vscode-test', '.cxx', '.externalNativeBuild',
  'intermediates', '.expo', '.next', '.turbo', 'coverage', '.build', '.swiftpm',
];

/**
 * Default excludes that are also ordinary source folder names: a Java package `…/stock/out/`, a Dart
 * `lib/build/` or a JS `src/dist/` helper. They are build outputs only outside source code, so below
 * a source root they are read — unless inside that root's bundled web assets, where copied build
 * output lives (`src/main/assets/public/build/`).
 */
const BUILD_OUTPUT_NAMES = new Set(['build', 'out', 'dist', 'coverage']);
const SOURCE_ROOTS = new Set(['src', 'lib', 'sources', 'classes']);
const WEB_ASSET_DIRS = new Set(['assets', 'public', 'www', 'static']);

/** Whether the folders below `name` are source code, given whether `name`'s own folder is. */
export function inSourceBelow(name: string, inSource: boolean): boolean {
  const lower = name.toLowerCase();
  return SOURCE_ROOTS.has(lower) ? true : WEB_ASSET_DIRS.has(lower) ? false : inSource;
}

/** Whether a folder named `name` is skipped by the default excludes (`inSource`: it lies below a source root). */
export function defaultExcluded(defaults: ReadonlySet<string>, name: string, inSource: boolean): boolean {
  return defaults.has(name) && !(inSource && BUILD_OUTPUT_NAMES.has(name));
}

/** Whether a `/`-separated relative path lies in a folder skipped by the default excludes. */
export function inDefaultExcludedFolder(defaults: ReadonlySet<string>, path: string): boolean {
  const dirs = path.split('/').slice(0, -1);
  let inSource = false;
  for (const d of dirs) {
    if (defaultExcluded(defaults, d, inSource)) return true;
    inSource = inSourceBelow(d, inSource);
  }
  return false;
}

export const WALK_LIMITS = { maxDepth: 64, maxEntries: 2_000_000 };

export type WalkItem =
  /** A file the engine reads as text; `abs` is safe to read (symlinks resolved inside the root). */
  | { type: 'file'; abs: string; rel: string }
  /** An archive or an .app/.xcarchive folder. */
  | { type: 'artifact'; abs: string; rel: string }
  /** Something that looked scannable but was not read, with the reason. */
  | { type: 'skipped'; rel: string; reason: string };

export interface WalkOptions {
  /** Paths in items are relative to this folder (`/`-separated). */
  base: string;
  /** User globs (picomatch): with a `/` they match the relative path, without one the name. */
  exclude?: readonly string[];
  defaultExcludes?: boolean;
  isScannable(rel: string): boolean;
  /** Whether the file or folder is scanned as an artifact (a folder's name alone never decides: node/artifact.ts). */
  isArtifact(rel: string, abs: string, isDir: boolean): boolean;
}

/** Matcher over `/`-separated relative paths for the given globs. */
export function excludeMatcher(globs: readonly string[]): (rel: string) => boolean {
  const byName = globs.filter((g) => !g.replace(/\/+$/, '').includes('/')).map((g) => g.replace(/\/+$/, ''));
  const byPath = globs.filter((g) => g.replace(/\/+$/, '').includes('/')).map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''));
  const name = byName.length ? picomatch(byName, { dot: true }) : () => false;
  const path = byPath.length ? picomatch(byPath, { dot: true }) : () => false;
  return (rel) => name(rel.slice(rel.lastIndexOf('/') + 1)) || path(rel);
}

export const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Walks `root` (a folder) depth-first in name order, yielding files, artifacts and skip notes.
 * Synchronous: the CLI has nothing else to do meanwhile, and sync directory reads are several times
 * faster than fs/promises for trees of many small files.
 */
export function* walk(root: string, options: WalkOptions): Generator<WalkItem> {
  const userExcluded = excludeMatcher(options.exclude ?? []);
  const defaults = new Set(options.defaultExcludes === false ? [] : DEFAULT_EXCLUDES);
  const realRoot = realpathSync(root);
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  const relOf = (abs: string) => toPosix(relative(options.base, abs)) || '.';
  let entries = 0;

  // `scan app/src/main/java` starts inside a source root; only the part below `base` counts (not `~/src/`)
  const rootInSource = toPosix(relative(options.base, root)).split('/').reduce((inSource, d) => (d === '..' ? false : inSourceBelow(d, inSource)), false);
  const stack: Array<{ dir: string; depth: number; inSource: boolean }> = [{ dir: root, depth: 0, inSource: rootInSource }];
  while (stack.length) {
    const { dir, depth, inSource } = stack.pop() as { dir: string; depth: number; inSource: boolean };
    let names: Array<{ name: string; isDir: boolean; isLink: boolean; isFile: boolean }>;
    try {
      names = [];
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        if (++entries > WALK_LIMITS.maxEntries) break;
        names.push({ name: d.name, isDir: d.isDirectory(), isLink: d.isSymbolicLink(), isFile: d.isFile() });
      }
    } catch (e) {
      yield { type: 'skipped', rel: relOf(dir), reason: `folder not readable (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
      continue;
    }
    if (entries > WALK_LIMITS.maxEntries) {
      yield { type: 'skipped', rel: relOf(dir), reason: `stopped after ${WALK_LIMITS.maxEntries} entries (walk limit)` };
      return;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: Array<{ abs: string; inSource: boolean }> = [];
    // below `base`, a child's relative path is its folder's plus its name (one path.relative per folder)
    const dirRel = relOf(dir);
    const below = !dirRel.startsWith('..') && !isAbsolute(dirRel);
    for (const d of names) {
      const abs = join(dir, d.name);
      const rel = !below ? relOf(abs) : dirRel === '.' ? d.name : `${dirRel}/${d.name}`;
      if (userExcluded(rel)) continue;
      if (d.isDir) {
        if (defaultExcluded(defaults, d.name, inSource)) continue;
        if (options.isArtifact(rel, abs, true)) yield { type: 'artifact', abs, rel };
        else if (depth + 1 > WALK_LIMITS.maxDepth) yield { type: 'skipped', rel, reason: `folder nested deeper than ${WALK_LIMITS.maxDepth} levels` };
        else subdirs.push({ abs, inSource: inSourceBelow(d.name, inSource) });
        continue;
      }
      const artifact = options.isArtifact(rel, abs, false);
      if (!artifact && !options.isScannable(rel)) continue;
      if (d.isLink) {
        const target = resolveLink(abs);
        if (target.kind === 'dir') continue; // symlinked folders are never followed
        if (target.kind === 'missing') { yield { type: 'skipped', rel, reason: 'dangling symbolic link' }; continue; }
        if (!inside(target.real)) { yield { type: 'skipped', rel, reason: 'symbolic link points outside the scanned folder; not followed' }; continue; }
        if (target.kind !== 'file') { yield { type: 'skipped', rel, reason: 'not a regular file' }; continue; }
        yield { type: artifact ? 'artifact' : 'file', abs: target.real, rel };
        continue;
      }
      if (!d.isFile) { yield { type: 'skipped', rel, reason: 'not a regular file' }; continue; }
      yield { type: artifact ? 'artifact' : 'file', abs, rel };
    }
    // Reverse so the stack pops sub-folders in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i].abs, depth: depth + 1, inSource: subdirs[i].inSource });
  }
}

function resolveLink(abs: string): { kind: 'file' | 'dir' | 'other' | 'missing'; real: string } {
  try {
    const real = realpathSync(abs);
    const st = statSync(real);
    return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other', real };
  } catch {
    return { kind: 'missing', real: abs };
  }
}
