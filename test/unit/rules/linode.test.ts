import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'linode-object-storage-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('linode-object-storage-bucket: virtual-hosted, website, path-style and SDK configs in every file type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['app/src/main/java/com/acme/Img.java', 'String u = "https://acme-img.us-east-1.linodeobjects.com/a.png";\n', 'acme-img', 'https://acme-img.us-east-1.linodeobjects.com/'],
    ['ios/App/Api.swift', 'let site = "https://acme-site.website-eu-central-1.linodeobjects.com"\n', 'acme-site', 'https://acme-site.eu-central-1.linodeobjects.com/'],
    ['lib/api.dart', "const u = 'https://us-iad-1.linodeobjects.com/acme-iad/x.json';\n", 'acme-iad', 'https://acme-iad.us-iad-1.linodeobjects.com/'],
    ['src/config.ts', 'export default { endpoint: "https://fr-par-1.linodeobjects.com", bucket: "acme-paris" };\n', 'acme-paris', 'https://acme-paris.fr-par-1.linodeobjects.com/'],
    ['app/src/main/assets/config.json', '{"media": "https://media.acme.ap-south-1.linodeobjects.com/"}\n', 'media.acme', 'https://ap-south-1.linodeobjects.com/media.acme/'],
    ['.env.production', 'LINODE_MEDIA=https://acme-prod.jp-osa-1.linodeobjects.com\n', 'acme-prod', 'https://acme-prod.jp-osa-1.linodeobjects.com/'],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text);
    assert.equal(covered(text, f), value, path);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, 'low', 'linode'], path);
  }
});

test('linode-object-storage-bucket: cluster endpoints alone, built hosts, placeholders and look-alikes are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val e = "https://us-east-1.linodeobjects.com"\nval region = "us-east-1"\n'],
    ['a.ts', 'const u = `https://${bucket}.${cluster}.linodeobjects.com`; const v = "https://%s.%s.linodeobjects.com";\n'],
    ['a.swift', 'let u = "https://my-bucket.us-east-1.linodeobjects.com"\nlet v = "https://<bucket>.us-east-1.linodeobjects.com"\n'],
    ['a.java', 'String u = "https://acme.linodeobjects.com/x"; String v = "https://acme.us-east-1.linodeobjects.com.evil.io/";\n'],
    ['app/src/main/res/xml/network_security_config.xml', '<domain-config><domain includeSubdomains="true">acme-img.us-east-1.linodeobjects.com</domain></domain-config>\n'],
    ['a.dart', "const u = 'http://localhost:9000/acme-img.us-east-1.linodeobjects.com';\n"],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
