import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { applyFix, computeFixes } from '../../../server/src/core/fixes';
import { isFirebaseRulesContext } from '../../../server/src/core/misconfig';
import type { QuickFix } from '../../../server/src/core/fix';
import type { Finding } from '../../../server/src/core/types';
import { KEY_JAVA, KEY_KT, KEY_KTS, KEY_PLIST, KEY_SWIFT, KEY_XML, checkGitignore, checkGradle, checkPlist, checkXcconfig, checkXml, projectFiles } from './project';

const engine = createEngine();

function findingIn(files: Record<string, string>, path: string, ruleId: string): Finding {
  const f = engine.scanText(path, files[path]).findings.find((x) => x.ruleId === ruleId);
  assert.ok(f, `${ruleId} found in ${path}`);
  return f;
}

function fixes(files: Record<string, string>, path: string, finding: Finding): QuickFix[] {
  const { fixes: out, errors } = computeFixes({ finding, path, text: files[path], readFile: (p) => files[p] });
  assert.deepEqual(errors, []);
  return out;
}

/** Applies the fix titled like `title` and returns the new project; asserts idempotence. */
function apply(files: Record<string, string>, path: string, ruleId: string, title: RegExp, removesValue = true): { next: Record<string, string>; fix: QuickFix; finding: Finding } {
  const finding = findingIn(files, path, ruleId);
  const fix = fixes(files, path, finding).find((f) => title.test(f.title));
  assert.ok(fix, `a fix matching ${title} for ${ruleId}; got ${fixes(files, path, finding).map((f) => f.title).join(' | ')}`);
  const next = { ...files, ...Object.fromEntries(applyFix(fix, (p) => files[p])) };
  if (removesValue) assert.ok(!engine.scanText(path, next[path]).findings.some((f) => f.ruleId === ruleId && f.fingerprint === finding.fingerprint), 'finding gone after the fix');
  // A second application (with the stale finding) offers nothing of the same kind.
  const again = fixes(next, path, finding).filter((f) => f.title === fix.title);
  for (const f of again) assert.deepEqual({ ...next, ...Object.fromEntries(applyFix(f, (p) => next[p])) }, next, 'second application changes nothing');
  return { next, fix, finding };
}

test('Kotlin secret moves to local.properties + buildConfigField (Groovy) + BuildConfig with import', () => {
  const { next } = apply(projectFiles(), 'app/src/main/java/com/acme/data/Config.kt', 'google-api-key', /local\.properties/);
  assert.match(next['app/src/main/java/com/acme/data/Config.kt'], /val mapsApiKey = BuildConfig\.MAPS_API_KEY\n/);
  assert.match(next['app/src/main/java/com/acme/data/Config.kt'], /^package com\.acme\.data\n\nimport com\.acme\.BuildConfig\n/);
  assert.equal(next['local.properties'], `MAPS_API_KEY=${KEY_KT}\n`);
  const gradle = next['app/build.gradle'];
  checkGradle(gradle);
  assert.match(gradle, /defaultConfig \{[^}]*buildConfigField "String", "MAPS_API_KEY", "\\"\$\{leaklensSecrets\.getProperty\('MAPS_API_KEY', ''\)\}\\""\n {4}\}/);
  assert.match(gradle, /buildFeatures \{\s*buildConfig true\s*\}/);
  assert.ok(gradle.indexOf('def leaklensSecrets') > gradle.indexOf('plugins {'), 'loader after the plugins block');
});

test('Java secret: BuildConfig in the same package needs no import; a second secret reuses the loader', () => {
  const first = apply(projectFiles(), 'app/src/main/java/com/acme/Api.java', 'google-api-key', /local\.properties/).next;
  assert.match(first['app/src/main/java/com/acme/Api.java'], /static final String placesKey = BuildConfig\.PLACES_KEY;/);
  assert.doesNotMatch(first['app/src/main/java/com/acme/Api.java'], /import/);
  const second = apply(first, 'app/src/main/java/com/acme/data/Config.kt', 'google-api-key', /local\.properties/).next;
  checkGradle(second['app/build.gradle']);
  assert.equal(second['app/build.gradle'].match(/def leaklensSecrets =/g)?.length, 1);
  assert.equal(second['app/build.gradle'].match(/buildConfig true/g)?.length, 1);
  assert.equal(second['local.properties'], `PLACES_KEY=${KEY_JAVA}\nMAPS_API_KEY=${KEY_KT}\n`);
});

test('Kotlin DSL module gets a Kotlin loader and buildConfigField call', () => {
  const { next } = apply(projectFiles(), 'wear/src/main/java/com/acme/wear/Keys.kt', 'google-api-key', /local\.properties/);
  const kts = next['wear/build.gradle.kts'];
  checkGradle(kts);
  assert.match(kts, /val leaklensSecrets = java\.util\.Properties\(\)\.apply \{/);
  assert.match(kts, /buildConfigField\("String", "WEAR_KEY", "\\"\$\{leaklensSecrets\.getProperty\("WEAR_KEY", ""\)\}\\""\)/);
  assert.match(kts, /buildConfig = true/);
  assert.equal(next['local.properties'], `WEAR_KEY=${KEY_KTS}\n`);
  assert.match(next['wear/src/main/java/com/acme/wear/Keys.kt'], /val wearKey = BuildConfig\.WEAR_KEY/);
});

test('strings.xml secret becomes a resValue and leaves the resource file valid', () => {
  const { next } = apply(projectFiles(), 'app/src/main/res/values/strings.xml', 'google-api-key', /resValue/);
  checkXml(next['app/src/main/res/values/strings.xml']);
  assert.doesNotMatch(next['app/src/main/res/values/strings.xml'], /maps_key/);
  assert.match(next['app/build.gradle'], /resValue "string", "maps_key", leaklensSecrets\.getProperty\('MAPS_KEY', ''\)/);
  checkGradle(next['app/build.gradle']);
  assert.equal(next['local.properties'], `MAPS_KEY=${KEY_XML}\n`);
});

test('Info.plist secret moves to a git-ignored Secrets.xcconfig included by the Flutter configs', async () => {
  const { next, fix } = apply(projectFiles(), 'ios/Runner/Info.plist', 'google-api-key', /xcconfig/);
  assert.equal((await checkPlist(next['ios/Runner/Info.plist'])).GMSApiKey, '$(GMSAPI_KEY)');
  checkXcconfig(next['ios/Secrets.xcconfig']);
  assert.match(next['ios/Secrets.xcconfig'], new RegExp(`^GMSAPI_KEY = ${KEY_PLIST}$`, 'm'));
  assert.ok(checkGitignore(next['.gitignore']).includes('/ios/Secrets.xcconfig'));
  for (const c of ['Debug', 'Release']) { checkXcconfig(next[`ios/Flutter/${c}.xcconfig`]); assert.match(next[`ios/Flutter/${c}.xcconfig`], /#include\? "\.\.\/Secrets\.xcconfig"/); }
  assert.match(fix.detail ?? '', /Bundle\.main\.object\(forInfoDictionaryKey: "GMSApiKey"\)/);
});

test('Swift literal reads Info.plist, which gains a $(NAME) entry', async () => {
  const { next } = apply(projectFiles(), 'ios/Runner/AppDelegate.swift', 'google-api-key', /xcconfig/);
  assert.match(next['ios/Runner/AppDelegate.swift'], /let mapsKey = \(Bundle\.main\.object\(forInfoDictionaryKey: "MAPS_KEY"\) as\? String \?\? ""\)/);
  assert.equal((await checkPlist(next['ios/Runner/Info.plist'])).MAPS_KEY, '$(MAPS_KEY)');
  assert.match(next['ios/Secrets.xcconfig'], new RegExp(`^MAPS_KEY = ${KEY_SWIFT}$`, 'm'));
});

test('.env and xcconfig holding secrets are added to .gitignore once', () => {
  const { next } = apply(projectFiles(), '.env', 'aws-access-key-id', /gitignore/, false);
  assert.deepEqual(checkGitignore(next['.gitignore']), ['build/', '.gradle/', '/.env']);
  const f = findingIn(next, '.env', 'aws-access-key-id');
  assert.ok(!fixes(next, '.env', f).some((x) => /gitignore/.test(x.title)), 'no second gitignore fix');
  const files = { ...projectFiles(), '.gitignore': '*.xcconfig\n' };
  const xf = findingIn(files, 'ios/Config/Prod.xcconfig', 'firebase-database-url');
  assert.ok(!fixes(files, 'ios/Config/Prod.xcconfig', xf).some((x) => /gitignore/.test(x.title)), 'a glob already covers it');
});

test('http:// firebase URL becomes https://', () => {
  const { next } = apply(projectFiles(), 'app/src/main/java/com/acme/data/Config.kt', 'insecure-cloud-endpoint', /https/, true);
  assert.match(next['app/src/main/java/com/acme/data/Config.kt'], /const val DB = "https:\/\/acme-prod\.firebaseio\.com"/);
});

test('cleartext flags are turned off in the manifest and in ATS', async () => {
  const files = projectFiles();
  const finding = findingIn(files, 'app/src/main/AndroidManifest.xml', 'cleartext-traffic');
  const fix = fixes(files, 'app/src/main/AndroidManifest.xml', finding).find((f) => /cleartext/.test(f.title))!;
  const manifest = applyFix(fix, (p) => files[p]).get('app/src/main/AndroidManifest.xml')!;
  assert.match(manifest, /android:usesCleartextTraffic="false"/);
  checkXml(manifest);
  assert.equal(engine.scanText('app/src/main/AndroidManifest.xml', manifest).findings.length, 0);
  const pf = findingIn(files, 'ios/Runner/Info.plist', 'cleartext-traffic');
  const pfix = fixes(files, 'ios/Runner/Info.plist', pf).find((f) => /cleartext/.test(f.title))!;
  const plistText = applyFix(pfix, (p) => files[p]).get('ios/Runner/Info.plist')!;
  assert.equal(((await checkPlist(plistText)).NSAppTransportSecurity as Record<string, unknown>).NSAllowsArbitraryLoads, false);
});

/** `firebase-rules-missing` findings of a project (its Firebase context read from `files`). */
function missingRules(files: Record<string, string>, path: string): Finding[] {
  const context = Object.entries(files).filter(([p]) => isFirebaseRulesContext(p)).map(([p, text]) => ({ path: p, text }));
  return engine.missingRules(engine.scanText(path, files[path]).findings, context, (p) => p in files);
}

test('a database/bucket without rules in the project gets locked-down rules referenced from firebase.json, which removes the finding', () => {
  const path = 'app/google-services.json';
  const before = missingRules(projectFiles(), path);
  assert.deepEqual(before.map((f) => f.message.split(' ')[0]), ['Realtime', 'Storage']);
  const apply1 = (files: Record<string, string>, finding: Finding, title: RegExp) => {
    const fix = fixes(files, path, finding).find((f) => title.test(f.title));
    assert.ok(fix, `a fix matching ${title}`);
    return { ...files, ...Object.fromEntries(applyFix(fix, (p) => files[p])) };
  };
  const a = apply1(projectFiles(), before[0], /database\.rules\.json/);
  assert.deepEqual(JSON.parse(a['database.rules.json']), { rules: { '.read': 'auth != null', '.write': 'auth != null' } });
  assert.deepEqual(JSON.parse(a['firebase.json']), { database: { rules: 'database.rules.json' } });
  assert.deepEqual(missingRules(a, path).map((f) => f.fingerprint), [before[1].fingerprint], 'the database finding is gone');
  // Applied twice (stale finding): nothing more to do.
  assert.ok(!fixes(a, path, before[0]).some((f) => /Create locked-down/.test(f.title)));
  const b = apply1(a, before[1], /storage\.rules/);
  assert.match(b['storage.rules'], /allow read, write: if request\.auth != null;/);
  assert.deepEqual(JSON.parse(b['firebase.json']), { database: { rules: 'database.rules.json' }, storage: { rules: 'storage.rules' } });
  assert.deepEqual(missingRules(b, path), []);
  // The URL itself stays (it must ship) and is never offered the rules fix.
  const url = findingIn(b, path, 'firebase-database-url');
  assert.ok(!fixes(b, path, url).some((f) => /Create locked-down/.test(f.title)));
  // Accepting it instead goes to the baseline, not a comment.
  assert.ok(fixes(projectFiles(), path, before[0]).some((f) => /baseline/.test(f.title)));
});

test('suppression uses the file comment syntax; JSON findings go to the .leaklens.json baseline', () => {
  const kt = apply(projectFiles(), 'app/src/main/java/com/acme/data/Config.kt', 'google-api-key', /Suppress/).next;
  assert.match(kt['app/src/main/java/com/acme/data/Config.kt'], /\n {4}\/\/ leaklens-ignore-next-line google-api-key\n {4}val mapsApiKey/);
  const xml = apply(projectFiles(), 'app/src/main/res/values/strings.xml', 'google-api-key', /Suppress/).next;
  assert.match(xml['app/src/main/res/values/strings.xml'], /<!-- leaklens-ignore-next-line google-api-key -->\n {4}<string name="maps_key">/);
  checkXml(xml['app/src/main/res/values/strings.xml']);
  const env = apply(projectFiles(), '.env', 'aws-access-key-id', /Suppress/).next;
  assert.match(env['.env'], /^# leaklens-ignore-next-line aws-access-key-id\n/);
  // Inside a multi-line XML tag a comment is impossible: baseline instead.
  const files = projectFiles();
  const m = findingIn(files, 'app/src/main/AndroidManifest.xml', 'cleartext-traffic');
  assert.ok(fixes(files, 'app/src/main/AndroidManifest.xml', m).some((f) => /baseline/.test(f.title)));
  const json = findingIn(files, 'app/google-services.json', 'firebase-storage-bucket');
  const base = fixes(files, 'app/google-services.json', json).find((f) => /baseline/.test(f.title))!;
  const config = JSON.parse(applyFix(base, (p) => files[p]).get('.leaklens.json')!);
  assert.equal(config.baseline[0].fingerprint, json.fingerprint);
  assert.equal(createEngine({ baseline: [json.fingerprint] }).scanText('app/google-services.json', files['app/google-services.json']).findings.filter((f) => f.ruleId === 'firebase-storage-bucket').length, 0);
  const withBaseline = { ...files, '.leaklens.json': JSON.stringify(config) };
  assert.ok(!fixes(withBaseline, 'app/google-services.json', json).some((f) => /baseline/.test(f.title)), 'not offered twice');
});

test('suppression in the newly read kinds: # in env/Python/Ruby/shell/PEM, // in C# and in a Vue script, <!-- --> in HTML', () => {
  const key = 'AKIAQ3EGRDCXPLZ7WXYZ';
  const files: Record<string, string> = {
    'config/production.env': `API=1\nAWS_ACCESS_KEY_ID=${key}\n`,
    'scripts/upload.py': `import boto3\nclient = boto3.client("s3", aws_access_key_id="${key}")\n`,
    'fastlane/Fastfile': `lane :beta do\n  s3(access_key: "${key}")\nend\n`,
    'scripts/deploy.sh': `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${key}\n`,
    'Droid/Config.cs': `class C {\n    const string Key = "${key}";\n}\n`,
    'src/App.vue': `<template>\n  <div/>\n</template>\n<script>\nconst key = "${key}";\n</script>\n`,
    'www/index.html': `<html>\n<body data-key="${key}">\n</body>\n</html>\n`,
    'tools/aws-credentials': `[default]\naws_access_key_id = ${key}\n`,
  };
  const expected: Record<string, RegExp> = {
    'config/production.env': /\n# leaklens-ignore-next-line aws-access-key-id\nAWS_ACCESS_KEY_ID=/,
    'scripts/upload.py': /\n# leaklens-ignore-next-line aws-access-key-id\nclient/,
    'fastlane/Fastfile': /\n {2}# leaklens-ignore-next-line aws-access-key-id\n {2}s3\(/,
    'scripts/deploy.sh': /\n# leaklens-ignore-next-line aws-access-key-id\nexport/,
    'Droid/Config.cs': /\n {4}\/\/ leaklens-ignore-next-line aws-access-key-id\n {4}const/,
    'src/App.vue': /<script>\n\/\/ leaklens-ignore-next-line aws-access-key-id\nconst key/,
    'www/index.html': /<html>\n<!-- leaklens-ignore-next-line aws-access-key-id -->\n<body/,
    'tools/aws-credentials': /\n# leaklens-ignore-next-line aws-access-key-id\naws_access_key_id/,
  };
  for (const [path, re] of Object.entries(expected)) {
    const { next } = apply(files, path, 'aws-access-key-id', /Suppress/);
    assert.match(next[path], re, path);
  }
});

test('a throwing provider is reported, not fatal; stale findings get no fix', () => {
  const files = projectFiles();
  const finding = findingIn(files, '.env', 'aws-access-key-id');
  const boom = () => { throw new Error('boom'); };
  const r = computeFixes({ finding, path: '.env', text: files['.env'], readFile: (p) => files[p] }, [boom]);
  assert.deepEqual(r.fixes, []);
  assert.match(r.errors[0], /boom/);
  assert.deepEqual(computeFixes({ finding, path: '.env', text: 'OTHER=1\n', readFile: () => undefined }).fixes, []);
});

test('the new secret rules (FCM server key, Alibaba AccessKey) get the move-to-local.properties, xcconfig and suppress fixes', async () => {
  const fcm = `AAAAx1y2z3a:APA91bH7kLmN3pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz_-aBcDeFgHiJkLmNoPqRsTuVwXyZ0987654321ZyXwVuTsRqPoNmLkJiHgFeDcBa-_QwErTyUiOpAsDf`;
  const secret = 'q8Hf2Lk9Zr0Xw3Tn5Vb7Yc1Ud4Ie6O';
  const files = {
    ...projectFiles(),
    'app/src/main/java/com/acme/Push.kt': `package com.acme\n\nobject Push {\n    val serverKey = "${fcm}"\n}\n`,
    'ios/Runner/Oss.swift': `import AliyunOSSiOS\n\nlet ossSecret = "${secret}"\nlet provider = OSSPlainTextAKSKPairCredentialProvider(plainTextAccessKey: "LTAI5tFzR8vWq2KxYpJmN3aB", secretKey: ossSecret)\n`,
    'ios/Runner/Oss.m': `id<OSSCredentialProvider> p = [[OSSPlainTextAKSKPairCredentialProvider alloc] initWithPlainTextAccessKey:@"LTAI5tFzR8vWq2KxYpJmN3aB" secretKey:@"${secret}"];\n`,
  };
  const android = apply(files, 'app/src/main/java/com/acme/Push.kt', 'fcm-server-key', /local\.properties/).next;
  assert.match(android['app/src/main/java/com/acme/Push.kt'], /val serverKey = BuildConfig\.SERVER_KEY\n/);
  assert.equal(android['local.properties'], `SERVER_KEY=${fcm}\n`);
  checkGradle(android['app/build.gradle']);

  const ios = apply(files, 'ios/Runner/Oss.swift', 'alibaba-access-key', /xcconfig/).next;
  assert.match(ios['ios/Runner/Oss.swift'], /let ossSecret = \(Bundle\.main\.object\(forInfoDictionaryKey: "OSS_SECRET"\) as\? String \?\? ""\)/);
  assert.match(ios['ios/Secrets.xcconfig'], new RegExp(`^OSS_SECRET = ${secret}$`, 'm'));
  assert.equal((await checkPlist(ios['ios/Runner/Info.plist'])).OSS_SECRET, '$(OSS_SECRET)');

  const objc = apply(files, 'ios/Runner/Oss.m', 'alibaba-access-key', /Suppress/).next;
  assert.match(objc['ios/Runner/Oss.m'], /^\/\/ leaklens-ignore-next-line alibaba-access-key\nid<OSSCredentialProvider>/);
});
