// Gradle edits for moving a secret into local.properties: a Properties loader at the top of the
// module's build script, `buildFeatures.buildConfig`, and a `buildConfigField`/`resValue` line in
// `android.defaultConfig` — for Groovy (`build.gradle`) and Kotlin DSL (`build.gradle.kts`).
import type { TextReplace } from '../fix';
import { eol, findBlock, lineAt } from './util';

export const LOADER_VAR = 'leaklensSecrets';

export interface GradleEntry {
  /** `buildConfigField` (Kotlin/Java literal) or `resValue` (strings.xml). */
  kind: 'buildConfigField' | 'resValue';
  /** Property name in local.properties and BuildConfig field name. */
  name: string;
  /** For resValue: the Android resource name. */
  resName?: string;
}

/** Edits that make `gradleText` expose `entry`, or undefined when the script has no `android {}` block. */
export function gradleEdits(gradleText: string, kts: boolean, entry: GradleEntry): TextReplace[] | undefined {
  const nl = eol(gradleText);
  const android = findBlock(gradleText, 'android');
  if (!android) return undefined;
  const edits: TextReplace[] = [];
  const line = entryLine(kts, entry);
  if (gradleText.includes(line)) return []; // already there
  if (!gradleText.includes(`${LOADER_VAR} =`)) {
    const plugins = findBlock(gradleText, 'plugins');
    const at = plugins && plugins.close < android.open ? plugins.close + 1 : 0;
    const block = loader(kts).join(nl);
    edits.push(at === 0 ? { start: 0, end: 0, newText: block + nl + nl } : { start: at, end: at, newText: nl + nl + block });
  }
  const androidIndent = lineAt(gradleText, android.close).indent;
  const inner = androidIndent + '    ';
  if (entry.kind === 'buildConfigField' && !/buildConfig\s*(=\s*)?true/.test(gradleText)) {
    const features = findBlock(gradleText, 'buildFeatures', android.open, android.close);
    const flag = kts ? 'buildConfig = true' : 'buildConfig true';
    if (features) edits.push({ start: features.open + 1, end: features.open + 1, newText: `${nl}${inner}    ${flag}` });
    else edits.push({ start: android.open + 1, end: android.open + 1, newText: `${nl}${inner}buildFeatures {${nl}${inner}    ${flag}${nl}${inner}}` });
  }
  const defaultConfig = findBlock(gradleText, 'defaultConfig', android.open, android.close);
  if (defaultConfig) {
    const closeLine = lineAt(gradleText, defaultConfig.close);
    const indent = closeLine.indent + '    ';
    const onOwnLine = gradleText.slice(closeLine.start, defaultConfig.close).trim() === '';
    const at = onOwnLine ? closeLine.start : defaultConfig.close;
    edits.push({ start: at, end: at, newText: onOwnLine ? `${indent}${line}${nl}` : `${nl}${indent}${line}${nl}` });
  } else {
    const closeLine = lineAt(gradleText, android.close);
    const onOwnLine = gradleText.slice(closeLine.start, android.close).trim() === '';
    const at = onOwnLine ? closeLine.start : android.close;
    const text = `${inner}defaultConfig {${nl}${inner}    ${line}${nl}${inner}}${nl}`;
    edits.push({ start: at, end: at, newText: onOwnLine ? text : nl + text });
  }
  return edits;
}

function loader(kts: boolean): string[] {
  return kts
    ? [
        '// Secrets live in local.properties (git-ignored), not in source. Added by LeakLens.',
        `val ${LOADER_VAR} = java.util.Properties().apply {`,
        '    rootProject.file("local.properties").takeIf { it.exists() }?.inputStream()?.use { load(it) }',
        '}',
      ]
    : [
        '// Secrets live in local.properties (git-ignored), not in source. Added by LeakLens.',
        `def ${LOADER_VAR} = new Properties()`,
        `def ${LOADER_VAR}File = rootProject.file('local.properties')`,
        `if (${LOADER_VAR}File.exists()) ${LOADER_VAR}File.withInputStream { ${LOADER_VAR}.load(it) }`,
      ];
}

/** The one line added to defaultConfig. */
export function entryLine(kts: boolean, e: GradleEntry): string {
  if (e.kind === 'resValue') {
    return kts
      ? `resValue("string", "${e.resName}", ${LOADER_VAR}.getProperty("${e.name}", ""))`
      : `resValue "string", "${e.resName}", ${LOADER_VAR}.getProperty('${e.name}', '')`;
  }
  return kts
    ? `buildConfigField("String", "${e.name}", "\\"\${${LOADER_VAR}.getProperty("${e.name}", "")}\\"")`
    : `buildConfigField "String", "${e.name}", "\\"\${${LOADER_VAR}.getProperty('${e.name}', '')}\\""`;
}
