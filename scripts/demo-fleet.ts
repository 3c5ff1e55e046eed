// `npm run demo:fleet`: a fleet scan with no cloud account, and the README's summary screenshot.
// Makes 150 apps in a temp folder (the committed leaky APK and the real androidTest APK of `npm run
// corpus`, each with a config naming databases and buckets from a shared pool, plus a few corrupt
// files), starts the documented-response stand-in (test/helpers/fakeProviders.ts) on 127.0.0.1 with
// some databases and buckets open, runs the built CLI's `batch --probe --endpoint-override …` and
// `summary` as a user would, prints the text summary, and with --screenshot renders the HTML summary
// in Debian's chromium (playwright-core) to docs/images/fleet-summary.png.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OVERRIDE_KEYS } from '../server/src/probe/policy';
import { startFakeProviders, type RtdbDb } from '../test/helpers/fakeProviders';
import { rng } from '../test/helpers/rng';

const CLI = resolve('server/out/cli.js');
const APPS = 150;
const random = rng(7);
const pickFrom = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

/** The pool apps draw from: a database or bucket named by several apps is probed once. */
const DATABASES: Array<[string, RtdbDb]> = [
  ['fleet-chat-prod', { kind: 'open', data: { users: {}, messages: {}, profiles: {} } }],
  ['fleet-clinic-app', { kind: 'open', data: { patients: {}, lab_results: {}, appointments: {} } }],
  ['fleet-shop-orders', { kind: 'open', data: { orders: {}, payments: {}, addresses: {} } }],
  ['fleet-game-scores', { kind: 'open', data: { leaderboard: {}, sessions: {} } }],
  ['fleet-photos-prod', { kind: 'denied' }], ['fleet-notes-prod', { kind: 'denied' }], ['fleet-fitness-prod', { kind: 'locked' }],
  ['fleet-travel-prod', { kind: 'denied' }], ['fleet-bank-prod', { kind: 'denied' }], ['fleet-news-prod', { kind: 'denied' }],
];
const BUCKETS: Array<[string, 'open' | 'denied']> = [
  ['fleet-media-uploads', 'open'], ['fleet-user-avatars', 'open'], ['fleet-invoices-archive', 'denied'],
  ['fleet-backups-2024', 'denied'], ['fleet-app-assets', 'denied'], ['fleet-voice-notes', 'denied'],
];

function findApk(dir: string, re: RegExp): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { const f = findApk(p, re); if (f) return f; } else if (re.test(name)) return p;
  }
  return undefined;
}

function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const bases = ['test/fixtures/android/leaky.apk', findApk('.cache/corpus', /androidTest\.apk$/)].filter((b): b is string => !!b);
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-fleet-demo-'));
  const work = join(dir, 'work');
  const fake = await startFakeProviders({
    rtdb: Object.fromEntries(DATABASES.map(([n, d]) => [`${n}-default-rtdb`, d])),
    firestore: {}, storage: {}, gcs: {}, remoteConfig: {}, supabase: { anonKey: 'none', tables: {} },
    s3: Object.fromEntries(BUCKETS.map(([n, k]) => [n, k === 'open' ? { kind: 'acl', grants: ['READ'], keys: ['2024/photo-1.jpg', '2024/photo-2.jpg'] } : { kind: 'denied' }])),
  });
  try {
    mkdirSync(join(dir, 'apps'));
    for (let i = 0; i < APPS; i++) {
      const name = `app-${String(i).padStart(3, '0')}.apk`;
      const base = pickFrom(bases);
      if (i % 25 === 24) { writeFileSync(join(dir, 'apps', name), readFileSync(base).subarray(0, 1000 + i)); continue; } // a broken download
      copyFileSync(base, join(dir, 'apps', name));
      rmSync(work, { recursive: true, force: true });
      mkdirSync(join(work, 'assets'), { recursive: true });
      // every app its own build; 70% with a cloud config from the pool
      const config = random() < 0.3 ? { build: i } : { build: i, database_url: `https://${pickFrom(DATABASES)[0]}-default-rtdb.firebaseio.com`, ...(random() < 0.5 ? { bucket: `s3://${pickFrom(BUCKETS)[0]}/` } : {}) };
      writeFileSync(join(work, 'assets', 'config.json'), JSON.stringify(config));
      execFileSync('zip', ['-q', '-X', join('..', 'apps', name), 'assets/config.json'], { cwd: work });
    }
    const overrides = OVERRIDE_KEYS.flatMap((k) => ['--endpoint-override', `${k}=${fake.base}`]);
    const batch = await run(['batch', 'apps', '--probe', ...overrides, '--output', 'fleet.jsonl'], dir);
    if (batch.code !== 0) throw new Error(`batch failed: ${batch.stderr}`);
    process.stderr.write(batch.stderr);
    process.stderr.write(`demo: ${fake.requests.length} probe requests for ${APPS} apps\n`);
    process.stdout.write((await run(['summary', 'fleet.jsonl'], dir)).stdout);
    const html = join(dir, 'summary.html');
    await run(['summary', 'fleet.jsonl', '--format', 'html', '--output', html], dir);
    if (process.argv.includes('--screenshot')) await screenshot(html, 'docs/images/fleet-summary.png');
    else process.stderr.write(`demo: HTML summary in ${html} (kept; --screenshot renders it to docs/images)\n`);
  } finally {
    await fake.stop();
    if (process.argv.includes('--screenshot')) rmSync(dir, { recursive: true, force: true });
  }
}

async function screenshot(html: string, png: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1250 }, colorScheme: 'light' });
    await page.goto(`file://${html}`);
    await page.screenshot({ path: png });
    process.stderr.write(`demo: screenshot written to ${png}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(`demo failed: ${(e as Error).stack}`);
  process.exitCode = 1;
});
