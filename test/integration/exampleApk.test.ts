// The APK that examples/android's build produces (aapt + DEX writer parts, packed by its
// tools/build-apk.mjs) must yield the same leaks as the sources it was compiled from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { readProject } from '../helpers/labels';

const EXAMPLE = join(__dirname, '../../examples/android');

test('examples/android: every leak in the compiled sources ships in the APK, joined by rule and value', async () => {
  const work = mkdtempSync(join(tmpdir(), 'leaklens-example-apk-'));
  try {
    // build a copy, as Build & Scan would run the project's build command
    cpSync(EXAMPLE, work, { recursive: true, filter: (p) => !p.includes('/build/') });
    symlinkSync(join(__dirname, '../../node_modules'), join(work, 'node_modules')); // its build script imports jszip
    const built = spawnSync(process.execPath, ['tools/build-apk.mjs'], { cwd: work, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const apkPath = join(work, 'app/build/outputs/apk/debug/app-debug.apk');
    const engine = createEngine();
    const apk = await engine.scanArtifact('app-debug.apk', readFileSync(apkPath));
    assert.deepEqual(apk.errors, []);
    // what the compiler puts in the APK: the manifest, resources and code under app/src/main
    const source = engine.scanProject(readProject(work, (p) => p.startsWith('app/src/main/') && engine.isScannable(p)));
    const shipped = new Set(apk.findings.map((f) => `${f.ruleId} ${f.value}`));
    const missing = source.findings.filter((f) => !shipped.has(`${f.ruleId} ${f.value}`)).map((f) => `${f.location.file}:${f.location.line} ${f.ruleId} ${f.value}`);
    assert.ok(source.findings.length >= 15, `sources yield findings (${source.findings.length})`);
    assert.deepEqual(missing, []);
    assert.ok(apk.findings.every((f) => f.location.file === 'app-debug.apk' && f.location.entry), 'artifact findings name their entry');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
