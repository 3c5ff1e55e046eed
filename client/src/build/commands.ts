// The build each project kind runs, as an argument array (never a shell string), where its
// artifacts land, and which toolchain it needs. `leaklens.build.command`/`outputs` override it.
import type { DetectedProject } from './detect';

export interface BuildPlan {
  /** Executable and arguments, spawned without a shell. */
  command: string;
  args: string[];
  /** Working directory relative to the workspace folder. */
  cwd: string;
  /** Globs (relative to the workspace folder) where the artifacts appear. */
  outputs: string[];
  /** The executable that must exist on PATH (or in cwd) for the build to start, with install help. */
  toolchain: { binary: string; install: string };
}

const join = (a: string, b: string) => (a ? `${a}/${b}` : b);
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export function planBuild(project: DetectedProject, variant: string, platform: 'android' | 'ios' = 'android', isWindows = false): BuildPlan {
  const gradlew = isWindows ? 'gradlew.bat' : './gradlew';
  const gradleHelp = { binary: 'java', install: 'Install a JDK 17 and the Android SDK (Android Studio), and keep the Gradle wrapper (gradlew) in the project.' };
  switch (project.kind) {
    case 'android':
      return {
        command: gradlew, args: [`assemble${cap(variant)}`, `bundle${cap(variant)}`], cwd: project.dir,
        outputs: [join(project.dir, '**/build/outputs/apk/**/*.apk'), join(project.dir, '**/build/outputs/bundle/**/*.aab')],
        toolchain: gradleHelp,
      };
    case 'react-native':
      if (platform === 'ios') return xcodebuild(join(project.dir, 'ios'), undefined, variant);
      return {
        command: gradlew, args: [`assemble${cap(variant)}`], cwd: join(project.dir, 'android'),
        outputs: [join(project.dir, 'android/app/build/outputs/apk/**/*.apk')],
        toolchain: gradleHelp,
      };
    case 'flutter':
      return {
        command: 'flutter',
        args: platform === 'ios' ? ['build', 'ios', `--${variant}`, '--no-codesign'] : ['build', 'apk', `--${variant}`],
        cwd: project.dir,
        outputs: platform === 'ios' ? [join(project.dir, 'build/ios/**/*.app')] : [join(project.dir, 'build/app/outputs/flutter-apk/*.apk')],
        toolchain: { binary: 'flutter', install: 'Install the Flutter SDK and put `flutter` on PATH (https://docs.flutter.dev/get-started/install).' },
      };
    case 'xcode':
      return xcodebuild(project.dir, project.container, variant);
  }
}

function xcodebuild(dir: string, container: string | undefined, scheme: string): BuildPlan {
  const args: string[] = [];
  if (container) args.push(container.endsWith('.xcworkspace') ? '-workspace' : '-project', container);
  args.push('-scheme', scheme, '-configuration', 'Debug', '-sdk', 'iphonesimulator', '-derivedDataPath', 'build/leaklens', 'build');
  return {
    command: 'xcodebuild', args, cwd: dir,
    outputs: [join(dir, 'build/leaklens/Build/Products/**/*.app')],
    toolchain: { binary: 'xcodebuild', install: 'Xcode builds need macOS with Xcode and its command-line tools (xcode-select --install).' },
  };
}

/** A user-configured build (`leaklens.build.command` = [exe, ...args], `leaklens.build.outputs`). */
export function customPlan(command: readonly string[], outputs: readonly string[]): BuildPlan | undefined {
  if (command.length === 0) return undefined;
  return {
    command: command[0], args: command.slice(1), cwd: '',
    outputs: outputs.length ? [...outputs] : ['**/*.apk', '**/*.aab', '**/*.ipa'],
    toolchain: { binary: command[0], install: `The configured leaklens.build.command starts with "${command[0]}", which was not found.` },
  };
}
