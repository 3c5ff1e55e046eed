// Local stand-ins for every provider examples/android references, so Build & Scan's probes never
// leave 127.0.0.1: the in-test Firebase/GCS/Supabase server, Azurite (Azure) and s3rver (S3, Spaces, OSS).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { freePort, startFakeProviders, stopChild, waitForPort, type FakeProviders } from '../helpers/fakeProviders';
import { ROOT } from './harness';

export interface StandIns {
  fake: FakeProviders;
  azurite: Azurite;
  s3: { base: string; stop(): Promise<void> };
  /** `leaklens.probe.endpointOverrides` for the workspace settings. */
  overrides: Record<string, string>;
  stop(): Promise<void>;
}

/** The RTDB of examples/android is open, Firestore denied, its Storage bucket and one GCS bucket listable. */
export async function startStandIns(): Promise<StandIns> {
  const fake = await startFakeProviders({
    rtdb: { 'acme-photos-prod-default-rtdb': { kind: 'open', data: { users: {}, photos: {}, shares: {} } } },
    firestore: { 'acme-photos-prod': 'denied' },
    storage: { 'acme-photos-prod.appspot.com': { objects: ['avatars/u1.jpg', 'avatars/u2.jpg'] } },
    gcs: {
      'acme-photos-avatars': { objects: ['u1.jpg'], iam: ['storage.objects.list', 'storage.objects.get'] },
      'acme-photos-exports': 'denied',
    },
    remoteConfig: {},
    supabase: { anonKey: 'none', tables: {} },
  });
  const azurite = await startAzurite();
  const s3 = await startS3rver(['acme-photos-user-uploads']);
  const overrides = {
    firebase: fake.base, firestore: fake.base, storage: fake.base, remoteconfig: fake.base, gcs: fake.base, supabase: fake.base,
    azure: azurite.base, s3: s3.base, spaces: s3.base, oss: s3.base,
  };
  return {
    fake, azurite, s3, overrides,
    async stop() { await Promise.allSettled([fake.stop(), azurite.stop(), s3.stop()]); },
  };
}

/** s3rver (an S3 API stand-in from npm) with `buckets` created at startup; anonymous listing allowed. */
async function startS3rver(buckets: string[]): Promise<{ base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-e2e-s3-'));
  const child: ChildProcess = spawn(process.execPath, [
    join(ROOT, 'node_modules/s3rver/bin/s3rver.js'), '-d', dir, '-a', '127.0.0.1', '-p', String(port), '--silent',
    ...buckets.flatMap((b) => ['--configure-bucket', b]),
  ], { stdio: 'ignore' });
  await waitForPort(port, 20_000);
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => stopChild(child, dir),
  };
}
