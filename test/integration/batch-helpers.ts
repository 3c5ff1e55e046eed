// Helpers for the batch/summary integration tests: a small corpus from the committed fixtures
// (real toolchain binaries) plus corrupt copies, the batch output read back, worker pids from /proc.
import { copyFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchLine } from '../../server/src/core/fleet/line';

const ANDROID = 'test/fixtures/android';
const APPLE = 'test/fixtures/apple';

/** 7 apps (4 Android formats, an IPA, an .xcarchive) and 2 corrupt files in `dir`; returns the file names. */
export function fixtureCorpus(dir: string): { good: string[]; corrupt: string[] } {
  const good = ['leaky.apk', 'leaky.aab', 'leaky.apks', 'leaky.xapk', 'ref.apk'];
  for (const f of good) copyFileSync(join(ANDROID, f), join(dir, f));
  copyFileSync(join(APPLE, 'Demo.ipa'), join(dir, 'Demo.ipa'));
  cpSync(join(APPLE, 'Demo.xcarchive'), join(dir, 'Demo.xcarchive'), { recursive: true });
  good.push('Demo.ipa', 'Demo.xcarchive');
  writeFileSync(join(dir, 'truncated.apk'), readFileSync(join(ANDROID, 'leaky.apk')).subarray(0, 1500));
  writeFileSync(join(dir, 'garbage.ipa'), 'this is not a zip archive\n');
  return { good, corrupt: ['truncated.apk', 'garbage.ipa'] };
}

/** `n` distinct APKs: the leaky APK with a different zip comment each (a real, valid archive). */
export function distinctApks(dir: string, n: number): string[] {
  const apk = readFileSync(join(ANDROID, 'leaky.apk'));
  // the end-of-central-directory record's last field is the comment length (u16 at EOCD+20)
  const eocd = apk.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const comment = Buffer.from(`variant ${i}`);
    const out = Buffer.concat([apk.subarray(0, eocd + 20), Buffer.from([comment.length & 0xff, comment.length >> 8]), comment]);
    const name = `app-${String(i).padStart(3, '0')}.apk`;
    writeFileSync(join(dir, name), out);
    names.push(name);
  }
  return names;
}

export function readLines(file: string): BatchLine[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as BatchLine);
}

/** Pids whose parent is `ppid` (Linux /proc). */
export function childPids(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Lines without what changes from run to run (timings, probe times). */
export function stable(lines: readonly BatchLine[]): unknown[] {
  return [...lines]
    .map((l) => ({ ...l, ms: 0, endpoints: l.endpoints.map((e) => ({ ...e, checkedAt: e.checkedAt ? 'set' : null })) }))
    .sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
}
