// A batch worker process: the same CLI bundle started with WORKER_ENV set. Scans one artifact at a
// time through the shared pipeline (cli/pipeline.ts) and reports to the parent over IPC. The parent
// kills it when an artifact takes too long; its heap is capped by --max-old-space-size.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isZip } from '../../core/artifact/zip';
import { appIdentityFromPlist, readAppIdentity, UNKNOWN_APP, type AppIdentity } from '../../core/artifact/appIdentity';
import { DEFAULT_LIMITS } from '../../core/artifact/limits';
import { createEngine } from '../../core/engine';
import type { Fragment } from '../../core/pipeline/fragment';
import type { ScanError } from '../../core/types';
import { sha256Artifact } from '../../node/fleet/hash';
import { withFileSource } from '../../node/fileSource';
import { runPipeline } from '../pipeline';
import { WORKER_ENV, type FromWorker, type ToWorker } from './protocol';

/** Entry of a worker process; true when this process is one. */
export function runBatchWorker(): boolean {
  if (process.env[WORKER_ENV] !== '1' || !process.send) return false;
  const engineConfig = { ruleSettings: {}, baseline: [] };
  const engine = createEngine(engineConfig);
  const send = (m: FromWorker) => process.send!(m);
  const decisions = new Map<number, (go: boolean) => void>();
  process.on('message', (m: ToWorker) => {
    if (m.type === 'go' || m.type === 'skip') {
      decisions.get(m.id)?.(m.type === 'go');
      decisions.delete(m.id);
      return;
    }
    void scanTask(m).catch((e: unknown) => {
      // not expected (the pipeline turns reader failures into errors): exit so the parent reports it
      process.stderr.write(`leaklens batch worker: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(70);
    });
  });
  // the parent going away (killed, or done) ends the worker too
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
  return true;

  async function scanTask(task: Extract<ToWorker, { type: 'task' }>): Promise<void> {
    const { id, abs, path } = task;
    const errors: ScanError[] = [];
    let isDir: boolean;
    let readable = false;
    let hashed: { sha256: string; bytes: number };
    try {
      const st = statSync(abs);
      isDir = st.isDirectory();
      // an archive is hashed in blocks and scanned through positioned reads: never held whole
      hashed = await sha256Artifact(abs, st);
      if (!isDir) {
        readable = st.size <= DEFAULT_LIMITS.maxTotalInflated;
        if (!readable) errors.push({ file: path, entry: null, message: `artifact is ${st.size} bytes, above the ${DEFAULT_LIMITS.maxTotalInflated}-byte limit: not read` });
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      send({ type: 'unreadable', id, message: code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? String(e) });
      return;
    }
    send({ type: 'hashed', id, ...hashed });
    const go = await new Promise<boolean>((resolve) => decisions.set(id, resolve));
    if (!go) return;

    let app: AppIdentity = { ...UNKNOWN_APP };
    let findings: Awaited<ReturnType<typeof runPipeline>>['findings'] = [];
    if (readable && !isZip(await head(abs))) errors.push({ file: path, entry: null, message: 'not an APK/AAB/APKS/XAPK/IPA archive (no zip signature): not read' });
    else if (isDir || readable) {
      const fragment: Fragment = { kind: 'artifact', abs, path, origin: { source: 'batch' } };
      const result = await runPipeline([fragment], { engine, engineConfig, maxBytes: DEFAULT_LIMITS.maxTextEntry });
      findings = result.findings;
      errors.push(...result.errors);
      app = isDir ? folderIdentity(abs) : await archiveIdentity(abs);
    }
    const usage = process.resourceUsage();
    send({ type: 'done', id, app, findings, errors, usage: { rss: process.memoryUsage.rss(), maxRss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 } });
  }
}

/** The first bytes of a file (its magic); empty when it cannot be read any more. */
function head(abs: string): Promise<Uint8Array> {
  return withFileSource(abs, (source) => source.read(0, 4)).catch(() => new Uint8Array(0));
}

function archiveIdentity(abs: string): Promise<AppIdentity> {
  return withFileSource(abs, (source) => readAppIdentity(source)).catch(() => ({ ...UNKNOWN_APP }));
}

/** An .app's Info.plist, or an .xcarchive's own (its ApplicationProperties name the app). */
function folderIdentity(abs: string): AppIdentity {
  try {
    const plist = join(abs, 'Info.plist');
    if (statSync(plist).size > 8 * 1024 * 1024) return { ...UNKNOWN_APP, platform: 'ios' };
    return appIdentityFromPlist(readFileSync(plist));
  } catch {
    return { ...UNKNOWN_APP, platform: 'ios' };
  }
}
