import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { packStrings, unpackStrings } from '../../../server/src/core/artifact/packed';
import { readDex, readDexPacked } from '../../../server/src/core/artifact/dex';
import type { ExtractedString } from '../../../server/src/core/artifact/types';
import { writeDex } from '../../../scripts/dexwriter';

const engine = createEngine();
const RTDB = 'https://acme-shop-prod-default-rtdb.firebaseio.com';

const STRINGS: ExtractedString[] = [
  { value: 'plain' },
  { key: 'S3_BUCKET', value: 'acme-media' },
  { value: 'two\nlines' },
  { value: '' },
  { value: 'caf\u00e9 latin1' },
  { value: '\u65e5\u672c\u8a9e wide \ud83d\ude00' },
  { key: 'ODD "key"\nname', value: 'x\ny' },
  { value: 'last' },
];

test('packed text: one string a line, named values as <string name>, the line each starts on', () => {
  const p = packStrings(STRINGS);
  assert.equal(p.text, 'plain\n<string name="S3_BUCKET">acme-media</string>\ntwo\nlines\n\ncaf\u00e9 latin1\n\u65e5\u672c\u8a9e wide \ud83d\ude00\n<string name="ODD _key__name">x\ny</string>\nlast');
  assert.deepEqual([...p.startLine], [1, 2, 3, 5, 6, 7, 8, 10]);
  assert.equal(p.count, STRINGS.length);
  assert.deepEqual([...p.keys], [[1, 'S3_BUCKET'], [6, 'ODD "key"\nname']]);
});

test('packed strings unpack to what was packed (ASCII, latin1, wide, empty, multi-line, named)', () => {
  assert.deepEqual(unpackStrings(packStrings(STRINGS)), STRINGS);
  assert.deepEqual(unpackStrings(packStrings([])), []);
  const latin1Only = STRINGS.filter((s) => !/[^\x20-\xff\n]/.test(s.value));
  assert.deepEqual(unpackStrings(packStrings(latin1Only)), latin1Only);
});

test('a DEX packed straight from its bytes reads as its strings; wide and multi-line ones too', () => {
  const values = ['alpha', 'two\nlines here', '\u65e5\u672c\u8a9e', 'caf\u00e9', RTDB, 'zeta'];
  const dex = writeDex(values, [{ descriptor: 'Lcom/acme/BuildConfig;', fields: [{ name: 'DATABASE_URL', value: RTDB }] }]);
  const { packed, errors } = readDexPacked(dex);
  assert.deepEqual(errors, []);
  const strings = readDex(dex).strings;
  assert.deepEqual(unpackStrings(packed), strings);
  for (const v of values) assert.ok(strings.some((s) => s.value === v), v);
  assert.equal(strings.find((s) => s.value === RTDB)?.key, 'DATABASE_URL');
});

test('a DEX finding after wide and multi-line strings is on its string index, column inside the value, field named', async () => {
  const values = ['a\nb\nc', '\u65e5\u672c\u8a9e', `db=${RTDB}`];
  const dex = writeDex(values, [{ descriptor: 'Lcom/acme/Config;', fields: [{ name: 'DB', value: `db=${RTDB}` }] }]);
  const index = readDex(dex).strings.findIndex((s) => s.value === `db=${RTDB}`);
  const r = await engine.scanArtifact('classes.dex', dex);
  assert.deepEqual(r.errors, []);
  const f = r.findings.find((x) => x.ruleId === 'firebase-database-url');
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.location.line, index + 1);
  assert.equal(f.location.column, 'db=https://'.length + 1);
  assert.match(f.message, /\(DB\)$/);
});
