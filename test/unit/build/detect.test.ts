import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { detectProjects, androidVariants } from '../../../client/src/build/detect';
import { nodeFsView } from '../../../client/src/build/nodeFs';
import { planBuild, customPlan } from '../../../client/src/build/commands';

const FIXTURES = join(__dirname, '../../fixtures/projects');
const detect = (name: string) => detectProjects(nodeFsView(join(FIXTURES, name)));
const EXAMPLES = join(__dirname, '../../../examples');

test('Android Groovy project: the example app with debug/release', () => {
  const [p, ...rest] = detectProjects(nodeFsView(join(EXAMPLES, 'android')));
  assert.equal(rest.length, 0);
  assert.deepEqual([p.kind, p.dir, p.variants], ['android', '', ['debug', 'release']]);
});

test('Android Kotlin DSL with flavors: variants are flavor × build type', () => {
  const [p] = detect('kts-flavors');
  assert.equal(p.kind, 'android');
  assert.deepEqual(p.variants, ['freeDebug', 'freeRelease', 'freeStaging', 'paidDebug', 'paidRelease', 'paidStaging']);
});

test('Flutter project hides its own android/ and ios/ subprojects', () => {
  assert.deepEqual(detect('flutter-app').map((p) => [p.kind, p.dir]), [['flutter', '']]);
});

test('Xcode project found by its .xcodeproj, scheme defaults to the project name', () => {
  const [p] = detectProjects(nodeFsView(join(EXAMPLES, 'ios')));
  assert.deepEqual([p.kind, p.container, p.variants], ['xcode', 'AcmePhotos.xcodeproj', ['AcmePhotos']]);
});

test('monorepo: React Native app under apps/ and a native iOS project beside it', () => {
  const found = detect('monorepo').map((p) => [p.kind, p.dir, p.variants.join(',')]);
  assert.deepEqual(found, [['react-native', 'apps/mobile', 'debug,release'], ['xcode', 'native-ios', 'Shop']]);
});

test('a web project is not a mobile project', () => {
  assert.deepEqual(detect('plain-web'), []);
});

test('androidVariants reads Groovy buildTypes and ignores nested blocks', () => {
  const gradle = 'android {\n buildTypes {\n  release { minifyEnabled true\n   ndk { abiFilters "arm64-v8a" } }\n  beta { }\n }\n}';
  assert.deepEqual(androidVariants(gradle), ['debug', 'release', 'beta']);
});

test('build plans are argument arrays per kind', () => {
  const [android] = detectProjects(nodeFsView(join(EXAMPLES, 'android')));
  const a = planBuild(android, 'release');
  assert.deepEqual([a.command, a.args, a.cwd], ['./gradlew', ['assembleRelease', 'bundleRelease'], '']);
  assert.equal(planBuild(android, 'debug', 'android', true).command, 'gradlew.bat');
  const [rn] = detect('monorepo');
  const rnAndroid = planBuild(rn, 'debug');
  assert.deepEqual([rnAndroid.cwd, rnAndroid.args, rnAndroid.outputs], ['apps/mobile/android', ['assembleDebug'], ['apps/mobile/android/app/build/outputs/apk/**/*.apk']]);
  const rnIos = planBuild(rn, 'MobileApp', 'ios');
  assert.deepEqual([rnIos.command, rnIos.cwd], ['xcodebuild', 'apps/mobile/ios']);
  assert.ok(rnIos.args.includes('-sdk') && rnIos.args.includes('iphonesimulator'));
  const [flutter] = detect('flutter-app');
  assert.deepEqual(planBuild(flutter, 'release', 'ios').args, ['build', 'ios', '--release', '--no-codesign']);
  const [, xcode] = detect('monorepo');
  assert.deepEqual(planBuild(xcode, 'Shop').args.slice(0, 4), ['-project', 'Shop.xcodeproj', '-scheme', 'Shop']);
});

test('a configured command is used as given, without a shell', () => {
  const p = customPlan(['node', 'scripts/build; rm -rf /', '--flag'], ['out/*.apk'])!;
  assert.deepEqual([p.command, p.args, p.outputs], ['node', ['scripts/build; rm -rf /', '--flag'], ['out/*.apk']]);
  assert.equal(customPlan([], []), undefined);
});
