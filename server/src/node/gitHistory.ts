// `scan --history`: every blob that a commit reachable from HEAD introduced, oldest commit first,
// each distinct blob once. One `git log --raw` stream (paths and blob ids, no patches) and one
// `git cat-file --batch` process; blobs are requested as the log streams, so git and the scanner
// overlap, with a bounded number in flight.
import { COMMIT_FORMAT, hasNewBlob, RawLogParser, type CommitInfo, type LogRecord } from '../core/git/rawLog';
import { firstFatal, gitSpawn, git, GitError, type Repo } from './git';
import { BlobReader, type BlobResult } from './gitBlobs';

/** Blob requests in flight (their contents wait in memory for the scanner). */
const IN_FLIGHT = 64;

export interface HistoryBlob {
  /**
   * `commit`: introduced by `commit`. With `--since`: `before`, a blob of the REF's tree (its values
   * are not new), and `head`, a HEAD blob older than the range (it only tells what HEAD holds).
   */
  role: 'commit' | 'before' | 'head';
  /** Path relative to the scanned folder, `/`-separated. */
  path: string;
  blob: string;
  commit?: CommitInfo;
  content: BlobResult;
}

export interface HistoryOptions {
  repo: Repo;
  /** Only commits not reachable from this one (`--since REF`, resolved). */
  since?: string;
  /** Whether a path (relative to the scanned folder) is worth reading, and its size limit (0: not read). */
  limitFor(path: string): number;
}

export interface HistoryStream {
  /** Blob ids of HEAD's tree under the scanned folder. */
  headBlobs: ReadonlySet<string>;
  blobs: AsyncGenerator<HistoryBlob>;
  /** Commits walked so far. */
  readonly commits: number;
}

export async function openHistory(options: HistoryOptions): Promise<HistoryStream> {
  const { repo } = options;
  const head = await treeBlobs(repo, 'HEAD');
  const before = options.since ? await treeBlobs(repo, options.since) : new Map<string, string>();
  const state = { commits: 0 };
  return {
    headBlobs: new Set(head.keys()),
    blobs: historyBlobs(options, before, head, state),
    get commits() { return state.commits; },
  };
}

/** A commit's blobs under the scanned folder: blob id → path relative to it. */
async function treeBlobs(repo: Repo, commit: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit, ...pathspec(repo)];
  for (const entry of (await git(repo.top, args)).split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (m && !out.has(m[1])) out.set(m[1], relTo(repo, m[2]));
  }
  return out;
}

type Queued = Omit<HistoryBlob, 'content'> & { content: Promise<BlobResult> };

async function* historyBlobs(options: HistoryOptions, before: Map<string, string>, head: Map<string, string>, state: { commits: number }): AsyncGenerator<HistoryBlob> {
  const { repo } = options;
  const reader = new BlobReader(repo.top);
  const seen = new Set<string>();
  const queue: Queued[] = [];
  const request = (role: HistoryBlob['role'], path: string, blob: string, limit: number, commit?: CommitInfo) => {
    seen.add(blob);
    const content = reader.read(blob, limit);
    content.catch(() => {}); // awaited in order below; a failure surfaces there
    queue.push({ role, path, blob, commit, content });
  };
  /** Requests the tree's unseen blobs, yielding as the queue fills. */
  async function* requestTree(role: 'before' | 'head', tree: Map<string, string>): AsyncGenerator<HistoryBlob> {
    for (const [blob, path] of tree) {
      if (seen.has(blob)) continue;
      const limit = options.limitFor(path);
      if (limit > 0) request(role, path, blob, limit);
      while (queue.length > IN_FLIGHT) yield await take(queue);
    }
    while (queue.length) yield await take(queue);
  }
  const logArgs = [
    'log', '--reverse', '--topo-order', `--format=${COMMIT_FORMAT}`, '--raw', '-z', '--no-renames', '--no-abbrev',
    '--diff-merges=first-parent', '--full-history', '--end-of-options', 'HEAD', ...(options.since ? [`^${options.since}`] : []), ...pathspec(repo),
  ];
  let log: ReturnType<typeof gitSpawn> | undefined;
  try {
    yield* requestTree('before', before);
    // Started only now and read at once: node discards a child's unread output when it exits.
    log = gitSpawn(repo.top, logArgs);
    let stderr = '';
    log.stderr.on('data', (c: Buffer) => { if (stderr.length < 4096) stderr += c.toString('utf8'); });
    const exited = new Promise<number | null>((resolve, reject) => {
      log!.on('close', resolve);
      log!.on('error', (e: NodeJS.ErrnoException) => reject(new GitError(e.code === 'ENOENT' ? 'git is not installed or not on PATH' : `git log: ${e.message}`)));
    });
    exited.catch(() => {}); // awaited below
    log.stdout.setEncoding('utf8');
    const parser = new RawLogParser();
    const requestChanges = (records: LogRecord[]) => {
      for (const { commit, changes } of records) {
        state.commits++;
        for (const c of changes) {
          if (!hasNewBlob(c) || seen.has(c.blob)) continue;
          const path = relTo(repo, c.path);
          const limit = options.limitFor(path);
          if (limit > 0) request('commit', path, c.blob, limit, commit);
        }
      }
    };
    for await (const chunk of log.stdout as AsyncIterable<string>) {
      requestChanges(parser.push(chunk));
      while (queue.length > IN_FLIGHT) yield await take(queue);
    }
    requestChanges(parser.end());
    const code = await exited;
    if (code !== 0) throw new GitError(`git log: ${firstFatal(stderr) || `exit code ${code}`}`);
    while (queue.length) yield await take(queue);
    // `--since`: HEAD blobs older than the range only tell which values HEAD still holds
    yield* requestTree('head', head);
  } finally {
    reader.close();
    if (log && log.exitCode === null) log.kill();
  }
}

async function take(queue: Queued[]): Promise<HistoryBlob> {
  const item = queue.shift()!;
  return { ...item, content: await item.content };
}

/** The scanned folder as a pathspec (nothing at the top: the whole tree). */
export function pathspec(repo: Repo): string[] {
  return repo.prefix ? ['--', `:(top,literal)${repo.prefix}`] : [];
}

/** A repository-relative path relative to the scanned folder. */
export function relTo(repo: Repo, path: string): string {
  return repo.prefix && path.startsWith(`${repo.prefix}/`) ? path.slice(repo.prefix.length + 1) : path;
}
