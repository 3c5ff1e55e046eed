// A generated 10,000-commit mobile repository for the history bench, built with `git fast-import`
// (seconds instead of minutes of `git commit`) and cached under .cache/bench/ (git-ignored).
// Shape: ~600 source files (Kotlin, Swift, Dart, strings.xml, Gradle), binaries and docs that the
// scan never reads, 1–3 files edited per commit, and leaks planted on the way: AWS keys added then
// deleted, a google-services.json that stays, an API key in Kotlin later replaced.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../test/helpers/rng';

/** Bump when the generator changes: the cached repository is rebuilt. */
const GENERATOR_VERSION = 2;

export const PLANTED = {
  awsId: 'AKIAQ3EGUCVPZW4XNBJR',
  awsSecret: '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',
  apiKey: 'AIzaSyB3kQ9wE2rT5yU8iO1pA4sD7fG0hJ3kL6z',
  rtdb: 'https://acme-bench-default-rtdb.firebaseio.com',
  rotatedSecret: 'pT6vRx1Nq8wL3zK5mY2cB9hJ4dF7gS0aU3eW6iO1',
};

interface RepoFile { lines: string[]; binary?: Buffer }

function initialFiles(rand: () => number): Map<string, RepoFile> {
  const files = new Map<string, RepoFile>();
  const code = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i));
  for (let i = 0; i < 150; i++) files.set(`android/app/src/main/java/com/acme/app/feature${i}/Feature${i}.kt`, { lines: ['package com.acme.app', '', `class Feature${i} {`, ...code(60 + Math.floor(rand() * 120), (k) => `    fun step${k}(x: Int): Int = x * ${k} + ${i} // keeps the pipeline moving`), '}'] });
  for (let i = 0; i < 120; i++) files.set(`ios/Acme/Feature${i}.swift`, { lines: ['import Foundation', '', `struct Feature${i} {`, ...code(50 + Math.floor(rand() * 100), (k) => `    let value${k} = ${k * 7} // computed once at start-up`), '}'] });
  for (let i = 0; i < 120; i++) files.set(`lib/features/feature_${i}.dart`, { lines: [`class Feature${i} {`, ...code(40 + Math.floor(rand() * 100), (k) => `  int step${k}(int x) => x + ${k}; // widget helper`), '}'] });
  for (let i = 0; i < 40; i++) files.set(`android/app/src/main/res/values/strings_${i}.xml`, { lines: ['<resources>', ...code(30 + Math.floor(rand() * 60), (k) => `  <string name="s${i}_${k}">Text number ${k}</string>`), '</resources>'] });
  for (let i = 0; i < 20; i++) files.set(`android/feature${i}/build.gradle`, { lines: ['plugins { id "com.android.library" }', 'android {', '  namespace "com.acme.feature"', '}', 'dependencies {', ...code(10, (k) => `  implementation "com.acme:lib${k}:1.${i}"`), '}'] });
  for (let i = 0; i < 80; i++) files.set(`docs/page${i}.md`, { lines: code(40, (k) => `Paragraph ${k} of page ${i}.`) });
  for (let i = 0; i < 60; i++) files.set(`assets/images/img${i}.png`, { lines: [], binary: Buffer.from(Array.from({ length: 2048 }, () => Math.floor(rand() * 256))) });
  return files;
}

/** The repository (created on first use, reused while the generator version is the same). */
export async function historyRepo(root: string, commits = 10_000): Promise<string> {
  const dir = join(root, `history-${commits}`);
  const stamp = `${dir}.version`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(GENERATOR_VERSION)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run('git', ['init', '-q', '-b', 'main'], dir);
  const importer = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
  const done = new Promise<number | null>((resolve) => importer.on('close', resolve));
  const write = (chunk: string | Buffer) => (importer.stdin.write(chunk) ? Promise.resolve() : new Promise<void>((r) => importer.stdin.once('drain', () => r())));

  const rand = rng(20240601);
  const files = initialFiles(rand);
  const paths = [...files.keys()].filter((p) => !files.get(p)!.binary && !p.endsWith('.md'));
  const authors = ['Ann Lee <ann@acme.test>', 'Bo Chen <bo@acme.test>', 'Cy Diaz <cy@acme.test>', 'Di Evans <di@acme.test>', 'Ed Fox <ed@acme.test>'];
  const content = (f: RepoFile) => f.binary ?? Buffer.from(`${f.lines.join('\n')}\n`);
  const data = (b: Buffer) => Buffer.concat([Buffer.from(`data ${b.length}\n`), b, Buffer.from('\n')]);
  let time = Date.UTC(2020, 0, 1) / 1000;

  for (let n = 0; n < commits; n++) {
    const changed = new Map<string, RepoFile | null>();
    if (n === 0) for (const [p, f] of files) changed.set(p, f);
    else {
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const p = paths[Math.floor(rand() * paths.length)];
        const f = files.get(p)!;
        const at = 1 + Math.floor(rand() * (f.lines.length - 2));
        const r = rand();
        if (r < 0.5) f.lines[at] = f.lines[at].replace(/\d+/, String(n));
        else if (r < 0.85) f.lines.splice(at, 0, ...Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, i) => f.lines[at].replace(/\d+/, `${n}${i}`)));
        else if (f.lines.length > 10) f.lines.splice(at, 1);
        changed.set(p, f);
      }
    }
    // planted leaks
    if (n === 2000) changed.set('android/app/aws.properties', { lines: [`aws_access_key_id=${PLANTED.awsId}`, `aws_secret_access_key=${PLANTED.awsSecret}`] });
    if (n === 2100) changed.set('android/app/aws.properties', null);
    if (n === 5000) changed.set('android/app/google-services.json', { lines: JSON.stringify({ project_info: { firebase_url: PLANTED.rtdb, project_id: 'acme-bench' }, client: [{ api_key: [{ current_key: PLANTED.apiKey }] }] }, null, 2).split('\n') });
    if (n === 7000 || n === 7500) {
      const p = 'android/app/src/main/java/com/acme/app/feature3/Feature3.kt';
      const f = files.get(p)!;
      if (n === 7000) f.lines.splice(2, 0, `    val mapsKey = "${PLANTED.apiKey.replace('B3', 'Q7')}"`);
      else f.lines.splice(2, 1);
      changed.set(p, f);
    }
    // a secret whose name sits on the line above; rotated later by changing only the value's line
    if (n === 8000 || n === 8500) {
      const p = 'android/app/src/main/java/com/acme/app/feature5/Feature5.kt';
      const f = files.get(p)!;
      if (n === 8000) f.lines.splice(2, 0, '    private val awsSecretAccessKey =', `        "${PLANTED.awsSecret.replace('kW9x', 'Zr4m')}"`);
      else f.lines[3] = `        "${PLANTED.rotatedSecret}"`;
      changed.set(p, f);
    }
    const author = authors[n % authors.length];
    time += 3600 + Math.floor(rand() * 7200);
    const message = Buffer.from(`change ${n}\n`);
    const parts: Buffer[] = [Buffer.from(`commit refs/heads/main\nauthor ${author} ${time} +0000\ncommitter ${author} ${time} +0000\n`), data(message)];
    for (const [p, f] of changed) {
      parts.push(Buffer.from(f ? `M 100644 inline ${p}\n` : `D ${p}\n`));
      if (f) parts.push(data(content(f)));
    }
    await write(Buffer.concat(parts));
  }
  importer.stdin.end();
  if ((await done) !== 0) throw new Error('git fast-import failed');
  await run('git', ['checkout', '-q', '-f', 'main'], dir);
  writeFileSync(stamp, String(GENERATOR_VERSION));
  return dir;
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { cwd, stdio: 'ignore' });
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}`))));
  });
}
