import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';

const engine = createEngine();
const flags = (path: string, text: string): Finding[] => engine.scanText(path, text).findings.filter((f) => f.ruleId === 'cleartext-traffic');
/** The source text a finding's range covers (1-based, end-exclusive columns). */
function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  const { line, column, endLine, endColumn } = f.location;
  if (line === endLine) return lines[line - 1].slice(column - 1, endColumn - 1);
  return [lines[line - 1].slice(column - 1), ...lines.slice(line, endLine - 1), lines[endLine - 1].slice(0, endColumn - 1)].join('\n');
}

const MANIFEST = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <uses-permission android:name="android.permission.INTERNET" />
    <application
        android:label="@string/app_name"
        android:usesCleartextTraffic="true"
        android:networkSecurityConfig="@xml/network_security_config">
    </application>
</manifest>
`;

const NSC = `<?xml version="1.0" encoding="utf-8"?>
<network-security-config>
    <base-config cleartextTrafficPermitted="true">
        <trust-anchors><certificates src="system" /></trust-anchors>
    </base-config>
    <domain-config cleartextTrafficPermitted="true">
        <domain includeSubdomains="true">legacy-cdn.pantrypal.io</domain>
        <domain>images.pantrypal.io</domain>
    </domain-config>
    <domain-config cleartextTrafficPermitted="true">
        <domain includeSubdomains="true">10.0.2.2</domain>
        <domain>localhost</domain>
    </domain-config>
    <domain-config cleartextTrafficPermitted="false">
        <domain includeSubdomains="true">api.pantrypal.io</domain>
        <pin-set><pin digest="SHA-256">k3v9q0m2h7t1r8w5j6n4p2s0d9f8g7b1AIzaQ2nZsYh=</pin></pin-set>
    </domain-config>
</network-security-config>
`;

const INFO_PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
\t<key>NSAppTransportSecurity</key>
\t<dict>
\t\t<key>NSAllowsArbitraryLoads</key>
\t\t<true/>
\t\t<key>NSExceptionDomains</key>
\t\t<dict>
\t\t\t<key>legacy-cdn.pantrypal.io</key>
\t\t\t<dict>
\t\t\t\t<key>NSExceptionAllowsInsecureHTTPLoads</key>
\t\t\t\t<true/>
\t\t\t</dict>
\t\t\t<key>localhost</key>
\t\t\t<dict>
\t\t\t\t<key>NSExceptionAllowsInsecureHTTPLoads</key>
\t\t\t\t<true/>
\t\t\t</dict>
\t\t</dict>
\t</dict>
</dict>
</plist>
`;

test('AndroidManifest.xml usesCleartextTraffic="true": the attribute is the value and the range', () => {
  const [f, ...rest] = flags('android/app/src/main/AndroidManifest.xml', MANIFEST);
  assert.equal(rest.length, 0);
  assert.deepEqual([f.value, f.severity, f.provider, f.endpoint], ['android:usesCleartextTraffic', 'medium', 'platform', undefined]);
  assert.deepEqual([f.location.line, f.location.column, f.location.endLine, f.location.endColumn], [6, 9, 6, 44]);
  assert.equal(covered(MANIFEST, f), 'android:usesCleartextTraffic="true"');
});

test('network security config: base-config and a public domain-config, not the local-only one', () => {
  const found = flags('android/app/src/main/res/xml/network_security_config.xml', NSC);
  assert.deepEqual(found.map((f) => [f.value, f.location.line, f.location.column, f.location.endColumn]), [
    ['cleartextTrafficPermitted', 3, 18, 50],
    ['cleartextTrafficPermitted', 6, 20, 52],
  ]);
  assert.match(found[0].message, /every domain/);
  assert.match(found[1].message, /legacy-cdn\.pantrypal\.io, images\.pantrypal\.io/);
  // Domain names, pins and hashes inside the config are not findings of any rule.
  assert.deepEqual(engine.scanText('android/app/src/main/res/xml/network_security_config.xml', NSC).findings.filter((f) => f.ruleId !== 'cleartext-traffic'), []);
});

test('Info.plist ATS: NSAllowsArbitraryLoads and a public exception domain, not localhost', () => {
  const found = flags('ios/Runner/Info.plist', INFO_PLIST);
  assert.deepEqual(found.map((f) => [f.value, f.location.line, f.location.column, f.location.endLine, f.location.endColumn]), [
    ['NSAllowsArbitraryLoads', 6, 3, 7, 10],
    ['NSExceptionAllowsInsecureHTTPLoads', 12, 5, 13, 12],
  ]);
  assert.equal(covered(INFO_PLIST, found[0]), '<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>');
  assert.match(found[1].message, /legacy-cdn\.pantrypal\.io/);
});

test('Expo app.json and app.config.js flags', () => {
  const json = '{\n  "expo": {\n    "ios": { "infoPlist": { "NSAppTransportSecurity": { "NSAllowsArbitraryLoads": true } } },\n    "plugins": [["expo-build-properties", { "android": { "usesCleartextTraffic": true } }]]\n  }\n}\n';
  const found = flags('app.json', json);
  assert.deepEqual(found.map((f) => [f.value, f.location.line, f.location.column]), [['NSAllowsArbitraryLoads', 3, 57], ['usesCleartextTraffic', 4, 58]]);
  const js = 'export default {\n  ios: { infoPlist: { NSAppTransportSecurity: { NSAllowsArbitraryLoads: true } } },\n};\n';
  assert.deepEqual(flags('app.config.js', js).map((f) => covered(js, f)), ['NSAllowsArbitraryLoads: true']);
});

test('false flags, placeholders, debug-only manifests, local hosts and code mentions are not findings', () => {
  const cases: Array<[string, string]> = [
    ['app/src/main/AndroidManifest.xml', '<application android:usesCleartextTraffic="false" />'],
    ['app/src/main/AndroidManifest.xml', '<application android:usesCleartextTraffic="${usesCleartextTraffic}" />'],
    ['app/src/main/AndroidManifest.xml', '<application android:usesCleartextTraffic="@bool/cleartext" />'],
    ['android/app/src/debug/AndroidManifest.xml', '<manifest><application android:usesCleartextTraffic="true" tools:targetApi="28" /></manifest>'],
    ['app/src/main/res/xml/network_security_config.xml', '<network-security-config><base-config cleartextTrafficPermitted="false" /></network-security-config>'],
    ['app/src/main/res/xml/network_security_config.xml', '<network-security-config>\n<domain-config cleartextTrafficPermitted="true">\n<domain includeSubdomains="true">10.0.2.2</domain>\n<domain>127.0.0.1</domain>\n</domain-config>\n</network-security-config>'],
    ['ios/App/Info.plist', '<key>NSAppTransportSecurity</key>\n<dict>\n<key>NSAllowsArbitraryLoads</key>\n<false/>\n<key>NSAllowsLocalNetworking</key>\n<true/>\n</dict>'],
    ['ios/App/Info.plist', '<key>NSExceptionDomains</key><dict><key>192.168.1.20</key><dict><key>NSExceptionAllowsInsecureHTTPLoads</key><true/></dict></dict>'],
    ['app/src/main/java/io/app/Lint.kt', 'val hint = "remove android:usesCleartextTraffic=\\"true\\" from the manifest"'],
    ['app.json', '{"expo": {"ios": {"infoPlist": {"NSAppTransportSecurity": {"NSAllowsArbitraryLoads": false}}}}}'],
  ];
  for (const [path, text] of cases) assert.deepEqual(flags(path, text), [], `${path}: ${text.slice(0, 60)}`);
});

test('cleartext scanning stays bounded on 1 MB adversarial lines', { timeout: 20_000 }, () => {
  const mb = 1 << 20;
  const attr = ' cleartextTrafficPermitted="true"';
  assert.equal(flags('nsc.xml', attr.repeat(mb / attr.length)).length, 0, 'no enclosing element');
  const el = '<domain-config cleartextTrafficPermitted="true">';
  assert.ok(flags('nsc.xml', el.repeat(mb / el.length)).length <= 500);
  const ats = '<key>NSExceptionAllowsInsecureHTTPLoads</key><true/>';
  assert.ok(flags('Info.plist', ats.repeat(mb / ats.length)).length <= 500);
  assert.equal(flags('Info.plist', '<key>'.repeat(mb / 5)).length, 0);
});
