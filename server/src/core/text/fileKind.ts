// Which kind of file a path is, and how comments are written in it. Every text file is read: the
// kind comes from the name, then from the name before a backup suffix (`google-services.json.v1`
// is JSON, `Info.plist.bak` a plist), then from the content (text/sniff.ts), else `text`. Names
// that are binary by nature (media, fonts, libraries, keystores) and lockfiles are never read.

export type FileKind =
  | 'xml' | 'json' | 'plist' | 'gradle' | 'kotlin' | 'java' | 'swift' | 'objc' | 'dart' | 'js'
  | 'xcconfig' | 'properties' | 'env' | 'pbxproj' | 'yaml' | 'toml' | 'firebase-rules' | 'sql'
  | 'pem' | 'strings' | 'ruby' | 'python' | 'shell' | 'ini' | 'csharp' | 'html' | 'css' | 'markdown'
  | 'text';

const BY_EXTENSION: Record<string, FileKind> = {
  xml: 'xml', json: 'json', plist: 'plist', entitlements: 'plist', gradle: 'gradle', kt: 'kotlin', kts: 'kotlin',
  java: 'java', swift: 'swift', m: 'objc', mm: 'objc', h: 'objc', dart: 'dart',
  js: 'js', jsx: 'js', ts: 'js', tsx: 'js', mjs: 'js', cjs: 'js', bundle: 'js', jsbundle: 'js',
  xcconfig: 'xcconfig', properties: 'properties', pbxproj: 'pbxproj', yaml: 'yaml', yml: 'yaml',
  toml: 'toml', rules: 'firebase-rules', sql: 'sql',
  // keys and certificates in PEM form (a DER `.cer`/`.crt` is binary: its kind comes from the content)
  pem: 'pem', key: 'pem', p8: 'pem',
  env: 'env',
  strings: 'strings', stringsdict: 'plist', xcprivacy: 'plist', xcstrings: 'json', arb: 'json',
  jsonc: 'json', json5: 'json', webmanifest: 'json',
  storyboard: 'xml', xib: 'xml', xcscheme: 'xml', xcworkspacedata: 'xml',
  cs: 'csharp', csproj: 'xml', props: 'xml', targets: 'xml', xaml: 'xml', resx: 'xml', nuspec: 'xml',
  rb: 'ruby', podspec: 'ruby', gemspec: 'ruby', rake: 'ruby',
  py: 'python', sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell', envrc: 'shell',
  ini: 'ini', cfg: 'ini', conf: 'ini', cnf: 'ini', npmrc: 'ini', editorconfig: 'ini',
  html: 'html', htm: 'html', xhtml: 'html', vue: 'html', svelte: 'html', astro: 'html', ejs: 'html', erb: 'html', hbs: 'html',
  css: 'css', scss: 'css', sass: 'css', less: 'css',
  md: 'markdown', markdown: 'markdown', mdx: 'markdown',
  txt: 'text', csv: 'text', tsv: 'text', log: 'text',
  // C-family sources: comments and string concatenation as in Java / C
  c: 'objc', cc: 'objc', cpp: 'objc', cxx: 'objc', hpp: 'objc', hh: 'objc',
  go: 'java', rs: 'java', scala: 'java', php: 'java', groovy: 'gradle',
};

/** Files known by their whole name (lower-cased). */
const BY_NAME: Record<string, FileKind> = {
  podfile: 'ruby', fastfile: 'ruby', appfile: 'ruby', gemfile: 'ruby', matchfile: 'ruby', pluginfile: 'ruby',
  snapfile: 'ruby', gymfile: 'ruby', scanfile: 'ruby', deliverfile: 'ruby', dangerfile: 'ruby', rakefile: 'ruby',
  brewfile: 'ruby', jenkinsfile: 'gradle', dockerfile: 'shell', '.bashrc': 'shell', '.zshrc': 'shell', '.profile': 'shell',
  '.npmrc': 'ini', '.yarnrc': 'yaml', '.firebaserc': 'json', '.babelrc': 'json', '.eslintrc': 'json',
};

/**
 * Never read in a walk: binary by nature (media, fonts, archives that are not app artifacts, native
 * libraries and object code, keystores, databases, documents, ML models, compiled Xcode assets) or
 * generated and not the app's (lockfiles, source maps). Read as binary they would only add noise.
 */
const SKIPPED_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'ico', 'icns', 'tif', 'tiff', 'heic', 'heif', 'avif', 'psd', 'ai', 'eps', 'svg', 'svgz', 'sketch', 'fig', 'xcf', 'riv', 'lottie',
  'mp3', 'wav', 'ogg', 'oga', 'm4a', 'aac', 'flac', 'opus', 'mid', 'midi', 'caf', 'aif', 'aiff', 'mp4', 'm4v', 'mov', 'avi', 'mkv', 'webm', '3gp', 'wmv', 'flv',
  'ttf', 'otf', 'woff', 'woff2', 'eot', 'ttc',
  'jar', 'aar', 'war', 'ear', 'tar', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'zst', 'lz4', 'br', 'dmg', 'pkg', 'deb', 'rpm', 'msi',
  'so', 'dylib', 'a', 'o', 'obj', 'lib', 'dll', 'exe', 'class', 'pyc', 'pyo', 'wasm', 'node', 'bc',
  'jks', 'keystore', 'bks', 'p12', 'pfx', 'der', 'mobileprovision', 'provisionprofile',
  'db', 'sqlite', 'sqlite3', 'realm', 'mdb',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'pages', 'numbers',
  'tflite', 'mlmodel', 'onnx', 'pt', 'pth', 'h5', 'caffemodel',
  'car', 'nib', 'xcuserstate', 'swp', 'lock', 'lockfile', 'lockb', 'map',
]);
const SKIPPED_NAMES = new Set([
  '.ds_store', 'thumbs.db', 'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'cartfile.resolved',
  'package.resolved', 'packages.lock.json', 'project.assets.json',
]);

/** Backup and template suffixes: the file is read as the name before them (`a.json.v1` → `a.json`). */
const BACKUP_SUFFIX = /(?:\.(?:bak|backup|orig|old|save|saved|copy|prev|previous|new|tmp|disabled|example|sample|template|dist|default|local|v\d{1,3}|\d{1,3})|~)$/i;

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The name with backup suffixes removed (at most three: `Info.plist.bak.old`). */
function unsuffixed(name: string): string {
  let n = name;
  for (let i = 0; i < 3; i++) {
    const m = BACKUP_SUFFIX.exec(n);
    if (!m || m.index === 0) break;
    n = n.slice(0, m.index);
  }
  return n;
}

function kindOfName(lower: string): FileKind | undefined {
  if (lower === '.env' || lower.startsWith('.env.')) return 'env';
  const named = BY_NAME[lower];
  if (named) return named;
  if (lower.endsWith('.gradle.kts')) return 'gradle';
  const dot = lower.lastIndexOf('.');
  const ext = dot < 0 ? undefined : BY_EXTENSION[lower.slice(dot + 1)];
  if (ext) return ext;
  // `env.production`, `env.staging`: dotenv files named the other way round (`env.js` is JavaScript above)
  if (lower.startsWith('env.') && lower.length > 4) return 'env';
  return undefined;
}

/** The kind of a file from its name alone (backup suffixes looked through), or undefined when the name does not say. */
export function fileKind(path: string): FileKind | undefined {
  const lower = basename(path).toLowerCase();
  return kindOfName(lower) ?? kindOfName(unsuffixed(lower));
}

/** True when a walk never reads this file (binary by name, lockfile, source map); see SKIPPED_EXTENSIONS. */
export function isSkippedByName(path: string): boolean {
  const lower = unsuffixed(basename(path).toLowerCase());
  if (SKIPPED_NAMES.has(lower)) return true;
  const dot = lower.lastIndexOf('.');
  if (dot < 0) return false;
  if (SKIPPED_EXTENSIONS.has(lower.slice(dot + 1))) return true;
  // versioned shared libraries: libfoo.so.1.2
  return /\.(?:so|dylib)(?:\.\d+)+$/.test(lower);
}

export interface CommentSyntax {
  line?: string;
  block?: [string, string];
}

/** How to write a comment in a file of this kind (for suppressions and generated edits). */
export function commentSyntax(kind: FileKind): CommentSyntax | undefined {
  switch (kind) {
    case 'xml': case 'plist': case 'html': case 'markdown': return { block: ['<!--', '-->'] };
    case 'json': return undefined; // JSON has no comments: suppress through the .leaklens.json baseline
    case 'css': return { block: ['/*', '*/'] };
    case 'sql': return { line: '--', block: ['/*', '*/'] };
    // PEM: text outside the BEGIN/END lines is ignored by readers (RFC 7468 §2)
    case 'properties': case 'env': case 'yaml': case 'toml': case 'ruby': case 'python': case 'shell':
    case 'ini': case 'pem': case 'text': return { line: '#' };
    default: return { line: '//', block: ['/*', '*/'] };
  }
}
