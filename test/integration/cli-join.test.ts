// The CLI joins open Firebase rules to the database/bucket URLs the app ships, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, put, tempDir, RTDB } from './cli-helpers';
import type { Report } from '../../server/src/core/types';

test('a database URL in google-services.json points at the rule that opens it, and back', () => {
  const { dir, cleanup } = tempDir();
  try {
    put(dir, {
      'firebase.json': JSON.stringify({ database: { rules: 'database.rules.json' } }),
      '.firebaserc': JSON.stringify({ projects: { default: 'acme-prod' } }),
      'database.rules.json': '{\n  "rules": {\n    ".read": true,\n    ".write": "auth != null"\n  }\n}\n',
      'app/google-services.json': JSON.stringify({ project_info: { project_id: 'acme-prod', firebase_url: RTDB } }, null, 2),
    });
    const r = cli(['scan', '.', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as Report;
    const url = report.findings.find((f) => f.ruleId === 'firebase-database-url')!;
    const rule = report.findings.find((f) => f.ruleId === 'firebase-rules-public-read')!;
    assert.deepEqual(url.related?.map((x) => [x.location.file, x.location.line]), [['database.rules.json', 3]]);
    assert.match(url.related![0].message, /open because of database\.rules\.json:3/);
    assert.deepEqual(rule.related?.map((x) => x.location.file), ['app/google-services.json']);
  } finally {
    cleanup();
  }
});
