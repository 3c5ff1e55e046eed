// Helpers for the CLI integration tests: run the BUILT CLI as a user would, in throwaway folders.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const CLI = resolve('server/out/cli.js');
export const RTDB = 'https://acme-prod-default-rtdb.firebaseio.com';
export const RTDB_XML = `<resources>\n  <string name="firebase_database_url">${RTDB}</string>\n</resources>\n`;

export interface Run { code: number | null; stdout: string; stderr: string; ms: number }

export function cli(args: string[], opts: { cwd: string; uid?: number; env?: NodeJS.ProcessEnv; bundle?: string }): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [opts.bundle ?? CLI, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH, ...opts.env },
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Math.round(performance.now() - t0) };
}

/** A temp folder (world-readable, so a test can also run the CLI as an unprivileged user). */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-cli-'));
  chmodSync(dir, 0o755);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function put(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

/** Owner-scoped RTDB rules: nothing to report about them. */
export const OWNER_RULES = '{ "rules": { "users": { "$uid": { ".read": "auth.uid === $uid", ".write": "auth.uid === $uid" } } } }\n';

/** Owner-scoped Storage rules. */
export const OWNER_STORAGE_RULES = "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    match /users/{uid}/{allPaths=**} {\n      allow read, write: if request.auth != null && request.auth.uid == uid;\n    }\n  }\n}\n";

/** A small Android/Flutter-like project with the same RTDB URL in two files (and its rules kept in the repo). */
export function project(root: string): void {
  put(root, {
    'database.rules.json': OWNER_RULES,
    'android/app/src/main/res/values/strings.xml': RTDB_XML,
    'lib/main.dart': `final db = '${RTDB}';\n`,
    'android/app/src/main/res/drawable/banner.png': `see ${RTDB}\n`, // media by name: never read in a folder walk, whatever it holds
  });
}

export function json(run: Run) {
  return JSON.parse(run.stdout);
}

/** Exit 2 with exactly one line on stderr and no stack trace. */
export function oneLineError(run: Run): string {
  const lines = run.stderr.split('\n').filter(Boolean);
  if (run.code !== 2 || lines.length !== 1 || /\n\s+at /.test(run.stderr)) {
    throw new Error(`expected exit 2 and one stderr line, got ${run.code}: ${JSON.stringify(run.stderr)}`);
  }
  return lines[0];
}
