import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSarif, FINGERPRINT_KEY, sarifLevel } from '../../../server/src/core/report';
import { ruleDocUrl } from '../../../server/src/core/rule';
import { engine, mixedReport } from './fixtures';
import { sarifErrors } from './sarif-schema';

const ROOT_URI = 'file:///work/app/';
const log = () => buildSarif(mixedReport(), { rules: engine.rules, rootUri: ROOT_URI });

test('output validates against the official SARIF 2.1.0 schema', () => {
  assert.deepEqual(sarifErrors(JSON.parse(JSON.stringify(log()))), []);
});

test('the validator really validates: broken logs fail', () => {
  const broken: Array<[string, (l: ReturnType<typeof log>) => void]> = [
    ['bad level', (l) => { (l.runs[0].results![0] as { level: string }).level = 'critical'; }],
    ['no version', (l) => { delete (l as { version?: string }).version; }],
    ['message without text or id', (l) => { l.runs[0].results![0].message = {}; }],
    ['negative startLine', (l) => { l.runs[0].results![0].locations![0].physicalLocation!.region!.startLine = 0; }],
    ['bad helpUri', (l) => { l.runs[0].tool.driver.rules![0].helpUri = 'not a uri'; }],
  ];
  for (const [name, breakIt] of broken) {
    const l = log();
    breakIt(l);
    assert.notDeepEqual(sarifErrors(JSON.parse(JSON.stringify(l))), [], name);
  }
});

test('driver lists every engine rule with docs, level, security-severity and tags', () => {
  const { driver } = log().runs[0].tool;
  assert.equal(driver.name, 'LeakLens');
  assert.equal(driver.version, '1.2.3');
  assert.match(driver.informationUri ?? '', /^https:\/\//);
  assert.deepEqual(driver.rules!.map((r) => r.id), engine.rules.map((r) => r.id));
  const rtdb = driver.rules!.find((r) => r.id === 'firebase-database-url')!;
  const meta = engine.describe('firebase-database-url')!;
  assert.equal(rtdb.shortDescription!.text, meta.doc.title);
  assert.equal(rtdb.fullDescription!.text, meta.doc.why);
  assert.ok(rtdb.help!.text.includes(meta.doc.fix));
  assert.ok(rtdb.help!.markdown!.includes(meta.doc.links[0]));
  assert.equal(rtdb.helpUri, ruleDocUrl('firebase-database-url'));
  assert.equal(rtdb.defaultConfiguration!.level, 'warning');
  assert.equal(rtdb.properties!['security-severity'], '5.5');
  assert.ok((rtdb.properties!.tags as string[]).includes('security'));
});

test('results: level mapping, ruleIndex, relative uri with %SRCROOT%, region, partialFingerprints', () => {
  const run = log().runs[0];
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: ROOT_URI } });
  const report = mixedReport();
  assert.equal(run.results!.length, report.findings.length);
  report.findings.forEach((f, i) => {
    const r = run.results![i];
    assert.equal(r.ruleId, f.ruleId);
    assert.equal(r.level, sarifLevel(f.severity));
    assert.equal(r.partialFingerprints![FINGERPRINT_KEY], f.fingerprint);
    assert.equal(r.properties!.where, f.where, 'where the finding lives is a result property');
    const idx = engine.rules.findIndex((x) => x.id === f.ruleId);
    assert.equal(r.ruleIndex, idx >= 0 ? idx : undefined);
    const loc = r.locations![0].physicalLocation!;
    assert.deepEqual(loc.artifactLocation, { uri: f.location.file, uriBaseId: '%SRCROOT%' });
    if (!f.location.entry) {
      assert.deepEqual(loc.region, { startLine: f.location.line, startColumn: f.location.column, endLine: f.location.endLine, endColumn: f.location.endColumn });
    }
  });
  assert.deepEqual(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never)), ['error', 'error', 'warning', 'note', 'note']);
});

test('an archive entry: the archive is the artifact, the entry is in message, properties and a logical location', () => {
  const r = log().runs[0].results!.find((x) => x.ruleId === 'aws-s3-bucket')!;
  const loc = r.locations![0];
  assert.equal(loc.physicalLocation!.artifactLocation!.uri, 'build/app.apk');
  assert.equal(loc.physicalLocation!.region, undefined);
  assert.equal(loc.logicalLocations![0].fullyQualifiedName, 'build/app.apk!/classes2.dex');
  assert.match(r.message.text!, /in classes2\.dex/);
  assert.equal(r.properties!.entry, 'classes2.dex');
});

test('scan errors become tool execution notifications; special characters in paths are URI-encoded', () => {
  const report = mixedReport();
  report.findings[0].location.file = 'my app/res #1/strings.xml';
  const l = buildSarif(report, { rules: engine.rules });
  assert.equal(l.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri, 'my%20app/res%20%231/strings.xml');
  const notes = l.runs[0].invocations![0].toolExecutionNotifications!;
  assert.deepEqual(notes.map((n) => n.message.text), ['build/app.apk!/classes9.dex: truncated DEX header', 'big.json: file is 20481 KB, over the 1024 KB limit']);
  assert.deepEqual(sarifErrors(JSON.parse(JSON.stringify(l))), []);
});

test('a finding of a rule the caller did not list gets a minimal descriptor and a valid ruleIndex', () => {
  const l = buildSarif(mixedReport(), { rules: engine.rules.filter((r) => r.id !== 'aws-s3-bucket') });
  const r = l.runs[0].results!.find((x) => x.ruleId === 'aws-s3-bucket')!;
  assert.equal(l.runs[0].tool.driver.rules![r.ruleIndex!].id, 'aws-s3-bucket');
  assert.deepEqual(sarifErrors(JSON.parse(JSON.stringify(l))), []);
});
