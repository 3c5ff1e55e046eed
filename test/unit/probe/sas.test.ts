import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSas, sasParams, sasResult } from '../../../server/src/probe/probes/sas';

const NOW = new Date('2026-06-01T00:00:00Z');

test('account SAS with write/delete/list, far-future expiry and http allowed → open-write', () => {
  const v = 'https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2035-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https,http&sig=AbCdEfGh…';
  const s = analyzeSas(sasParams(v)!, NOW);
  assert.equal(s.kind, 'account');
  assert.ok(['read', 'write', 'delete', 'list'].every((p) => s.permissions.includes(p)));
  assert.equal(s.farFuture, true);
  assert.equal(s.httpAllowed, true);
  const r = sasResult(v, NOW);
  assert.equal(r.status, 'open-write');
  assert.match(r.evidence, /^offline SAS analysis: account SAS \(services bfqt, types sco\); sp=rwdlacupiytfx: read, write, delete, list, create, add \+7 more/);
  assert.match(r.evidence, /valid until 2035-01-01 \(more than a year ahead\); plain http allowed/);
  assert.ok(r.evidence.length <= 200);
});

test('service SAS: read+list → open-list, read only → open-read, expired → auth-required', () => {
  assert.equal(sasResult('sv=2021-08-06&sr=c&sp=rl&se=2026-12-01&spr=https&sig=x', NOW).status, 'open-list');
  const ro = sasResult('"?sv=2021-08-06&sr=b&sp=r&se=2026-07-01T00:00:00Z&spr=https&sig=x"', NOW);
  assert.equal(ro.status, 'open-read');
  assert.match(ro.evidence, /service SAS \(sr=b\); sp=r: read; valid until 2026-07-01$/);
  const old = sasResult('sv=2019-02-02&sr=c&sp=rwl&se=2020-01-01&sig=x', NOW);
  assert.equal(old.status, 'auth-required');
  assert.match(old.evidence, /expired 2020-01-01/);
});

test('stored access policy and connection strings; no SAS parameters → not-probed', () => {
  const r = sasResult('BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2021-08-06&sr=c&si=mobile-policy&sig=abcdefgh…', NOW);
  assert.match(r.evidence, /permissions from stored access policy; expiry from stored policy mobile-policy/);
  assert.equal(r.status, 'auth-required');
  assert.equal(sasResult('sig=abcdefgh…', NOW).status, 'not-probed');
  assert.equal(analyzeSas(new URLSearchParams('sv=2021-08-06&sr=c&sp=r&skoid=abc&se=2027-01-01'), NOW).kind, 'user-delegation');
});

test('SAS parameters come from the rule message when the value is redacted', async () => {
  const { sasFromFinding } = await import('../../../server/src/probe/probes/sas');
  const q = sasFromFinding({
    value: 'sv=2022-…',
    message: 'Azure SAS token for acct/uploads is compiled into the app (permissions rl, expires 2030-01-01T00:00:00Z, resource c)',
  })!;
  assert.deepEqual([q.get('sp'), q.get('se'), q.get('sr'), q.get('srt')], ['rl', '2030-01-01T00:00:00Z', 'c', null]);
  assert.equal(sasResult(q, NOW).status, 'open-list');
  assert.equal(sasFromFinding({ value: 'sv=2022-…', message: 'Azure SAS token is compiled into the app (no permissions listed)' }), undefined);
});
