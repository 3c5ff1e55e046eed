// Per-resource settings pulled with `workspace/configuration` (scopeUri), cached per URI and
// dropped on didChangeConfiguration (as vscode-eslint does); `.leaklens.json` per workspace root.
// Editors other than VS Code may send the settings in initializationOptions instead (the base every
// answer is completed from), or, when they cannot be asked, push them with didChangeConfiguration.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, normalizeSettings, type LeakLensSettings } from '../protocol';
import { EMPTY_CONFIG, parseProjectConfig, type ProjectConfig } from '../core/config';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<LeakLensSettings>>();
  /** From initializationOptions (defaults when none). */
  private initial: LeakLensSettings = DEFAULT_SETTINGS;
  /** What a client that cannot be asked pushed last, over `initial`. */
  private pushed: LeakLensSettings | undefined;

  constructor(private readonly connection: Connection, private readonly canPull: () => boolean) {}

  /** `initializationOptions`: the settings at its top level, or under `leaklens`. */
  setInitial(initializationOptions: unknown): void {
    this.initial = normalizeSettings(section(initializationOptions) ?? initializationOptions);
    this.clear();
  }

  /** didChangeConfiguration `settings`: used only when the client does not answer workspace/configuration. */
  push(settings: unknown): void {
    const s = section(settings);
    if (!this.canPull() && s) this.pushed = normalizeSettings(s, this.initial);
    this.clear();
  }

  /** Settings for a document or folder URI. */
  get(uri: string): Promise<LeakLensSettings> {
    let p = this.cache.get(uri);
    if (!p) {
      const base = this.pushed ?? this.initial;
      p = this.canPull()
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'leaklens' }).then(
            (raw) => normalizeSettings(raw, base), // null (nothing configured) → the base
            () => base,
          )
        : Promise.resolve(base);
      this.cache.set(uri, p);
      if (this.cache.size > 2000) this.cache.delete(this.cache.keys().next().value!);
    }
    return p;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}

function section(o: unknown): Record<string, unknown> | undefined {
  const s = o && typeof o === 'object' ? (o as Record<string, unknown>).leaklens : undefined;
  return s && typeof s === 'object' && !Array.isArray(s) ? (s as Record<string, unknown>) : undefined;
}

export interface LoadedProjectConfig {
  config: ProjectConfig;
  /** One sentence when `.leaklens.json` exists but is malformed. */
  error?: string;
}

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * `.leaklens.json` at each workspace root, read once and re-read when the file changes; `openText`
 * gives the editor's text when the file is open (an unsaved edit counts).
 */
export class ProjectConfigStore {
  private readonly cache = new Map<string, LoadedProjectConfig>();

  constructor(private readonly openText: (absPath: string) => string | undefined = () => undefined) {}

  get(rootPath: string): LoadedProjectConfig {
    let c = this.cache.get(rootPath);
    if (!c) {
      const file = join(rootPath, '.leaklens.json');
      const text = this.openText(file);
      c = text !== undefined ? parse(text) : load(file);
      this.cache.set(rootPath, c);
    }
    return c;
  }

  clear(): void {
    this.cache.clear();
  }
}

function load(file: string): LoadedProjectConfig {
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES) return { config: EMPTY_CONFIG, error: `${file} is larger than 4 MB; ignored` };
  } catch {
    return { config: EMPTY_CONFIG };
  }
  return parse(readFileSync(file, 'utf8'));
}

function parse(text: string): LoadedProjectConfig {
  if (text.length > MAX_CONFIG_BYTES) return { config: EMPTY_CONFIG, error: '.leaklens.json is larger than 4 MB; ignored' };
  try {
    return { config: parseProjectConfig(text) };
  } catch (e) {
    return { config: EMPTY_CONFIG, error: (e as Error).message };
  }
}
