// Fuzz targets: (name, seed bytes, run). `run` must never throw and never report an internal
// error, whatever the bytes. Each format owner adds its readers here; test/fuzz/run.ts and
// test/unit/artifact/fuzz.test.ts mutate every seed.
import { readFileSync } from 'node:fs';
import { readDex } from '../../server/src/core/artifact/dex';
import { readArsc } from '../../server/src/core/artifact/arsc';
import { decodeAxml } from '../../server/src/core/artifact/axml';
import { scanArtifactBytes } from '../../server/src/core/artifact';
import { TextScanner } from '../../server/src/core/text/scanner';
import { ALL_RULES } from '../../server/src/core/rules';

export interface FuzzTarget {
  name: string;
  seed: Uint8Array;
  /** Parses the bytes; returns error messages (for the "no internal error" check). */
  run(bytes: Uint8Array): string[] | Promise<string[]>;
}

const scanner = new TextScanner(ALL_RULES);
/** Small limits so mutated sizes and counts hit the bounds quickly. */
const limits = { maxTotalInflated: 8 * 1024 * 1024, maxEntryInflated: 4 * 1024 * 1024, maxStringsPerEntry: 20_000 };
const fixture = (p: string) => new Uint8Array(readFileSync(p));
const archive = async (name: string, b: Uint8Array) => (await scanArtifactBytes(scanner, name, b, { limits })).errors.map((e) => e.message);

export function fuzzTargets(): FuzzTarget[] {
  const A = 'test/fixtures/android';
  return [
    // ---- Android (artifact scanner, Android half)
    { name: 'dex', seed: fixture(`${A}/classes.dex`), run: (b) => readDex(b).errors },
    { name: 'dex2', seed: fixture(`${A}/classes2.dex`), run: (b) => readDex(b).errors },
    { name: 'arsc', seed: fixture(`${A}/resources.arsc`), run: (b) => readArsc(b).errors },
    { name: 'axml-manifest', seed: fixture(`${A}/AndroidManifest.axml`), run: (b) => decodeAxml(b).errors },
    { name: 'axml-nsc', seed: fixture(`${A}/network_security_config.axml`), run: (b) => decodeAxml(b).errors },
    { name: 'apk', seed: fixture(`${A}/leaky.apk`), run: (b) => archive('leaky.apk', b) },
    { name: 'aab', seed: fixture(`${A}/leaky.aab`), run: (b) => archive('leaky.aab', b) },
    { name: 'apks', seed: fixture(`${A}/leaky.apks`), run: (b) => archive('leaky.apks', b) },
    { name: 'ipa', seed: fixture('test/fixtures/apple/Demo.ipa'), run: (b) => archive('Demo.ipa', b) },
    // ---- Apple / native: add the Mach-O, ELF, plist and JS bundle readers here.
  ];
}
