// Project detection for Build & Scan: which mobile projects a workspace folder holds (Android
// Gradle, Flutter, React Native, Xcode), with their variants or schemes. Pure: reads through a
// small file-system view so it is tested on fixture folders without VS Code.

export type ProjectKind = 'android' | 'flutter' | 'react-native' | 'xcode';

export interface DetectedProject {
  kind: ProjectKind;
  /** Folder of the project, relative to the workspace folder ('' for the folder itself). */
  dir: string;
  /** Human label for pickers, e.g. "Android (Gradle) — android/". */
  label: string;
  /** Android: `debug`, `release`, `freeDebug`…; Xcode: scheme names. */
  variants: string[];
  /** Xcode: the .xcworkspace or .xcodeproj to build (relative to `dir`). */
  container?: string;
}

export interface FsView {
  /** Entry names of a directory (relative path, '' = root); [] when it does not exist. */
  list(dir: string): string[];
  isDir(path: string): boolean;
  /** Text of a file, undefined when missing or unreadable. */
  read(path: string): string | undefined;
}

const SKIP = new Set(['node_modules', '.git', 'build', 'Pods', 'DerivedData', '.gradle', '.dart_tool', '.idea', 'out', 'dist', '.vscode-test']);
const MAX_DEPTH = 3;

const join = (a: string, b: string) => (a ? `${a}/${b}` : b);

/** Every project under the folder (depth ≤ 3), outermost first; RN/Flutter hide their android/ios subprojects. */
export function detectProjects(fs: FsView): DetectedProject[] {
  const found: DetectedProject[] = [];
  const visit = (dir: string, depth: number) => {
    const names = fs.list(dir);
    const here = detectHere(fs, dir, names);
    found.push(...here);
    // A Flutter or React Native project builds its own android/ and ios/ folders.
    const owned = here.some((p) => p.kind === 'flutter' || p.kind === 'react-native');
    if (depth >= MAX_DEPTH) return;
    for (const name of names) {
      if (SKIP.has(name) || name.startsWith('.') || name.endsWith('.xcodeproj') || name.endsWith('.xcworkspace')) continue;
      if (owned && (name === 'android' || name === 'ios' || name === 'macos')) continue;
      const sub = join(dir, name);
      if (fs.isDir(sub)) visit(sub, depth + 1);
    }
  };
  visit('', 0);
  return found;
}

function detectHere(fs: FsView, dir: string, names: string[]): DetectedProject[] {
  const at = (label: string) => `${label}${dir ? ` — ${dir}/` : ''}`;
  const pubspec = names.includes('pubspec.yaml') ? fs.read(join(dir, 'pubspec.yaml')) : undefined;
  if (pubspec && /^\s+flutter:\s*\n\s+sdk:\s*flutter/m.test(pubspec)) {
    return [{ kind: 'flutter', dir, label: at('Flutter'), variants: ['debug', 'release'] }];
  }
  const pkg = names.includes('package.json') ? fs.read(join(dir, 'package.json')) : undefined;
  if (pkg && /"react-native"\s*:/.test(pkg) && (names.includes('android') || names.includes('ios'))) {
    return [{ kind: 'react-native', dir, label: at('React Native'), variants: ['debug', 'release'] }];
  }
  const out: DetectedProject[] = [];
  const android = androidApp(fs, dir, names);
  if (android) out.push({ kind: 'android', dir, label: at('Android (Gradle)'), variants: android });
  const container = names.find((n) => n.endsWith('.xcworkspace') && n !== 'project.xcworkspace') ?? names.find((n) => n.endsWith('.xcodeproj'));
  if (container) out.push({ kind: 'xcode', dir, label: at(`Xcode ${container}`), variants: xcodeSchemes(fs, join(dir, container), container), container });
  return out;
}

/** Variants of the Android application module under `dir`, or undefined when there is none. */
function androidApp(fs: FsView, dir: string, names: string[]): string[] | undefined {
  if (!names.some((n) => n === 'gradlew' || /^settings\.gradle(\.kts)?$/.test(n))) return undefined;
  for (const module of ['app', ...names.filter((n) => n !== 'app')]) {
    const build = fs.read(join(dir, `${module}/build.gradle`)) ?? fs.read(join(dir, `${module}/build.gradle.kts`));
    if (build && /com\.android\.application|android\.application/.test(build)) return androidVariants(build);
  }
  return undefined;
}

/** buildTypes × productFlavors as Gradle names them (`freeDebug`); debug/release always exist. */
export function androidVariants(buildGradle: string): string[] {
  const types = new Set(['debug', 'release', ...blockNames(buildGradle, 'buildTypes')]);
  const flavors = blockNames(buildGradle, 'productFlavors');
  if (flavors.length === 0) return [...types];
  return flavors.flatMap((f) => [...types].map((t) => f + t[0].toUpperCase() + t.slice(1)));
}

/** Names of the entries directly inside `name { … }` (Groovy `foo {`, KTS `create("foo")`/`getByName("foo")`). */
function blockNames(text: string, name: string): string[] {
  const start = text.search(new RegExp(`\\b${name}\\s*\\{`));
  if (start < 0) return [];
  let depth = 0;
  let i = text.indexOf('{', start);
  const open = i;
  for (; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) break;
  }
  const body = text.slice(open + 1, i);
  const names: string[] = [];
  let level = 0;
  // only entries at the block's own level
  for (const m of body.matchAll(/(?:create|getByName|register)\(\s*"(\w+)"\s*\)\s*\{|\b(\w+)\s*\{|[{}]/g)) {
    if (m[0] === '{') { level++; continue; }
    if (m[0] === '}') { level--; continue; }
    if (level === 0) names.push(m[1] ?? m[2]);
    level++;
  }
  return names.filter((n) => n !== 'all' && n !== 'configureEach');
}

function xcodeSchemes(fs: FsView, container: string, name: string): string[] {
  const shared = [`${container}/xcshareddata/xcschemes`];
  if (name.endsWith('.xcworkspace')) {
    // schemes of the projects the workspace references sit next to it
    const parent = container.slice(0, container.lastIndexOf('/') + 1);
    const contents = fs.read(`${container}/contents.xcworkspacedata`) ?? '';
    for (const m of contents.matchAll(/location\s*=\s*"group:([^"]+\.xcodeproj)"/g)) shared.push(`${parent}${m[1]}/xcshareddata/xcschemes`);
  }
  const schemes = shared.flatMap((d) => fs.list(d)).filter((n) => n.endsWith('.xcscheme')).map((n) => n.slice(0, -'.xcscheme'.length));
  return schemes.length ? [...new Set(schemes)] : [name.replace(/\.(xcworkspace|xcodeproj)$/, '')];
}
