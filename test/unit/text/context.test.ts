// Context that is not the app's: dependency repositories, XML namespaces, allow-lists and links
// in comments are not findings — in source and in artifacts — while real values beside them
// (a key in a repository's credentials, a bucket in buildConfigField, commented-out config) are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { createEngine } from '../../../server/src/core/engine';
import { foreignSpans } from '../../../server/src/core/text/context';

const engine = createEngine();
const KEY_ID = 'AKIAZ4RN7QW2TY5MXB3K';
const SECRET = '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';
const rows = (path: string, text: string) => engine.scanText(path, text).findings.map((f) => `${f.ruleId} ${f.value}`);

test('Gradle: repositories, maven/ivy blocks, pluginManagement and dependencyResolutionManagement are not findings', () => {
  const groovy = [
    'buildscript {',
    '    repositories {',
    "        maven { url 'http://s3.amazonaws.com/fabric-artifacts/public' }",
    '        google()',
    '    }',
    '}',
    'allprojects {',
    '    repositories {',
    "        maven { url 'https://acme-maven-repo.s3.eu-west-1.amazonaws.com/releases' }",
    '        ivy { url "https://storage.googleapis.com/acme-ivy-mirror/" }',
    '    }',
    '}',
    '',
  ].join('\n');
  assert.deepEqual(rows('build.gradle', groovy), []);

  const kts = [
    'pluginManagement {',
    '    repositories {',
    '        maven("https://acme-plugins.s3.amazonaws.com/m2")',
    '        gradlePluginPortal()',
    '    }',
    '}',
    'dependencyResolutionManagement {',
    '    repositories {',
    '        maven {',
    '            url = uri("s3://acme-private-maven/releases")',
    '            credentials(AwsCredentials::class) {',
    `                accessKey = "${KEY_ID}"`,
    `                secretKey = "${SECRET}"`,
    '            }',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
  const found = engine.scanText('settings.gradle.kts', kts).findings;
  assert.deepEqual(found.map((f) => f.ruleId).sort(), ['aws-access-key-id', 'aws-secret-access-key'], 'credentials beside a repository URL are still found');
  assert.ok(found.every((f) => f.where === 'build'));
  assert.deepEqual(found.map((f) => f.severity).sort(), ['high', 'medium'], 'one step lower outside app: critical → high, high → medium');
});

test('Gradle: a bucket in buildConfigField / resValue / manifestPlaceholders ships (where app, full severity)', () => {
  const text = [
    'android {',
    '    defaultConfig {',
    '        buildConfigField "String", "MEDIA_URL", "\\"https://acme-media-prod.s3.amazonaws.com/\\""',
    '        resValue("string", "backup_bucket",',
    '            "gs://acme-backups-7f3e")',
    '        manifestPlaceholders = [dbUrl: "https://acme-prod-default-rtdb.firebaseio.com"]',
    '    }',
    '}',
    'repositories {',
    "    maven { url 'https://acme-media-prod.s3.amazonaws.com/m2' }",
    '}',
    'task upload { doLast { println "https://acme-ci-artifacts.s3.amazonaws.com/" } }',
    '',
  ].join('\n');
  const found = engine.scanText('app/build.gradle', text).findings;
  const byValue = new Map(found.map((f) => [f.value, f]));
  assert.deepEqual([...byValue.keys()].sort(), ['acme-backups-7f3e', 'acme-ci-artifacts', 'acme-media-prod', 'acme-prod-default-rtdb.firebaseio.com']);
  assert.equal(found.filter((f) => f.value === 'acme-media-prod').length, 1, 'the repository URL of the same bucket is not a second finding');
  for (const v of ['acme-media-prod', 'acme-backups-7f3e', 'acme-prod-default-rtdb.firebaseio.com']) assert.equal(byValue.get(v)!.where, 'app', v);
  assert.equal(byValue.get('acme-media-prod')!.severity, 'low');
  assert.equal(byValue.get('acme-ci-artifacts')!.where, 'build');
  assert.equal(byValue.get('acme-ci-artifacts')!.severity, 'info');
});

test('Podfile/podspec sources, Cartfile binaries, SwiftPM packages, .npmrc/.yarnrc registries, pip indexes and pubspec hosted are not findings', () => {
  const cases: Array<[string, string]> = [
    ['ios/Podfile', "source 'https://acme-specs.s3.amazonaws.com/Specs.git'\nsource 'https://cdn.cocoapods.org/'\npod 'AcmeSDK', :http => 'https://acme-sdk-dist.s3.amazonaws.com/AcmeSDK-2.1.zip'\n"],
    ['AcmeSDK.podspec', "Pod::Spec.new do |s|\n  s.source = { :http => 'https://acme-sdk-dist.s3.amazonaws.com/AcmeSDK-2.1.zip' }\n  s.source = { http: 'http://acme-sdk-dist.s3.amazonaws.com/AcmeSDK-2.2.zip' }\nend\n"],
    ['Cartfile', 'binary "https://acme-sdk-dist.s3.amazonaws.com/AcmeSDK.json" ~> 2.1\n'],
    ['Package.swift', 'let package = Package(name: "App", dependencies: [\n  .package(url: "https://github.com/acme/kit.git", from: "1.0.0"),\n], targets: [\n  .binaryTarget(name: "AcmeSDK", url: "https://acme-sdk-dist.s3.amazonaws.com/AcmeSDK.xcframework.zip", checksum: "9f2c")\n])\n'],
    ['.npmrc', 'registry=https://acme-npm.s3.amazonaws.com/\n@acme:registry=http://acme-npm-scoped.s3.amazonaws.com/\n'],
    ['.yarnrc.yml', 'npmRegistryServer: "https://acme-npm.s3.amazonaws.com"\n'],
    ['requirements.txt', '--extra-index-url https://acme-pypi.s3.amazonaws.com/simple/\nrequests==2.31.0\n'],
    ['pubspec.yaml', 'dependencies:\n  acme_kit:\n    hosted:\n      name: acme_kit\n      url: https://acme-pub.s3.amazonaws.com\n    version: ^1.0.0\n  other:\n    hosted: https://storage.googleapis.com/acme-pub-mirror\n'],
  ];
  for (const [path, text] of cases) assert.deepEqual(rows(path, text), [], path);
  // the same URLs outside those contexts are found
  assert.deepEqual(rows('ios/App/Download.swift', 'let sdk = URL(string: "https://acme-sdk-dist.s3.amazonaws.com/AcmeSDK.json")!\n'), ['aws-s3-bucket acme-sdk-dist']);
  assert.deepEqual(rows('pubspec.yaml', 'flutter:\n  config:\n    media: https://acme-pub.s3.amazonaws.com\n'), ['aws-s3-bucket acme-pub']);
});

test('XML namespaces and schema URIs: source, and a built artifact (the S3 namespace in SDK code)', async () => {
  const ns = 'http://s3.amazonaws.com/doc/2006-03-01/';
  const cases: Array<[string, string]> = [
    ['app/src/main/java/com/acme/xml/S3Xml.java', `static final String S3_NS = "${ns}";\n`],
    ['app/src/main/res/raw/list.xml', `<ListBucketResult xmlns="${ns}"><Name>x</Name></ListBucketResult>\n`],
    ['ios/App/Xml.swift', `let doc = "<AccessControlPolicy xmlns=\\"${ns}\\">"\nlet other = "http://doc.s3.amazonaws.com/2006-03-01"\n`],
    ['app/src/main/res/layout/main.xml', '<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android" xmlns:tools="http://schemas.android.com/tools" />\n'],
    ['app/src/main/assets/s.xml', '<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://acme-schemas.s3.amazonaws.com/ns http://acme-schemas.s3.amazonaws.com/ns.xsd"/>\n'],
  ];
  for (const [path, text] of cases) assert.deepEqual(rows(path, text), [], path);
  // DEX/ObjC strings: one per line, read with the artifact's options
  assert.deepEqual(engine.scanText('app.apk', `${ns}\nListBucketResult\n`, { kind: 'xml', entry: 'classes.dex' }).findings, []);

  const zip = new JSZip();
  zip.file('assets/s3.xml', `<?xml version="1.0"?>\n<ListAllMyBucketsResult xmlns="${ns}"/>\n`);
  zip.file('assets/config.json', '{"media": "http://acme-media-prod.s3.amazonaws.com/"}\n');
  const apk = await zip.generateAsync({ type: 'uint8array' });
  const r = await engine.scanArtifact('app-release.apk', apk);
  assert.deepEqual(r.findings.map((f) => `${f.location.entry} ${f.ruleId} ${f.value} ${f.where}`).sort(), [
    'assets/config.json aws-s3-bucket acme-media-prod app',
    'assets/config.json insecure-cloud-endpoint http://acme-media-prod.s3.amazonaws.com app',
  ]);
});

test('allow-lists: a CI firewall\'s allowed endpoints, NO_PROXY and allowedDomains lists are not findings; a bucket the workflow uploads to is (ci, one step lower)', () => {
  const workflow = [
    'name: Android CI',
    'on: [push]',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: step-security/harden-runner@v2',
    '        with:',
    '          egress-policy: block',
    '          allowed-endpoints: >',
    '            api.github.com:443',
    '            github.com:443',
    '            github-cloud.s3.amazonaws.com:443',
    '            github-production-release-asset-2e65be.s3.amazonaws.com:443',
    '            dl.google.com:443',
    '            storage.googleapis.com:443',
    '      - run: ./gradlew assembleRelease',
    '      - run: aws s3 cp app/build/outputs/apk/release/app-release.apk s3://acme-release-builds/',
    '',
  ].join('\n');
  const found = engine.scanText('.github/workflows/android.yml', workflow).findings;
  assert.deepEqual(found.map((f) => [f.ruleId, f.value, f.where, f.severity]), [['aws-s3-bucket', 'acme-release-builds', 'ci', 'info']]);

  const others: Array<[string, string]> = [
    ['.github/workflows/a.yml', 'env:\n  NO_PROXY: acme-cache.s3.amazonaws.com,localhost\n'],
    ['.github/workflows/b.yml', 'with:\n  allowed-endpoints: github-cloud.s3.amazonaws.com:443 api.github.com:443\n'],
    ['.github/workflows/e.lock.yml', 'steps:\n  - run: |\n      sudo -E awf --tty --allow-domains \'*.githubusercontent.com,api.github.com,github-cloud.s3.amazonaws.com,pypi.org\' --log-level info \\\n        -- claude\n'],
    ['scripts/proxy.sh', 'mitmproxy --allowed-hosts=acme-cache.s3.amazonaws.com\n'],
    ['.github/workflows/c.yml', 'with:\n  allowed_domains:\n    - github-cloud.s3.amazonaws.com\n    - objects.githubusercontent.com\n'],
    ['src/web.ts', 'export const allowedDomains = ["acme-cdn.s3.amazonaws.com", "acme.com"];\n'],
    ['app/src/main/java/Web.kt', 'val allowedHosts = setOf(\n    "acme-cdn.s3.amazonaws.com",\n    "acme.com",\n)\n'],
    ['capacitor.config.json', '{ "server": { "allowNavigation": ["acme-cdn.s3.amazonaws.com"] } }\n'],
    ['config.xml', '<widget>\n  <access origin="https://acme-cdn.s3.amazonaws.com" />\n  <allow-navigation href="https://acme-cdn2.s3.amazonaws.com/*" />\n</widget>\n'],
  ];
  for (const [path, text] of others) assert.deepEqual(rows(path, text), [], path);
});

test('comments: a link in prose is not a finding; commented-out code and config are', () => {
  const quiet: Array<[string, string]> = [
    ['app/build.gradle', "// use http://gradleplease.appspot.com/ to find versions\napply plugin: 'com.android.application'\n"],
    ['app/src/main/java/A.java', '/*\n * Mirrors the layout of http://acme-docs.s3.amazonaws.com/guide/index.html\n */\nclass A {}\n'],
    ['lib/main.dart', '/// See [the bucket docs](https://acme-docs.s3.amazonaws.com/guide) for details.\nvoid main() {}\n'],
    ['.github/workflows/d.yml', '# cache lives at https://acme-ci-cache.s3.amazonaws.com (see wiki)\non: push\n'],
    ['app/src/main/AndroidManifest.xml', '<manifest>\n  <!-- https://acme-docs.s3.amazonaws.com/manifest.html -->\n</manifest>\n'],
    ['ios/App/A.swift', '/* outer /* nested http://acme-docs.s3.amazonaws.com/x */ still a comment https://acme-docs2.s3.amazonaws.com/y */\nlet a = 1\n'],
  ];
  for (const [path, text] of quiet) assert.deepEqual(rows(path, text), [], path);

  const found: Array<[string, string, string[]]> = [
    ['app/src/main/java/Db.kt', '// val db = FirebaseDatabase.getInstance("https://acme-prod-default-rtdb.firebaseio.com")\n', ['firebase-database-url acme-prod-default-rtdb.firebaseio.com']],
    ['.env', '# S3_MEDIA_URL=https://acme-media-prod.s3.amazonaws.com/\n', ['aws-s3-bucket acme-media-prod']],
    ['app/src/main/res/values/strings.xml', '<resources>\n  <!-- <string name="media">https://acme-media-prod.s3.amazonaws.com/</string> -->\n</resources>\n', ['aws-s3-bucket acme-media-prod']],
    ['app/src/main/java/Up.kt', 'val u = "http://acme-media-prod.s3.amazonaws.com/" // legacy host\n', ['insecure-cloud-endpoint http://acme-media-prod.s3.amazonaws.com', 'aws-s3-bucket acme-media-prod']],
    ['lib/keys.dart', "// https://maps.googleapis.com/maps/api/staticmap?key=AIzaSyC7vK2mQ9tR4wX8pL1nB6jH3gF5dS0aZ9e\n", ['google-api-key AIzaSyC7vK2mQ9tR4wX8pL1nB6jH3gF5dS0aZ9e']],
    ['app/src/main/java/Cfg.java', '// AWS_SECRET_ACCESS_KEY=' + SECRET + '\n', ['aws-secret-access-key Tq7+Lm2X…']],
  ];
  for (const [path, text, want] of found) assert.deepEqual(rows(path, text).sort(), [...want].sort(), path);
});

test('string literals that hold comment markers are not comments, in every literal kind', () => {
  const url = 'https://acme-media-prod.s3.amazonaws.com/';
  const cases: Array<[string, string]> = [
    ['a.kt', `val a = """\n  // not a comment ${url}\n"""\n`],
    ['a.swift', `let a = #"// not a comment ${url}"#\nlet b = """\n// nor this ${url}\n"""\n`],
    ['a.dart', `const a = r'''\n// not a comment ${url}\n''';\nconst b = '# ${url}';\n`],
    ['a.js', `const a = \`\n// not a comment ${url}\n\`;\n`],
    ['A.java', `String a = """\n    // not a comment ${url}\n    """;\n`],
    ['a.yml', `key: '# not a comment ${url}'\n`],
    ['a.properties', `url=${url}#frag\n`],
  ];
  for (const [path, text] of cases) {
    const values = rows(path, text).filter((r) => r.startsWith('aws-s3-bucket'));
    assert.ok(values.length >= 1, `${path}: ${JSON.stringify(rows(path, text))}`);
  }
});

test('a cloud SDK\'s own sources vendored into the project: its defaults and service hosts are not the app\'s; secrets still are', () => {
  const sdk = 'alioss/src/main/java/com/alibaba/sdk/android/oss/common/OSSConstants.java';
  assert.deepEqual(rows(sdk, 'public static final String DEFAULT_OSS_ENDPOINT = "http://oss-cn-hangzhou.aliyuncs.com";\nString b = "http://acme-cdn.oss-cn-hangzhou.aliyuncs.com";\n'), []);
  assert.deepEqual(rows('libs/aws/src/main/java/com/amazonaws/services/s3/Demo.java', `String k = "${KEY_ID}"; String s = "${SECRET}";\n`), ['aws-secret-access-key Tq7+Lm2X…']);
  // the same line in the app's own package is the app's configuration
  assert.deepEqual(rows('app/src/main/java/com/acme/oss/Config.java', 'public static final String ENDPOINT = "http://oss-cn-hangzhou.aliyuncs.com";\n'), ['insecure-cloud-endpoint http://oss-cn-hangzhou.aliyuncs.com']);
});

test('foreignSpans names the context of each silenced token', () => {
  const text = "repositories { maven { url 'https://acme-m2.s3.amazonaws.com/r' } }\n// see https://acme-docs.s3.amazonaws.com/x\n";
  const spans = foreignSpans(text, 'gradle', true).map((s) => [s.context, text.slice(s.start, s.end)]);
  assert.deepEqual(spans, [
    ['dependency-repository', 'https://acme-m2.s3.amazonaws.com/r'],
    ['comment-link', 'https://acme-docs.s3.amazonaws.com/x'],
  ]);
  assert.deepEqual(foreignSpans(text, 'gradle', false), [], 'strings from an artifact: no comments or build scripts');
});
