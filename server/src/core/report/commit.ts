// How every format says where a history finding came from (`scan --history`).
import type { Finding } from '../types';

/** "introduced in 1a2b3c4d5e6f (2024-05-02, Jane Doe); no longer in HEAD, still in git history", or undefined outside history scans. */
export function commitNote(f: Finding): string | undefined {
  if (!f.commit) return undefined;
  const { sha, date, author } = f.commit;
  const state = f.inHead === undefined ? '' : f.inHead ? '; still in HEAD' : '; no longer in HEAD, still in git history';
  return `introduced in ${sha.slice(0, 12)} (${date.slice(0, 10)}, ${author})${state}`;
}
