// The real-repository corpus on disk: where it is, its manifest and labels, and which of its
// files are missing or changed (a developer tool: the corpus is public code and never committed).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Labels } from '../../test/helpers/labels';

export const REAL_DIR = resolve(__dirname, '../../test/real');
export const corpusDir = (): string => process.env.LEAKLENS_REAL_CORPUS || '/work/real-corpus';

export interface ManifestRepo {
  repo: string;
  commit: string;
  licence: string;
  platform: string;
  files: Array<{ path: string; sha256: string }>;
}

export const repoKey = (repo: string): string => repo.replace('/', '+');

export function loadManifest(): ManifestRepo[] {
  return (JSON.parse(readFileSync(join(REAL_DIR, 'manifest.json'), 'utf8')) as { repos: ManifestRepo[] }).repos;
}

export function loadRealLabels(repo: string): Labels {
  const path = join(REAL_DIR, 'labels', `${repoKey(repo)}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Labels) : { expected: [], allowed: [], clean: [] };
}

/** Files of a repository that are absent or differ from the manifest's sha256. */
export function checkRepo(root: string, repo: ManifestRepo): { missing: string[]; changed: string[] } {
  const missing: string[] = [];
  const changed: string[] = [];
  for (const f of repo.files) {
    const path = join(root, repoKey(repo.repo), f.path);
    if (!existsSync(path)) missing.push(f.path);
    else if (createHash('sha256').update(readFileSync(path)).digest('hex') !== f.sha256) changed.push(f.path);
  }
  return { missing, changed };
}

/** Files in a corpus folder that the manifest does not list (they would be scanned and scored as unlabelled). */
export function extraFiles(root: string, repo: ManifestRepo): string[] {
  const listed = new Set(repo.files.map((f) => f.path));
  const walk = (dir: string, rel: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`]);
  const base = join(root, repoKey(repo.repo));
  return existsSync(base) ? walk(base, '').filter((p) => !listed.has(p)) : [];
}
