import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { buildFindingTree, type TreeGroup, type TreeNode } from '../../../client/src/tree/model';
import { buildReport, combineReports } from '../../../server/src/core/report';
import { createEngine } from '../../../server/src/core/engine';
import { EXAMPLES_DIR } from '../../helpers/labels';

const engine = createEngine();

/** `label (description)` per node, children indented: the tree as a user reads it. */
function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label} (${n.description})`, ...(n.kind === 'group' ? outline(n.children, depth + 1) : [])]);
}

test('no report: an empty tree (the view shows its welcome text)', () => {
  assert.deepEqual(buildFindingTree(undefined), []);
});

test('a source scan and an artifact scan: files, then the artifact by entry, worst severity first', async () => {
  const gradle = 'gradle.properties';
  const kt = 'app/src/main/java/com/acme/Uploader.kt';
  const source = buildReport({
    root: '.',
    findings: [
      ...engine.scanText(kt, 'val db = "https://acme-default-rtdb.firebaseio.com"\nval key = "AKIAQ3EGRUSTZ7PXWL4K"\n').findings,
      ...engine.scanText(gradle, 'S3_MEDIA_BUCKET=acme-media-uploads\n').findings,
    ],
    errors: [],
  });
  const apk = new Uint8Array(readFileSync(join(EXAMPLES_DIR, 'android/tools/apk-parts/classes.dex')));
  const artifact = await engine.scanArtifactEntries('app-debug.apk', [{ entry: 'classes.dex', bytes: apk }]);
  const report = combineReports([source, buildReport({ root: 'app-debug.apk', findings: artifact.findings, errors: [] })], '.');
  const tree = buildFindingTree(report);
  const text = outline(tree);
  // the Kotlin file (a high key id) before gradle.properties (a low bucket), then the APK
  assert.deepEqual(tree.map((g) => g.label), [kt, gradle, 'app-debug.apk']);
  assert.deepEqual(text.slice(0, 3), [
    `${kt} (2 findings)`,
    '  aws-access-key-id (AKIAQ3EGRUSTZ7PXWL4K · line 2)',
    '  firebase-database-url (acme-default-rtdb.firebaseio.com · line 1)',
  ]);
  const apkGroup = tree[2] as TreeGroup;
  assert.deepEqual(apkGroup.children.map((c) => c.label), ['classes.dex']);
  const dex = apkGroup.children[0] as TreeGroup;
  assert.equal(dex.description, `${dex.children.length} findings`);
  assert.equal(apkGroup.description, `${report.findings.filter((f) => f.location.entry).length} findings`);
  assert.ok(dex.children.every((c) => c.kind === 'finding' && / · string \d+$/.test(c.description)), 'artifact findings give the string index');
  // every finding appears exactly once, and ids are unique (VS Code keeps expansion by id)
  const leaves = (ns: readonly TreeNode[]): TreeNode[] => ns.flatMap((n) => (n.kind === 'group' ? leaves(n.children) : [n]));
  assert.equal(leaves(tree).length, report.findings.length);
  const ids = [...tree, ...leaves(tree)].map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('secrets stay redacted in the tree, and the tooltip carries the message', () => {
  const findings = engine.scanText('Api.java', 'String id = "AKIAQ3EGRUSTZ7PXWL4K";\nString secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzKEYQ3EGRU";\n').findings;
  const [group] = buildFindingTree(buildReport({ root: '.', findings, errors: [] }));
  const secret = group.children.find((c) => c.label === 'aws-secret-access-key');
  assert.ok(secret && secret.kind === 'finding');
  assert.match(secret.description, /^wJalrXUt… · line 2$/);
  assert.doesNotMatch(JSON.stringify(group), /bPxRfiCYzKEYQ3EGRU/);
  assert.match(secret.tooltip, /^critical: AWS secret access key/);
});

test('where a finding lives: a CI workflow and a test fixture say so; app source does not', () => {
  const report = buildReport({
    root: '.',
    findings: [
      ...engine.scanText('.github/workflows/release.yml', 'jobs:\n  up:\n    steps:\n      - run: aws s3 cp app.apk s3://acme-release-builds/\n').findings,
      ...engine.scanText('app/src/test/java/UploadTest.kt', 'val url = "https://acme-media-uploads.s3.amazonaws.com/"\n').findings,
      ...engine.scanText('app/src/main/java/Upload.kt', 'val url = "https://acme-media-uploads.s3.amazonaws.com/"\n').findings,
    ],
    errors: [],
  });
  const text = outline(buildFindingTree(report));
  assert.ok(text.includes('.github/workflows/release.yml (1 finding · ci)'), text.join('\n'));
  assert.ok(text.includes('  aws-s3-bucket (acme-release-builds · line 4 · ci)'));
  assert.ok(text.includes('app/src/test/java/UploadTest.kt (1 finding · test)'));
  assert.ok(text.includes('app/src/main/java/Upload.kt (1 finding)'));
  assert.ok(text.includes('  aws-s3-bucket (acme-media-uploads · line 1)'));
  const ci = buildFindingTree(report).find((g) => g.label.startsWith('.github'))!.children[0];
  assert.match(ci.kind === 'finding' ? ci.tooltip : '', /ci: in CI configuration: not shipped in the app/);
});
