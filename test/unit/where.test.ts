// Where a finding lives, from its path (core/where.ts), and what the engine does with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerSeverity, whereAt, whereOf } from '../../server/src/core/where';
import { createEngine } from '../../server/src/core/engine';

const TABLE: Record<string, string[]> = {
  app: [
    'app/src/main/res/values/strings.xml', 'app/src/main/AndroidManifest.xml', 'app/src/main/assets/config.json',
    'ios/Runner/Info.plist', 'ios/Runner/GoogleService-Info.plist', 'lib/amplifyconfiguration.dart', 'lib/main.dart',
    'src/config.ts', '.env', '.env.production', 'gradle.properties', 'local.properties', 'ios/Config/Release.xcconfig',
    'ios/App.xcodeproj/project.pbxproj', 'app/google-services.json', 'src/latest/Latest.kt', 'contests/Entry.swift',
    'index.android.bundle',
    // near misses of the repository-only rules: shipped docs and an app's own amplify code
    'assets/licenses.md', 'app/src/main/assets/help.txt', 'android/app/src/main/res/raw/notes.txt', 'assets/docs/faq.md',
    'src/amplify/config.ts', 'lib/amplify/amplify_setup.dart', 'app/amplify/client.ts', 'src/aws-exports.js',
    'amplifyconfiguration.json', 'lib/amplifyconfiguration.dart', 'amplify_outputs.json', 'src/docs/Help.tsx',
    'lib/claude_client.dart',
  ],
  build: [
    'build.gradle', 'app/build.gradle', 'app/build.gradle.kts', 'settings.gradle.kts', 'gradle/libs.versions.toml',
    'gradle/wrapper/gradle-wrapper.properties', 'buildSrc/src/main/kotlin/Deps.kt', 'ios/Podfile', 'ios/Podfile.lock',
    'AcmeSDK.podspec', 'Gemfile', 'Cartfile', 'Package.swift', 'fastlane/Fastfile', 'ios/fastlane/.env', 'scripts/upload.sh',
    'tool/release.sh', 'Makefile', 'Dockerfile', '.npmrc', '.yarnrc.yml', 'metro.config.js', 'babel.config.js',
    'app/proguard-rules.pro', 'firebase.json', '.firebaserc', 'database.rules.json', 'storage.rules', 'firestore.rules',
    'supabase/migrations/20240101_init.sql', 'supabase/config.toml', 'deploy/run_sql.js',
    // the Amplify project folder: CLI/CloudFormation input (Gen 1) and backend code (Gen 2), never bundled
    'amplify/backend/storage/s3a1b2c3d4/cli-inputs.json', 'amplify/backend/backend-config.json',
    'amplify/backend/auth/acme1234/acme1234-cloudformation-template.yml', 'amplify/team-provider-info.json',
    'amplify/#current-cloud-backend/storage/s3a1b2c3d4/parameters.json', 'mobile/amplify/backend/api/acme/schema.graphql',
    'amplify/backend.ts', 'amplify/storage/resource.ts',
    // repository documentation and agent notes
    'README.md', 'AWS_SETUP_GUIDE.md', 'PROJECT_STATUS_GUIDE.txt', 'CHANGELOG.rst', 'CLAUDE.md', 'AGENTS.md',
    'android/CLAUDE.md', '.claude/settings.local.json', '.cursor/rules/firebase.mdc', 'doc/categories_tree.json',
    'docs/setup/firebase.md', 'docs/index.html',
  ],
  ci: [
    '.github/workflows/android.yml', '.github/actions/setup/action.yml', '.gitlab-ci.yml', 'bitrise.yml', 'codemagic.yaml',
    '.circleci/config.yml', 'azure-pipelines.yml', 'azure-pipelines-release.yaml', '.travis.yml', 'Jenkinsfile',
    'appveyor.yml', 'bitbucket-pipelines.yml', 'amplify.yml', 'ci/build.sh', '.buildkite/pipeline.yml',
  ],
  test: [
    'app/src/test/java/com/acme/UploadTest.kt', 'app/src/androidTest/java/com/acme/E2E.kt', 'app/src/testDebug/res/x.xml',
    'app/src/sharedTest/Fixtures.kt', '__tests__/api.test.ts', 'src/__mocks__/firebase.js', 'test/widget_test.dart',
    'lib/upload_test.dart', 'integration_test/app_test.dart', 'src/api.spec.ts', 'src/api.test.js', 'ios/RunnerTests/RunnerTests.swift',
    'ios/AcmeUITests/Flows.swift', 'ios/App/UploaderTests.swift', 'fixtures/google-services.json', 'e2e/login.e2e.js',
    'spec/config_spec.rb', 'tests/test_config.py',
  ],
};

test('every part of a project is placed where it lives', () => {
  for (const [where, paths] of Object.entries(TABLE)) {
    for (const p of paths) assert.equal(whereOf(p), where, p);
  }
});

test('a value a Gradle script puts into the app ships; the rest of the script does not', () => {
  const text = [
    'android {',
    '  defaultConfig {',
    '    buildConfigField "String", "A", "\\"one\\""',
    '    buildConfigField("String", "B",',
    '        "\\"two\\"")',
    '    resValue "string", "c", "three"',
    '    manifestPlaceholders = [',
    '        d: "four",',
    '    ]',
    '  }',
    '}',
    'def e = "five"',
    '',
  ].join('\n');
  const at = (needle: string) => whereAt('app/build.gradle', text, text.indexOf(needle));
  assert.deepEqual(['one', 'two', 'three', 'four', 'five'].map(at), ['app', 'app', 'app', 'app', 'build']);
  assert.equal(whereAt('scripts/build.gradle.kts', 'buildConfigField("String", "A", "\\"x\\"")', 36), 'app');
  assert.equal(whereAt('.github/workflows/a.yml', 'buildConfigField "x"', 18), 'ci', 'only Gradle scripts ship values');
});

test('outside app one severity step lower; explicit rule settings and misconfiguration findings as they are', () => {
  assert.deepEqual((['critical', 'high', 'medium', 'low', 'info'] as const).map(lowerSeverity), ['high', 'medium', 'low', 'info', 'info']);
  const key = 'val k = "AKIAZ4RN7QW2TY5MXB3K"\n';
  const sev = (e: ReturnType<typeof createEngine>, path: string) => e.scanText(path, key).findings[0].severity;
  const engine = createEngine();
  assert.equal(sev(engine, 'app/src/main/java/K.kt'), 'high');
  assert.equal(sev(engine, 'app/src/test/java/KTest.kt'), 'medium');
  assert.equal(sev(createEngine({ ruleSettings: { 'aws-access-key-id': 'critical' } }), 'app/src/test/java/KTest.kt'), 'critical');
  const rules = engine.scanText('database.rules.json', '{ "rules": { ".read": true, ".write": true } }\n').findings;
  assert.ok(rules.length >= 2 && rules.every((f) => f.where === 'build'));
  assert.deepEqual(rules.map((f) => `${f.ruleId} ${f.severity}`).sort(), ['firebase-rules-public-read high', 'firebase-rules-public-write critical']);
});

test('the engine\'s where filter keeps only the parts asked for', () => {
  const engine = createEngine({ where: ['app'] });
  const key = 'val k = "AKIAZ4RN7QW2TY5MXB3K"\n';
  assert.equal(engine.scanText('app/src/main/java/K.kt', key).findings.length, 1);
  assert.equal(engine.scanText('app/src/test/java/KTest.kt', key).findings.length, 0);
});
