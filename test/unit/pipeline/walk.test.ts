// The folder walk's default excludes: build-output names (`build`, `out`, `dist`, `coverage`) are
// skipped where they are build outputs, and read where they are source folders (a Java package
// `…/activity/stock/out/`, a Dart `lib/build/`); the git scan applies the same rule to paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_EXCLUDES, inDefaultExcludedFolder, walk } from '../../../server/src/node/walk';

const defaults = new Set(DEFAULT_EXCLUDES);
const PKG = 'app/src/main/java/com/acme/shop/activity/stock';

const READ = [
  `${PKG}/out/StockOutActivity.java`,
  `${PKG}/in/StockInActivity.java`,
  'app/src/main/kotlin/com/acme/build/BuildInfo.kt',
  'lib/build/build_page.dart',
  'lib/features/dist/distributor.dart',
  'src/components/out/OutBox.tsx',
  'Sources/Acme/Coverage/coverage.swift',
  'ios/Acme/Classes/out/Upload.m',
  'app/src/main/res/values/strings.xml',
];

const SKIPPED = [
  'app/build/generated/source/buildConfig/debug/com/acme/BuildConfig.java',
  'build/app/outputs/flutter-apk/output-metadata.json',
  'android/app/build/intermediates/merged_res/values.xml',
  'dist/main.js',
  'out/production/classes/A.class.txt',
  'coverage/lcov.txt',
  'ios/build/Build/Products/info.txt',
  // copied build output inside a source root's bundled web assets stays skipped
  'android/app/src/main/assets/public/build/main.js',
  'src/main/assets/dist/bundle.js',
  // other default excludes are skipped below a source root too
  'src/node_modules/x/index.js',
  'lib/.dart_tool/package_config.json',
];

test('build-output names are skipped as build outputs and read as source folders (path rule)', () => {
  for (const p of READ) assert.equal(inDefaultExcludedFolder(defaults, p), false, `${p} is read`);
  for (const p of SKIPPED) assert.equal(inDefaultExcludedFolder(defaults, p), true, `${p} is skipped`);
  assert.equal(inDefaultExcludedFolder(new Set(), 'app/build/x.json'), false, 'no defaults: nothing skipped');
});

test('the folder walk reads the same files the path rule keeps', () => {
  const root = mkdtempSync(join(tmpdir(), 'leaklens-walk-'));
  try {
    for (const p of [...READ, ...SKIPPED]) {
      mkdirSync(join(root, dirname(p)), { recursive: true });
      writeFileSync(join(root, p), 'x\n');
    }
    const files = [...walk(root, { base: root, isScannable: () => true, isArtifact: () => false })]
      .filter((i) => i.type === 'file').map((i) => i.rel);
    assert.deepEqual(files.sort(), [...READ].sort());
    // started inside a source root (`scan app/src/main/java` from the project): still source
    const pkg = join(root, 'app/src/main/java');
    const inside = [...walk(pkg, { base: root, isScannable: () => true, isArtifact: () => false })].filter((i) => i.type === 'file').map((i) => i.rel);
    assert.ok(inside.includes(`${PKG}/out/StockOutActivity.java`));
    // a project kept under a folder named src (`~/src/acme`, scanned as `.`): its own build output stays skipped
    const project = join(root, 'src/acme');
    for (const p of ['build/app/x.txt', `${PKG}/out/Y.java`]) {
      mkdirSync(join(project, dirname(p)), { recursive: true });
      writeFileSync(join(project, p), 'x\n');
    }
    const fromProject = [...walk(project, { base: project, isScannable: () => true, isArtifact: () => false })].filter((i) => i.type === 'file').map((i) => i.rel);
    assert.deepEqual(fromProject, [`${PKG}/out/Y.java`]);
    rmSync(join(root, 'src/acme'), { recursive: true });
    const all = [...walk(root, { base: root, defaultExcludes: false, isScannable: () => true, isArtifact: () => false })];
    assert.equal(all.filter((i) => i.type === 'file').length, READ.length + SKIPPED.length);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
