// The CLI package as a user gets it: `npm pack` in the repository (its prepack builds the production
// bundles), then `npm install -g --prefix <tmp>` of the tarball offline with an empty cache, so
// nothing can come from the registry or from the repository's node_modules.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** What the CLI tarball holds: package.json "files" plus what npm always adds (package.json, README, LICENSE). */
export const CLI_PACKAGE_FILES = [
  'CHANGELOG.md', 'LICENSE', 'README.md', 'docs/cli.md', 'docs/editors.md', 'docs/rules.md', 'package.json',
  'server/out/cli.js', 'server/out/probe.js', 'server/out/server.js',
];

export interface PackInfo {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string; size: number; mode: number }>;
}

export interface InstalledCli {
  tarball: string;
  pack: PackInfo;
  prefix: string;
  /** `<prefix>/bin/leaklens`. */
  bin: string;
  /** Environment for running it: PATH = the prefix's bin, node's folder and the system's; no npm or NODE_* variables. */
  env: NodeJS.ProcessEnv;
}

/** Environment without npm's and Node's module-path variables (an `npm run` parent sets many). */
export function cleanEnv(extraPath: string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$)/i.test(k)) env[k] = v;
  env.PATH = [...extraPath, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
  return env;
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 32 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr.slice(-4000)}`);
  return r.stdout;
}

/** Packs the repository into `work` and installs the tarball into `work/prefix`. */
export function packAndInstall(work: string): InstalledCli {
  const env = cleanEnv();
  const [pack] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT, env)) as PackInfo[];
  const tarball = join(work, pack.filename);
  const prefix = join(work, 'prefix');
  const cache = join(work, 'npm-cache');
  mkdirSync(cache, { recursive: true });
  npm(['install', '--global', '--prefix', prefix, '--offline', '--cache', cache, '--no-audit', '--no-fund', tarball], work, env);
  return { tarball, pack, prefix, bin: join(prefix, 'bin', 'leaklens'), env: cleanEnv([join(prefix, 'bin')]) };
}
