// Workspace folders, URI ↔ root-relative path mapping, file reads for quick fixes, and the engine
// cache (one engine per effective rule settings + baseline).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngine, type Engine } from '../core/engine';
import type { Severity } from '../core/types';
import { WHERE_VALUES, type LeakLensSettings } from '../protocol';
import type { ProjectConfigStore } from './settings';
import { isFirebaseRulesContext, supabaseInputs, type ProjectFile } from '../core/misconfig';
import { walk } from './walk';
import { isSecretsFile } from '../core/fixes/gitignore';
import { gitignoreCovers } from '../core/fixes/util';

export interface Located {
  /** Absolute root folder (workspace folder, or the file's folder outside any). */
  root: string;
  rootUri: string;
  /** Path relative to root, `/`-separated (what findings and fingerprints use). */
  rel: string;
}

const MAX_READ_BYTES = 8 * 1024 * 1024;
const MAX_MIGRATIONS = 2000;
/** Firebase context files read per root (each validation of a file naming a database/bucket reads them). */
const MAX_FIREBASE_FILES = 200;

/** What `firebase-rules-missing` needs of a root: its Firebase context files and a presence test. */
export interface FirebaseRulesContext {
  files: ProjectFile[];
  exists(rel: string): boolean;
}

export class Workspace {
  private roots: string[] = [];
  /** Per root: paths of its Firebase context files on disk (one walk, until a watched file changes). */
  private readonly firebasePaths = new Map<string, Promise<string[]> | string[]>();
  /** Per root: those files read (open buffers first), until one of them changes. */
  private readonly firebaseContexts = new Map<string, FirebaseRulesContext>();
  private readonly engines = new Map<string, Engine>();
  private readonly matchers = new Map<string, (path: string) => boolean>();

  constructor(private readonly documents: TextDocuments<TextDocument>, readonly projectConfigs: ProjectConfigStore) {}

  setRoots(uris: string[]): void {
    this.roots = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)).sort((a, b) => b.length - a.length);
    this.forgetFirebaseFiles();
  }

  get rootPaths(): readonly string[] {
    return this.roots;
  }

  locate(uri: string): Located | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const abs = fileURLToPath(uri);
    const root = this.roots.find((r) => abs === r || abs.startsWith(r.endsWith(sep) ? r : r + sep)) ?? abs.slice(0, abs.lastIndexOf(sep)) ?? sep;
    return { root, rootUri: pathToFileURL(root).href, rel: relative(root, abs).split(sep).join('/') };
  }

  uriOf(root: string, rel: string): string {
    return pathToFileURL(`${root}${sep}${rel.split('/').join(sep)}`).href;
  }

  /** Current text of a root-relative file: the open document if any, else the disk (bounded). */
  readFile(root: string, rel: string): string | undefined {
    const uri = this.uriOf(root, rel);
    const doc = this.documents.get(uri);
    if (doc) return doc.getText();
    try {
      const abs = fileURLToPath(uri);
      const st = statSync(abs);
      if (!st.isFile() || st.size > MAX_READ_BYTES) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The engine for a root's effective settings (VS Code settings override `.leaklens.json` rules). */
  engineFor(root: string, settings: LeakLensSettings): Engine {
    const { config } = this.projectConfigs.get(root);
    const rules: Record<string, Severity | 'off'> = { ...config.rules, ...settings.rules };
    const baseline = config.baseline.map((b) => b.fingerprint).sort();
    const where = settings.where.length < WHERE_VALUES.length ? settings.where : undefined;
    const key = JSON.stringify([rules, baseline, where]);
    let engine = this.engines.get(key);
    if (!engine) {
      engine = createEngine({ ruleSettings: rules, baseline, where });
      if (this.engines.size >= 16) this.engines.delete(this.engines.keys().next().value!);
      this.engines.set(key, engine);
    }
    return engine;
  }

  /** True when settings or `.leaklens.json` exclude this root-relative path. */
  isExcluded(root: string, rel: string, settings: LeakLensSettings): boolean {
    const globs = [...settings.exclude, ...this.projectConfigs.get(root).config.exclude];
    if (globs.length === 0) return false;
    const key = globs.join('\0');
    let match = this.matchers.get(key);
    if (!match) {
      match = picomatch(globs, { dot: true });
      if (this.matchers.size >= 32) this.matchers.clear();
      this.matchers.set(key, match);
    }
    return match(rel);
  }

  /**
   * A secrets file (`.env`, `local.properties`, `*.xcconfig`) the root `.gitignore` covers is where
   * secrets belong: the editor does not flag it (what ships is caught by the artifact scan).
   */
  isIgnoredSecretsFile(root: string, rel: string): boolean {
    if (!isSecretsFile(rel)) return false;
    const gitignore = this.readFile(root, '.gitignore');
    return gitignore !== undefined && gitignoreCovers(gitignore, rel);
  }

  /**
   * The other files a cross-file analyzer needs to judge this one: for a Supabase migration, every
   * migration of its folder (open buffers first) and `supabase/config.toml`. Undefined otherwise.
   */
  projectContext(root: string, rel: string): ProjectFile[] | undefined {
    const inputs = supabaseInputs(rel);
    if (!inputs) return undefined;
    let names: string[] = [];
    try {
      names = readdirSync(join(root, inputs.migrationsDir)).filter((n) => n.toLowerCase().endsWith('.sql')).sort().slice(0, MAX_MIGRATIONS);
    } catch {
      // folder not on disk (unsaved file): the document alone
    }
    const files: ProjectFile[] = [];
    for (const rel2 of new Set([...names.map((n) => inputs.migrationsDir + n), rel])) {
      const text = this.readFile(root, rel2);
      if (text !== undefined) files.push({ path: rel2, text });
    }
    const config = this.readFile(root, inputs.config);
    if (config !== undefined) files.push({ path: inputs.config, text: config });
    return files;
  }

  /**
   * The root's Firebase context (firebase.json, .firebaserc, google-services.json, rules files):
   * paths from one bounded walk, cached until `forgetFirebaseFiles`; texts read once (open buffers
   * first), again after `firebaseTextsChanged`.
   */
  async firebaseRulesContext(root: string): Promise<FirebaseRulesContext> {
    let paths = this.firebasePaths.get(root);
    if (!paths) {
      const listing: Promise<string[]> = walk(root, isFirebaseRulesContext, () => false, MAX_FIREBASE_FILES).then((r) => r.files, () => []);
      this.firebasePaths.set(root, listing);
      // once listed, the keystroke path can use it synchronously (unless forgotten meanwhile)
      void listing.then((list) => { if (this.firebasePaths.get(root) === listing) this.firebasePaths.set(root, list); });
      paths = listing;
    }
    return this.contextOf(root, await paths);
  }

  /** The same, synchronously, when the walk is done (the keystroke path); undefined otherwise. */
  firebaseRulesContextNow(root: string): FirebaseRulesContext | undefined {
    const paths = this.firebasePaths.get(root);
    return Array.isArray(paths) ? this.contextOf(root, paths) : undefined;
  }

  /** A Firebase context file was created, changed or deleted: list the files again when next needed. */
  forgetFirebaseFiles(): void {
    this.firebasePaths.clear();
    this.firebaseContexts.clear();
  }

  /** An open Firebase context file was edited, opened or closed: read the texts again when next needed. */
  firebaseTextsChanged(): void {
    this.firebaseContexts.clear();
  }

  private contextOf(root: string, paths: readonly string[]): FirebaseRulesContext {
    const cached = this.firebaseContexts.get(root);
    if (cached) return cached;
    const open = this.documents.keys().map((u) => this.locate(u)).filter((l): l is Located => !!l && l.root === root && isFirebaseRulesContext(l.rel)).map((l) => l.rel);
    const files: ProjectFile[] = [];
    for (const rel of new Set([...paths, ...open])) {
      const text = this.readFile(root, rel);
      if (text !== undefined) files.push({ path: rel, text });
    }
    const context = {
      files,
      exists: (rel: string) => this.documents.get(this.uriOf(root, rel)) !== undefined || existsSync(join(root, ...rel.split('/'))),
    };
    this.firebaseContexts.set(root, context);
    return context;
  }

  clearEngines(): void {
    this.engines.clear();
  }
}
