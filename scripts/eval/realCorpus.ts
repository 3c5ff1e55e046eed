// The real-repository corpus on disk: where it is, its manifest and labels, and which of its
// files are missing or changed (a developer tool: the corpus is public code and never committed).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Labels } from '../../test/helpers/labels';

export const REAL_DIR = resolve(__dirname, '../../test/real');
export const corpusDir = (): string => process.env.LEAKLENS_REAL_CORPUS || '/work/real-corpus';

/**
 * A labelled corpus: the first one (test/real, files under corpusDir()) or a named one such as the
 * held-out set (test/real/<name>/manifest.json and labels/, files under corpusDir()/<name>).
 */
export interface RealCorpus {
  name: string;
  metaDir: string;
  dataDir: string;
}

export function realCorpus(name?: string): RealCorpus {
  if (!name) return { name: 'real corpus', metaDir: REAL_DIR, dataDir: corpusDir() };
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`corpus name "${name}": use lower-case letters, digits and -`);
  return { name: `${name} corpus`, metaDir: join(REAL_DIR, name), dataDir: join(corpusDir(), name) };
}

export interface ManifestRepo {
  repo: string;
  commit: string;
  licence: string;
  platform: string;
  files: Array<{ path: string; sha256: string }>;
}

export const repoKey = (repo: string): string => repo.replace('/', '+');

export function loadManifest(corpus: RealCorpus = realCorpus()): ManifestRepo[] {
  return (JSON.parse(readFileSync(join(corpus.metaDir, 'manifest.json'), 'utf8')) as { repos: ManifestRepo[] }).repos;
}

export function loadRealLabels(repo: string, corpus: RealCorpus = realCorpus()): Labels {
  const path = join(corpus.metaDir, 'labels', `${repoKey(repo)}.json`);
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
