// "Add to .gitignore": a secrets file (`.env*`, `*.env`, `local.properties`, `*.xcconfig`, a PEM key) holding a finding
// gets an entry in the root `.gitignore` unless a pattern already covers it.
import type { FixProvider } from '../fix';
import { appendLinesEdit, basename, gitignoreCovers, rangeHolds } from './util';

/** Files that hold secrets by design and belong outside version control. */
export function isSecretsFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (/\.(example|sample|template|dist)$/.test(name)) return false;
  return name.endsWith('.env') || name.startsWith('.env.') || name === 'local.properties' || /\.(xcconfig|pem|key|p8)$/.test(name);
}

export const gitignoreFix: FixProvider = ({ finding, path, text, readFile }) => {
  if (!isSecretsFile(path) || !rangeHolds(finding, text)) return [];
  const gitignore = readFile('.gitignore');
  if (gitignore !== undefined && gitignoreCovers(gitignore, path)) return [];
  return [{
    title: `Add ${path} to .gitignore`,
    detail: 'Keeps the file out of future commits. If it was committed before, remove it from history (git rm --cached) and rotate the secrets it held.',
    edits: [appendLinesEdit('.gitignore', gitignore, [`/${path}`])],
  }];
};
