// Which kind of project file a path is, and how comments are written in it (DESIGN §6 patterns).

export type FileKind =
  | 'xml' | 'json' | 'plist' | 'gradle' | 'kotlin' | 'java' | 'swift' | 'objc' | 'dart' | 'js'
  | 'xcconfig' | 'properties' | 'env' | 'pbxproj' | 'yaml' | 'toml' | 'firebase-rules' | 'sql' | 'text';

const BY_EXTENSION: Record<string, FileKind> = {
  xml: 'xml', json: 'json', plist: 'plist', entitlements: 'plist', gradle: 'gradle', kt: 'kotlin', kts: 'kotlin',
  java: 'java', swift: 'swift', m: 'objc', mm: 'objc', h: 'objc', dart: 'dart',
  js: 'js', jsx: 'js', ts: 'js', tsx: 'js', mjs: 'js', cjs: 'js',
  xcconfig: 'xcconfig', properties: 'properties', pbxproj: 'pbxproj', yaml: 'yaml', yml: 'yaml',
  toml: 'toml', rules: 'firebase-rules', sql: 'sql',
};

/** The kind of a project file, or undefined when LeakLens does not scan such files. */
export function fileKind(path: string): FileKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.')) return 'env';
  if (lower.endsWith('.gradle.kts')) return 'gradle';
  const dot = lower.lastIndexOf('.');
  if (dot < 0) return undefined;
  return BY_EXTENSION[lower.slice(dot + 1)];
}

export interface CommentSyntax {
  line?: string;
  block?: [string, string];
}

/** How to write a comment in a file of this kind (for suppressions and generated edits). */
export function commentSyntax(kind: FileKind): CommentSyntax | undefined {
  switch (kind) {
    case 'xml': case 'plist': return { block: ['<!--', '-->'] };
    case 'json': return undefined; // JSON has no comments: suppress through the .leaklens.json baseline
    case 'properties': case 'env': case 'yaml': case 'toml': return { line: '#' };
    case 'sql': return { line: '--', block: ['/*', '*/'] };
    case 'text': return { line: '#' };
    default: return { line: '//', block: ['/*', '*/'] };
  }
}
