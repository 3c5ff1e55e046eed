// `npm run corpus:peers -- GIT_DIR…`: writes other scanners' own test cases (gitleaks, trufflehog,
// secretlint; fetched with the search tool) as files a mobile repository could hold, under
// $LEAKLENS_REAL_CORPUS/peers (default /work/real-corpus/peers): each case as lines of
// `production.env` / `app.env` (true / false positives) and as Kotlin literals in `Secrets.kt` /
// `Config.kt`, with cases.json mapping every case to its lines. Generated data: never committed.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gitleaksCases, secretlintCases, trufflehogCases, type PeerCase } from './peers/sources';
import { corpusDir } from './eval/realCorpus';

export interface WrittenCase extends PeerCase { file: string; line: number; endLine: number }

const out = join(corpusDir(), 'peers');
const dirs = process.argv.slice(2).map((d) => resolve(d));
if (dirs.length === 0) {
  console.error('corpus:peers: name the fetched git directories of gitleaks, trufflehog and/or secretlint\nusage: npm run corpus:peers -- /work/.mirror/gitleaks+gitleaks/repo …');
  process.exit(2);
}
const gitDir = (d: string) => (existsSync(join(d, 'HEAD')) ? d : existsSync(join(d, 'repo', 'HEAD')) ? join(d, 'repo') : join(d, 'repo', '.git'));

const skipped: string[] = [];
const cases: PeerCase[] = [];
for (const d of dirs) {
  const g = gitDir(d);
  if (/gitleaks/.test(d)) cases.push(...gitleaksCases(g, skipped));
  else if (/trufflehog/.test(d)) cases.push(...trufflehogCases(g, skipped));
  else if (/secretlint/.test(d)) cases.push(...secretlintCases(g, skipped));
  else skipped.push(`${d}: not gitleaks, trufflehog or secretlint`);
}

const camel = (name: string) => name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const envValue = (v: string) => (/[\s#"'$]/.test(v) ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : v);
const ktValue = (v: string) => (v.includes('\n') ? `"""${v.replace(/\$/g, '${"$"}')}"""` : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$')}"`);

rmSync(out, { recursive: true, force: true });
const written: WrittenCase[] = [];
const groups = new Map<string, PeerCase[]>();
for (const c of cases) {
  const key = `${c.source}/${c.peerRule.replace(/[^\w.-]+/g, '_')}`;
  groups.set(key, [...(groups.get(key) ?? []), c]);
}
for (const [key, group] of groups) {
  const dir = join(out, key);
  mkdirSync(dir, { recursive: true });
  for (const kind of ['tp', 'fp'] as const) {
    const list = group.filter((c) => c.kind === kind);
    if (!list.length) continue;
    // .env: one case per block, blocks separated by a blank line
    const env: string[] = [`# ${kind === 'tp' ? 'true' : 'false'} positives of ${key} (generated)`];
    const kt: string[] = ['package com.example.app', '', `object ${kind === 'tp' ? 'Secrets' : 'Config'} {`];
    list.forEach((c, n) => {
      env.push('');
      const envStart = env.length + 1;
      for (const v of c.values) env.push(`${v.name}=${envValue(v.value)}`);
      written.push({ ...c, file: `${key}/${kind === 'tp' ? 'production.env' : 'app.env'}`, line: envStart, endLine: env.join('\n').split('\n').length });
      const ktStart = kt.join('\n').split('\n').length + 1;
      for (const v of c.values) kt.push(`    val ${camel(v.name)}${n} = ${ktValue(v.value)}`);
      written.push({ ...c, file: `${key}/${kind === 'tp' ? 'Secrets.kt' : 'Config.kt'}`, line: ktStart, endLine: kt.join('\n').split('\n').length });
    });
    kt.push('}');
    writeFileSync(join(dir, kind === 'tp' ? 'production.env' : 'app.env'), env.join('\n') + '\n');
    writeFileSync(join(dir, kind === 'tp' ? 'Secrets.kt' : 'Config.kt'), kt.join('\n') + '\n');
  }
}
writeFileSync(join(out, 'cases.json'), JSON.stringify({ cases: written, skipped }, null, 1));
const count = (k: string) => cases.filter((c) => c.kind === k).length;
console.log(`${cases.length} peer cases (${count('tp')} true, ${count('fp')} false positives) written twice (.env and .kt) to ${out}`);
if (skipped.length) console.log(`skipped ${skipped.length}:\n${skipped.map((s) => `  ${s}`).join('\n')}`);
