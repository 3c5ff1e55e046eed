// "Move to local.properties": an Android secret in Kotlin/Java source or res/values XML becomes a
// local.properties entry (git-ignored by Android Studio's template), a `buildConfigField` (or
// `resValue` for strings.xml) in the module's build script, and `BuildConfig.NAME` in the source.
import type { FileEdit, FixProvider, QuickFix } from '../fix';
import type { Finding } from '../types';
import { gradleEdits } from './gradle';
import { appendLinesEdit, constantName, dirname, join, lineAt, rawValue } from './util';

/** Rules whose values are credentials worth moving out of source (others are just names/URLs). */
export const SECRET_RULES = new Set([
  'google-api-key', 'aws-access-key-id', 'aws-secret-access-key', 'azure-storage-account-key', 'azure-sas-token',
  'supabase-service-role-key', 'supabase-anon-key', 'alibaba-access-key', 'fcm-server-key',
]);

export const androidSecretFix: FixProvider = (ctx) => {
  const { finding, path, text } = ctx;
  if (!SECRET_RULES.has(finding.ruleId) || finding.location.line !== finding.location.endLine) return [];
  const m = /^(?:(.*)\/)?src\/[A-Za-z0-9]+\/(java|kotlin|res)\//.exec(path);
  if (!m) return [];
  const moduleDir = m[1] ?? '';
  const gradlePath = ['build.gradle.kts', 'build.gradle'].map((n) => join(moduleDir, n)).find((p) => ctx.readFile(p) !== undefined);
  if (!gradlePath) return [];
  const gradleText = ctx.readFile(gradlePath)!;
  const kts = gradlePath.endsWith('.kts');
  const raw = rawValue(finding, text);
  if (!raw) return [];
  const isXml = path.endsWith('.xml') && m[2] === 'res';
  const isCode = /\.(kt|java)$/.test(path);
  if (!isXml && !isCode) return [];

  const root = gradleRoot(moduleDir, ctx.readFile);
  const propsPath = join(root, 'local.properties');
  const props = ctx.readFile(propsPath);
  const sourceEdits = isXml ? xmlEdit(text, raw) : codeEdit(text, raw, finding, gradleText, path);
  if (!sourceEdits) return [];
  const name = uniqueName(sourceEdits.name, raw.value, props);
  const gradle = gradleEdits(gradleText, kts, isXml ? { kind: 'resValue', name, resName: sourceEdits.name } : { kind: 'buildConfigField', name });
  if (!gradle) return [];
  const edits: FileEdit[] = [{ path, edits: sourceEdits.edits(name) }];
  if (gradle.length) edits.push({ path: gradlePath, edits: gradle });
  if (!props || !new RegExp(`^${name}=`, 'm').test(props)) edits.push(appendLinesEdit(propsPath, props, [`${name}=${escapeProperty(raw.value)}`]));
  const fix: QuickFix = {
    title: isXml ? `Move ${name} to local.properties (resValue in ${gradlePath})` : `Move ${name} to local.properties and read BuildConfig.${name}`,
    detail:
      `Keeps the value out of git: ${propsPath} (git-ignored by Android Studio's template; LeakLens also offers to ignore it), ` +
      `${isXml ? 'a resValue' : 'a buildConfigField'} in ${gradlePath}. The value is still compiled into the APK: restrict or rotate the key as well.`,
    isPreferred: true,
    movesValue: true,
    edits,
  };
  return [fix];
};

/** The folder of the Gradle root project (holding settings.gradle[.kts]); the module's parent otherwise. */
function gradleRoot(moduleDir: string, readFile: (p: string) => string | undefined): string {
  for (let dir = moduleDir, depth = 0; depth < 8; depth++) {
    if (readFile(join(dir, 'settings.gradle.kts')) !== undefined || readFile(join(dir, 'settings.gradle')) !== undefined) return dir;
    if (!dir) break;
    dir = dirname(dir);
  }
  return dirname(moduleDir);
}

interface SourceEdit {
  /** Suggested constant/resource name. */
  name: string;
  edits(name: string): Array<{ start: number; end: number; newText: string }>;
}

/** `val apiKey = "AIza…"` → `val apiKey = BuildConfig.API_KEY`. */
function codeEdit(text: string, raw: { start: number; end: number }, finding: Finding, gradleText: string, path: string): SourceEdit | undefined {
  const q = text[raw.start - 1];
  if ((q !== '"' && q !== "'") || text[raw.end] !== q) return undefined;
  const line = lineAt(text, raw.start);
  const before = text.slice(line.start, raw.start - 1);
  const decl = /(\w+)\s*(?::\s*[\w.?<>]+)?\s*=\s*$/.exec(before);
  const name = constantName(decl ? decl[1] : finding.ruleId);
  return {
    name,
    edits: (n) => {
      const edits = [{ start: raw.start - 1, end: raw.end + 1, newText: `BuildConfig.${n}` }];
      const imp = importEdit(text, gradleText, path);
      if (imp) edits.unshift(imp);
      return edits;
    },
  };
}

/** Adds `import <namespace>.BuildConfig` when the file is in another package. */
function importEdit(text: string, gradleText: string, path: string): { start: number; end: number; newText: string } | undefined {
  const ns = /\bnamespace\s*=?\s*["']([\w.]+)["']/.exec(gradleText)?.[1];
  const pkg = /^[ \t]*package[ \t]+([\w.]+)[ \t]*;?[ \t]*$/m.exec(text);
  if (!ns || !pkg || pkg[1] === ns || new RegExp(`import\\s+${ns.replace(/\./g, '\\.')}\\.(BuildConfig|\\*)`).test(text)) return undefined;
  const at = pkg.index + pkg[0].length;
  return { start: at, end: at, newText: `\n\nimport ${ns}.BuildConfig${path.endsWith('.java') ? ';' : ''}` };
}

/** `<string name="maps_key">AIza…</string>` → removed (resValue generates it at build time). */
function xmlEdit(text: string, raw: { start: number; end: number }): SourceEdit | undefined {
  const line = lineAt(text, raw.start);
  const open = text.lastIndexOf('<string', raw.start);
  if (open < line.start) return undefined;
  const head = /^<string\s+name\s*=\s*"([^"]+)"[^>]*>\s*$/.exec(text.slice(open, raw.start));
  const closeTag = /^\s*<\/string>/.exec(text.slice(raw.end));
  if (!head || !closeTag) return undefined;
  const end = raw.end + closeTag[0].length;
  const whole = text.slice(line.start, open).trim() === '' && text.slice(end, line.end).trim() === '';
  return {
    name: head[1],
    edits: () => [whole ? { start: line.start, end: Math.min(line.end + 1, text.length), newText: '' } : { start: open, end, newText: '' }],
  };
}

/** NAME, or NAME_2… when local.properties already holds a different value under NAME. */
function uniqueName(base: string, value: string, props: string | undefined): string {
  const name = constantName(base);
  if (!props) return name;
  for (let i = 1; i < 100; i++) {
    const n = i === 1 ? name : `${name}_${i}`;
    const m = new RegExp(`^${n}=(.*)$`, 'm').exec(props);
    if (!m || m[1].trim() === escapeProperty(value)) return n;
  }
  return `${name}_LEAKLENS`;
}

/** Escapes a .properties value (backslashes, leading spaces). */
function escapeProperty(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/^\s/, '\\$&');
}
