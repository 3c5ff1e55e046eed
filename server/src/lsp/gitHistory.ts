// "The value stays in git history": a secret in a file whose committed version (HEAD) holds it is
// readable by anyone with a clone even after a quick fix moves it out, so the hover and the move
// fixes say to rotate it. git is asked once per file (HEAD's version of it), cached until the file
// is saved or HEAD, the index or the branch ref change; never while typing; never in an untrusted
// workspace (git reads the repository's config, and some of it can run programs).
import type { Engine } from '../core/engine';
import { SECRET_RULES } from '../core/fixes/android';
import { rawValue } from '../core/fixes/util';
import type { Finding } from '../core/types';
import { gitPlace, headStamp, headText, type GitPlace } from '../node/gitCommitted';

interface Cached { stamp: string; text: Promise<string | undefined> }

export class CommittedFiles {
  private readonly places = new Map<string, Promise<GitPlace | undefined>>();
  private readonly files = new Map<string, Cached>();
  /** git processes started (tests read it: once per file, not per request). */
  asked = 0;

  /** HEAD's text of `file` (absolute) in the repository around `root`, or undefined. */
  async text(root: string, file: string): Promise<string | undefined> {
    let place = this.places.get(root);
    if (!place) this.places.set(root, (place = gitPlace(root)));
    const p = await place;
    if (!p) return undefined;
    const stamp = headStamp(p);
    const cached = this.files.get(file);
    if (cached && cached.stamp === stamp) return cached.text;
    this.asked++;
    const text = headText(p, file);
    this.files.set(file, { stamp, text });
    return text;
  }

  /** On save: the next question asks git again. */
  forget(file: string): void {
    this.files.delete(file);
  }

  /** Workspace folders changed: repositories may have too. */
  clear(): void {
    this.places.clear();
    this.files.clear();
  }
}

/** A credential that rotation replaces (not a bucket name or a URL). */
export function isRotatable(f: Finding, engine: Engine): boolean {
  return SECRET_RULES.has(f.ruleId) || engine.describe(f.ruleId)?.redact === true;
}

/** Whether the committed version holds the finding's value as the buffer has it now. */
export function inCommitted(f: Finding, current: string, committed: string | undefined, engine: Engine): boolean {
  if (committed === undefined || !isRotatable(f, engine)) return false;
  const raw = rawValue(f, current);
  return !!raw && raw.value.length >= 8 && committed.includes(raw.value);
}

export const HISTORY_HOVER =
  '**Also in git history:** this value is in the committed version of this file (HEAD). Moving it out (the quick fix) ' +
  'does not take it out of the repository: every clone and fork can still read it. **Rotate it**: issue a new key, then revoke this one. ' +
  '`leaklens scan --history` lists every such value.';
export const HISTORY_TITLE = ' — then rotate it: the old value stays in git history';
export const HISTORY_DETAIL = ' The current value is in a committed version of this file: moving it out does not remove it from git history, where every clone can read it — rotate the key.';
