// Parsers for git's `--raw -z` output, as a stream: `git log --format=<COMMIT_FORMAT> --raw -z`
// (history) and `git diff --raw -z` (staged and pull-request scans). Pure: text in, records out.
//
// With -z every field ends in NUL. A commit starts with \x01 (our format) followed by its sha,
// author date, name and email; then raw entries, each `:<src mode> <dst mode> <src blob> <dst blob> <status>`
// and one path (two for renames and copies: source, then destination). Git puts a newline before
// the first entry of a commit, which the tokenizer drops.

/** The `--format` for `git log` that `RawLogParser` reads. */
export const COMMIT_FORMAT = '%x01%H%x00%aI%x00%an%x00%ae';

export interface CommitInfo {
  sha: string;
  /** Author date, strict ISO 8601 (`%aI`). */
  date: string;
  author: string;
  email: string;
}

export interface RawChange {
  /** `A` added, `M` modified, `D` deleted, `T` type changed, `R`/`C` renamed/copied (with a score). */
  status: string;
  /** Mode and blob on the new side (`000000`/all zeros when deleted). */
  mode: string;
  blob: string;
  /** Path on the new side, relative to the repository root, `/`-separated. */
  path: string;
  /** Source path of a rename or copy. */
  from?: string;
}

export interface LogRecord {
  commit: CommitInfo;
  changes: RawChange[];
}

const ZERO_BLOB = /^0+$/;

/** True when a change leaves a regular file (or executable/symlink) with content on the new side. */
export function hasNewBlob(c: RawChange): boolean {
  return c.status[0] !== 'D' && !ZERO_BLOB.test(c.blob) && c.mode !== '160000'; // 160000: a submodule commit
}

/** Splits a NUL-separated stream into tokens across chunk boundaries. */
class Tokens {
  private rest = '';
  push(chunk: string): string[] {
    const parts = (this.rest + chunk).split('\0');
    this.rest = parts.pop() ?? '';
    return parts;
  }
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last ? [last] : [];
  }
}

/** Streaming parser of `git log --format=COMMIT_FORMAT --raw -z`: feed chunks, take whole commits. */
export class RawLogParser {
  private readonly tokens = new Tokens();
  private current: LogRecord | undefined;
  /** Header fields still expected for the current commit (date, author, email). */
  private header: string[] | undefined;
  /** A raw entry waiting for its path(s). */
  private pending: { meta: string[]; paths: string[]; want: number } | undefined;

  /** Commits completed by this chunk (a commit is complete when the next one starts). */
  push(chunk: string): LogRecord[] {
    return this.consume(this.tokens.push(chunk));
  }

  /** The last commit(s), at the end of the stream. */
  end(): LogRecord[] {
    const out = this.consume(this.tokens.end());
    if (this.current) out.push(this.current);
    this.current = undefined;
    return out;
  }

  private consume(tokens: string[]): LogRecord[] {
    const out: LogRecord[] = [];
    for (let token of tokens) {
      if (this.header) {
        this.header.push(token);
        if (this.header.length === 4) {
          const [sha, date, author, email] = this.header;
          this.current = { commit: { sha, date, author, email }, changes: [] };
          this.header = undefined;
        }
        continue;
      }
      if (this.pending) {
        this.pending.paths.push(token);
        if (this.pending.paths.length === this.pending.want) this.finishEntry();
        continue;
      }
      if (token.startsWith('\n')) token = token.replace(/^\n+/, '');
      if (token.startsWith('\x01')) {
        if (this.current) out.push(this.current);
        this.current = undefined;
        this.header = [token.slice(1)];
        continue;
      }
      if (token.startsWith(':')) {
        const meta = token.slice(1).split(' ');
        const status = meta[4] ?? '';
        this.pending = { meta, paths: [], want: /^[RC]/.test(status) ? 2 : 1 };
      }
      // anything else (an empty token between commits) carries nothing
    }
    return out;
  }

  private finishEntry(): void {
    const { meta, paths } = this.pending!;
    this.pending = undefined;
    const change: RawChange = { status: meta[4] ?? '', mode: meta[1] ?? '', blob: meta[3] ?? '', path: paths[paths.length - 1] };
    if (paths.length === 2) change.from = paths[0];
    (this.current ??= { commit: { sha: '', date: '', author: '', email: '' }, changes: [] }).changes.push(change);
  }
}

/** The entries of `git diff --raw -z` (no commit headers), whole output at once. */
export function parseRawDiff(output: string): RawChange[] {
  const parser = new RawLogParser();
  return [...parser.push(output), ...parser.end()].flatMap((r) => r.changes);
}
