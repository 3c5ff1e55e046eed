import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneOf, range, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';
import { createEngine } from '../../../server/src/core/engine';

const engine = createEngine();

const RULE = 'digitalocean-spaces-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('digitalocean-spaces-bucket: origin, CDN and path-style hosts in every file type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/res/values/strings.xml', '<resources>\n    <string name="cdn">https://acme-media.nyc3.cdn.digitaloceanspaces.com/</string>\n</resources>\n', 'acme-media', 'nyc3'],
    ['ios/App/Info.plist', '<key>AssetsBase</key>\n<string>https://acme-assets.fra1.digitaloceanspaces.com</string>\n', 'acme-assets', 'fra1'],
    ['app/src/main/java/com/acme/Spaces.kt', 'val endpoint = "https://acme-" +\n    "uploads.sgp1.digitaloceanspaces.com/u/"\n', 'acme-uploads', 'sgp1'],
    ['.env', 'SPACES_URL=https://ams3.digitaloceanspaces.com/acme-backups/db\n', 'acme-backups', 'ams3'],
    ['lib/config.dart', "const media = 'https://acme-flutter.sfo3.digitaloceanspaces.com/img';\n", 'acme-flutter', 'sfo3'],
    ['src/upload.ts', 'const base = `https://acme-web.lon1.cdn.digitaloceanspaces.com/${path}`;\n', 'acme-web', 'lon1'],
    ['app/build.gradle', 'buildConfigField "String", "CDN", "\\"https://acme-android.blr1.digitaloceanspaces.com\\""\n', 'acme-android', 'blr1'],
    ['ios/App/Api.m', 'static NSString *const kCDN = @"https://acme-ios.syd1.digitaloceanspaces.com/";\n', 'acme-ios', 'syd1'],
  ];
  for (const [path, text, space, region] of cases) {
    const f = one(path, text);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [space, `https://${space}.${region}.digitaloceanspaces.com/`, 'low', 'digitalocean'], path);
    assert.match(f.message, new RegExp(`${space} \\(${region}\\)`));
  }
  assert.deepEqual(range(one(cases[0][0], cases[0][1])), [2, 32, 2, 42]);
  assert.deepEqual(range(one(cases[2][0], cases[2][1])), [1, 25, 2, 13], 'concatenated name keeps its original range');
  assert.deepEqual(range(one(cases[3][0], cases[3][1])), [1, 48, 1, 60]);
});

test('digitalocean-spaces-bucket: region endpoints, placeholders, doc names, emulators and NSC domains are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val endpoint = "https://nyc3.digitaloceanspaces.com"\nval e2 = "nyc3.digitaloceanspaces.com/"\n'],
    ['.env', 'SPACES=https://your-space.nyc3.digitaloceanspaces.com\nS2=https://${SPACE}.nyc3.digitaloceanspaces.com\nS3=https://<space>.nyc3.digitaloceanspaces.com\n'],
    ['a.js', 'const a = "https://example-space.nyc3.digitaloceanspaces.com"; const b = "https://my-space.sfo2.digitaloceanspaces.com";\n'],
    ['app/src/main/res/xml/network_security_config.xml', '<domain-config>\n  <domain includeSubdomains="true">acme-media.nyc3.digitaloceanspaces.com</domain>\n</domain-config>\n'],
    ['a.ts', 'const l = "http://localhost:9000/acme-media.nyc3.digitaloceanspaces.com"; const d = "https://docs.digitalocean.com/products/spaces/";\n'],
    ['a.ts', 'const x = "https://Acme_Media.nyc3.digitaloceanspaces.com"; const y = "https://acme.nyc.digitaloceanspaces.com"; const z = "https://ab.nyc3.digitaloceanspaces.com";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});

test('digitalocean-spaces-bucket stays linear on a 1 MB adversarial line', () => {
  const t0 = process.hrtime.bigint();
  engine.scanText('big.js', `const x = "${'a-'.repeat(500_000)}.nyc3.digitaloceanspaces.com";\n`);
  engine.scanText('big.js', `const x = "nyc3.digitaloceanspaces.com/${'a'.repeat(1_000_000)}";\n`);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 10_000, `took ${ms} ms`);
});
