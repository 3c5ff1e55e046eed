// The GitHub Action as the runner starts it: `node dist/action.js` (the bundle action.yml
// names) with the INPUT_* variables the runner derives from action.yml's inputs, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, RUNNER_TEMP and GITHUB_WORKSPACE, in a temporary git repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load } from 'js-yaml';
import { gitEnv, tempRepo, type TempRepo } from '../helpers/gitRepo';

interface ActionYml { runs: { using: string; main: string }; inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> }
const actionYml = load(readFileSync('action.yml', 'utf8')) as ActionYml;
const ENTRY = resolve(actionYml.runs.main);

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines or `name<<DELIMITER` … `DELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      assert.ok(end > i, `unterminated output ${heredoc[1]}`);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
  }
  return out;
}

interface Run { code: number | null; stdout: string; outputs: Record<string, string>; summary: string; temp: string }

/** Runs the bundle as the runner would for `with: inputs` (defaults from action.yml for the rest). */
function runAction(t: { after(fn: () => void): void }, workspace: string, inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const temp = mkdtempSync(join(tmpdir(), 'leaklens-runner-'));
  t.after(() => rmSync(temp, { recursive: true, force: true }));
  const vars: NodeJS.ProcessEnv = {};
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    const value = inputs[name] ?? (spec.default === '${{ github.token }}' ? 'ghs_testtoken' : spec.default ?? '');
    vars[`INPUT_${name.toUpperCase()}`] = value;
  }
  writeFileSync(join(temp, 'output'), '');
  writeFileSync(join(temp, 'summary'), '');
  return new Promise((done) => {
    const child = spawn(process.execPath, [ENTRY], {
      cwd: workspace,
      env: gitEnv({ ...vars, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: join(temp, 'output'), GITHUB_STEP_SUMMARY: join(temp, 'summary'), RUNNER_TEMP: temp, ...env }),
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.on('close', (code) => done({ code, stdout, outputs: parseOutputs(readFileSync(join(temp, 'output'), 'utf8')), summary: readFileSync(join(temp, 'summary'), 'utf8'), temp }));
  });
}

function leakyRepo(t: { after(fn: () => void): void }): TempRepo {
  const repo = tempRepo();
  t.after(() => repo.cleanup());
  repo.write({ 'android/app/old.properties': 'aws_access_key_id=AKIAQ3EGUCVPZW4XNBJR\n', 'android/app/app.properties': 'name=acme\n' });
  repo.commit('main', { all: true });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write({ 'android/app/app.properties': 'name=acme\naws_access_key_id=AKIAZ7TQ3PLM5XW2RN8C\n' });
  repo.commit('feature', { all: true });
  return repo;
}

test('action.yml: a node20 JavaScript action on the built bundle, with the documented inputs and outputs', () => {
  assert.equal(actionYml.runs.using, 'node20');
  assert.equal(actionYml.runs.main, 'dist/action.js');
  assert.deepEqual(Object.keys(actionYml.inputs).sort(), ['artifacts', 'diff-base', 'fail-on', 'path', 'token', 'upload-sarif']);
  assert.deepEqual(Object.keys(actionYml.outputs).sort(), ['findings', 'sarif-file']);
});

test('whole folder: SARIF written, outputs set, findings annotated, the step fails at fail-on', async (t) => {
  const repo = leakyRepo(t);
  const r = await runAction(t, repo.dir, {});
  assert.equal(r.code, 1, r.stdout);
  assert.equal(r.outputs.findings, '2');
  assert.equal(r.outputs['sarif-file'], join(r.temp, 'leaklens', 'leaklens.sarif'));
  const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(sarif.runs[0].results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri).sort(), ['android/app/app.properties', 'android/app/old.properties']);
  assert.match(r.stdout, /^::error file=android\/app\/app\.properties,line=2,col=19,endLine=2,endColumn=39,title=LeakLens aws-access-key-id::AWS access key id AKIAZ7TQ3PLM5XW2RN8C/m);
  assert.match(r.stdout, /^::error::LeakLens: 2 finding\(s\) at or above high$/m);
  assert.match(r.summary, /### LeakLens: 2 finding\(s\) in the whole folder/);
  assert.equal((await runAction(t, repo.dir, { 'fail-on': 'none' })).code, 0);
});

test('diff-base: only what the branch adds; path: a subfolder, reported from the repository root', async (t) => {
  const repo = leakyRepo(t);
  const r = await runAction(t, repo.dir, { 'diff-base': 'main', path: 'android' });
  assert.equal(r.code, 1, r.stdout);
  assert.equal(r.outputs.findings, '1');
  const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8'));
  assert.deepEqual(sarif.runs[0].results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri), ['android/app/app.properties']);
  assert.match(r.summary, /what this branch adds since `main`/);
  const none = await runAction(t, repo.dir, { 'diff-base': 'HEAD' });
  assert.equal(none.code, 0, none.stdout);
  assert.equal(none.outputs.findings, '0');
});

test('artifacts: a built APK matched by a glob is scanned too; a pattern matching nothing is a warning', async (t) => {
  const repo = leakyRepo(t);
  mkdirSync(join(repo.dir, 'android/app/build/outputs/apk/release'), { recursive: true });
  copyFileSync('test/fixtures/android/leaky.apk', join(repo.dir, 'android/app/build/outputs/apk/release/app-release.apk'));
  const r = await runAction(t, repo.dir, { artifacts: '**/*.apk\nmissing/*.ipa', 'fail-on': 'none' });
  assert.equal(r.code, 0, r.stdout);
  const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8'));
  const fromApk = sarif.runs[0].results.filter((x: { properties: { entry?: string } }) => x.properties.entry);
  assert.ok(fromApk.length > 0, 'findings from inside the APK');
  assert.equal(fromApk[0].locations[0].physicalLocation.artifactLocation.uri, 'android/app/build/outputs/apk/release/app-release.apk');
  assert.equal(Number(r.outputs.findings), sarif.runs[0].results.length);
  assert.match(r.stdout, /^::warning::artifacts: nothing matches "missing\/\*\.ipa"$/m);
});

test('upload-sarif: the SARIF goes to the code scanning API (gzip + base64, commit and ref); a refusal is a warning', async (t) => {
  const repo = leakyRepo(t);
  const requests: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: { commit_sha: string; ref: string; sarif: string; tool_name: string } }> = [];
  let status = 202;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(body) });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 202 ? { id: '47177e22-5596-11eb-80a1-c1e54ef945c6', url: 'https://api.github.com/repos/acme/app/code-scanning/sarifs/47177e22' } : { message: 'Resource not accessible by integration' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const port = (server.address() as { port: number }).port;
  const sha = repo.git('rev-parse', 'HEAD').trim();
  const env = { GITHUB_API_URL: `http://127.0.0.1:${port}`, GITHUB_REPOSITORY: 'acme/app', GITHUB_SHA: sha, GITHUB_REF: 'refs/pull/7/merge' };

  const r = await runAction(t, repo.dir, { 'upload-sarif': 'true', 'fail-on': 'critical' }, env);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(requests.length, 1);
  const [req] = requests;
  assert.equal(req.method, 'POST');
  assert.equal(req.url, '/repos/acme/app/code-scanning/sarifs');
  assert.equal(req.headers.authorization, 'Bearer ghs_testtoken');
  assert.equal(req.headers.accept, 'application/vnd.github+json');
  assert.equal(req.body.commit_sha, sha);
  assert.equal(req.body.ref, 'refs/pull/7/merge');
  assert.equal(gunzipSync(Buffer.from(req.body.sarif, 'base64')).toString('utf8'), readFileSync(r.outputs['sarif-file'], 'utf8'));
  assert.match(r.stdout, /^::notice::SARIF uploaded to code scanning \(47177e22-5596-11eb-80a1-c1e54ef945c6\)$/m);

  status = 403;
  const refused = await runAction(t, repo.dir, { 'upload-sarif': 'true' }, env);
  assert.equal(refused.code, 1, 'the verdict is the scan\'s (two high findings), not the upload\'s');
  assert.match(refused.stdout, /^::warning::upload-sarif: code scanning upload failed: HTTP 403: Resource not accessible by integration$/m);
});

test('bad inputs: one ::error:: line, exit 2', async (t) => {
  const repo = leakyRepo(t);
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ 'fail-on': 'severe' }, /^::error::LeakLens: --fail-on must be one of critical, high, medium, low, info, none, not "severe"$/m],
    [{ 'upload-sarif': 'yes' }, /^::error::LeakLens: input "upload-sarif" must be true or false, not "yes"$/m],
    [{ 'diff-base': 'no-such-branch' }, /^::error::LeakLens: --diff: unknown revision "no-such-branch"$/m],
    [{ path: 'nowhere' }, /^::error::LeakLens: cannot scan "nowhere": no such file or folder$/m],
  ];
  for (const [inputs, want] of cases) {
    const r = await runAction(t, repo.dir, inputs);
    assert.equal(r.code, 2, JSON.stringify(inputs));
    assert.match(r.stdout, want);
  }
  const notRepo = mkdtempSync(join(tmpdir(), 'leaklens-norepo-'));
  t.after(() => rmSync(notRepo, { recursive: true, force: true }));
  const r = await runAction(t, notRepo, { 'diff-base': 'main' });
  assert.equal(r.code, 2);
  assert.match(r.stdout, /^::error::LeakLens: "\." is not in a git repository/m);
});
