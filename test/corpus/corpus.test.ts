// Real third-party APKs from npm (`npm run corpus` puts them in .cache/corpus/): robustness (no
// reader crashes, a sane number of strings read) and precision (every finding was reviewed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import type { ArtifactStats } from '../../server/src/core/artifact';
import { readDex, readDexPacked } from '../../server/src/core/artifact/dex';
import { DEFAULT_LIMITS } from '../../server/src/core/artifact/limits';
import { packStrings } from '../../server/src/core/artifact/packed';
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

/**
 * Each string_data_item of a DEX as the format spec lays it out, read independently of the reader:
 * its declared UTF-16 length (uleb128) and its MUTF-8 bytes up to the NUL.
 */
function specStrings(b: Uint8Array): Array<{ utf16: number; bytes: Uint8Array }> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Array<{ utf16: number; bytes: Uint8Array }> = [];
  for (let i = 0; i < v.getUint32(0x38, true); i++) {
    let p = v.getUint32(v.getUint32(0x3c, true) + i * 4, true);
    let utf16 = 0;
    for (let shift = 0; ; shift += 7) {
      const x = b[p++];
      utf16 |= (x & 0x7f) << shift;
      if (!(x & 0x80)) break;
    }
    out.push({ utf16, bytes: b.subarray(p, b.indexOf(0, p)) });
  }
  return out;
}

// The scan reads a DEX's strings packed straight from its bytes (packed.ts): on every real DEX they
// must be the strings the spec defines, and the packed text the one made from the string list.
test('corpus: every DEX string packed from the bytes is the string the DEX format defines', async () => {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const max = DEFAULT_LIMITS.maxStringLength;
  let dexCount = 0;
  let checked = 0;
  for (const apk of found) {
    const zip = await JSZip.loadAsync(readFileSync(apk));
    for (const name of Object.keys(zip.files).filter((n) => /^classes\d*\.dex$/.test(n))) {
      const bytes = await zip.file(name)!.async('uint8array');
      const { packed, errors } = readDexPacked(bytes);
      assert.deepEqual(errors, [], `${apk} ${name}`);
      const list = readDex(bytes).strings;
      const spec = specStrings(bytes);
      assert.equal(list.length, spec.length, `${apk} ${name}: every string_id read`);
      const fromList = packStrings(list);
      assert.equal(packed.text, fromList.text, `${apk} ${name}: packed text`);
      assert.deepEqual([...packed.startLine], [...fromList.startLine], `${apk} ${name}: lines`);
      assert.deepEqual([...packed.keys], [...fromList.keys], `${apk} ${name}: field names`);
      list.forEach((s, i) => {
        const { utf16, bytes: raw } = spec[i];
        assert.equal(s.value.length, Math.min(utf16, max), `${apk} ${name} #${i}: UTF-16 length as declared`);
        // MUTF-8 is UTF-8 but for NUL (C0 80) and supplementary characters (two 3-byte surrogates, ED …)
        if (raw.includes(0xc0) || raw.includes(0xed)) return;
        assert.equal(s.value, utf8.decode(raw).slice(0, max), `${apk} ${name} #${i}`);
        checked++;
      });
      dexCount++;
    }
  }
  assert.ok(dexCount >= 10 && checked > 100_000, `${dexCount} DEX files, ${checked} strings checked`);
});
