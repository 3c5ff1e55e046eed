// Fuzz targets: (name, seed bytes, run). `run` must never throw and never report an internal
// error, whatever the bytes. Each format owner adds its readers here; test/fuzz/run.ts and
// test/unit/artifact/fuzz.test.ts mutate every seed.
import { readFileSync } from 'node:fs';
import { readDex } from '../../server/src/core/artifact/dex';
import { readArsc } from '../../server/src/core/artifact/arsc';
import { decodeAxml } from '../../server/src/core/artifact/axml';
import { decodeProtoXml, readResourcesPb } from '../../server/src/core/artifact/protores';
import { readMachO } from '../../server/src/core/artifact/macho';
import { readElf } from '../../server/src/core/artifact/elf';
import { readPlist } from '../../server/src/core/artifact/plist';
import { readJsBundle } from '../../server/src/core/artifact/jsbundle';
import { scanArtifactBytes } from '../../server/src/core/artifact';
import { TextScanner } from '../../server/src/core/text/scanner';
import { ALL_RULES } from '../../server/src/core/rules';
import { analyzeFile, analyzeProject } from '../../server/src/core/misconfig';

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
    // constant classes: class_defs, class_data, static values
    { name: 'dex-constants', seed: fixture('examples/android/tools/apk-parts/classes.dex'), run: (b) => readDex(b).errors },
    { name: 'arsc', seed: fixture(`${A}/resources.arsc`), run: (b) => readArsc(b).errors },
    { name: 'axml-manifest', seed: fixture(`${A}/AndroidManifest.axml`), run: (b) => decodeAxml(b).errors },
    { name: 'axml-nsc', seed: fixture(`${A}/network_security_config.axml`), run: (b) => decodeAxml(b).errors },
    { name: 'proto-xml', seed: fixture(`${A}/AndroidManifest.proto.xml`), run: (b) => decodeProtoXml(b).errors },
    { name: 'resources-pb', seed: fixture(`${A}/resources.pb`), run: (b) => readResourcesPb(b).errors },
    { name: 'apk', seed: fixture(`${A}/leaky.apk`), run: (b) => archive('leaky.apk', b) },
    { name: 'apk-ref', seed: fixture(`${A}/ref.apk`), run: (b) => archive('ref.apk', b) },
    { name: 'aab', seed: fixture(`${A}/leaky.aab`), run: (b) => archive('leaky.aab', b) },
    { name: 'apks', seed: fixture(`${A}/leaky.apks`), run: (b) => archive('leaky.apks', b) },
    { name: 'ipa', seed: fixture('test/fixtures/apple/Demo.ipa'), run: (b) => archive('Demo.ipa', b) },
    // ---- Apple / native
    { name: 'macho-thin', seed: fixture('test/fixtures/apple/Demo-arm64'), run: (b) => readMachO(b, 'Demo').errors },
    { name: 'macho-fat', seed: fixture('test/fixtures/apple/Demo-fat'), run: (b) => readMachO(b, 'Demo').errors },
    { name: 'macho-objc-o', seed: fixture('test/fixtures/apple/objc-arm64.o'), run: (b) => readMachO(b, 'config.o').errors },
    { name: 'elf-arm64', seed: fixture('test/fixtures/native/arm64-v8a-libleaky.so'), run: (b) => readElf(b, 'lib.so').errors },
    { name: 'elf-mips32be', seed: fixture('test/fixtures/native/mips32be-leaky.o'), run: (b) => readElf(b, 'leaky.o').errors },
    { name: 'bplist-info', seed: fixture('test/fixtures/apple/Info.bplist'), run: (b) => readPlist(b, 'Info.plist').errors },
    { name: 'bplist-gsi', seed: fixture('test/fixtures/apple/GoogleService-Info.bplist'), run: (b) => readPlist(b, 'GoogleService-Info.plist').errors },
    { name: 'xml-plist', seed: fixture('test/fixtures/apple/Info.xml.plist'), run: (b) => readPlist(b, 'Info.plist').errors },
    { name: 'jsbundle', seed: fixture('test/fixtures/apple/main.jsbundle'), run: (b) => readJsBundle(b, 'main.jsbundle').errors },
    { name: 'hermes-v96', seed: fixture('test/fixtures/apple/main.hbc'), run: (b) => readJsBundle(b, 'main.jsbundle').errors },
    { name: 'hermes-v99', seed: fixture('test/fixtures/apple/main-v99.hbc'), run: (b) => readJsBundle(b, 'main.jsbundle').errors },
    // object literals: instructions, shape table and literal buffers
    { name: 'hermes-objects-v96', seed: fixture('test/fixtures/apple/config-v96.hbc'), run: (b) => readJsBundle(b, 'index.android.bundle').errors },
    { name: 'hermes-objects-v99', seed: fixture('test/fixtures/apple/config-v99.hbc'), run: (b) => readJsBundle(b, 'index.android.bundle').errors },
    // ---- Misconfiguration analyzers (text formats: the bytes are decoded as UTF-8)
    ...MISCONFIG_SEEDS.map(([name, path, seed]) => ({ name, seed: fixture(seed), run: (b: Uint8Array) => misconfig(path, b) })),
  ];
}

const MISCONFIG_SEEDS: Array<[string, string, string]> = [
  ['rtdb-rules', 'database.rules.json', 'examples/firebase/database.rules.json'],
  ['firestore-rules', 'firestore.rules', 'examples/firebase/firestore.rules'],
  ['storage-rules', 'storage.rules', 'examples/firebase/storage.rules'],
  ['supabase-migration', 'supabase/migrations/1_init.sql', 'examples/supabase/supabase/migrations/20240120180000_recipes.sql'],
  ['amplify-gen1', 'amplify/backend/storage/s3/cli-inputs.json', 'examples/amplify/gen1/amplify/backend/storage/s3photos/cli-inputs.json'],
  ['amplify-gen2', 'amplify/storage/resource.ts', 'examples/amplify/gen2/amplify/storage/resource.ts'],
];

/** Single-file and project analysis of one mutated file; errors are expected, throws are not. */
function misconfig(path: string, bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('utf8');
  const single = analyzeFile({ path, text }).errors;
  const project = analyzeProject([{ path, text }, { path: 'supabase/config.toml', text }, { path: 'firebase.json', text }]).errors;
  return [...single, ...project].map((e) => e.message);
}
