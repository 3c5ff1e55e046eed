// The keyword prefilter (Aho–Corasick): the keywords that `text.toLowerCase()` contains, exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeywordMatcher } from '../../../server/src/core/text/keywords';
import { ALL_RULES } from '../../../server/src/core/rules';
import { rng } from '../../helpers/rng';

const CATALOG = ALL_RULES.flatMap((r) => r.keywords);
const sorted = (s: Iterable<string>) => [...s].sort();
const naive = (keywords: readonly string[], text: string) => {
  const lower = text.toLowerCase();
  return keywords.filter((k) => lower.includes(k));
};

test('finds keywords whatever their case, lower-cased and without duplicates', () => {
  const m = new KeywordMatcher(['AKIA', 'akia', 'firebaseio.com', 'sig=']);
  assert.deepEqual(m.keywords, ['akia', 'firebaseio.com', 'sig=']);
  assert.deepEqual(sorted(m.find('const id = "AKIAIOSFODNN7EXAMPLE"; // Acme-Prod.FirebaseIO.com')), ['akia', 'firebaseio.com']);
  assert.deepEqual(sorted(m.find('nothing here: sig is not sig=')), ['sig=']);
  assert.deepEqual([...m.find('')], []);
});

test('overlapping and nested keywords are all found', () => {
  const m = new KeywordMatcher(['storageaccount', 'accountname', 'secret', 'sb_secret_', 'east-', 'northeast-']);
  assert.deepEqual(sorted(m.find('StorageAccountName=acme')), ['accountname', 'storageaccount']);
  assert.deepEqual(sorted(m.find('key = "sb_secret_abc"')), ['sb_secret_', 'secret']);
  assert.deepEqual(sorted(m.find('ap-northeast-1')), ['east-', 'northeast-']);
});

test('characters outside ASCII fold as toLowerCase folds them (Kelvin sign, dotted capital I)', () => {
  // the matcher's claim: only these two lower-case into something with an ASCII letter
  const folding: number[] = [];
  for (let c = 0x80; c < 0x10000; c++) if ([...String.fromCharCode(c).toLowerCase()].some((ch) => ch.charCodeAt(0) < 0x80)) folding.push(c);
  assert.deepEqual(folding, [0x130, 0x212a]);
  const m = new KeywordMatcher(['akia', 'ltai', 'aiza']);
  assert.deepEqual(sorted(m.find('A\u212AIA')), ['akia']); // Kelvin sign → k
  assert.deepEqual(sorted(m.find('LTA\u0130')), ['ltai']); // İ → i + combining dot: `ltai` is there…
  assert.deepEqual(sorted(m.find('A\u0130ZA')), []); // …but the dot then breaks `aiza`
  assert.deepEqual(sorted(m.find('caf\u00e9 \u65e5\u672c AIza')), ['aiza']);
});

test('agrees with toLowerCase() + includes on random text over the catalog keywords', () => {
  const m = new KeywordMatcher(CATALOG);
  const r = rng(14);
  const pieces = [...m.keywords, ...m.keywords.map((k) => k.toUpperCase()), 'a', 'e', '-', '.', ' ', '\n', '\u0130', '\u212a', 'é', '日'];
  for (let i = 0; i < 2000; i++) {
    let text = '';
    const n = Math.floor(r() * 12);
    for (let j = 0; j < n; j++) {
      const p = pieces[Math.floor(r() * pieces.length)];
      // cut pieces too, so keywords appear split and overlapping
      text += r() < 0.3 ? p.slice(Math.floor(r() * p.length)) : p;
    }
    assert.deepEqual(sorted(m.find(text)), sorted(naive(m.keywords, text)), JSON.stringify(text));
  }
});

test('the catalog builds a matcher (ASCII keywords, alphabet within the table)', () => {
  const m = new KeywordMatcher(CATALOG);
  assert.ok(m.keywords.length > 20);
  assert.throws(() => new KeywordMatcher(['caf\u00e9']), /ASCII/);
});

test('a keyword is found wherever it sits: at the start, the end, across the middle of the text', () => {
  const m = new KeywordMatcher(['firebaseio.com', 'eyj', 'sig=']);
  for (let n = 0; n <= 40; n++) {
    for (const k of ['firebaseio.com', 'EYJ', 'Sig=']) {
      for (let at = 0; at + k.length <= n; at++) {
        const text = 'x'.repeat(at) + k + 'y'.repeat(n - at - k.length);
        assert.deepEqual([...m.find(text)], [k.toLowerCase()], JSON.stringify(text));
      }
    }
  }
  // a dotted capital I only in the second half still switches to the lower-cased reading
  assert.deepEqual(sorted(m.find('y'.repeat(30) + 'S\u0130G=' + 'eyj')), ['eyj']);
  assert.deepEqual(sorted(m.find('eyj' + 'y'.repeat(30) + 'sig\u212a=')), ['eyj']);
});

test('occursInUtf8: true exactly when find of the decoded text is not empty (ASCII, other UTF-8, invalid bytes)', () => {
  const m = new KeywordMatcher(CATALOG);
  const r = rng(15);
  const pieces = [...m.keywords, ...m.keywords.map((k) => k.toUpperCase()), 'a', '-', ' ', '\n', 'é', '日本', '🚀', '\u00c4', '\u00e2'];
  for (let i = 0; i < 2000; i++) {
    let text = '';
    const n = Math.floor(r() * 10);
    for (let j = 0; j < n; j++) {
      const p = pieces[Math.floor(r() * pieces.length)];
      text += r() < 0.4 ? p.slice(Math.floor(r() * p.length)) : p;
    }
    const bytes = Buffer.from(text, 'utf8');
    // a stray byte of a broken sequence in the middle: decoded as U+FFFD
    const broken = Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.from([0xa9]), bytes.subarray(bytes.length >> 1)]);
    assert.equal(m.occursInUtf8(bytes), m.find(text).size > 0, JSON.stringify(text));
    assert.equal(m.occursInUtf8(broken), m.find(new TextDecoder().decode(broken)).size > 0, JSON.stringify(text));
  }
});

test('occursInUtf8: the bytes of İ and the Kelvin sign answer true (their lower case is ASCII); a keyword across the middle is found', () => {
  const m = new KeywordMatcher(['akia', 'ltai']);
  assert.equal(m.occursInUtf8(Buffer.from('A\u212AIA')), true); // find: akia
  assert.equal(m.occursInUtf8(Buffer.from('LTA\u0130')), true); // find: ltai
  assert.equal(m.occursInUtf8(Buffer.from('nothing \u2014 here')), true); // an em dash also starts with E2: unsure, not wrong
  assert.equal(m.occursInUtf8(Buffer.from('nothing here, caf\u00e9')), false);
  assert.equal(new KeywordMatcher([]).occursInUtf8(Buffer.from('akia')), false);
  const nested = new KeywordMatcher(['ab', 'abcd', 'bc']);
  for (const [text, want] of [['xxabxx', true], ['xbcx', true], ['xaxbxcx', false], ['ABCD', true], ['a', false]] as const) assert.equal(nested.occursInUtf8(Buffer.from(text)), want, text);
  for (let n = 4; n <= 30; n++) {
    for (let at = 0; at + 4 <= n; at++) assert.equal(m.occursInUtf8(Buffer.from('x'.repeat(at) + 'aKiA' + 'y'.repeat(n - at - 4))), true);
    assert.equal(m.occursInUtf8(Buffer.from('x'.repeat(n))), false);
  }
});
