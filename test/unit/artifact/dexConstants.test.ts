import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readDex } from '../../../server/src/core/artifact/dex';
import { createEngine } from '../../../server/src/core/engine';
import { writeDex } from '../../../scripts/dexwriter';
import { rng } from '../../helpers/rng';

const keyed = (r: { strings: Array<{ key?: string; value: string }> }) => r.strings.filter((s) => s.key).map((s) => `${s.key}=${s.value}`);

test('the example app\'s classes.dex: every constant field dexdump shows comes with its name', () => {
  // dexdump -d prints each static field's `name : 'X'` and, for constants, `value : "…"`
  const dump = readFileSync('test/fixtures/android/example-classes.dexdump.txt', 'utf8');
  const oracle = [...dump.matchAll(/name\s+: '(\w+)'\n\s+type\s+: 'Ljava\/lang\/String;'\n\s+access\s+: [^\n]+\n\s+value\s+: "((?:[^"\\]|\\.)*)"/g)]
    .map((m) => `${m[1]}=${m[2].replace(/\\"/g, '"')}`);
  assert.ok(oracle.length >= 10, `dexdump lists the constants (${oracle.length})`);
  const r = readDex(readFileSync('examples/android/tools/apk-parts/classes.dex'));
  assert.deepEqual(r.errors, []);
  // a value shared by two fields keeps the first name; every dexdump pair is there otherwise
  const ours = new Set(keyed(r));
  const values = new Map(keyed(r).map((k) => [k.slice(k.indexOf('=') + 1), k]));
  for (const pair of oracle) assert.ok(ours.has(pair) || values.has(pair.slice(pair.indexOf('=') + 1)), pair);
  assert.ok(ours.has('S3_BUCKET=acme-photos-user-uploads'));
});

test('constants keep string-table order and give key-dependent rules their field name', async () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzKEYQ3EGRU';
  const bytes = writeDex(['hello-world'], [
    { descriptor: 'Lcom/acme/BuildConfig;', fields: [{ name: 'S3_BUCKET', value: 'acme-media-uploads' }, { name: 'APPLICATION_ID', value: 'com.acme.photos' }] },
    { descriptor: 'Lcom/acme/Keys;', fields: [{ name: 'AWS_SECRET_ACCESS_KEY', value: secret }] },
  ]);
  const r = readDex(bytes);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.strings.map((s) => s.value), [...r.strings.map((s) => s.value)].sort(), 'string_ids order');
  assert.deepEqual(keyed(r).sort(), ['APPLICATION_ID=com.acme.photos', `AWS_SECRET_ACCESS_KEY=${secret}`, 'S3_BUCKET=acme-media-uploads']);
  const found = (await createEngine().scanArtifact('app.apk', bytes)).findings.map((f) => `${f.ruleId} ${f.value} ${/\((\w+)\)$/.exec(f.message)?.[1] ?? ''}`.trim());
  // without the names: no bucket (a bare name is not a finding) and no secret (no key id in this DEX)
  assert.deepEqual(found.sort(), ['aws-s3-bucket acme-media-uploads S3_BUCKET', 'aws-secret-access-key wJalrXUt…']);
});

test('string indexes past one byte and many classes pair correctly', () => {
  const pad = Array.from({ length: 600 }, (_, i) => `pad-${String(i).padStart(3, '0')}`);
  const classes = Array.from({ length: 40 }, (_, c) => ({
    descriptor: `Lcom/acme/C${c};`,
    fields: Array.from({ length: 5 }, (_, f) => ({ name: `F${c}_${f}`, value: `zz-value-${c}-${f}` })),
  }));
  const r = readDex(writeDex(pad, classes));
  assert.deepEqual(keyed(r).sort(), classes.flatMap((c, ci) => c.fields.map((_, f) => `F${ci}_${f}=zz-value-${ci}-${f}`)).sort());
});

test('corrupted class data and static values never throw; ids outside the tables are dropped', () => {
  const original = writeDex(['x-string'], [{ descriptor: 'Lcom/acme/K;', fields: [{ name: 'S3_BUCKET', value: 'acme-media-uploads' }, { name: 'REGION', value: 'eu-west-1' }] }]);
  const next = rng(7);
  for (let i = 0; i < 500; i++) {
    const b = original.slice();
    for (let k = 0; k < 1 + Math.floor(next() * 6); k++) b[0x40 + Math.floor(next() * (b.length - 0x40))] = Math.floor(next() * 256);
    const r = readDex(b);
    for (const s of r.strings) assert.ok(typeof s.value === 'string' && (s.key === undefined || typeof s.key === 'string'));
  }
});
