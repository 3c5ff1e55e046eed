import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isBinaryPlist, readPlist } from '../../../server/src/core/artifact/plist';
import { scanStrings } from '../../../server/src/core/artifact/strings-scan';
import { TextScanner } from '../../../server/src/core/text/scanner';
import { ALL_RULES } from '../../../server/src/core/rules';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/apple/${name}`));
const pairs = (r: { strings: Array<{ key?: string; value: string }> }) => Object.fromEntries(r.strings.map((s) => [s.key, s.value]));

for (const form of ['bplist', 'xml.plist']) {
  test(`GoogleService-Info.${form}: values keyed by their plist key`, () => {
    const bytes = fixture(`GoogleService-Info.${form}`);
    assert.equal(isBinaryPlist(bytes), form === 'bplist');
    const r = readPlist(bytes, 'Payload/Demo.app/GoogleService-Info.plist');
    assert.deepEqual(r.errors, []);
    const p = pairs(r);
    assert.equal(p.DATABASE_URL, 'https://acme-leaky-default-rtdb.firebaseio.com');
    assert.equal(p.STORAGE_BUCKET, 'acme-leaky.appspot.com');
    assert.equal(p.API_KEY, 'AIzakkf06He9svCHKF7VXZCy3y0ypF9E4qUgWsp');
    assert.ok(r.strings.some((x) => x.value === '<key>IS_ADS_ENABLED</key><false/>'));
  });

  test(`Info.${form}: nested dicts and arrays, ATS boolean rendered as the XML plist fragment`, () => {
    const r = readPlist(fixture(`Info.${form}`), 'Info.plist');
    assert.deepEqual(r.errors, []);
    const p = pairs(r);
    assert.ok(r.strings.some((x) => x.key === undefined && x.value === '<key>NSAppTransportSecurity</key><dict><key>NSAllowsArbitraryLoads</key><true/>'));
    assert.equal(p.BackupBucket, 'https://acme-leaky-backups.s3.amazonaws.com/');
    assert.equal(p.Mirrors, 'https://acme-leaky-cdn.nyc3.digitaloceanspaces.com', 'array items keep the array key');
  });
}

/** A bplist00 from raw object bodies (1-byte refs, 2-byte offsets), top object 0. */
function bplist(objects: number[][]): Uint8Array {
  const head = [...Buffer.from('bplist00')];
  const body: number[] = [];
  const offsets: number[] = [];
  for (const o of objects) { offsets.push(head.length + body.length); body.push(...o); }
  const tableAt = head.length + body.length;
  const u64 = (n: number) => [0, 0, 0, 0, 0, 0, n >> 8, n & 0xff];
  const trailer = [0, 0, 0, 0, 0, 0, 2, 1, ...u64(objects.length), ...u64(0), ...u64(tableAt)];
  return new Uint8Array([...head, ...body, ...offsets.flatMap((o) => [o >> 8, o & 0xff]), ...trailer]);
}

test('binary plist with a reference cycle ends in an error, not a stack overflow', () => {
  const r = readPlist(bplist([[0xa1, 0x00]]), 'x.plist'); // array whose only item is itself
  assert.deepEqual(r.strings, []);
  assert.match(r.errors[0], /reference cycle/);
  const dict = readPlist(bplist([[0xd1, 0x01, 0x00], [0x51, 0x6b]]), 'y.plist'); // {"k": <itself>}
  assert.match(dict.errors[0], /reference cycle at object 0/);
});

test('binary plist nested deeper than the limit, and shared references that expand exponentially', () => {
  const deep = Array.from({ length: 200 }, (_, i) => (i < 199 ? [0xa1, i + 1] : [0x51, 0x61]));
  assert.match(readPlist(bplist(deep), 'x').errors[0], /deeper than 64/);
  // each level is [next, next]: 40 levels would expand to 2^40 objects in the parser
  const bomb = Array.from({ length: 41 }, (_, i) => (i < 40 ? [0xa2, i + 1, i + 1] : [0x51, 0x61]));
  assert.match(readPlist(bplist(bomb), 'x').errors[0], /more than 200000 objects/);
});

test('binary plist: truncated trailer, offset table past the end, reference out of range', () => {
  assert.match(readPlist(Buffer.from('bplist00abc'), 'x').errors[0], /trailer truncated/);
  const bad = bplist([[0xa1, 0x05]]);
  assert.match(readPlist(bad, 'x').errors[0], /reference 5 out of range/);
  const table = bplist([[0x51, 0x61]]);
  table[table.length - 1] = 0xf0;
  assert.match(readPlist(table, 'x').errors[0], /offset table past end of file/);
});

test('XML plist: deep nesting and an unclosed string end in errors', () => {
  const deep = `<plist><dict>${'<key>a</key><dict>'.repeat(100)}</dict></plist>`;
  assert.match(readPlist(Buffer.from(deep), 'x').errors[0], /deeper than 64/);
  const open = '<plist><dict><key>DATABASE_URL</key><string>https://x.firebaseio.com</dict></plist>';
  assert.match(readPlist(Buffer.from(open), 'x').errors[0], /<string> is not closed/);
  assert.match(readPlist(Buffer.from('{"not":"a plist"}'), 'x').errors[0], /not a property list/);
});

test('ATS exception booleans carry their domain; the cleartext rule sees them as in an XML plist', () => {
  const xml = '<plist><dict><key>NSAppTransportSecurity</key><dict><key>NSExceptionDomains</key><dict>' +
    '<key>localhost</key><dict><key>NSExceptionAllowsInsecureHTTPLoads</key><true/></dict>' +
    '<key>legacy.acme.com</key><dict><key>NSExceptionAllowsInsecureHTTPLoads</key><true/></dict>' +
    '</dict></dict></dict></plist>';
  const r = readPlist(Buffer.from(xml), 'Info.plist');
  assert.deepEqual(r.strings.map((s) => s.value), [
    '<key>localhost</key><dict><key>NSExceptionAllowsInsecureHTTPLoads</key><true/>',
    '<key>legacy.acme.com</key><dict><key>NSExceptionAllowsInsecureHTTPLoads</key><true/>',
  ]);
  const found = scanStrings(new TextScanner(ALL_RULES), r.strings, { path: 'Payload/A.app/Info.plist', entry: 'Payload/A.app/Info.plist', reportFile: 'A.ipa' });
  assert.deepEqual(found.findings.map((f) => [f.ruleId, f.location.line]), [['cleartext-traffic', 2]], 'localhost exceptions are not findings');
  assert.match(found.findings[0].message, /legacy\.acme\.com/);
});

test('XML plist entities are decoded', () => {
  const r = readPlist(Buffer.from('<plist><dict><key>URL</key><string>https://a.example/?x=1&amp;sig=&#65;</string></dict></plist>'), 'x');
  assert.deepEqual(r.strings, [{ key: 'URL', value: 'https://a.example/?x=1&sig=A' }]);
});
