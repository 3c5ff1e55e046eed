// `npm run demo:probe`: graded endpoints with no cloud account. Starts local stand-ins on free
// 127.0.0.1 ports — Azurite (Azure), s3rver (S3, Spaces, OSS) and the documented-response stand-in
// for Firebase/GCS (test/helpers/fakeProviders.ts) — then runs the built CLI on examples/android
// with `--probe --endpoint-override …` exactly as a user would, and stops the stand-ins.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { startAzurite } from '../test/helpers/azurite';
import { startFakeProviders } from '../test/helpers/fakeProviders';

interface S3rverServer { run(): Promise<unknown>; close(): Promise<void> }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => S3rverServer;

// `npm run demo:probe -- [PATH] [extra CLI flags, e.g. --format json]`
const EXAMPLE = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : 'examples/android';
const EXTRA = process.argv.slice(2).filter((a) => a !== EXAMPLE);

async function main(): Promise<number> {
  const log = (s: string) => process.stderr.write(`demo: ${s}\n`);
  // Azure: the example's storage account, one public and one private container.
  const az = await startAzurite({ acmephotosbackup: randomBytes(64).toString('base64') });
  const s3dir = mkdtempSync(join(tmpdir(), 'leaklens-demo-s3-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir, configureBuckets: ['acme-photos-user-uploads', 'acme-thumbs'].map((name) => ({ name, configs: [] })) });
  const fake = await startFakeProviders({
    rtdb: { 'acme-photos-prod-default-rtdb': { kind: 'open', data: { users: {}, albums: {}, shares: {} } } },
    firestore: { 'acme-photos-prod': 'denied' },
    storage: { 'acme-photos-prod.appspot.com': { objects: ['avatars/u1.jpg', 'exports/2024.zip'] } },
    gcs: { 'acme-photos-avatars': { objects: ['u1.jpg', 'u2.jpg'], iam: ['storage.objects.list', 'storage.objects.get'] }, 'acme-photos-exports': 'denied' },
    remoteConfig: {},
    supabase: { anonKey: 'none', tables: {} },
  });
  try {
    const { port: s3port } = (await s3.run()) as { port: number };
    const s3base = `http://127.0.0.1:${s3port}`;
    for (const key of ['u/1/photo.jpg', 'u/2/photo.jpg']) await (await request(`${s3base}/acme-photos-user-uploads/${key}`, { method: 'PUT', body: 'x' })).body.dump();
    for (const [c, pub] of [['shared', true], ['user-backups', false]] as const) {
      await az.signed('PUT', `/${c}?restype=container`, pub ? { 'x-ms-blob-public-access': 'container' } : {}, undefined, 'acmephotosbackup');
    }
    await az.signed('PUT', '/shared/family.jpg', { 'x-ms-blob-type': 'BlockBlob' }, 'x', 'acmephotosbackup');
    log(`stand-ins: azurite ${az.base}, s3rver ${s3base}, firebase/gcs ${fake.base}`);
    const overrides = [
      `azure=${az.base}`, `s3=${s3base}`, `spaces=${s3base}`, `oss=${s3base}`,
      ...['firebase', 'firestore', 'storage', 'gcs', 'remoteconfig', 'supabase'].map((k) => `${k}=${fake.base}`),
    ].flatMap((o) => ['--endpoint-override', o]);
    const args = ['server/out/cli.js', 'scan', EXAMPLE, '--probe', ...overrides, '--fail-on', 'none', ...EXTRA];
    log(`node ${args.slice(0, 4).join(' ')} --endpoint-override … (${overrides.length / 2} stand-ins)`);
    // Async child: the stand-ins in this process must keep answering while the CLI runs.
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      child.on('exit', (c) => resolve(c ?? 1));
    });
    log(`cli exit code ${code}; every service had an override, ${fake.requests.length} requests reached the Firebase/GCS stand-in`);
    return code <= 1 ? 0 : code;
  } finally {
    await Promise.allSettled([fake.stop(), az.stop(), s3.close()]);
    rmSync(s3dir, { recursive: true, force: true });
  }
}

main().then((c) => { process.exitCode = c; }, (e: unknown) => { process.stderr.write(`demo: ${(e as Error).message}\n`); process.exitCode = 2; });
