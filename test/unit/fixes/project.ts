// A small mobile project (Android Groovy + Kotlin DSL modules, Flutter-style iOS runner, Firebase
// config, .env) with planted leaks, and structural validators for the files quick fixes touch.
// Shared by the fix unit tests and the LSP integration tests.

export const KEY_KT = 'AIzaSyC7pQ2vN4kR8tW1xZ5bD9fH3jL6mP0sU2a';
export const KEY_JAVA = 'AIzaSyC7pQ2vN4kR8tW1xZ5bD9fH3jL6mP0sU2b';
export const KEY_XML = 'AIzaSyC7pQ2vN4kR8tW1xZ5bD9fH3jL6mP0sU2c';
export const KEY_PLIST = 'AIzaSyC7pQ2vN4kR8tW1xZ5bD9fH3jL6mP0sU2d';
export const KEY_SWIFT = 'AIzaSyC7pQ2vN4kR8tW1xZ5bD9fH3jL6mP0sU2e';
export const KEY_KTS = 'AIzaSyC7pQ2vN4kR8tW1xZ5bD9fH3jL6mP0sU2f';

export function projectFiles(): Record<string, string> {
  return {
    '.gitignore': 'build/\n.gradle/\n',
    'settings.gradle': "rootProject.name = 'Acme'\ninclude ':app', ':wear'\n",
    'app/build.gradle': [
      'plugins {',
      "    id 'com.android.application'",
      "    id 'org.jetbrains.kotlin.android'",
      '}',
      '',
      'android {',
      "    namespace 'com.acme'",
      '    compileSdk 34',
      '    defaultConfig {',
      "        applicationId 'com.acme'",
      '        minSdk 24',
      '    }',
      '}',
      '',
    ].join('\n'),
    'wear/build.gradle.kts': [
      'plugins {',
      '    id("com.android.application")',
      '}',
      '',
      'android {',
      '    namespace = "com.acme.wear"',
      '    compileSdk = 34',
      '    defaultConfig {',
      '        applicationId = "com.acme.wear"',
      '    }',
      '}',
      '',
    ].join('\n'),
    'app/src/main/java/com/acme/data/Config.kt': [
      'package com.acme.data',
      '',
      'object Config {',
      `    val mapsApiKey = "${KEY_KT}"`,
      '    const val DB = "http://acme-prod.firebaseio.com"',
      '}',
      '',
    ].join('\n'),
    'app/src/main/java/com/acme/Api.java': [
      'package com.acme;',
      '',
      'public class Api {',
      `    static final String placesKey = "${KEY_JAVA}";`,
      '}',
      '',
    ].join('\n'),
    'wear/src/main/java/com/acme/wear/Keys.kt': `package com.acme.wear\n\nval wearKey = "${KEY_KTS}"\n`,
    'app/src/main/res/values/strings.xml': [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<resources>',
      '    <string name="app_name">Acme</string>',
      `    <string name="maps_key">${KEY_XML}</string>`,
      '</resources>',
      '',
    ].join('\n'),
    'app/src/main/AndroidManifest.xml': [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<manifest xmlns:android="http://schemas.android.com/apk/res/android">',
      '    <application',
      '        android:label="Acme"',
      '        android:usesCleartextTraffic="true">',
      '    </application>',
      '</manifest>',
      '',
    ].join('\n'),
    'app/google-services.json': `${JSON.stringify({
      project_info: { project_number: '123456789012', firebase_url: 'https://acme-prod-default-rtdb.firebaseio.com', project_id: 'acme-prod', storage_bucket: 'acme-prod.appspot.com' },
    }, null, 2)}\n`,
    'ios/Runner/Info.plist': [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      '<plist version="1.0">',
      '<dict>',
      '\t<key>GMSApiKey</key>',
      `\t<string>${KEY_PLIST}</string>`,
      '\t<key>NSAppTransportSecurity</key>',
      '\t<dict>',
      '\t\t<key>NSAllowsArbitraryLoads</key>',
      '\t\t<true/>',
      '\t</dict>',
      '</dict>',
      '</plist>',
      '',
    ].join('\n'),
    'ios/Runner/AppDelegate.swift': `import UIKit\n\nclass AppDelegate {\n    let mapsKey = "${KEY_SWIFT}"\n}\n`,
    'ios/Flutter/Release.xcconfig': '#include "Generated.xcconfig"\n',
    'ios/Flutter/Debug.xcconfig': '#include "Generated.xcconfig"\n',
    'ios/Config/Prod.xcconfig': 'DB_URL = https:/$()/acme-prod.firebaseio.com\n',
    '.env': 'AWS_ACCESS_KEY_ID=AKIAQ3EGRUSTZ7PXWL4K\n',
  };
}

/** Gradle (Groovy or Kotlin DSL): braces and parentheses balance outside strings and comments. */
export function checkGradle(text: string): void {
  let brace = 0;
  let paren = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') { i = text.indexOf('\n', i); if (i < 0) break; continue; }
    if (c === '"' || c === "'") {
      // skip the literal, including ${…} templates (which may hold quotes)
      let depth = 0;
      for (i++; i < text.length; i++) {
        if (text[i] === '\\') { i++; continue; }
        if (text[i] === '$' && text[i + 1] === '{') { depth++; i++; continue; }
        if (depth > 0 && text[i] === '}') { depth--; continue; }
        if (depth === 0 && text[i] === c) break;
        if (text[i] === '\n') throw new Error(`unterminated string literal near: ${text.slice(Math.max(0, i - 60), i)}`);
      }
      continue;
    }
    if (c === '{') brace++;
    if (c === '}') brace--;
    if (c === '(') paren++;
    if (c === ')') paren--;
    if (brace < 0 || paren < 0) throw new Error(`unbalanced at offset ${i}`);
  }
  if (brace !== 0 || paren !== 0) throw new Error(`unbalanced: braces ${brace}, parentheses ${paren}`);
}

/** Parses with the `plist` package (ESM-only, hence the dynamic import). */
export async function checkPlist(text: string): Promise<Record<string, unknown>> {
  const plist = await import('plist');
  return plist.parse(text) as Record<string, unknown>;
}

/** xcconfig: every line is blank, a comment, an #include or `NAME = value`, and no value contains `//`. */
export function checkXcconfig(text: string): void {
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('//')) continue;
    if (/^#include\??\s+"[^"]+"\s*$/.test(line)) continue;
    const m = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])*\s*=(.*)$/.exec(line);
    if (!m) throw new Error(`not an xcconfig line: ${line}`);
    if (m[1].includes('//')) throw new Error(`value would be cut by a // comment: ${line}`);
  }
}

export function checkGitignore(text: string): string[] {
  const lines = text.split('\n').filter((l) => l.trim());
  if (new Set(lines).size !== lines.length) throw new Error('duplicate .gitignore lines');
  return lines;
}

/** XML: tags balance (enough for manifests and resource files). */
export function checkXml(text: string): void {
  const stack: string[] = [];
  const body = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  for (const m of body.matchAll(/<(\/?)([\w:.-]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) { if (stack.pop() !== m[2]) throw new Error(`mismatched </${m[2]}>`); } else stack.push(m[2]);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
}
