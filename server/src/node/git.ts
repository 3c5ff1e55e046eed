// Running git: argument arrays only (never a shell), a fixed environment (no prompts, no optional
// index writes, C messages), and configuration that could run programs or rewrite output turned off.
// Errors a user can fix become GitError with one sentence.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';

export class GitError extends Error {}

/** Before every subcommand: no fsmonitor hook (it runs a program), paths printed as they are. */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=false', '-c', 'diff.noprefix=false'];
/** Output of diff-family commands never goes through user programs or renders colours. */
export const PLAIN_DIFF = ['--no-ext-diff', '--no-textconv', '--no-color'];

export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', GIT_PAGER: 'cat' };
}

/** Output of a git command (UTF-8); GitError with git's own first line when it fails. */
export function git(cwd: string, args: readonly string[], options: { maxBuffer?: number; input?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', [...SAFE_CONFIG, ...args], { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      reject(toGitError(err, stderr, args));
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** A long-running git command whose stdout the caller streams. */
export function gitSpawn(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...SAFE_CONFIG, ...args], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
}

export function toGitError(err: { code?: unknown; message: string }, stderr: string, args: readonly string[]): GitError {
  if (err.code === 'ENOENT') return new GitError('git is not installed or not on PATH');
  const line = firstFatal(stderr);
  return new GitError(line ? `git ${args[0]}: ${line}` : `git ${args[0]} failed (${err.message.split('\n')[0]})`);
}

/** git's most telling line: the `fatal:`/`error:` one, without the prefix. */
export function firstFatal(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const fatal = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? '';
  return fatal.replace(/^(fatal|error):\s*/, '');
}

export interface Repo {
  /** Absolute path of the work tree's top. */
  top: string;
  /** The scanned folder relative to `top` (`/`-separated, '' at the top): the pathspec. */
  prefix: string;
  /** False in a repository without any commit yet. */
  hasHead: boolean;
  /** A shallow clone: its history is partial. */
  shallow: boolean;
}

/** The repository holding `folder`; GitError when it is none, with the reason git gives. */
export async function openRepo(folder: string, given: string): Promise<Repo> {
  let out: string;
  try {
    out = await git(folder, ['rev-parse', '--show-toplevel', '--is-shallow-repository', '--is-bare-repository']);
  } catch (e) {
    const message = (e as Error).message;
    if (/not a git repository/i.test(message)) throw new GitError(`"${given}" is not in a git repository (--staged, --diff and --history read git)`);
    if (/dubious ownership/i.test(message)) throw new GitError(`git refuses "${given}": owned by another user (add it with: git config --global --add safe.directory <path>)`);
    throw e;
  }
  const [top, shallow, bare] = out.split('\n');
  if (bare === 'true' || !top) throw new GitError(`"${given}" is a bare repository: scan a clone with a work tree`);
  let hasHead = true;
  try {
    await git(folder, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch {
    hasHead = false;
  }
  const prefix = relative(realpathSync(top), realpathSync(folder)).split(sep).join('/');
  return { top, prefix, hasHead, shallow: shallow === 'true' };
}

/** The commit a revision names, or GitError naming the revision. */
export async function resolveCommit(repo: Repo, rev: string, option: string): Promise<string> {
  if (rev.startsWith('-')) throw new GitError(`${option}: "${rev}" is not a revision`);
  try {
    return (await git(repo.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch {
    throw new GitError(`${option}: unknown revision "${rev}"${repo.shallow ? ' (this is a shallow clone: fetch it, e.g. git fetch --unshallow, or actions/checkout with fetch-depth: 0)' : ''}`);
  }
}
