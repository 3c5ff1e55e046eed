// `npm run corpus:real -- [--corpus NAME | --manifest PATH] DIR…`: rebuilds a real-repository corpus
// (default test/real/manifest.json; `--corpus holdout` is test/real/holdout/manifest.json) from
// git directories of the listed repositories, as the search tool's `fetch` leaves them
// (/work/.mirror/<owner>+<name>/repo). DIR may be such a git dir, its <owner>+<name> folder, or the
// folder holding many of them. Each listed file is written byte-exact, at the listed commit, to
// $LEAKLENS_REAL_CORPUS/<owner>+<name>/<path> (default /work/real-corpus; a named corpus goes to
// $LEAKLENS_REAL_CORPUS/<NAME>/<owner>+<name>/<path>) and its sha256 checked.
// The corpus is public code: it is read and measured, never committed.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const keyOf = (repo) => repo.replace('/', '+');

function usage(message) {
  console.error(`corpus:real: ${message}\nusage: npm run corpus:real -- [--corpus NAME | --manifest PATH] GIT_DIR_OR_MIRROR_FOLDER…`);
  process.exit(2);
}

/** The manifest to rebuild and where its files go: test/real (the first corpus) or test/real/<NAME>. */
function pickCorpus(argv) {
  const rest = [];
  let manifestPath = join(root, 'test/real/manifest.json');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus' || argv[i] === '--manifest') {
      const value = argv[++i];
      if (!value) usage(`${argv[i - 1]} needs a value`);
      manifestPath = argv[i - 1] === '--corpus' ? join(root, 'test/real', value, 'manifest.json') : resolve(value);
    } else rest.push(argv[i]);
  }
  if (!existsSync(manifestPath)) usage(`no manifest at ${manifestPath}`);
  const base = process.env.LEAKLENS_REAL_CORPUS || '/work/real-corpus';
  const name = relative(join(root, 'test/real'), dirname(manifestPath));
  const out = name === '' ? base : join(base, name.startsWith('..') ? basename(dirname(manifestPath)) : name);
  return { manifest: JSON.parse(readFileSync(manifestPath, 'utf8')), out, args: rest };
}

const { manifest, out, args } = pickCorpus(process.argv.slice(2));

/** Git directories below a path: itself, <x>/repo, <x>/repo/.git, or those of its <owner>+<name> children. */
function gitDirs(path) {
  const isGit = (p) => existsSync(join(p, 'HEAD')) && existsSync(join(p, 'objects'));
  for (const c of [path, join(path, 'repo', '.git'), join(path, 'repo'), join(path, '.git')]) if (isGit(c)) return [c];
  if (!existsSync(path)) usage(`${path} does not exist`);
  return readdirSync(path).filter((n) => n.includes('+')).flatMap((n) => gitDirs(join(path, n)));
}

const git = (dir, ...args) => execFileSync('git', ['--git-dir', dir, ...args], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
const hasCommit = (dir, commit) => { try { git(dir, 'cat-file', '-e', `${commit}^{commit}`); return true; } catch { return false; } };

if (args.length === 0) usage('name at least one git directory');
const done = new Set();
for (const dir of args.flatMap((a) => gitDirs(resolve(a)))) {
  const named = manifest.repos.find((r) => dir.includes(`/${keyOf(r.repo)}/`));
  const repo = named ?? manifest.repos.find((r) => hasCommit(dir, r.commit));
  if (!repo) { console.error(`skip ${dir}: no repository of the manifest`); continue; }
  if (!hasCommit(dir, repo.commit)) { console.error(`skip ${dir}: commit ${repo.commit} of ${repo.repo} is not in it (fetch that repository again)`); continue; }
  let bad = 0;
  for (const f of repo.files) {
    const bytes = git(dir, 'show', `${repo.commit}:${f.path}`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== f.sha256) { bad++; console.error(`  ${repo.repo}/${f.path}: sha256 differs from the manifest`); continue; }
    const dest = join(out, keyOf(repo.repo), f.path);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, bytes);
  }
  done.add(repo.repo);
  console.log(`${repo.repo}@${repo.commit.slice(0, 10)}: ${repo.files.length - bad} files${bad ? `, ${bad} differ` : ''}`);
}
const missing = manifest.repos.filter((r) => !done.has(r.repo)).map((r) => r.repo);
console.log(`\n${done.size} of ${manifest.repos.length} repositories written to ${out}`);
if (missing.length) console.log(`not given (fetch them, then run again): ${missing.join(', ')}`);
