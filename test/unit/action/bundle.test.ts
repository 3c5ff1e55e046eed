// dist/action.js is committed (a `uses:` step runs it as is): it must be what a fresh build of the
// current sources gives, and stay small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('the committed dist/action.js equals a fresh build of the sources (run `npm run build:action` and commit it)', async () => {
  const { buildAction, ACTION_BUNDLE } = await import('../../../scripts/build-action.mjs');
  const fresh = await buildAction({ write: false });
  const committed = readFileSync(ACTION_BUNDLE, 'utf8');
  assert.ok(committed === fresh, `dist/action.js is stale (${committed.length} bytes committed, ${fresh.length} fresh): run \`npm run build:action\` and commit dist/action.js`);
  assert.ok(Buffer.byteLength(fresh) < 400 * 1024, `the action bundle grew to ${Buffer.byteLength(fresh)} bytes (no probes or HTTP client belong in it)`);
  assert.doesNotMatch(fresh, /undici/, 'the probes stay out of the action');
});
