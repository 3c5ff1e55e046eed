// `npm run eval:real [-- --corpus NAME]`: recall and precision of the built CLI on a hand-labelled
// real-repository corpus (test/real/, or test/real/<NAME>/ such as the held-out set `holdout`), per
// rule and overall, with every miss and false alarm. Reads the corpus from $LEAKLENS_REAL_CORPUS
// (default /work/real-corpus; a named corpus from its <NAME>/ folder); `npm run corpus:real` rebuilds
// it. A developer tool, not part of `npm test`: the corpus is public code kept out of git.
import { join, relative } from 'node:path';
import { writeFileSync } from 'node:fs';
import { addScore, emptyScore, score, type Score } from '../test/helpers/labels';
import { scanFolder } from './eval/cli';
import { checkRepo, extraFiles, loadManifest, loadRealLabels, REAL_DIR, realCorpus, repoKey } from './eval/realCorpus';
import { problemList, ruleTable, summary } from './eval/report';

const option = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
const save = option('--save');
let corpus;
try {
  corpus = realCorpus(option('--corpus'));
} catch (e) {
  console.error(`eval:real: ${(e as Error).message}`);
  process.exit(2);
}
const root = corpus.dataDir;
const repos = loadManifest(corpus);
const incomplete = repos.map((r) => ({ r, ...checkRepo(root, r) })).filter((c) => c.missing.length || c.changed.length);
if (incomplete.length) {
  console.error(`eval:real: the real-repository corpus at ${root} is incomplete (${incomplete.length} of ${repos.length} repositories):`);
  for (const c of incomplete) {
    console.error(`  ${c.r.repo}@${c.r.commit.slice(0, 10)}: ${c.missing.length} missing, ${c.changed.length} changed${c.missing.length === c.r.files.length ? ' (not extracted)' : ''}`);
  }
  const named = corpus.metaDir === REAL_DIR ? '' : ` --corpus ${option('--corpus')}`;
  console.error(`Rebuild it: fetch each repository of ${relative(process.cwd(), join(corpus.metaDir, 'manifest.json'))} with the search tool, then\n` +
    `  npm run corpus:real --${named} /work/.mirror\n(or set LEAKLENS_REAL_CORPUS to where the corpus is). See test/real/README.md.`);
  process.exit(2);
}

const totals = emptyScore();
const perRepo: Array<{ repo: string; score: Score; errors: number }> = [];
let whereChecked = 0;
const whereWrong: string[] = [];
for (const r of repos) {
  const extra = extraFiles(root, r);
  if (extra.length) console.log(`  note: ${r.repo} holds ${extra.length} files the manifest does not list; they are scanned too`);
  const labels = loadRealLabels(r.repo, corpus);
  const scan = scanFolder(join(root, repoKey(r.repo)));
  const s = score(r.repo, labels, scan.findings);
  for (const f of scan.findings) {
    const want = labels.where?.[f.file];
    if (!want || !f.where) continue;
    whereChecked++;
    if (want !== f.where) whereWrong.push(`${r.repo}/${f.file}:${f.line} ${f.ruleId} where=${f.where}, labelled ${want}`);
  }
  perRepo.push({ repo: r.repo, score: s, errors: scan.errors.length });
  console.log(`${summary(r.repo, s)}${scan.errors.length ? `, ${scan.errors.length} errors` : ''}`);
  addScore(totals, s);
}
const files = repos.reduce((n, r) => n + r.files.length, 0);
console.log(`\n${ruleTable(totals)}\n\n${problemList(totals)}`);
if (whereChecked) console.log(`\nwhere: ${whereChecked - whereWrong.length} of ${whereChecked} findings agree with the labelled where\n${whereWrong.map((w) => `  ${w}`).join('\n')}`);
console.log(`\n${summary(`${corpus.name} (${repos.length} repositories, ${files} files)`, totals)}`);
if (save) writeFileSync(save, JSON.stringify({ totals, perRepo }, null, 1));
