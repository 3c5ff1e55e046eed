// dist/action.js is build output (npm run build), not tracked on main: the release workflow builds it
// and commits it onto the release tags that `uses:` steps name. It must build deterministically (a
// tag's bundle is what any checkout of that tag builds), stay small, and leave the probes out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

test('the Action bundle builds deterministically, small and without the probes', async () => {
  const { buildAction } = await import('../../../scripts/build-action.mjs');
  const first = await buildAction({ write: false });
  const second = await buildAction({ write: false });
  assert.ok(first === second, 'two builds of the same sources differ');
  assert.ok(Buffer.byteLength(first) < 400 * 1024, `the action bundle grew to ${Buffer.byteLength(first)} bytes (no probes or HTTP client belong in it)`);
  assert.doesNotMatch(first, /undici/, 'the probes stay out of the action');
});

test('the release workflow builds and commits the file action.yml runs, onto the release tags', () => {
  const action = load(readFileSync('action.yml', 'utf8')) as { runs: { main: string } };
  const workflow = load(readFileSync('.github/workflows/release-action.yml', 'utf8')) as {
    on: { push: { tags: string[] } }; jobs: { bundle: { steps: Array<{ run?: string }> } };
  };
  assert.ok(workflow.on.push.tags.length > 0, 'runs on release tags');
  const runs = workflow.jobs.bundle.steps.map((s) => s.run ?? '').join('\n');
  assert.match(runs, /npm run build:action/);
  assert.ok(runs.includes(`git add --force ${action.runs.main}`), `commits ${action.runs.main} (ignored on main)`);
  assert.match(runs, /git push --force origin "refs\/tags\/\$\{GITHUB_REF_NAME\}"/);
  assert.match(readFileSync('.gitignore', 'utf8'), /^dist\/$/m, 'dist/ is not tracked on main');
});
