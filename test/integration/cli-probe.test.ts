// `--probe` through the built CLI: overrides reach the probes, whose results land in the report.
// The stand-in speaks the Firebase RTDB emulator convention (`/.json?ns=<db>&shallow=true`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI, project, tempDir } from './cli-helpers';

const tmp = tempDir();
const requests: string[] = [];
let server: Server;
let base = '';

before(async () => {
  project(tmp.dir);
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ users: true, orders: true }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  tmp.cleanup();
});

/** Async spawn: the stand-in server lives in this process and must keep answering. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: tmp.dir, env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

test('--probe with --endpoint-override: the open database is probed, reported and re-graded', async () => {
  const r = await run(['scan', '.', '--format', 'json', '--probe', '--endpoint-override', `firebase=${base}`]);
  const report = JSON.parse(r.stdout);
  assert.ok(requests.some((u) => u.includes('ns=acme-prod-default-rtdb')), `requests: ${requests.join(', ')}`);
  const [ep] = report.endpoints;
  assert.equal(report.endpoints.length, 1);
  assert.equal(ep.url, 'https://acme-prod-default-rtdb.firebaseio.com/', 'the report names the real endpoint');
  assert.match(ep.status, /^open-/);
  assert.match(ep.checkedAt, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(ep.findings, report.findings.map((f: { fingerprint: string }) => f.fingerprint));
  assert.ok(report.findings.every((f: { severity: string }) => f.severity === 'critical'));
  assert.equal(r.code, 1, 'critical findings fail the default --fail-on high');
});

test('without --probe nothing is sent', async () => {
  const before = requests.length;
  const r = await run(['scan', '.', '--format', 'json', '--endpoint-override', `firebase=${base}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(requests.length, before);
  assert.equal(JSON.parse(r.stdout).endpoints[0].status, 'not-probed');
});
