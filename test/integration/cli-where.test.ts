// The built CLI on a project whose values live in the app, its build scripts, its CI and its tests:
// every report says where each finding lives, outside the app one severity step lower, and
// `--where` keeps only the parts asked for. Context that is not the app's stays quiet.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, json, oneLineError, put, tempDir } from './cli-helpers';

const tmp = tempDir();
after(() => tmp.cleanup());

put(tmp.dir, {
  'proj/app/src/main/res/values/config.xml': '<resources>\n  <string name="s3_bucket">acme-media-prod</string>\n  <string name="aws_region">eu-west-1</string>\n</resources>\n',
  'proj/app/build.gradle': [
    'repositories {',
    "    maven { url 'http://s3.amazonaws.com/fabric-artifacts/public' }",
    '}',
    'android {',
    '    defaultConfig {',
    '        buildConfigField "String", "BACKUP_URL", "\\"https://acme-backups-prod.s3.amazonaws.com/\\""',
    '    }',
    '}',
    '// use http://gradleplease.appspot.com/ for versions',
    '',
  ].join('\n'),
  'proj/.github/workflows/release.yml': [
    'jobs:',
    '  release:',
    '    steps:',
    '      - uses: step-security/harden-runner@v2',
    '        with:',
    '          allowed-endpoints: >',
    '            github-cloud.s3.amazonaws.com:443',
    '      - run: aws s3 cp app.apk s3://acme-release-builds/',
    '',
  ].join('\n'),
  'proj/app/src/test/java/com/acme/UploadTest.kt': 'val fixture = "https://acme-test-fixtures.s3.amazonaws.com/a.png"\n',
});

type F = { ruleId: string; value: string; severity: string; where: string; location: { file: string } };

test('every finding says where it lives; outside the app it is one severity lower; foreign context is quiet', () => {
  const r = json(cli(['scan', 'proj', '--format', 'json', '--fail-on', 'none'], { cwd: tmp.dir }));
  const rows = r.findings.map((f: F) => [f.location.file, f.ruleId, f.value, f.where, f.severity]);
  assert.deepEqual(rows, [
    ['.github/workflows/release.yml', 'aws-s3-bucket', 'acme-release-builds', 'ci', 'info'],
    ['app/build.gradle', 'aws-s3-bucket', 'acme-backups-prod', 'app', 'low'],
    ['app/src/main/res/values/config.xml', 'aws-s3-bucket', 'acme-media-prod', 'app', 'low'],
    ['app/src/test/java/com/acme/UploadTest.kt', 'aws-s3-bucket', 'acme-test-fixtures', 'test', 'info'],
  ]);
  const text = cli(['scan', 'proj', '--fail-on', 'none'], { cwd: tmp.dir }).stdout;
  assert.match(text, /8:\d+ +info +ci +aws-s3-bucket {2}acme-release-builds/);
  const sarif = json(cli(['scan', 'proj', '--format', 'sarif', '--fail-on', 'none'], { cwd: tmp.dir }));
  assert.deepEqual(sarif.runs[0].results.map((x: { properties: { where: string } }) => x.properties.where), ['ci', 'app', 'app', 'test']);
  const html = cli(['scan', 'proj', '--format', 'html', '--fail-on', 'none'], { cwd: tmp.dir }).stdout;
  assert.match(html, /<td class="where">ci<\/td>/);
});

test('--where keeps only the parts asked for (comma-separated or repeated); --fail-on counts what is kept', () => {
  const values = (args: string[]) => json(cli(['scan', 'proj', '--format', 'json', '--fail-on', 'none', ...args], { cwd: tmp.dir })).findings.map((f: F) => f.value);
  assert.deepEqual(values(['--where', 'app']), ['acme-backups-prod', 'acme-media-prod']);
  assert.deepEqual(values(['--where', 'ci,test']), ['acme-release-builds', 'acme-test-fixtures']);
  assert.deepEqual(values(['--where', 'build', '--where', 'ci']), ['acme-release-builds']);
  assert.equal(cli(['scan', 'proj', '--where', 'ci', '--fail-on', 'low'], { cwd: tmp.dir }).code, 0, 'the CI bucket is info');
  assert.equal(cli(['scan', 'proj', '--where', 'app', '--fail-on', 'low'], { cwd: tmp.dir }).code, 1);
});

test('--where with an unknown part: exit 2, one line', () => {
  assert.equal(oneLineError(cli(['scan', 'proj', '--where', 'app,prod'], { cwd: tmp.dir })), 'leaklens: --where takes app, build, ci, test (comma-separated), not "prod"');
});
