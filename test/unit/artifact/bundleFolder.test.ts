// What makes a folder named `*.app` / `*.xcarchive` a built artifact rather than a project folder
// that carries the name (a git clone of `acme/elaro.app`): real bundles from test/fixtures/apple,
// copied where bundles do not usually sit, against project folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppleArtifactFolder } from '../../../server/src/node/appFolder';
import { isArtifactOnDisk } from '../../../server/src/node/artifact';

const APPLE = 'test/fixtures/apple';
const XC = `${APPLE}/Demo.xcarchive`;
const APP = `${XC}/Products/Applications/Demo.app`;

function temp(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-bundle-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function put(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
}

test('the fixture archive and its bundle are artifacts', () => {
  assert.ok(isAppleArtifactFolder(XC));
  assert.ok(isAppleArtifactFolder(APP));
  assert.ok(isAppleArtifactFolder(`${APP}/`), 'a trailing slash changes nothing');
});

test('a bundle moved out of Products/Applications is still one: Info.plist (binary or XML) names its executable', (t) => {
  const dir = temp(t);
  cpSync(APP, join(dir, 'Demo.app'), { recursive: true });
  assert.ok(isAppleArtifactFolder(join(dir, 'Demo.app')), 'binary Info.plist, CFBundleExecutable Demo');
  // XML Info.plist naming an executable that is not called like the bundle
  cpSync(APP, join(dir, 'Store Build.app'), { recursive: true });
  put(join(dir, 'Store Build.app'), { 'Info.plist': `<?xml version="1.0"?><plist version="1.0"><dict><key>CFBundleExecutable</key><string>Runner</string></dict></plist>` });
  assert.ok(!isAppleArtifactFolder(join(dir, 'Store Build.app')), 'the named executable Runner is missing');
  cpSync(`${APPLE}/Demo-arm64`, join(dir, 'Store Build.app', 'Runner'));
  assert.ok(isAppleArtifactFolder(join(dir, 'Store Build.app')));
  // macOS layout: Contents/Info.plist and Contents/MacOS/<executable>
  put(join(dir, 'Mac.app'), { 'Contents/Info.plist': `<plist><dict><key>CFBundleExecutable</key><string>Mac</string></dict></plist>` });
  cpSync(`${APPLE}/Demo-arm64`, join(dir, 'Mac.app', 'Contents', 'MacOS', 'Mac'));
  assert.ok(isAppleArtifactFolder(join(dir, 'Mac.app')));
});

test('where bundles are put, the folder is a bundle whatever it holds: Payload/, Products/Applications/, <Config>-iphoneos/', (t) => {
  const dir = temp(t);
  for (const parent of ['Payload', 'Products/Applications', 'Build/Products/Release-iphoneos', 'Debug-iphonesimulator']) {
    mkdirSync(join(dir, parent, 'Bare.app'), { recursive: true });
    assert.ok(isAppleArtifactFolder(join(dir, parent, 'Bare.app')), parent);
  }
});

test('a project folder named like an artifact is not one', (t) => {
  const dir = temp(t);
  // an Expo/React Native clone of `acme/elaro.app`: sources, an iOS folder with its own Info.plist
  put(join(dir, 'elaro.app'), {
    'package.json': '{"name": "elaro"}\n',
    '.env.backup': 'EXPO_PUBLIC_SUPABASE_URL=https://abcdwxyzqrstuvefghij.supabase.co\n',
    'ios/elaro/Info.plist': `<plist><dict><key>CFBundleExecutable</key><string>$(EXECUTABLE_NAME)</string></dict></plist>`,
  });
  assert.ok(!isAppleArtifactFolder(join(dir, 'elaro.app')));
  // an Xcode project kept at the clone's root: Info.plist there, its executable a build setting
  put(join(dir, 'todo.app'), { 'Info.plist': `<plist><dict><key>CFBundleExecutable</key><string>$(EXECUTABLE_NAME)</string></dict></plist>`, 'todo/AppDelegate.swift': '' });
  assert.ok(!isAppleArtifactFolder(join(dir, 'todo.app')));
  // no CFBundleExecutable: a folder named like the bundle (todo/) is not its executable
  put(join(dir, 'todo.app'), { 'Info.plist': '<plist><dict><key>CFBundleName</key><string>todo</string></dict></plist>' });
  assert.ok(!isAppleArtifactFolder(join(dir, 'todo.app')));
  // a CFBundleExecutable that tries to leave the bundle proves nothing
  put(join(dir, 'up.app'), { 'Info.plist': `<plist><dict><key>CFBundleExecutable</key><string>../x</string></dict></plist>` });
  put(dir, { x: 'file' });
  assert.ok(!isAppleArtifactFolder(join(dir, 'up.app')));
  // an .xcarchive-named folder without Products/ (or Info.plist + dSYMs/)
  put(join(dir, 'notes.xcarchive'), { 'README.md': '# notes\n' });
  assert.ok(!isAppleArtifactFolder(join(dir, 'notes.xcarchive')));
  put(join(dir, 'old.xcarchive'), { 'Info.plist': '<plist/>', 'dSYMs/x': '' });
  assert.ok(isAppleArtifactFolder(join(dir, 'old.xcarchive')), 'an archive whose Products/ was removed: still an archive (scanned, reported as holding no app)');
  assert.ok(!isAppleArtifactFolder(join(dir, 'missing.app')), 'a path that does not exist');
});

test('isArtifactOnDisk: files by name, folders only when they are built bundles (a folder named x.zip or x.apk is walked)', (t) => {
  const dir = temp(t);
  put(dir, { 'a.apk': 'PK', 'x.zip/readme.txt': 'hi', 'y.apk/AndroidManifest.xml': '<manifest/>' });
  assert.ok(isArtifactOnDisk(join(dir, 'a.apk'), false));
  assert.ok(!isArtifactOnDisk(join(dir, 'x.zip'), true));
  assert.ok(!isArtifactOnDisk(join(dir, 'y.apk'), true));
  assert.ok(isArtifactOnDisk(APP, true));
  assert.ok(!isArtifactOnDisk(join(dir, 'a.apk'), false, (p) => p.endsWith('.ipa')), 'the caller chooses which archive names count');
});
