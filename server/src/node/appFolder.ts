// Reads an unpacked Apple artifact — a `.app` bundle or an `.xcarchive` folder — into
// (entry path, bytes) pairs for the core's artifact scanner, with the same bounds as the zip
// reader: file count, total bytes, bytes per file, folder depth, and no symlinks out of the bundle.
// In an .xcarchive only what ships is read: Products/Applications/*.app (with its Frameworks/,
// PlugIns/ and resources); dSYMs/ and the archive's own Info.plist are not part of the app.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { lstat, readdir, readFile, readlink, realpath } from 'node:fs/promises';
import { basename, join, relative, resolve, dirname, sep } from 'node:path';
import { DEFAULT_LIMITS, type ArtifactLimits } from '../core/artifact/limits';
import { readPlist } from '../core/artifact/plist';

export interface FolderEntry {
  /** Path inside the artifact folder, `/`-separated (`Products/Applications/Demo.app/Demo`). */
  entry: string;
  bytes: Uint8Array;
}

export interface FolderWalkOptions {
  limits?: Partial<ArtifactLimits>;
  /** Folder nesting below the artifact root. */
  maxFolderDepth?: number;
  /** Entries for which this returns true are not read at all (media, signatures). */
  skip?(entry: string): boolean;
  /** Problems: over a limit, unreadable file, symlink pointing outside. `entry` null = the folder. */
  onError?(entry: string | null, message: string): void;
}

const DEFAULT_FOLDER_DEPTH = 32;
/** Files that hold no strings of interest; not even read. */
const MEDIA = /\.(png|jpe?g|gif|webp|heic|ico|icns|car|ttf|otf|woff2?|mp3|m4a|wav|caf|aac|mp4|mov|m4v|nib|storyboardc|mobileprovision)$/i;

export const isAppFolderPath = (path: string): boolean => /\.(app|xcarchive)\/?$/i.test(path);

/** Folders that hold built `.app` bundles: an IPA's `Payload`, an archive's `Products/Applications`, Xcode's `<Config>-iphoneos`. */
const BUNDLE_PARENT = /^(?:Payload|Applications|[^-]+-(?:iphoneos|iphonesimulator|appletvos|appletvsimulator|watchos|watchsimulator|xros|xrsimulator|maccatalyst))$/i;
const MAX_INFO_PLIST = 1024 * 1024;

/**
 * Whether a folder named `*.app` / `*.xcarchive` is a built Apple artifact and not a project that
 * merely carries the name (a git clone of `acme/elaro.app` is a folder of sources). An `.app` is a
 * bundle when it sits where bundles are put (`Payload/`, `Products/Applications/`, an Xcode build
 * products folder) or holds its `Info.plist` (root, or `Contents/` on macOS) next to the executable
 * that plist names (CFBundleExecutable; unreadable: a file named like the bundle). An `.xcarchive`
 * is one when it has its `Products/` folder, or an `Info.plist` beside `dSYMs/`.
 */
export function isAppleArtifactFolder(abs: string): boolean {
  const name = basename(abs.replace(/[\\/]+$/, ''));
  if (/\.xcarchive$/i.test(name)) return isDir(join(abs, 'Products')) || (isFile(join(abs, 'Info.plist')) && isDir(join(abs, 'dSYMs')));
  if (!/\.app$/i.test(name)) return false;
  if (BUNDLE_PARENT.test(basename(dirname(resolve(abs))))) return true;
  for (const [plist, exeDir] of [[join(abs, 'Info.plist'), abs], [join(abs, 'Contents', 'Info.plist'), join(abs, 'Contents', 'MacOS')]]) {
    if (!isFile(plist)) continue;
    const exe = bundleExecutable(plist) ?? name.slice(0, -'.app'.length);
    if (!/[\\/]/.test(exe) && exe !== '..' && isFile(join(exeDir, exe))) return true;
  }
  return false;
}

function bundleExecutable(plist: string): string | undefined {
  try {
    if (statSync(plist).size > MAX_INFO_PLIST) return undefined;
    return readPlist(readFileSync(plist), 'Info.plist').strings.find((s) => s.key === 'CFBundleExecutable')?.value || undefined;
  } catch {
    return undefined;
  }
}

const isFile = (p: string): boolean => statOrUndefined(p)?.isFile() ?? false;
const isDir = (p: string): boolean => statOrUndefined(p)?.isDirectory() ?? false;

function statOrUndefined(p: string): Stats | undefined {
  try {
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined; // unreadable: not evidence of a bundle
  }
}

/**
 * Yields every file of the bundle, one at a time and in a stable order. For an .xcarchive the
 * walk starts at Products/Applications (entry paths still start at the archive root).
 */
export async function* walkAppFolder(root: string, options: FolderWalkOptions = {}): AsyncGenerator<FolderEntry> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const maxDepth = options.maxFolderDepth ?? DEFAULT_FOLDER_DEPTH;
  const report = options.onError ?? (() => undefined);
  const skip = options.skip ?? ((e: string) => MEDIA.test(e));
  let realRoot: string;
  try {
    realRoot = await realpath(resolve(root));
  } catch (e) {
    report(null, `folder not readable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  const isArchive = /\.xcarchive\/?$/i.test(root);
  const start = isArchive ? join(realRoot, 'Products', 'Applications') : realRoot;
  if (isArchive && !(await lstat(start).catch(() => undefined))?.isDirectory()) {
    report(null, 'no Products/Applications folder: this .xcarchive holds no app');
    return;
  }
  let files = 0;
  let total = 0;
  // Names looked at (files skipped as media, folders, links included): bounds huge listings.
  let seen = 0;
  const maxSeen = limits.maxEntries * 4;

  // Iterative depth-first walk: a stack of folders (with their depth) instead of recursion.
  const stack: Array<{ dir: string; depth: number }> = [{ dir: start, depth: 0 }];
  while (stack.length) {
    const { dir, depth } = stack.pop()!;
    const at = toEntry(realRoot, dir);
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (e) {
      report(at || null, `folder not readable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const subdirs: string[] = [];
    for (const name of names) {
      if (++seen > maxSeen) {
        report(null, `more than ${maxSeen} files and folders: the rest of the bundle was not read`);
        return;
      }
      const path = join(dir, name);
      const entry = toEntry(realRoot, path);
      const st = await lstat(path).catch(() => undefined);
      if (!st) continue;
      if (st.isSymbolicLink()) {
        // A link inside the bundle points at something the walk reads anyway; one outside is refused.
        const target = resolve(dirname(path), await readlink(path).catch(() => ''));
        if (!isInside(realRoot, target)) report(entry, 'symbolic link points outside the bundle: not followed');
        continue;
      }
      if (st.isDirectory()) {
        if (depth + 1 > maxDepth) report(entry, `folder nested deeper than ${maxDepth} levels: not read`);
        else subdirs.push(path);
        continue;
      }
      if (!st.isFile() || skip(entry)) continue;
      if (++files > limits.maxEntries) {
        report(null, `more than ${limits.maxEntries} files: the rest of the bundle was not read`);
        return;
      }
      if (st.size > limits.maxEntryInflated) {
        report(entry, `file of ${st.size} bytes exceeds the per-entry limit of ${limits.maxEntryInflated}: not read`);
        continue;
      }
      if (total + st.size > limits.maxTotalInflated) {
        report(null, `bundle larger than ${limits.maxTotalInflated} bytes: the rest was not read`);
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch (e) {
        report(entry, `file not readable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        continue;
      }
      total += bytes.length;
      yield { entry, bytes };
    }
    // Push in reverse so folders are visited in sorted order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i], depth: depth + 1 });
  }
}

/** Reads the whole bundle into memory (tests, small bundles); prefer walkAppFolder for scanning. */
export async function readAppFolder(root: string, options: FolderWalkOptions = {}): Promise<{ entries: FolderEntry[]; errors: Array<{ entry: string | null; message: string }> }> {
  const errors: Array<{ entry: string | null; message: string }> = [];
  const entries: FolderEntry[] = [];
  for await (const e of walkAppFolder(root, { ...options, onError: (entry, message) => { errors.push({ entry, message }); options.onError?.(entry, message); } })) entries.push(e);
  return { entries, errors };
}

function toEntry(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}
