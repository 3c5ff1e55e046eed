import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, combineReports, unifyEndpoints } from '../../../server/src/core/report';
import type { Finding } from '../../../server/src/core/types';
import { engine } from './fixtures';

const scan = (path: string, text: string): Finding[] => engine.scanText(path, text).findings;
const endpoints = (fs: Finding[]) => [...new Set(fs.map((f) => f.endpoint).filter(Boolean))];

test('one S3 bucket named with and without its region: one endpoint, the regional one', () => {
  const fs = [
    ...scan('a.kt', 'val a = "https://acme-uploads.s3.amazonaws.com/x.jpg"\n'),
    ...scan('b.kt', 'val b = "https://acme-uploads.s3.eu-west-1.amazonaws.com/y.jpg"\n'),
    ...scan('c.kt', 'val c = "s3://acme-uploads/z"\n'),
  ];
  assert.equal(endpoints(fs).length, 2, 'the rules give two URL forms');
  const unified = unifyEndpoints(fs);
  assert.deepEqual(endpoints(unified), ['https://acme-uploads.s3.eu-west-1.amazonaws.com/']);
  assert.equal(fs[0].endpoint, 'https://acme-uploads.s3.amazonaws.com/', 'inputs are not mutated');
  assert.deepEqual(unifyEndpoints(unified), unified, 'idempotent');
  const report = buildReport({ root: '.', findings: fs, errors: [] });
  assert.deepEqual(report.endpoints.map((e) => [e.url, e.findings.length]), [['https://acme-uploads.s3.eu-west-1.amazonaws.com/', 3]]);
});

test('dotted buckets (path style), other buckets, other partitions and other providers stay apart', () => {
  const fs = [
    ...scan('a.kt', 'val a = "https://s3.amazonaws.com/media.acme.com/x"\nval b = "https://s3.us-west-2.amazonaws.com/media.acme.com/y"\n'),
    ...scan('b.kt', 'val c = "https://acme-other.s3.amazonaws.com/"\nval d = "https://acme-cn.s3.cn-north-1.amazonaws.com.cn/"\nval e = "https://acme-cn.s3.amazonaws.com/"\n'),
    ...scan('c.kt', 'val f = "https://acme-uploads.fra1.digitaloceanspaces.com/"\nval g = "https://acme-uploads.s3.amazonaws.com/"\n'),
  ];
  assert.deepEqual(endpoints(unifyEndpoints(fs)).sort(), [
    'https://acme-cn.s3.amazonaws.com/',
    'https://acme-cn.s3.cn-north-1.amazonaws.com.cn/',
    'https://acme-other.s3.amazonaws.com/',
    'https://acme-uploads.fra1.digitaloceanspaces.com/',
    'https://acme-uploads.s3.amazonaws.com/',
    'https://s3.us-west-2.amazonaws.com/media.acme.com/',
  ]);
});

test('an Azure container behind a SAS URL and named as a container: one endpoint, the list URL', () => {
  const sas = 'https://acmemedia.blob.core.windows.net/shares?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=Zx8pQ2vN4kL9mR3tY7wB1cD5fG6hJ0aS2eU4iO8pQ1w%3D';
  const fs = [
    ...scan('a.kt', `val share = "${sas}"\n`),
    ...scan('b.kt', 'val blob = "https://acmemedia.blob.core.windows.net/photos/cat.jpg"\n'),
  ];
  const unified = unifyEndpoints(fs);
  assert.deepEqual(endpoints(unified).sort(), [
    'https://acmemedia.blob.core.windows.net/photos?restype=container&comp=list',
    'https://acmemedia.blob.core.windows.net/shares?restype=container&comp=list',
  ]);
  assert.ok(unified.some((f) => f.ruleId === 'azure-sas-token' && f.endpoint!.endsWith('/shares?restype=container&comp=list')));
});

test('combined source and artifact reports: one endpoint per bucket, probe results kept', () => {
  const source = buildReport({ root: '.', findings: scan('a.kt', 'val a = "https://acme-uploads.s3.amazonaws.com/"\n'), errors: [] });
  const artifact = buildReport({ root: 'app.apk', findings: scan('res/values/strings.xml', '<resources><string name="b">https://acme-uploads.s3.eu-west-1.amazonaws.com/</string></resources>\n'), errors: [] });
  artifact.endpoints[0] = { ...artifact.endpoints[0], status: 'open-list', evidence: 'ListBucket answered 200', checkedAt: '2026-01-01T00:00:00Z' };
  const both = combineReports([source, artifact], '.');
  assert.equal(both.findings.length, 2);
  assert.deepEqual(both.endpoints.map((e) => [e.url, e.status, e.findings.length]), [['https://acme-uploads.s3.eu-west-1.amazonaws.com/', 'open-list', 2]]);
  assert.ok(both.findings.every((f) => f.endpoint === 'https://acme-uploads.s3.eu-west-1.amazonaws.com/'));
});
