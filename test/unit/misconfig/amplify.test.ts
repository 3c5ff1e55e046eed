import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, scanFile } from './helpers';

const RULE = 'amplify-storage-guest-access';
const GEN1 = 'amplify/backend/storage/s3media/cli-inputs.json';
const GEN2 = 'amplify/storage/resource.ts';
const gen1 = (guest: string, access = 'authAndGuest') => scanFile(GEN1, `{
  "resourceName": "s3media",
  "policyUUID": "8d1e2f3a",
  "bucketName": "media",
  "storageAccess": "${access}",
  "guestAccess": ${guest},
  "authAccess": ["CREATE_AND_UPDATE", "READ", "DELETE"],
  "triggerFunction": "NONE"
}
`);
const gen2 = (access: string, param = 'allow') => scanFile(GEN2, `import { defineStorage } from '@aws-amplify/backend';

export const storage = defineStorage({
  name: 'media',
  access: (${param}) => ({
${access}
  }),
});
`);

test('Gen 1 positive: write, read and delete for guests (high)', () => {
  const r = gen1('["CREATE_AND_UPDATE", "READ", "DELETE"]');
  assert.deepEqual(at(r), [`6:${RULE}`]);
  assert.equal(r.findings[0].severity, 'high');
  assert.equal(r.findings[0].provider, 'amplify');
});
test('Gen 1 positive: read only (medium)', () => assert.equal(gen1('["READ"]').findings[0].severity, 'medium'));
test('Gen 1 positive: delete only', () => assert.equal(gen1('["DELETE"]').findings[0].severity, 'high'));
test('Gen 1 positive: multi-line list, range covers the property', () => {
  const r = gen1('[\n    "CREATE_AND_UPDATE"\n  ]');
  assert.deepEqual([r.findings[0].location.line, r.findings[0].location.endLine], [6, 8]);
});
test('Gen 1 positive: storageAccess missing', () => {
  const r = scanFile(GEN1, '{ "guestAccess": ["READ", "CREATE_AND_UPDATE"] }');
  assert.deepEqual(r.findings.map((f) => f.severity), ['high']);
});

test('Gen 1 negative: guestAccess []', () => assert.deepEqual(at(gen1('[]')), []));
test('Gen 1 negative: storageAccess auth', () => assert.deepEqual(at(gen1('["READ"]', 'auth')), []));
test('Gen 1 negative: no guestAccess key', () => assert.deepEqual(at(scanFile(GEN1, '{ "resourceName": "x", "authAccess": ["READ"] }')), []));
test('Gen 1 negative: the same JSON elsewhere is not read', () =>
  assert.deepEqual(at(scanFile('amplify/backend/api/x/cli-inputs.json', '{ "guestAccess": ["DELETE"] }')), []));
test('Gen 1 negative: guestAccess as a string value of another key', () =>
  assert.deepEqual(at(scanFile(GEN1, '{ "description": "guestAccess: [\\"DELETE\\"]", "guestAccess": [] }')), []));

test('Gen 2 positive: guest write and delete (high)', () => {
  const r = gen2("    'public/*': [\n      allow.guest.to(['read', 'write', 'delete']),\n      allow.authenticated.to(['read']),\n    ],");
  assert.deepEqual(at(r), [`7:${RULE}`]);
  assert.equal(r.findings[0].severity, 'high');
  assert.match(r.findings[0].message, /public\/\*/);
});
test('Gen 2 positive: read only (medium)', () => assert.equal(gen2("    'menus/*': [allow.guest.to(['read'])],").findings[0].severity, 'medium'));
test('Gen 2 positive: another parameter name', () => assert.deepEqual(at(gen2("    'up/*': [a.guest.to([\"write\"])],", 'a')), [`6:${RULE}`]));
test('Gen 2 positive: actions across lines', () => assert.deepEqual(at(gen2("    'x/*': [\n      allow.guest.to([\n        'delete',\n      ]),\n    ],")), [`7:${RULE}`]));
test('Gen 2 positive: two paths, two findings', () =>
  assert.equal(gen2("    'a/*': [allow.guest.to(['get'])],\n    'b/*': [allow.guest.to(['write'])],").findings.length, 2));

test('Gen 2 negative: comment', () => assert.deepEqual(at(gen2("    // allow.guest.to(['write'])\n    /* allow.guest.to(['delete']) */\n    'a/*': [allow.authenticated.to(['read'])],")), []));
test('Gen 2 negative: string', () => assert.deepEqual(at(gen2("    'a/*': [allow.authenticated.to(['read'])],\n    // note: `allow.guest.to(['write'])` was removed")), []));
test('Gen 2 negative: authenticated and entity only', () =>
  assert.deepEqual(at(gen2("    'p/{entity_id}/*': [allow.entity('identity').to(['read', 'write', 'delete']), allow.authenticated.to(['read'])],")), []));
test('Gen 2 negative: empty guest list', () => assert.deepEqual(at(gen2("    'a/*': [allow.guest.to([])],")), []));
test('Gen 2 negative: not the storage resource file', () =>
  assert.deepEqual(at(scanFile('src/storage/resource.ts', "allow.guest.to(['write'])")), []));
