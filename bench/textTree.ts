// Generates a deterministic ~50 MB mixed mobile source tree (Android, iOS, Flutter, React Native
// files) with a few planted leaks, for the text-throughput bench.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../test/helpers/rng';

const WORDS = ['photo', 'user', 'upload', 'cache', 'session', 'profile', 'album', 'share', 'thumb', 'recipe', 'workout', 'feed', 'comment', 'like', 'media', 'token', 'config', 'sync'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface Kind { ext: string; dir: string; line(r: () => number, w: () => string): string }
const KINDS: Kind[] = [
  { ext: 'kt', dir: 'android/app/src/main/java/com/acme', line: (r, w) => `    val ${w()}${Math.floor(r() * 999)} = ${w()}Repository.load("${w()}-${w()}", ${Math.floor(r() * 100)})` },
  { ext: 'java', dir: 'android/app/src/main/java/com/acme/legacy', line: (_r, w) => `        final String ${w()}Label = context.getString(R.string.${w()}_${w()});` },
  { ext: 'xml', dir: 'android/app/src/main/res/values', line: (_r, w) => `    <string name="${w()}_${w()}">${w()} ${w()} ${w()}</string>` },
  { ext: 'swift', dir: 'ios/App/Sources', line: (r, w) => `        let ${w()} = try await ${w()}Service.fetch(id: "${w()}-${Math.floor(r() * 1e6)}")` },
  { ext: 'm', dir: 'ios/App/Legacy', line: (_r, w) => `    NSString *${w()} = [self.${w()}Store valueForKey:@"${w()}"];` },
  { ext: 'dart', dir: 'flutter/lib/src', line: (_r, w) => `  final ${w()}Provider = StateProvider<String>((ref) => '${w()}_${w()}');` },
  { ext: 'ts', dir: 'react-native/src/screens', line: (r, w) => `  const ${w()} = useSelector((s: RootState) => s.${w()}.${w()}[${Math.floor(r() * 10)}]);` },
  { ext: 'json', dir: 'react-native/assets/i18n', line: (_r, w) => `  "${w()}.${w()}.${w()}": "${w()} ${w()}",` },
];

/** Planted leaks: each is a line template with the rule id a scanner should report for it. */
const LEAKS: Array<{ ruleId: string; make(r: () => number): string }> = [
  { ruleId: 'firebase-database-url', make: (r) => `const DB = "https://acme-${rand(r, 6).toLowerCase()}-default-rtdb.firebaseio.com"` },
  { ruleId: 'aws-s3-bucket', make: (r) => `const MEDIA = "https://acme-${rand(r, 6).toLowerCase()}.s3.eu-west-1.amazonaws.com/"` },
  { ruleId: 'google-api-key', make: (r) => `const MAPS = "AIza${rand(r, 35)}"` },
  { ruleId: 'aws-access-key-id', make: (r) => `const AWS_ID = "AKIA${rand(r, 16).toUpperCase()}"` },
];

function rand(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[Math.floor(r() * ALNUM.length)];
  return s;
}

export interface TextTree { root: string; bytes: number; files: number; planted: number }

/** Creates the tree under `root` (reused when it already exists with the same parameters). */
export function generateTextTree(root: string, targetMb = 50): TextTree {
  const stamp = join(root, '.tree.json');
  if (existsSync(stamp)) {
    const t = JSON.parse(readFileSync(stamp, 'utf8')) as TextTree;
    if (t.bytes >= targetMb * 1e6 * 0.95) return { ...t, root };
  }
  const r = rng(42);
  const w = () => WORDS[Math.floor(r() * WORDS.length)];
  let bytes = 0;
  let files = 0;
  let planted = 0;
  while (bytes < targetMb * 1e6) {
    const kind = KINDS[files % KINDS.length];
    const lines: string[] = [];
    const n = 300 + Math.floor(r() * 500);
    for (let i = 0; i < n; i++) lines.push(kind.line(r, w));
    if (files % 25 === 0) {
      lines.splice(Math.floor(n / 2), 0, LEAKS[planted % LEAKS.length].make(r));
      planted++;
    }
    const text = lines.join('\n') + '\n';
    const dir = join(root, kind.dir, `m${Math.floor(files / 100)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${w()}${files}.${kind.ext}`), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  const tree: TextTree = { root, bytes, files, planted };
  writeFileSync(stamp, JSON.stringify(tree));
  return tree;
}
