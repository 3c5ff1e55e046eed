// `npm run eval:real`: recall and precision of the built CLI on the hand-labelled real-repository
// corpus (test/real/), per rule and overall, with every miss and false alarm. Reads the corpus from
// $LEAKLENS_REAL_CORPUS (default /work/real-corpus); `npm run corpus:real` rebuilds it. A developer
// tool, not part of `npm test`: the corpus is public code kept out of git.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { addScore, emptyScore, score, type Score } from '../test/helpers/labels';
import { scanFolder } from './eval/cli';
import { checkRepo, corpusDir, extraFiles, loadManifest, loadRealLabels, repoKey } from './eval/realCorpus';
import { problemList, ruleTable, summary } from './eval/report';

const root = corpusDir();
const save = process.argv.includes('--save') ? process.argv[process.argv.indexOf('--save') + 1] : undefined;
const repos = loadManifest();
const incomplete = repos.map((r) => ({ r, ...checkRepo(root, r) })).filter((c) => c.missing.length || c.changed.length);
if (incomplete.length) {
  console.error(`eval:real: the real-repository corpus at ${root} is incomplete (${incomplete.length} of ${repos.length} repositories):`);
  for (const c of incomplete) {
    console.error(`  ${c.r.repo}@${c.r.commit.slice(0, 10)}: ${c.missing.length} missing, ${c.changed.length} changed${c.missing.length === c.r.files.length ? ' (not extracted)' : ''}`);
  }
  console.error('Rebuild it: fetch each repository of test/real/manifest.json with the search tool, then\n' +
    '  npm run corpus:real -- /work/.mirror\n(or set LEAKLENS_REAL_CORPUS to where the corpus is). See test/real/README.md.');
  process.exit(2);
}

const totals = emptyScore();
const perRepo: Array<{ repo: string; score: Score; errors: number }> = [];
let whereChecked = 0;
const whereWrong: string[] = [];
for (const r of repos) {
  const extra = extraFiles(root, r);
  if (extra.length) console.log(`  note: ${r.repo} holds ${extra.length} files the manifest does not list; they are scanned too`);
  const labels = loadRealLabels(r.repo);
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
console.log(`\n${summary(`real corpus (${repos.length} repositories, ${files} files)`, totals)}`);
if (save) writeFileSync(save, JSON.stringify({ totals, perRepo }, null, 1));
