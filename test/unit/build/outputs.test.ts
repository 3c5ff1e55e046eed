import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newestPerKind, pickArtifacts } from '../../../client/src/build/outputs';

test('only artifacts written since the build started, newest first', () => {
  const c = [
    { path: 'app/build/outputs/apk/debug/app-debug.apk', mtimeMs: 2000 },
    { path: 'app/build/outputs/apk/release/app-release.apk', mtimeMs: 900 },
    { path: 'app/build/outputs/bundle/debug/app-debug.aab', mtimeMs: 2100 },
    { path: 'app/build/intermediates/x.apk', mtimeMs: 3000 },
  ];
  const picked = pickArtifacts(c, ['**/build/outputs/apk/**/*.apk', '**/build/outputs/bundle/**/*.aab'], 1000);
  assert.deepEqual(picked.map((p) => p.path), ['app/build/outputs/bundle/debug/app-debug.aab', 'app/build/outputs/apk/debug/app-debug.apk']);
});

test('one artifact per kind', () => {
  const c = [
    { path: 'a/new.apk', mtimeMs: 3 }, { path: 'a/old.apk', mtimeMs: 2 }, { path: 'b/x.app', mtimeMs: 1 },
  ];
  assert.deepEqual(newestPerKind(c).map((p) => p.path), ['a/new.apk', 'b/x.app']);
});
