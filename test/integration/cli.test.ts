// The built CLI as a user runs it: formats, flags, exit codes (DESIGN §4, §5).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cli, json, oneLineError, project, put, RTDB, tempDir } from './cli-helpers';
import { sarifErrors } from '../unit/report/sarif-schema';

const tmp = tempDir();
after(() => tmp.cleanup());
const proj = join(tmp.dir, 'proj');
project(proj);

test('text report of a folder: findings grouped by file and a summary; nothing on stderr when not a TTY', () => {
  const r = cli(['scan', 'proj'], { cwd: tmp.dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^android\/app\/src\/main\/res\/values\/strings\.xml\n {2}2:48 +medium +app +firebase-database-url/m);
  assert.match(r.stdout, /^lib\/main\.dart$/m);
  assert.doesNotMatch(r.stdout, /banner\.png/);
  assert.doesNotMatch(r.stdout, /\x1b\[/); // eslint-disable-line no-control-regex
  assert.match(r.stdout, /\n2 findings \(2 medium\) in 2 files, 1 endpoint, 0 errors\n$/);
});

test('--format json matches DESIGN §4 field for field', () => {
  const r = cli(['scan', 'proj', '--format', 'json'], { cwd: tmp.dir });
  assert.equal(r.code, 0, r.stderr);
  const report = json(r);
  assert.deepEqual(Object.keys(report), ['tool', 'root', 'findings', 'endpoints', 'errors']);
  assert.equal(report.tool.name, 'leaklens');
  assert.equal(report.tool.version, JSON.parse(readFileSync('package.json', 'utf8')).version);
  assert.equal(report.root, 'proj');
  assert.equal(report.findings.length, 2);
  const f = report.findings[0];
  assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'provider', 'message', 'value', 'endpoint', 'location', 'fingerprint', 'where']);
  assert.equal(f.ruleId, 'firebase-database-url');
  assert.equal(f.severity, 'medium');
  assert.equal(f.provider, 'firebase');
  assert.equal(typeof f.message, 'string');
  assert.equal(f.value, 'acme-prod-default-rtdb.firebaseio.com');
  assert.equal(f.endpoint, `${RTDB}/`);
  assert.deepEqual(f.location, { file: 'android/app/src/main/res/values/strings.xml', line: 2, column: 48, endLine: 2, endColumn: 85, entry: null });
  assert.match(f.fingerprint, /^[0-9a-f]{24}$/);
  assert.equal(report.findings[1].location.file, 'lib/main.dart');
  assert.deepEqual(report.endpoints, [{
    provider: 'firebase', kind: 'rtdb', url: `${RTDB}/`, status: 'not-probed', evidence: '', checkedAt: null,
    findings: report.findings.map((x: { fingerprint: string }) => x.fingerprint),
  }]);
  assert.deepEqual(report.errors, []);
});

test('fingerprints are stable across runs and independent of the current directory', () => {
  const a = json(cli(['scan', 'proj', '--format', 'json'], { cwd: tmp.dir }));
  const b = json(cli(['scan', '.', '--format', 'json'], { cwd: proj }));
  assert.deepEqual(b.findings.map((f: { fingerprint: string }) => f.fingerprint), a.findings.map((f: { fingerprint: string }) => f.fingerprint));
  assert.equal(b.root, '.');
});

test('--format sarif is valid SARIF 2.1.0 with %SRCROOT% at the scanned folder', () => {
  const r = cli(['scan', 'proj', '--format', 'sarif'], { cwd: tmp.dir });
  assert.equal(r.code, 0, r.stderr);
  const log = json(r);
  assert.deepEqual(sarifErrors(log), []);
  const run = log.runs[0];
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${proj}/`);
  assert.deepEqual(run.results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri),
    ['android/app/src/main/res/values/strings.xml', 'lib/main.dart']);
  assert.ok(run.tool.driver.rules.some((x: { id: string }) => x.id === 'firebase-database-url'));
});

test('--format html is a self-contained page; --output writes the file and keeps stdout empty', () => {
  const out = join(tmp.dir, 'report.html');
  const r = cli(['scan', 'proj', '--format', 'html', '--output', out], { cwd: tmp.dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^leaklens: 2 findings .*report written to .*report\.html\n$/);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /acme-prod-default-rtdb\.firebaseio\.com/);
  assert.doesNotMatch(html, /<script/);
});

test('--output into a missing folder is one line, exit 2', () => {
  assert.match(oneLineError(cli(['scan', 'proj', '--output', 'no/such/dir/r.json'], { cwd: tmp.dir })), /cannot write "no\/such\/dir\/r\.json": no such folder/);
});

test('--fail-on: default high passes a medium finding; medium and info fail; none never fails', () => {
  assert.equal(cli(['scan', 'proj'], { cwd: tmp.dir }).code, 0);
  assert.equal(cli(['scan', 'proj', '--fail-on', 'medium'], { cwd: tmp.dir }).code, 1);
  assert.equal(cli(['scan', 'proj', '--fail-on', 'info'], { cwd: tmp.dir }).code, 1);
  assert.equal(cli(['scan', 'proj', '--fail-on', 'critical'], { cwd: tmp.dir }).code, 0);
  assert.equal(cli(['scan', 'proj', '--fail-on', 'none'], { cwd: tmp.dir }).code, 0);
});

test('.leaklens.json at the root: severity override, baseline and excludes apply; a malformed one is exit 2', () => {
  const { dir, cleanup } = tempDir();
  try {
    project(dir);
    const fps = json(cli(['scan', '.', '--format', 'json'], { cwd: dir })).findings.map((f: { fingerprint: string }) => f.fingerprint);
    writeFileSync(join(dir, '.leaklens.json'), JSON.stringify({ rules: { 'firebase-database-url': 'high' } }));
    const raised = cli(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(raised.code, 1);
    assert.deepEqual(json(raised).findings.map((f: { severity: string }) => f.severity), ['high', 'high']);
    writeFileSync(join(dir, '.leaklens.json'), JSON.stringify({ baseline: [{ fingerprint: fps[0] }], exclude: ['lib/**'] }));
    assert.deepEqual(json(cli(['scan', '.', '--format', 'json'], { cwd: dir })).findings, []);
    writeFileSync(join(dir, '.leaklens.json'), '{ "rules": ');
    assert.match(oneLineError(cli(['scan', '.'], { cwd: dir })), /^leaklens: \.leaklens\.json is not valid JSON/);
  } finally {
    cleanup();
  }
});

test('bad flags and usage mistakes: exit 2 with one line on stderr, no stack trace', () => {
  const cases: Array<[string[], RegExp]> = [
    [['scan', 'proj', '--format', 'xml'], /--format must be one of text, json, sarif, html/],
    [['scan', 'proj', '--fail-on', 'severe'], /--fail-on must be one of/],
    [['scan', 'proj', '--max-file-size', '12kb'], /--max-file-size must be a whole number/],
    [['scan', 'proj', '--max-file-size', '0'], /--max-file-size/],
    [['scan', 'proj', '--bogus'], /unknown option "--bogus"/],
    [['scan', 'proj', '--format'], /--format/],
    [['scan', 'proj', '--endpoint-override', 'azure'], /PROVIDER=URL/],
    [['scan', 'proj', '--endpoint-override', 'azure=ftp://127.0.0.1'], /http or https/],
    [['scan', 'proj', '--probe', '--endpoint-override', 'bogus=http://127.0.0.1:1'], /--endpoint-override: unknown endpoint override "bogus" \(expected one of firebase, /],
    [['scan', 'proj', '--allow-write-probes'], /needs --probe/],
    [['scan'], /at least one PATH/],
    [['scna', 'proj'], /unknown command "scna"/],
    [[], /missing command/],
  ];
  for (const [args, re] of cases) assert.match(oneLineError(cli(args, { cwd: tmp.dir })), re, args.join(' '));
});

test('--help and --version', () => {
  const h = cli(['--help'], { cwd: tmp.dir });
  assert.equal(h.code, 0);
  assert.match(h.stdout, /Usage: leaklens scan PATH/);
  assert.match(h.stdout, /--fail-on SEVERITY/);
  const v = cli(['--version'], { cwd: tmp.dir });
  assert.equal(v.code, 0);
  assert.equal(v.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
});

test('--exclude: globs with a slash match paths, without one match names; default excludes can be turned off', () => {
  const { dir, cleanup } = tempDir();
  try {
    project(dir);
    put(dir, { 'node_modules/pkg/index.js': `x = "${RTDB}"\n`, 'ios/Runner/Info.plist': `<plist><string>${RTDB}</string></plist>\n` });
    // a Java package named like a build output is read; the module's real build output is not
    put(dir, { 'android/app/src/main/java/com/acme/stock/out/Out.java': `String u = "${RTDB}";\n`, 'android/app/build/generated/B.java': `String u = "${RTDB}";\n` });
    const files = (args: string[]) => json(cli(['scan', '.', '--format', 'json', ...args], { cwd: dir })).findings.map((f: { location: { file: string } }) => f.location.file);
    const out = 'android/app/src/main/java/com/acme/stock/out/Out.java';
    assert.deepEqual(files([]), [out, 'android/app/src/main/res/values/strings.xml', 'ios/Runner/Info.plist', 'lib/main.dart']);
    assert.deepEqual(files(['--exclude', 'ios/**', '--exclude', '*.dart']), [out, 'android/app/src/main/res/values/strings.xml']);
    assert.deepEqual(files(['--exclude', 'android']), ['ios/Runner/Info.plist', 'lib/main.dart']);
    assert.ok(files(['--no-default-excludes']).includes('node_modules/pkg/index.js'));
    assert.ok(files(['--no-default-excludes']).includes('android/app/build/generated/B.java'));
  } finally {
    cleanup();
  }
});

test('several PATHs: files relative to the current directory, each finding once', () => {
  const r = cli(['scan', 'proj/android', 'proj/lib', 'proj/lib/main.dart', '--format', 'json'], { cwd: tmp.dir });
  assert.equal(r.code, 0, r.stderr);
  const report = json(r);
  assert.equal(report.root, '.');
  // The project's database.rules.json is outside these PATHs: each URL also gets firebase-rules-missing.
  assert.deepEqual(report.findings.map((f: { ruleId: string; location: { file: string } }) => `${f.location.file} ${f.ruleId}`), [
    'proj/android/app/src/main/res/values/strings.xml firebase-database-url',
    'proj/android/app/src/main/res/values/strings.xml firebase-rules-missing',
    'proj/lib/main.dart firebase-database-url',
    'proj/lib/main.dart firebase-rules-missing',
  ]);
});

test('on a terminal (a real pty via script(1)): colour and a progress line, unless NO_COLOR', () => {
  const onTty = (env: NodeJS.ProcessEnv) => spawnSync('script', ['-qec', `${process.execPath} ${CLI} scan proj`, '/dev/null'], {
    cwd: tmp.dir, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, TERM: 'xterm', ...env },
  }).stdout;
  const coloured = onTty({});
  assert.match(coloured, /\x1b\[33mmedium/); // eslint-disable-line no-control-regex
  assert.match(coloured, /\r\x1b\[Kscanning 1: /); // eslint-disable-line no-control-regex
  const plain = onTty({ NO_COLOR: '1' });
  assert.match(plain, /2:48 +medium +app +firebase-database-url/);
  assert.doesNotMatch(plain, /\x1b\[\d+m/); // eslint-disable-line no-control-regex
});

test('firebase-rules-missing: a project keeping database.rules.json has none, even when --exclude leaves the rules unscanned', () => {
  const { dir, cleanup } = tempDir();
  try {
    project(dir); // the RTDB URL in two files, database.rules.json at the root
    const rules = (extra: string[] = []) => json(cli(['scan', '.', '--format', 'json', ...extra], { cwd: dir })).findings
      .filter((f: { ruleId: string }) => f.ruleId === 'firebase-rules-missing').map((f: { location: { file: string } }) => f.location.file);
    assert.deepEqual(rules(), []);
    assert.deepEqual(rules(['--exclude', 'database.rules.json']), [], 'excluded from the scan, still kept by the project');
    rmSync(join(dir, 'database.rules.json'));
    assert.deepEqual(rules(), ['android/app/src/main/res/values/strings.xml', 'lib/main.dart']);
  } finally {
    cleanup();
  }
});
