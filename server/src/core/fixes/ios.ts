// "Move to Secrets.xcconfig": an iOS secret in Info.plist (or a Swift literal) becomes a build
// setting in a git-ignored `Secrets.xcconfig` next to the Xcode project, `$(NAME)` in Info.plist,
// and — for Swift — a read through `Bundle.main.object(forInfoDictionaryKey:)`.
import type { FileEdit, FixProvider, TextReplace } from '../fix';
import { SECRET_RULES } from './android';
import { appendLinesEdit, basename, constantName, dirname, eol, gitignoreCovers, join, lineAt, rawValue } from './util';

const XCCONFIG = 'Secrets.xcconfig';

export const iosSecretFix: FixProvider = (ctx) => {
  const { finding, path, text } = ctx;
  if (!SECRET_RULES.has(finding.ruleId) || finding.location.line !== finding.location.endLine) return [];
  const raw = rawValue(finding, text);
  if (!raw) return [];
  if (isInfoPlist(path)) {
    const key = plistKeyBefore(text, raw.start);
    if (!key || !isWholeString(text, raw)) return [];
    const name = constantName(key);
    const edits: FileEdit[] = [{ path, edits: [{ start: raw.start, end: raw.end, newText: `$(${name})` }] }];
    return [fix(name, key, raw.value, dirname(path), edits, ctx.readFile)];
  }
  if (path.endsWith('.swift')) {
    const q = text[raw.start - 1];
    if (q !== '"' || text[raw.end] !== '"') return [];
    const plistPath = [join(dirname(path), 'Info.plist'), join(dirname(dirname(path)), 'Info.plist')].find((p) => ctx.readFile(p) !== undefined);
    if (!plistPath) return [];
    const plist = ctx.readFile(plistPath)!;
    const decl = /(\w+)\s*(?::\s*[\w.?]+)?\s*=\s*$/.exec(text.slice(lineAt(text, raw.start).start, raw.start - 1));
    const name = constantName(decl ? decl[1] : finding.ruleId);
    const add = plistAddition(plist, name);
    if (!add) return [];
    const edits: FileEdit[] = [
      { path, edits: [{ start: raw.start - 1, end: raw.end + 1, newText: `(Bundle.main.object(forInfoDictionaryKey: "${name}") as? String ?? "")` }] },
      { path: plistPath, edits: add },
    ];
    return [fix(name, name, raw.value, dirname(plistPath), edits, ctx.readFile)];
  }
  return [];
};

function fix(name: string, plistKey: string, value: string, plistDir: string, edits: FileEdit[], readFile: (p: string) => string | undefined) {
  // "Next to the project": the folder above the app target's folder (where *.xcodeproj lives).
  const xcDir = dirname(plistDir);
  const xcPath = join(xcDir, XCCONFIG);
  const xc = readFile(xcPath);
  if (!xc || !new RegExp(`^\\s*${name}\\s*=`, 'm').test(xc)) {
    edits.push(appendLinesEdit(xcPath, xc, [
      ...(xc === undefined ? ['// Secrets for the build; git-ignored. Added by LeakLens.'] : []),
      // `//` starts a comment in xcconfig: the `$()` trick keeps URLs intact.
      `${name} = ${value.replace(/\/\//g, '/$()/')}`,
    ]));
  }
  const gitignore = readFile('.gitignore');
  if (!gitignore || !gitignoreCovers(gitignore, xcPath)) edits.push(appendLinesEdit('.gitignore', gitignore, [`/${xcPath}`]));
  // Flutter: include the secrets from the generated configurations.
  for (const conf of ['Debug', 'Release']) {
    const p = join(xcDir, `Flutter/${conf}.xcconfig`);
    const t = readFile(p);
    if (t !== undefined && !t.includes(XCCONFIG)) edits.push(appendLinesEdit(p, t, [`#include? "../${XCCONFIG}"`]));
  }
  return {
    title: `Move ${name} to ${xcPath} (git-ignored) and use $(${name})`,
    detail:
      `Set ${basename(xcPath)} as the base configuration of the target (or #include it from your xcconfig). ` +
      `Read it in Swift with: let value = Bundle.main.object(forInfoDictionaryKey: "${plistKey}") as? String ?? "". ` +
      'The value still ships inside the IPA: restrict or rotate the key as well.',
    isPreferred: true,
    movesValue: true,
    edits,
  };
}

function isInfoPlist(path: string): boolean {
  const name = basename(path);
  return name === 'Info.plist' || (name.endsWith('-Info.plist') && name !== 'GoogleService-Info.plist');
}

/** The `<key>` just before the `<string>` holding the value. */
function plistKeyBefore(text: string, start: number): string | undefined {
  const m = /<key>([^<]{1,200})<\/key>\s*<string>\s*$/.exec(text.slice(Math.max(0, start - 400), start));
  return m?.[1].trim();
}

function isWholeString(text: string, raw: { start: number; end: number }): boolean {
  return /<string>\s*$/.test(text.slice(Math.max(0, raw.start - 20), raw.start)) && /^\s*<\/string>/.test(text.slice(raw.end, raw.end + 20));
}

/** Inserts `<key>NAME</key><string>$(NAME)</string>` before the top-level dict's end. */
function plistAddition(plist: string, name: string): TextReplace[] | undefined {
  if (plist.includes(`<key>${name}</key>`)) return [];
  const end = plist.lastIndexOf('</dict>');
  if (end < 0) return undefined;
  const line = lineAt(plist, end);
  const nl = eol(plist);
  const indent = line.indent + '\t';
  const entry = `${indent}<key>${name}</key>${nl}${indent}<string>$(${name})</string>${nl}`;
  return plist.slice(line.start, end).trim() === '' ? [{ start: line.start, end: line.start, newText: entry }] : [{ start: end, end, newText: nl + entry }];
}
