// Generates a deterministic ~50 MB mixed mobile repository tree for the text-throughput bench:
// Android, iOS, Flutter and React Native sources, plus what real repositories hold besides them
// (issue 14: localized .strings, docs, fastlane/CocoaPods Ruby, scripts, env and config files, web
// pages, Xamarin C#, keys) and files a source scan never reads (images, lockfiles), with a few
// planted leaks. Proportions (by file count) follow what public mobile repositories hold outside
// node_modules/Pods: about four in five text files are the classic sources.
import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../test/helpers/rng';

const WORDS = ['photo', 'user', 'upload', 'cache', 'session', 'profile', 'album', 'share', 'thumb', 'recipe', 'workout', 'feed', 'comment', 'like', 'media', 'token', 'config', 'sync'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Bump when the tree's shape changes: a cached tree of another version is generated again. */
const TREE_VERSION = 3;

type Line = (r: () => number, w: () => string) => string;
/** `weight`: files of this kind per 100 text files. */
interface Kind { ext: string; dir: string; weight: number; line: Line }
const KINDS: Kind[] = [
  { ext: 'kt', dir: 'android/app/src/main/java/com/acme', weight: 14, line: (r, w) => `    val ${w()}${Math.floor(r() * 999)} = ${w()}Repository.load("${w()}-${w()}", ${Math.floor(r() * 100)})` },
  { ext: 'java', dir: 'android/app/src/main/java/com/acme/legacy', weight: 10, line: (_r, w) => `        final String ${w()}Label = context.getString(R.string.${w()}_${w()});` },
  { ext: 'xml', dir: 'android/app/src/main/res/values', weight: 10, line: (_r, w) => `    <string name="${w()}_${w()}">${w()} ${w()} ${w()}</string>` },
  { ext: 'swift', dir: 'ios/App/Sources', weight: 12, line: (r, w) => `        let ${w()} = try await ${w()}Service.fetch(id: "${w()}-${Math.floor(r() * 1e6)}")` },
  { ext: 'm', dir: 'ios/App/Legacy', weight: 5, line: (_r, w) => `    NSString *${w()} = [self.${w()}Store valueForKey:@"${w()}"];` },
  { ext: 'dart', dir: 'flutter/lib/src', weight: 12, line: (_r, w) => `  final ${w()}Provider = StateProvider<String>((ref) => '${w()}_${w()}');` },
  { ext: 'ts', dir: 'react-native/src/screens', weight: 12, line: (r, w) => `  const ${w()} = useSelector((s: RootState) => s.${w()}.${w()}[${Math.floor(r() * 10)}]);` },
  { ext: 'json', dir: 'react-native/assets/i18n', weight: 5, line: (_r, w) => `  "${w()}.${w()}.${w()}": "${w()} ${w()}",` },
  // read since issue 14
  { ext: 'strings', dir: 'ios/App/Resources/lproj', weight: 5, line: (_r, w) => `"${w()}_${w()}_title" = "${w()} ${w()} ${w()}";` },
  { ext: 'md', dir: 'docs', weight: 3, line: (_r, w) => `The ${w()} screen lets people ${w()} their ${w()} and share it through the ${w()} service.` },
  { ext: 'rb', dir: 'fastlane/actions', weight: 2, line: (r, w) => `  ${w()}(${w()}: "${w()}-${w()}", retries: ${Math.floor(r() * 5)}, ${w()}: true)` },
  { ext: 'sh', dir: 'scripts', weight: 2, line: (_r, w) => `cp -r "$ROOT/${w()}/${w()}" "$BUILD/${w()}" && echo "${w()} ${w()} done"` },
  { ext: 'py', dir: 'tools', weight: 1, line: (r, w) => `    ${w()}_${w()} = load_${w()}(path="${w()}/${w()}.json", retries=${Math.floor(r() * 5)})` },
  { ext: 'env', dir: 'config', weight: 1, line: (r, w) => `${w().toUpperCase()}_${w().toUpperCase()}=${w()}-${w()}-${Math.floor(r() * 1e4)}` },
  { ext: 'cfg', dir: 'config', weight: 1, line: (_r, w) => `${w()}_${w()} = ${w()}` },
  { ext: 'html', dir: 'web/www', weight: 2, line: (_r, w) => `    <div class="${w()}-${w()}"><span>${w()} ${w()}</span></div>` },
  { ext: 'cs', dir: 'xamarin/App/Services', weight: 2, line: (r, w) => `        var ${w()} = await _${w()}Service.GetAsync("${w()}-${Math.floor(r() * 1e4)}");` },
  { ext: 'txt', dir: 'docs/notes', weight: 1, line: (_r, w) => `${w()} ${w()}: ${w()} the ${w()} before the ${w()} release` },
];
const TOTAL_WEIGHT = KINDS.reduce((n, k) => n + k.weight, 0);

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

/** The kind of the n-th text file: kinds in proportion to their weights, interleaved. */
function kindAt(n: number): Kind {
  let slot = (n * 37) % TOTAL_WEIGHT; // 37 is coprime with the total: the kinds interleave
  for (const k of KINDS) {
    if (slot < k.weight) return k;
    slot -= k.weight;
  }
  return KINDS[0];
}

export interface TextTree {
  root: string;
  /** Every byte in the tree (what both tools are timed over). */
  bytes: number;
  files: number;
  planted: number;
  version?: number;
}

/** Creates the tree under `root` (reused when it already exists with the same parameters). */
export function generateTextTree(root: string, targetMb = 50): TextTree {
  const stamp = join(root, '.tree.json');
  if (existsSync(stamp)) {
    const t = JSON.parse(readFileSync(stamp, 'utf8')) as TextTree;
    if (t.version === TREE_VERSION && t.bytes >= targetMb * 1e6 * 0.95) return { ...t, root };
  }
  rmSync(root, { recursive: true, force: true }); // a tree of another version: nothing of it may stay
  const r = rng(42);
  const w = () => WORDS[Math.floor(r() * WORDS.length)];
  let bytes = 0;
  let files = 0;
  let planted = 0;
  const write = (dir: string, name: string, content: string | Buffer) => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, name), content);
    bytes += content.length;
    files++;
  };
  for (let n = 0; bytes < targetMb * 1e6; n++) {
    const kind = kindAt(n);
    const lines: string[] = [];
    const count = 300 + Math.floor(r() * 500);
    for (let i = 0; i < count; i++) lines.push(kind.line(r, w));
    if (n % 23 === 0) { // 23 is coprime with the weights' total: leaks land in every kind
      lines.splice(Math.floor(count / 2), 0, LEAKS[planted % LEAKS.length].make(r));
      planted++;
    }
    write(join(kind.dir, `m${Math.floor(n / 100)}`), `${w()}${n}.${kind.ext}`, lines.join('\n') + '\n');
    // Files a source scan does not read: app icons and images (one per 5 text files), a lockfile per 200.
    if (n % 5 === 0) {
      const png = Buffer.alloc(4096 + Math.floor(r() * 28_000));
      for (let i = 0; i < png.length; i++) png[i] = Math.floor(r() * 256);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
      write(`android/app/src/main/res/drawable-xxhdpi/m${Math.floor(n / 500)}`, `${w()}_${n}.png`, png);
    }
    if (n % 200 === 0) {
      const lock = Array.from({ length: 600 }, (_, i) => `"${w()}-${w()}@^${i % 9}.${i % 7}.0":\n  version "${i % 9}.${i % 7}.${i % 5}"\n  resolved "https://registry.yarnpkg.com/${w()}/-/${w()}-${i}.tgz"\n`).join('\n');
      write(`react-native/m${Math.floor(n / 200)}`, 'yarn.lock', lock);
    }
  }
  const tree: TextTree = { root, bytes, files, planted, version: TREE_VERSION };
  writeFileSync(stamp, JSON.stringify(tree));
  return tree;
}
