// Artifact bench: the LeakLens CLI on a real 18 MB APK (appium-uiautomator2-server from npm),
// side by side in one run with `unzip -p` (the floor: inflate every entry) and the usual
// reviewer pipeline `apktool d` + `grep -r`. Wall time (best of N) and peak RSS via GNU time.
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

export async function runArtifactBench(runs = 5): Promise<string[]> {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (!findApk(CORPUS)) execFileSync(process.execPath, ['scripts/fetch-corpus.mjs'], { stdio: 'inherit' });
  const apk = findApk(CORPUS);
  if (!apk) return ['artifact bench: appium-uiautomator2-server APK not found after `npm run corpus`'];
  ensureTool('/usr/bin/apktool', 'apktool');

  // Interleaved (one of each per round, best of each kept): load from other processes on a shared
  // machine then hits both sides alike.
  let leaklens: Measurement | undefined;
  let unzip: Measurement | undefined;
  for (let i = 0; i < runs; i++) {
    leaklens = faster(leaklens, measure(process.execPath, [CLI, 'scan', apk, '--format', 'json']));
    unzip = faster(unzip, measure(`unzip -p '${apk}' > /dev/null`, [], { shell: true }));
  }
  if (!leaklens || !unzip) return ['artifact bench: no runs'];
  const findings = (JSON.parse(leaklens.stdout) as { findings: unknown[] }).findings.length;
  const out = mkdtempSync(join(tmpdir(), 'leaklens-apktool-'));
  // One run: it takes minutes. `|| true`: grep exits 1 when nothing matches.
  const apktool = measure(`apktool d -f -q -o '${out}/app' '${apk}' && (grep -rEc '${GREP}' '${out}/app' | grep -vc ':0$' || true)`, [], { shell: true });
  rmSync(out, { recursive: true, force: true });

  const size = statSync(apk).size / 1e6;
  const row = (name: string, m: Measurement, note: string) =>
    `| ${name.padEnd(28)} | ${fmt(m.wallMs, 0).padStart(8)} | ${fmt(m.maxRssMb, 0).padStart(8)} | ${note}`;
  return [
    `## Artifact scan: ${apk.split('/').pop()} (${fmt(size)} MB), best of ${runs} (apktool: 1 run)`,
    `| ${'tool'.padEnd(28)} | ${'wall ms'.padStart(8)} | ${'peak MB'.padStart(8)} | notes`,
    `|${'-'.repeat(30)}|${'-'.repeat(10)}|${'-'.repeat(10)}|------`,
    row('leaklens scan --format json', leaklens, `${findings} findings, exit ${leaklens.status}`),
    row('unzip -p > /dev/null', unzip, `leaklens / unzip = ${fmt(leaklens.wallMs / unzip.wallMs, 2)}× (goal ≤ 2.0×)`),
    row('apktool d + grep -r', apktool, `${apktool.status === 0 ? `${apktool.stdout.trim() || 0} files matched` : `exit ${apktool.status}`}; apktool+grep / leaklens = ${fmt(apktool.wallMs / leaklens.wallMs, 1)}× (goal ≥ 20×)`),
    `leaklens peak RSS ${fmt(leaklens.maxRssMb, 0)} MB (goal < 250 MB)`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runArtifactBench().then((lines) => console.log(lines.join('\n')), (e: unknown) => {
    console.error(`artifact bench failed: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
