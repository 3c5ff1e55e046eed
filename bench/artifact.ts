// Artifact bench: the LeakLens CLI on a real 18 MB APK (appium-uiautomator2-server from npm),
// side by side in one run with `unzip -p` (the floor: inflate every entry), androguard's DEX string
// tables (bench/androguard_strings.py on Debian's androguard 3.4: the strings alone, no rules) and the
// usual reviewer pipeline `apktool d` + `grep -r`. Wall time and peak RSS via GNU time; the bench
// installs apktool and androguard from Debian itself.
// Alone: node --import tsx bench/artifact.ts   (npm run bench runs it through bench/index.ts)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureTool, fmt, measure, type Measurement } from './measure';

const faster = (prev: Measurement | undefined, m: Measurement): Measurement => (prev && prev.wallMs <= m.wallMs ? prev : m);

const CORPUS = '.cache/corpus/appium-uiautomator2-server';
const CLI = 'server/out/cli.js';
/** What a reviewer greps the decompiled tree for (the same providers LeakLens knows). */
const GREP = 'firebaseio\\.com|firebasedatabase\\.app|appspot\\.com|amazonaws\\.com|storage\\.googleapis\\.com|blob\\.core\\.windows\\.net|AIza[0-9A-Za-z_-]{35}|PRIVATE KEY';

function findApk(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      const found = findApk(p);
      if (found) return found;
    } else if (/appium-uiautomator2-server-v[\d.]+\.apk$/.test(name)) return p;
  }
  return undefined;
}

const ANDROGUARD = 'bench/androguard_strings.py';
/** Debian's interpreter: androguard is a Debian package (the pyenv python on PATH does not have it). */
const PYTHON = '/usr/bin/python3';

/** `min–max` of a list, `digits` after the point. */
const range = (xs: number[], digits: number): string => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return fmt(lo, digits) === fmt(hi, digits) ? fmt(lo, digits) : `${fmt(lo, digits)}–${fmt(hi, digits)}`;
};

/**
 * `rounds` rounds, each running every tool once back to back (leaklens, unzip, androguard, apktool),
 * so each round's ratios compare runs under the same machine load; `fastRuns` more of leaklens and
 * unzip alone for their best times. Ratios are printed per round as ranges, and best of all.
 */
export async function runArtifactBench(rounds = 3, fastRuns = 4): Promise<string[]> {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (!findApk(CORPUS)) execFileSync(process.execPath, ['scripts/fetch-corpus.mjs'], { stdio: 'inherit' });
  const apk = findApk(CORPUS);
  if (!apk) return ['artifact bench: appium-uiautomator2-server APK not found after `npm run corpus`'];
  ensureTool('/usr/bin/apktool', 'apktool');
  ensureTool('/usr/bin/androguard', 'androguard');

  const scan = () => measure(process.execPath, [CLI, 'scan', apk, '--format', 'json']);
  const unzipP = () => measure(`unzip -p '${apk}' > /dev/null`, [], { shell: true });
  const out = mkdtempSync(join(tmpdir(), 'leaklens-apktool-'));
  // `|| true`: grep exits 1 when nothing matches.
  const apktoolGrep = () => measure(`apktool d -f -q -o '${out}/app' '${apk}' && (grep -rEc '${GREP}' '${out}/app' | grep -vc ':0$' || true)`, [], { shell: true });
  const androguard = () => measure(PYTHON, [ANDROGUARD, apk]);

  const perRound: Array<{ unzip: number; apktool: number; androguard: number; memory: number }> = [];
  let leaklens: Measurement | undefined;
  let unzip: Measurement | undefined;
  let apktool: Measurement | undefined;
  let ag: Measurement | undefined;
  try {
    for (let i = 0; i < rounds; i++) {
      const l = scan();
      const u = unzipP();
      const a = androguard();
      const k = apktoolGrep();
      if (a.status !== 0) return [`artifact bench: androguard failed (exit ${a.status}): ${a.stderr.trim().split('\n').pop()}`];
      perRound.push({ unzip: l.wallMs / u.wallMs, apktool: k.wallMs / l.wallMs, androguard: a.wallMs / l.wallMs, memory: a.maxRssMb / l.maxRssMb });
      [leaklens, unzip, apktool, ag] = [faster(leaklens, l), faster(unzip, u), faster(apktool, k), faster(ag, a)];
    }
    for (let i = 0; i < fastRuns; i++) {
      leaklens = faster(leaklens, scan());
      unzip = faster(unzip, unzipP());
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  if (!leaklens || !unzip || !apktool || !ag) return ['artifact bench: no runs'];
  const findings = (JSON.parse(leaklens.stdout) as { findings: unknown[] }).findings.length;
  const dex = JSON.parse(ag.stdout) as { dex: number; strings: number };

  const size = statSync(apk).size / 1e6;
  const row = (name: string, m: Measurement, note: string) =>
    `| ${name.padEnd(34)} | ${fmt(m.wallMs, 0).padStart(8)} | ${fmt(m.maxRssMb, 0).padStart(8)} | ${note}`;
  const of = (k: keyof (typeof perRound)[number], digits: number) => range(perRound.map((r) => r[k]), digits);
  return [
    `## Artifact scan: ${apk.split('/').pop()} (${fmt(size)} MB); best times of ${rounds + fastRuns} (leaklens, unzip) and ${rounds} runs (androguard, apktool)`,
    `| ${'tool'.padEnd(34)} | ${'wall ms'.padStart(8)} | ${'peak MB'.padStart(8)} | notes`,
    `|${'-'.repeat(36)}|${'-'.repeat(10)}|${'-'.repeat(10)}|------`,
    row('leaklens scan --format json', leaklens, `${findings} findings, exit ${leaklens.status}`),
    row('unzip -p > /dev/null', unzip, `leaklens / unzip = ${fmt(leaklens.wallMs / unzip.wallMs, 2)}× best, ${of('unzip', 2)}× per round (goal ≤ 1.5×)`),
    row('androguard get_strings() (DEX)', ag, `${dex.strings} strings of ${dex.dex} DEX; androguard / leaklens = ${fmt(ag.wallMs / leaklens.wallMs, 1)}× best, ${of('androguard', 1)}× per round (goal ≥ 10×); memory ${of('memory', 1)}× (goal ≥ 4×)`),
    row('apktool d + grep -r', apktool, `${apktool.status === 0 ? `${apktool.stdout.trim() || 0} files matched` : `exit ${apktool.status}`}; apktool+grep / leaklens = ${fmt(apktool.wallMs / leaklens.wallMs, 1)}× best, ${of('apktool', 1)}× per round (goal ≥ 20× every run)`),
    `leaklens peak RSS ${fmt(leaklens.maxRssMb, 0)} MB`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runArtifactBench().then((lines) => console.log(lines.join('\n')), (e: unknown) => {
    console.error(`artifact bench failed: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
