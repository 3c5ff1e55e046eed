import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, oneOf, scanRule } from '../../helpers/ruleFindings';
import type { Finding } from '../../../server/src/core/types';

const RULE = 'backblaze-b2-bucket';
const scan = (path: string, text: string): Finding[] => scanRule(path, text, RULE);
const one = (path: string, text: string): Finding => oneOf(path, text, RULE);

test('backblaze-b2-bucket: S3 API (both styles), friendly download URLs and SDK configs in every file type', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['app/src/main/java/com/acme/Backup.java', 'String url = "https://s3.us-west-004.backblazeb2.com/acme-backups/db.gz";\n', 'acme-backups', 'https://acme-backups.s3.us-west-004.backblazeb2.com/'],
    ['ios/App/Media.swift', 'let base = "https://acme-media.s3.eu-central-003.backblazeb2.com"\n', 'acme-media', 'https://acme-media.s3.eu-central-003.backblazeb2.com/'],
    ['lib/cdn.dart', "const img = 'https://f003.backblazeb2.com/file/acme-public/logo.png';\n", 'acme-public', 'https://acme-public.s3.eu-central-003.backblazeb2.com/'],
    ['src/api.js', 'export const FILES = "https://f002.backblazeb2.com/file/AcmeFiles/";\n', 'AcmeFiles', 'https://s3.us-west-002.backblazeb2.com/AcmeFiles/'],
    ['.env', 'B2_ENDPOINT=https://s3.us-east-005.backblazeb2.com\nB2_BUCKET_NAME=acme-east\n', 'acme-east', 'https://acme-east.s3.us-east-005.backblazeb2.com/'],
    ['app/src/main/res/values/strings.xml', '<string name="video_base">https://f999.backblazeb2.com/file/acme-video/</string>\n', 'acme-video', undefined],
    ['assets/config.yaml', 'storage:\n  url: https://s3.ca-east-006.backblazeb2.com/acme-canada/\n', 'acme-canada', 'https://acme-canada.s3.ca-east-006.backblazeb2.com/'],
  ];
  for (const [path, text, value, endpoint] of cases) {
    const f = one(path, text);
    assert.equal(covered(text, f), value, `${path}: the range covers the value`);
    assert.deepEqual([f.value, f.endpoint, f.severity, f.provider], [value, endpoint, 'low', 'backblaze'], path);
  }
  assert.match(one(cases[2][0], cases[2][1]).message, /downloaded by URL without a token: the bucket is public/);
});

test('backblaze-b2-bucket: native API hosts, placeholders, built URLs and short names are not findings', () => {
  const negatives: Array<[string, string]> = [
    ['a.kt', 'val api = "https://api.backblazeb2.com/b2api/v2/b2_authorize_account"\nval up = "https://pod-000-1016-09.backblaze.com/b2api/v2/b2_upload_file"\n'],
    ['a.ts', 'const s = `https://s3.${region}.backblazeb2.com/${bucket}`; const t = "https://%s.s3.%s.backblazeb2.com";\n'],
    ['a.swift', 'let u = "https://s3.us-west-004.backblazeb2.com/<bucket-name>/"\nlet v = "https://f004.backblazeb2.com/file/your-bucket/x"\n'],
    ['a.dart', "const a = 'https://f001.backblazeb2.com/file/abc/x'; const b = 'https://s3.us-west-004.backblazeb2.com/my-bucket';\n"],
    ['.env', 'B2_ENDPOINT=https://s3.us-west-004.backblazeb2.com\nB2_REGION=us-west-004\n'],
    ['a.java', 'String u = "https://acme.s3.us-west.backblazeb2.com/"; String v = "https://backblazeb2.com.evil.net/file/acme-media/";\n'],
  ];
  for (const [path, text] of negatives) assert.deepEqual(scan(path, text).map((f) => f.value), [], `${path}: ${text}`);
});
