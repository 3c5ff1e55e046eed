// Which kind a file is read as: by name, through backup suffixes, by content, else generic text;
// which names are never read; how each kind writes a suppression comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentSyntax, fileKind, isSkippedByName } from '../../../server/src/core/text/fileKind';
import { contentKind, kindOf } from '../../../server/src/core/text/sniff';
import { createEngine } from '../../../server/src/core/engine';

test('kinds from the name: keys, env files, iOS/fastlane/Ruby, C#, web, scripts, config, docs', () => {
  const cases: Record<string, string> = {
    'ios/AuthKey_ABCDE12345.p8': 'pem', 'certs/certificates.pem': 'pem', 'server.key': 'pem',
    'production.env': 'env', 'config/app.env': 'env', '.env': 'env', '.env.production': 'env', 'env.staging': 'env',
    'env.js': 'js', 'env.dart': 'dart', 'env.json': 'json',
    'ios/App/en.lproj/Localizable.strings': 'strings', 'ios/App/Localizable.stringsdict': 'plist', 'PrivacyInfo.xcprivacy': 'plist',
    'ios/Podfile': 'ruby', 'fastlane/Fastfile': 'ruby', 'fastlane/Appfile': 'ruby', 'Gemfile': 'ruby', 'MyLib.podspec': 'ruby',
    'Droid/MainActivity.cs': 'csharp', 'App.csproj': 'xml', 'MainPage.xaml': 'xml', 'Main.storyboard': 'xml',
    'www/index.html': 'html', 'src/App.vue': 'html', 'src/routes/+page.svelte': 'html', 'www/css/app.css': 'css',
    'scripts/deploy.py': 'python', 'scripts/upload.sh': 'shell', 'tools/seed.rb': 'ruby', 'Dockerfile': 'shell',
    'setup.cfg': 'ini', 'config/app.ini': 'ini', 'nginx.conf': 'ini', '.npmrc': 'ini',
    'notes.txt': 'text', 'README.md': 'markdown', 'android/app/src/main/assets/index.android.bundle': 'js',
    'build.gradle.kts': 'gradle', 'Jenkinsfile': 'gradle', 'native/jni/bridge.cpp': 'objc',
  };
  for (const [path, kind] of Object.entries(cases)) assert.equal(fileKind(path), kind, path);
});

test('backup and template suffixes are read as the name before them', () => {
  const cases: Record<string, string> = {
    'app/google-services.json.v1': 'json', 'ios/Info.plist.bak': 'plist', 'res/values/strings.xml.orig': 'xml',
    'lib/firebase_options.dart.old': 'dart', 'Info.plist~': 'plist', 'app/build.gradle.backup': 'gradle',
    'config.json.save': 'json', 'Config.swift.copy': 'swift', 'GoogleService-Info.plist.bak.old': 'plist',
    'google-services.json.sample': 'json', 'config.json.2': 'json', 'Podfile.orig': 'ruby',
  };
  for (const [path, kind] of Object.entries(cases)) assert.equal(fileKind(path), kind, path);
  // a name that is only a suffix, or an unknown name before it, says nothing
  assert.equal(fileKind('.bak'), undefined);
  assert.equal(fileKind('notes.bak'), undefined);
  assert.equal(fileKind('LICENSE'), undefined);
});

test('names never read: media, fonts, libraries, keystores, databases, lockfiles, source maps', () => {
  for (const p of ['res/drawable/logo.png', 'assets/intro.mp4', 'fonts/Inter.woff2', 'icon.svg', 'app/libs/sdk.aar',
    'gradle/wrapper/gradle-wrapper.jar', 'jniLibs/arm64-v8a/libfoo.so', 'libssl.so.1.1', 'release.keystore', 'upload.jks',
    'ios/dist.p12', 'cert.der', 'embedded.mobileprovision', 'data/app.sqlite', 'docs/spec.pdf', 'model.tflite',
    'package-lock.json', 'yarn.lock', 'ios/Podfile.lock', 'pubspec.lock', 'Gemfile.lock', 'pnpm-lock.yaml',
    'ios/App.xcworkspace/xcshareddata/swiftpm/Package.resolved', 'www/main.js.map', '.DS_Store', 'logo.png.bak']) {
    assert.ok(isSkippedByName(p), p);
  }
  for (const p of ['production.env', 'certificates.pem', 'AuthKey_X.p8', 'google-services.json.v1', 'LICENSE', 'Makefile',
    'server.crt', 'pinning.cer', 'classes.dex', 'notes', 'package.json', 'Podfile', 'pubspec.yaml']) {
    assert.ok(!isSkippedByName(p), p);
  }
  const engine = createEngine();
  assert.ok(engine.isScannable('notes') && engine.isScannable('production.env') && !engine.isScannable('yarn.lock'));
});

test('kinds from the content when the name says nothing', () => {
  assert.equal(contentKind('Bag Attributes\n-----BEGIN PRIVATE KEY-----\nMIIE\n'), 'pem');
  assert.equal(contentKind('\n  {\n  "project_info": {}\n}'), 'json');
  assert.equal(contentKind('[{"a": 1}]'), 'json');
  assert.equal(contentKind('<?xml version="1.0"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "x">\n<plist version="1.0">'), 'plist');
  assert.equal(contentKind('<?xml version="1.0" encoding="utf-8"?>\n<configuration>'), 'xml');
  assert.equal(contentKind('<resources>\n<string name="a">b</string>'), 'xml');
  assert.equal(contentKind('<!DOCTYPE html>\n<html lang="en">'), 'html');
  assert.equal(contentKind('#!/usr/bin/env bash\nset -e\n'), 'shell');
  assert.equal(contentKind('#!/usr/bin/python3\nimport os\n'), 'python');
  assert.equal(contentKind('#!/usr/bin/env ruby\n'), 'ruby');
  assert.equal(contentKind('#!/usr/bin/env node\n'), 'js');
  assert.equal(contentKind('[default]\naws_access_key_id = AKIA\naws_secret_access_key = x\n'), 'properties');
  assert.equal(contentKind('# settings\nAPI_URL=https://x\nexport TOKEN=abc\nDEBUG=false\n'), 'properties');
  assert.equal(contentKind('This is a README.\nIt explains things: many of them.\nNothing = assigned here really\nAnd more prose.\n'), undefined);
  assert.equal(contentKind(''), undefined);
  assert.equal(kindOf('LICENSE', 'MIT License\n\nCopyright (c) 2024\n'), 'text');
  assert.equal(kindOf('app/google-services.json.v1', 'not json at all'), 'json', 'the name wins over the content');
});

test('comment syntax of the new kinds (suppressions and generated edits)', () => {
  for (const kind of ['env', 'ruby', 'python', 'shell', 'ini', 'pem', 'text'] as const) assert.deepEqual(commentSyntax(kind), { line: '#' }, kind);
  assert.deepEqual(commentSyntax('csharp'), { line: '//', block: ['/*', '*/'] });
  assert.deepEqual(commentSyntax('strings'), { line: '//', block: ['/*', '*/'] });
  for (const kind of ['html', 'markdown'] as const) assert.deepEqual(commentSyntax(kind), { block: ['<!--', '-->'] }, kind);
  assert.deepEqual(commentSyntax('css'), { block: ['/*', '*/'] });
});
