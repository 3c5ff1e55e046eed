// The VSIX ships only the allow-listed files (.vscodeignore): bundles, their assets, docs — never
// sources, tests, maps, examples or node_modules. Asked of vsce itself (`vsce ls`), as packaging does.
// The CLI package (`npm pack`) ships package.json "files": asked of npm itself. Packing, installing
// and running the tarball: test/package (npm run test:package).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_PACKAGE_FILES } from '../package/install';

const ROOT = join(__dirname, '../..');
const ALLOWED = [
  'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md',
  'client/out/extension.js', 'server/out/server.js', 'server/out/cli.js', 'server/out/probe.js',
  'media/panel.css', 'media/out/panel.js', 'media/out/codicons/codicon.css', 'media/out/codicons/codicon.ttf',
  'media/icon.png', 'media/leaklens.svg',
];
/** Listed whenever they exist (the bundles exist after `npm run build`). */
const ALWAYS = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'media/icon.png', 'media/leaklens.svg', 'media/panel.css'];

test('.vscodeignore is an allow-list: everything excluded, then the shipped files re-included', () => {
  const lines = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**');
  assert.deepEqual(lines.slice(1).sort(), ALLOWED.map((f) => `!${f}`).sort());
});

test('vsce ls lists only allow-listed files, and every shipped file that exists', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const listed = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(listed.filter((f) => !ALLOWED.includes(f)), [], 'only allow-listed files');
  const expected = ALLOWED.filter((f) => ALWAYS.includes(f) || existsSync(join(ROOT, f))).sort();
  assert.deepEqual(listed, expected);
});

test('the marketplace icon is a 128×128 PNG and the manifest points at it', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { icon: string };
  assert.equal(manifest.icon, 'media/icon.png');
  const png = readFileSync(join(ROOT, manifest.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  // IHDR: width and height are big-endian u32 at offsets 16 and 20
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
});

test('npm pack lists only the CLI: bundles without maps, rule and CLI docs, README, licence; no runtime dependencies', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [pack] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
  assert.deepEqual(pack.files.map((f) => f.path).sort(), CLI_PACKAGE_FILES.filter((f) => existsSync(join(ROOT, f))));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest.dependencies, undefined, 'everything the CLI runs is bundled');
  assert.equal(manifest.private, true, 'not published to the registry yet');
  assert.match((manifest.scripts as Record<string, string>).prepack, /build\.mjs --production/);
});
