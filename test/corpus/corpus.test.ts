// Real third-party APKs from npm (`npm run corpus` puts them in .cache/corpus/): robustness (no
// reader crashes, a sane number of strings read) and precision (every finding was reviewed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import type { ArtifactStats } from '../../server/src/core/artifact';
import { readDex } from '../../server/src/core/artifact/dex';
import JSZip from 'jszip';

const CORPUS = '.cache/corpus';

/**
 * Findings reviewed by hand, `apk|entry|ruleId|value`. Anything new fails the test until someone
 * decides whether it is a true leak (add it here with the reason) or a false positive (fix the rule).
 */
const REVIEWED = new Map<string, string>([
  [
    'appium-uiautomator2-server-v10.6.6.apk|classes.dex|private-key|-----BEG…',
    'netty io.netty.handler.ssl.SslUtils.PROBING_KEY: a real RSA private key compiled into the APK (netty uses it to probe SSL engine support). It is public in netty\'s sources, but it is a private key anyone can pull out of the app: report it, the user baselines it.',
  ],
]);

function apks(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) apks(p, out);
    else if (name.endsWith('.apk')) out.push(p);
  }
  return out;
}

const found = apks(CORPUS);

// Run by `npm run test:corpus`, which fetches the corpus first; without it this fails rather than skips.
test('corpus: every APK scans without reader crashes, reads its strings, and yields only reviewed findings', async (t) => {
  assert.ok(found.length >= 3, 'the npm APK corpus is in .cache/corpus (npm run corpus)');
  const engine = createEngine();
  for (const apk of found) {
    const bytes = readFileSync(apk);
    const stats: ArtifactStats = { entries: 0, skipped: 0, strings: 0, inflatedBytes: 0 };
    const r = await engine.scanArtifact(basename(apk), bytes, { stats });
    t.diagnostic(`${basename(apk)}: ${(bytes.length / 1e6).toFixed(1)} MB, ${stats.entries} entries read, ${stats.skipped} skipped, ${stats.strings} strings, ${r.findings.length} findings, ${r.errors.length} errors`);
    for (const f of r.findings) t.diagnostic(`  ${f.severity} ${f.ruleId} ${f.location.entry}:${f.location.line} ${f.value}`);
    for (const e of r.errors) t.diagnostic(`  error ${e.entry}: ${e.message}`);
    assert.deepEqual(r.errors.filter((e) => /internal error/.test(e.message)), [], `${apk}: reader crashed`);
    assert.ok(stats.strings >= bytes.length / 1000, `${apk}: only ${stats.strings} strings read`);
    assert.ok(r.findings.every((f) => f.location.file === basename(apk) && f.location.entry), 'findings name their entry');
    for (const f of r.findings) {
      const id = `${basename(apk)}|${f.location.entry}|${f.ruleId}|${f.value}`;
      assert.ok(REVIEWED.has(id), `unreviewed finding ${id}: ${f.message}`);
    }
  }
});

// DEX built by the real Android toolchain (d8): BuildConfig constants come with their field names.
test('corpus: constants in a real DEX are read with their field names', async () => {
  const apk = found.find((p) => basename(p) === 'appium-uiautomator2-server-debug-androidTest.apk');
  assert.ok(apk, 'the appium androidTest APK is in the corpus');
  const zip = await JSZip.loadAsync(readFileSync(apk));
  const keyed = new Set<string>();
  for (const name of Object.keys(zip.files).filter((n) => /^classes\d*\.dex$/.test(n))) {
    const dex = readDex(await zip.file(name)!.async('uint8array'));
    assert.deepEqual(dex.errors, [], name);
    for (const s of dex.strings) if (s.key) keyed.add(`${s.key}=${s.value}`);
  }
  assert.ok(keyed.has('BUILD_TYPE=debug') && keyed.has('APPLICATION_ID=io.appium.uiautomator2.server.test'), [...keyed].slice(0, 20).join(' | '));
});
