// Real temporary git repositories for the git-aware scans' tests: commits with fixed authors and
// dates (so shas and dates are predictable), files written as bytes, git run with argument arrays.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string | Buffer>): void;
  /** Commits everything staged (or `all`: every change) as `author` at `date`; returns the sha. */
  commit(message: string, options?: { all?: boolean; author?: string; date?: string }): string;
  cleanup(): void;
}

/** A clean environment: no user or system git config, fixed committer. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH, HOME: '/nonexistent', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_COMMITTER_NAME: 'CI', GIT_COMMITTER_EMAIL: 'ci@example.test', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z', ...extra,
  };
}

export function tempRepo(options: { branch?: string; dir?: string } = {}): TempRepo {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'leaklens-git-'));
  chmodSync(dir, 0o755);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  git('init', '-q', '-b', options.branch ?? 'main');
  return {
    dir,
    git,
    write(files) {
      for (const [rel, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), content);
      }
    },
    commit(message, o = {}) {
      if (o.all) git('add', '-A');
      const [name, email] = (o.author ?? 'Dev One <dev1@example.test>').split(/ <|>/);
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
        cwd: dir, env: gitEnv({ GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: o.date ?? '2024-01-01T00:00:00Z' }),
      });
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
