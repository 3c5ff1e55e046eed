// Sources for `leaklens scan PATH…`: the fragments of the named paths (folders walked), and the
// file reads the pipeline's project-level steps ask for. Fragment shapes: core/pipeline/fragment.ts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { isFirebaseRulesContext, type ProjectFile } from '../core/misconfig';
import type { Fragment } from '../core/pipeline/fragment';
import { isArtifactOnDisk } from './artifact';
import { walk } from './walk';

export interface PathTarget { abs: string; rel: string; isDir: boolean; isArtifact: boolean }

export interface PathSourceOptions {
  /** Fragment paths are relative to this folder. */
  base: string;
  exclude: readonly string[];
  defaultExcludes: boolean;
  isScannable(rel: string): boolean;
}

/**
 * A named artifact or file as itself (a named file is read whatever its extension), a folder walked.
 * A folder is an artifact only when it is a built `.app`/`.xcarchive` (isArtifactOnDisk), so a
 * project folder named `x.app` is walked like any other, as PATH or met in the walk.
 */
export function* pathFragments(targets: readonly PathTarget[], options: PathSourceOptions): Generator<Fragment> {
  for (const t of targets) {
    if (t.isArtifact) yield { kind: 'artifact', abs: t.abs, path: t.rel, origin: { source: 'path' } };
    else if (!t.isDir) yield { kind: 'file', abs: t.abs, path: t.rel, origin: { source: 'path' } };
    else {
      const walked = walk(t.abs, { ...options, isArtifact: (_rel, abs, isDir) => isArtifactOnDisk(abs, isDir) });
      for (const item of walked) {
        if (item.type === 'skipped') yield { kind: 'skipped', path: item.rel, reason: item.reason, origin: { source: 'walk' } };
        else yield { kind: item.type, abs: item.abs, path: item.rel, origin: { source: 'walk' } };
      }
    }
  }
}

/** Reads a file below `base` (at most `maxBytes`); undefined when it is outside, missing or unreadable. */
export function readInside(base: string, maxBytes: number): (path: string) => string | undefined {
  return (path) => {
    const abs = resolve(base, path);
    if (!abs.startsWith(base + sep)) return undefined;
    try {
      const st = statSync(abs);
      return st.isFile() && st.size <= maxBytes ? readFileSync(abs, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
}

/**
 * Whether folders keep Firebase rules for what their app ships: their context files
 * (firebase.json, .firebaserc, google-services.json, rules; default excludes only — a fact about
 * the folder, not about what --exclude left to scan, as in the editor) and an `exists` check.
 */
export function folderRulesContext(folders: readonly string[], base: string, defaultExcludes: boolean, maxBytes: number): { files: ProjectFile[]; exists(path: string): boolean } {
  const files: ProjectFile[] = [];
  for (const folder of folders) {
    const start = files.length;
    for (const item of walk(folder, { base, defaultExcludes, isScannable: isFirebaseRulesContext, isArtifact: () => false })) {
      if (item.type !== 'file' || files.length - start >= 200) continue;
      try {
        if (statSync(item.abs).size <= maxBytes) files.push({ path: item.rel, text: readFileSync(item.abs, 'utf8') });
      } catch {
        // unreadable: it was reported by the main walk if it is a project file
      }
    }
  }
  const exists = (p: string) => {
    const abs = resolve(base, p);
    return abs.startsWith(base + sep) && existsSync(abs);
  };
  return { files, exists };
}
