// Quick fixes as pure data: edits over file texts that the language server turns into a
// WorkspaceEdit (and tests apply directly). Providers live in core/fixes/ and core/misconfig/.
import type { Finding } from './types';

export interface TextReplace {
  /** Offsets in the file's current text; start === end inserts. */
  start: number;
  end: number;
  newText: string;
}

export interface FileEdit {
  /** Path relative to the workspace/scan root, `/`-separated. */
  path: string;
  /** Create the file (with the edits applied to an empty text) when it does not exist. */
  create?: boolean;
  edits: TextReplace[];
}

export interface QuickFix {
  title: string;
  /** Shown in the edit preview, e.g. "changes who can read the database". */
  detail?: string;
  isPreferred?: boolean;
  /** Moves the finding's value out of its file (into a git-ignored one): the old value stays in git history. */
  movesValue?: boolean;
  edits: FileEdit[];
}

export interface FixContext {
  finding: Finding;
  /** Relative path and current text of the file holding the finding. */
  path: string;
  text: string;
  /** Reads another project file (relative path); undefined when it does not exist. */
  readFile(path: string): string | undefined;
}

/** Computes the fixes it offers for one finding; must be idempotent (no fix once applied). */
export type FixProvider = (ctx: FixContext) => QuickFix[];
