// `npm run package` (after the production build): the VSIX, exactly as .vscodeignore allows.
// package.json's "files" is the CLI package's allow-list (`npm pack`), and vsce refuses a manifest
// with both "files" and a .vscodeignore, so vsce packages a staged copy: the files .vscodeignore
// re-includes (its "!" lines), that .vscodeignore, and package.json without "files".
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const shipped = readFileSync(join(root, '.vscodeignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1));

const stage = mkdtempSync(join(tmpdir(), 'leaklens-vsix-'));
try {
  for (const rel of shipped) {
    if (/[*?[\]{}]/.test(rel)) throw new Error(`.vscodeignore: list files, not globs ("${rel}")`);
    if (rel === 'package.json') continue;
    if (!existsSync(join(root, rel))) throw new Error(`${rel} is missing: run the production build first (npm run package does)`);
    mkdirSync(dirname(join(stage, rel)), { recursive: true });
    copyFileSync(join(root, rel), join(stage, rel));
  }
  const { files: _npmFiles, ...vsixManifest } = manifest;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(vsixManifest, null, 2)}\n`);
  copyFileSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
  const out = join(root, `${manifest.name}-${manifest.version}.vsix`);
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out, ...process.argv.slice(2)], { cwd: stage, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} catch (e) {
  console.error(`package-vsix: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
