// Where a finding lives (DESIGN §4 `where`), from its path: `app` ships in the app, `build`, `ci`
// and `test` only live in the repository. Pure; the engine applies it to every finding, so the
// CLI, the editor, Scan Workspace, Build & Scan and the git/batch scans all agree.
// Decisions:
//  - Order: ci, then test, then build; anything else is `app` (unknown files are assumed to ship).
//  - ci: `.github/`, `.circleci/`, `.buildkite/`, `.gitlab/`, `.bitrise/`, `.teamcity/`, `.woodpecker/`,
//    a top-level `ci/`, and the CI files by name (`.gitlab-ci.yml`, `bitrise.yml`, `codemagic.yaml`,
//    `azure-pipelines*.yml`, `.travis.yml`, `Jenkinsfile`, `appveyor.yml`, `bitbucket-pipelines.yml`,
//    `cloudbuild.yaml`, `buildspec.yml`, `amplify.yml`, `.drone.yml`, `.cirrus.yml`).
//  - test: Android `src/test*`, `src/androidTest*`, `src/sharedTest`; `test/`, `tests/`, `__tests__/`,
//    `__mocks__/`, `fixtures/`, `spec/`, Flutter `integration_test/`, `test_driver/`, `e2e/`,
//    iOS `*Tests/` and `*UITests/` targets; files `*_test.dart`, `*.test.ts`, `*.spec.js`,
//    `*Test.kt`, `*Tests.swift`, `test_*.py`, `*_spec.rb` …
//  - build: Gradle scripts (`*.gradle`, `*.gradle.kts`, `gradle/`, `buildSrc/`, `build-logic/`),
//    CocoaPods/SwiftPM/Carthage/Bundler manifests, `fastlane/`, `scripts/`, shell scripts,
//    Makefile/Dockerfile, `.npmrc`/`.yarnrc*`, JS build configs (metro, babel, webpack…), ProGuard.
//    The backend's own configuration deployed from the repository is `build` too: `firebase.json`,
//    `.firebaserc`, Firebase rules files, `supabase/` (migrations, config), `deploy/` scripts.
//    Except what a build script puts into the app: a value inside `buildConfigField`, `resValue`
//    or `manifestPlaceholders` ships (see `whereAt`).
//  - build also: what the Amplify CLI (Gen 1 `amplify/backend/`, `team-provider-info.json`,
//    `#current-cloud-backend/`) and Gen 2 (`amplify/backend.ts`, `amplify/*/resource.ts`) deploy from
//    an `amplify/` folder outside the app's source (not below `src/`, `lib/`, `assets/` …): CLI and
//    CloudFormation input, never bundled (the generated `amplifyconfiguration.*`/`amplify_outputs.*`
//    and `aws-exports.js` are elsewhere and ship). And repository documentation, which DESIGN's four
//    values have no name for: `*.md`/`*.txt`/`*.rst`/`*.adoc` at the root, `doc/`, `docs/` at the
//    root, agent and editor notes (`CLAUDE.md`, `AGENTS.md`, `GEMINI.md`, `.claude/`, `.cursor/`) anywhere.
//  - app stays the default for `gradle.properties`/`local.properties`/`secrets.properties` (their
//    values exist to be injected into BuildConfig and the manifest), `.env*` (React Native inlines
//    them), xcconfig and `project.pbxproj` (build settings that end up in Info.plist).
import type { Severity, Where } from './types';

const CI_DIRS = new Set(['.github', '.circleci', '.buildkite', '.gitlab', '.bitrise', '.teamcity', '.woodpecker', '.drone', '.azure-pipelines', '.azuredevops']);
const CI_FILES = /^(?:\.gitlab-ci\.ya?ml|bitrise\.ya?ml|codemagic\.ya?ml|azure-pipelines.*\.ya?ml|\.travis\.ya?ml|jenkinsfile|appveyor\.ya?ml|bitbucket-pipelines\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml|amplify\.ya?ml|\.drone\.ya?ml|\.cirrus\.ya?ml|codeship-.*\.ya?ml)$/;

const TEST_DIRS = new Set(['test', 'tests', '__tests__', '__mocks__', '__fixtures__', 'fixtures', 'test-fixtures', 'testfixtures', 'spec', 'specs', 'integration_test', 'test_driver', 'e2e', 'cypress', 'testing']);
// Android source sets: test, testDebug, androidTest, androidTestRelease, sharedTest, testFixtures …
const ANDROID_TEST_SET = /^(?:test|androidtest|sharedtest|testfixtures)[a-z]*$/;
const IOS_TEST_TARGET = /[a-z0-9](?:UI)?Tests$/;
const TEST_FILES = /(?:_test\.(?:dart|go|py|rb)|\.(?:test|spec)\.[cm]?[jt]sx?|[a-z0-9](?:UI)?Tests?\.(?:kt|java|swift|m|mm|cs)|^test_[\w-]+\.py|_spec\.rb)$/;

const BUILD_DIRS = new Set(['fastlane', 'scripts', 'script', 'buildsrc', 'build-logic', 'gradle', '.husky', 'deploy', 'supabase']);
const BUILD_FILES = /(?:\.gradle(?:\.kts)?|\.podspec|\.sh|\.bash|\.pro|\.mk)$|^(?:podfile(?:\.lock)?|gemfile(?:\.lock)?|cartfile(?:\.private|\.resolved)?|package\.swift|package\.resolved|makefile|dockerfile|docker-compose\.ya?ml|\.npmrc|\.yarnrc(?:\.yml)?|gradle-wrapper\.properties|(?:metro|babel|webpack|rollup|vite|jest|detox|react-native)\.config\.[cm]?[jt]s|\.babelrc|fastfile|appfile|matchfile|pluginfile|deliverfile|snapfile|gymfile|scanfile|firebase\.json|\.firebaserc|[\w.-]*\.rules(?:\.json)?|firestore\.indexes\.json)$/;

// Folders whose contents may ship: an `amplify/` below them is the app's own code, not the Amplify project.
const APP_SOURCE_DIRS = new Set(['src', 'lib', 'sources', 'assets', 'res', 'www', 'public', 'app']);
const ROOT_DOC_DIRS = new Set(['doc', 'docs']);
const AGENT_DIRS = new Set(['.claude', '.cursor', '.windsurf']);
const ROOT_DOC_FILES = /\.(?:md|markdown|mdx|txt|rst|adoc)$/;
const AGENT_FILES = /^(?:claude|agents|gemini)\.md$/;

/** Repository documentation and the Amplify project folder: they live in the repository, never in the app. */
function isRepositoryOnly(lower: string, lowerDirs: string[]): boolean {
  if (lowerDirs.length === 0 && ROOT_DOC_FILES.test(lower)) return true;
  if (ROOT_DOC_DIRS.has(lowerDirs[0]) || lowerDirs.some((d) => AGENT_DIRS.has(d)) || AGENT_FILES.test(lower)) return true;
  const amplify = lowerDirs.indexOf('amplify');
  return amplify >= 0 && !lowerDirs.slice(0, amplify).some((d) => APP_SOURCE_DIRS.has(d));
}

/** Where a file lives, from its path relative to the scan root (`/`-separated). */
export function whereOf(path: string): Where {
  const parts = path.replace(/^\.\//, '').split('/').filter(Boolean);
  if (parts.length === 0) return 'app';
  const name = parts[parts.length - 1];
  const lower = name.toLowerCase();
  const dirs = parts.slice(0, -1);
  const lowerDirs = dirs.map((d) => d.toLowerCase());

  if (lowerDirs.some((d) => CI_DIRS.has(d)) || lowerDirs[0] === 'ci' || CI_FILES.test(lower)) return 'ci';
  if (isTestPath(dirs, lowerDirs) || TEST_FILES.test(name)) return 'test';
  if (lowerDirs.some((d) => BUILD_DIRS.has(d)) || BUILD_FILES.test(lower) || isRepositoryOnly(lower, lowerDirs)) return 'build';
  return 'app';
}

function isTestPath(dirs: string[], lowerDirs: string[]): boolean {
  for (let i = 0; i < dirs.length; i++) {
    if (TEST_DIRS.has(lowerDirs[i]) || IOS_TEST_TARGET.test(dirs[i])) return true;
    if (i > 0 && lowerDirs[i - 1] === 'src' && ANDROID_TEST_SET.test(lowerDirs[i])) return true;
  }
  return false;
}

const SHIPPING_CALL = /\b(?:buildConfigField|resValue|manifestPlaceholders)\b/g;

/**
 * Where the value at `offset` of a file lives: the file's `whereOf`, except that a value a Gradle
 * script puts into the app (`buildConfigField`, `resValue`, `manifestPlaceholders`) ships.
 */
export function whereAt(path: string, text: string, offset: number): Where {
  const where = whereOf(path);
  if (where !== 'build' || !/\.gradle(?:\.kts)?$/i.test(path)) return where;
  return insideShippingCall(text, offset) ? 'app' : where;
}

/** True when `offset` is in the same statement as a shipping call that starts at most 400 chars before. */
function insideShippingCall(text: string, offset: number): boolean {
  const window = text.slice(Math.max(0, offset - 400), offset);
  let last = -1;
  SHIPPING_CALL.lastIndex = 0;
  for (let m = SHIPPING_CALL.exec(window); m; m = SHIPPING_CALL.exec(window)) last = m.index;
  if (last < 0) return false;
  const between = window.slice(last);
  if (!between.includes('\n')) return true;
  // a statement continued over lines: still inside its brackets, or each line ends with a comma
  let depth = 0;
  for (const ch of between) depth += ch === '(' || ch === '[' || ch === '{' ? 1 : ch === ')' || ch === ']' || ch === '}' ? -1 : 0;
  return depth > 0 || between.split('\n').slice(0, -1).every((l) => l.trimEnd().endsWith(','));
}

/** One severity step lower (critical → high … low → info; info stays). */
export function lowerSeverity(s: Severity): Severity {
  return s === 'critical' ? 'high' : s === 'high' ? 'medium' : s === 'medium' ? 'low' : 'info';
}
