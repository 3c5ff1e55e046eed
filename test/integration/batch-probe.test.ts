// `batch --probe`: each endpoint is probed once per run however many apps name it (one prober in the
// parent for every worker), and the result is joined back to every app's line. Every provider is
// sent to an in-test stand-in (nothing leaves 127.0.0.1); it answers as an open RTDB for databases.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OVERRIDE_KEYS } from '../../server/src/probe/policy';
import { CLI, tempDir } from './cli-helpers';
import { distinctApks, readLines } from './batch-helpers';

const tmp = tempDir();
const requests: string[] = [];
let server: Server;
let base = '';

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (/[?&]ns=/.test(req.url ?? '')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ users: true, payments: true }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  tmp.cleanup();
});

test('twenty apps naming one database: one probe, the open status on every line, findings re-graded', async () => {
  const names = distinctApks(tmp.dir, 20);
  const overrides = OVERRIDE_KEYS.flatMap((k) => ['--endpoint-override', `${k}=${base}`]);
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((res) => {
    const child = spawn(process.execPath, [CLI, 'batch', '.', '--jobs', '2', '--probe', '--probe-rate', '1000', ...overrides, '-o', 'out.jsonl'], { cwd: tmp.dir, env: { PATH: process.env.PATH } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (c) => res({ code: c, stderr: err }));
  });
  assert.equal(code, 0, stderr);
  const rtdb = requests.filter((u) => u.includes('ns=acme-shop-prod-default-rtdb'));
  assert.equal(rtdb.length, 1, `one request for the database of 20 apps: ${requests.join(', ')}`);
  const lines = readLines(join(tmp.dir, 'out.jsonl'));
  assert.deepEqual(lines.map((l) => l.artifact).sort(), names);
  for (const l of lines) {
    const ep = l.endpoints.find((e) => e.url === 'https://acme-shop-prod-default-rtdb.firebaseio.com/');
    assert.ok(ep, l.artifact);
    assert.match(ep.status, /^open-/, l.artifact);
    assert.match(ep.checkedAt ?? '', /^\d{4}-/);
    const fps = new Set(ep.findings);
    assert.ok(l.findings.filter((f) => fps.has(f.fingerprint)).every((f) => f.severity === 'critical'), 're-graded on every line');
    assert.ok(l.endpoints.filter((e) => e !== ep).every((e) => e.status !== 'not-probed'), 'every endpoint of every app has a probe result');
  }
  const perResource = new Map<string, number>();
  for (const u of requests) perResource.set(u, (perResource.get(u) ?? 0) + 1);
  assert.ok([...perResource.values()].every((n) => n <= 2), `no resource probed once per app: ${JSON.stringify([...perResource])}`);
});
