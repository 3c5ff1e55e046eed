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

test('a truncated or damaged DEX packs only strings it really holds, each whole, named only by its own field', () => {
  const values = ['alpha', 'two\nlines here', '\u65e5\u672c\u8a9e', 'caf\u00e9', RTDB, `long-${'x'.repeat(300)}`, '\ud83d\ude00 smile', 'zeta'];
  const dex = writeDex(values, [{ descriptor: 'Lcom/acme/BuildConfig;', fields: [{ name: 'DATABASE_URL', value: RTDB }, { name: 'GREETING', value: 'alpha' }] }]);
  const whole = readDex(dex).strings;
  const known = new Map(whole.map((s) => [s.value, s.key]));
  const check = (bytes: Uint8Array, what: string, cut: boolean) => {
    const { packed } = readDexPacked(bytes);
    const got = unpackStrings(packed);
    assert.equal(got.length, packed.count, what);
    assert.deepEqual(packed.text, packStrings(got).text, `${what}: the text is the strings, one a line`);
    for (const s of got) {
      if (!cut) continue; // damaged in place: strings may change, the text stays consistent
      assert.ok(known.has(s.value), `${what}: ${JSON.stringify(s.value)} is not a string of the DEX`);
      if (s.key !== undefined) assert.equal(s.key, known.get(s.value), `${what}: ${s.value} named ${s.key}`);
    }
    return got.length;
  };
  let sawSome = 0;
  for (let cut = 0; cut <= dex.length; cut++) if (check(dex.subarray(0, cut), `cut at ${cut}`, true) > 0 && cut < dex.length) sawSome++;
  assert.ok(sawSome > 0, 'some cuts keep some strings');
  // every byte after the header flipped in turn: never a throw, the packed text always consistent
  for (let at = 0x38; at < dex.length; at++) {
    const bad = Uint8Array.from(dex);
    bad[at] ^= 0xa5;
    check(bad, `byte ${at} flipped`, false);
  }
});
