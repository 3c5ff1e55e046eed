import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { createEngine } from '../../../server/src/core/engine';
import type { ByteSource } from '../../../server/src/core/artifact/source';
import { openFileSource } from '../../../server/src/node/fileSource';
import { scanArtifactPath } from '../../../server/src/node/artifact';

const engine = createEngine();
const LEAK = 'db = "https://acme-shop-prod-default-rtdb.firebaseio.com"\n';
const FIXTURES = ['android/leaky.apk', 'android/leaky.aab', 'android/leaky.apks', 'android/leaky.xapk', 'android/ref.apk', 'apple/Demo.ipa', 'android/classes.dex'];

/** Offset of the local file header of `name` (JSZip also writes folder entries such as `assets/`). */
function localHeaderOf(zip: Uint8Array, name: string): number {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = b.indexOf('PK\x03\x04', 0, 'latin1'); i >= 0; i = b.indexOf('PK\x03\x04', i + 1, 'latin1')) {
    if (b.toString('latin1', i + 30, i + 30 + b.readUInt16LE(i + 26)) === name) return i;
  }
  throw new Error(`no local header for ${name}`);
}

function withTmp(run: (dir: string) => Promise<void> | void): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaklens-source-'));
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('positioned reads: any range, short at the end, empty outside; small reads through the window, big ones direct', withTmp((dir) => {
  const bytes = Buffer.alloc(300_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  const file = join(dir, 'blob');
  writeFileSync(file, bytes);
  const src = openFileSource(file);
  try {
    assert.equal(src.size, bytes.length);
    const kept = src.read(10, 46);
    const copy = Buffer.from(kept);
    // sequential small reads (central-directory records) and reads elsewhere (local headers, data)
    for (let p = 0; p < 200_000; p += 46 + (p % 97)) assert.deepEqual(Buffer.from(src.read(p, 46)), bytes.subarray(p, p + 46), `at ${p}`);
    for (const p of [299_990, 150_000, 5, 250_000]) assert.deepEqual(Buffer.from(src.read(p, 20)), bytes.subarray(p, p + 20));
    assert.deepEqual(Buffer.from(src.read(1000, 100_000)), bytes.subarray(1000, 101_000));
    assert.equal(src.read(299_990, 64).length, 10, 'short read at the end');
    assert.equal(src.read(300_000, 10).length, 0);
    assert.equal(src.read(-5, 10).length, 0);
    assert.equal(src.read(0, 0).length, 0);
    assert.deepEqual(Buffer.from(kept), copy, 'bytes handed out are never written over');
  } finally {
    src.close();
  }
}));

test('an artifact read from its file gives the same findings and errors as its bytes in memory', async () => {
  for (const name of FIXTURES) {
    const path = `test/fixtures/${name}`;
    const fromFile = await scanArtifactPath(engine, path, name);
    const fromBytes = await engine.scanArtifact(name, readFileSync(path));
    assert.deepEqual(fromFile, fromBytes, name);
    assert.ok(fromFile.findings.length > 0, `${name} has findings`);
  }
});

test('a truncated or damaged archive file gives the same errors as its bytes, and what can be read still is', withTmp(async (dir) => {
  const z = new JSZip();
  z.file('assets/a.properties', LEAK);
  z.file('assets/pad.bin', Buffer.alloc(50_000, 1));
  z.file('assets/b.properties', LEAK.replace('acme-shop', 'acme-two'));
  const whole = Buffer.from(await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const damaged = Buffer.from(whole);
  damaged.writeUInt32LE(0x12345678, localHeaderOf(whole, 'assets/pad.bin')); // its signature
  for (const [name, bytes] of [['cut.apk', whole.subarray(0, whole.length - 30)], ['damaged.apk', damaged]] as const) {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const fromFile = await scanArtifactPath(engine, file, name);
    assert.deepEqual(fromFile, await engine.scanArtifact(name, bytes), name);
    assert.ok(fromFile.errors.length > 0, `${name}: errors reported`);
  }
  const damagedResult = await scanArtifactPath(engine, join(dir, 'damaged.apk'), 'damaged.apk');
  assert.equal(damagedResult.findings.length, 2, 'the entries around the bad header are still scanned');
}));

test('a read that fails (I/O error) becomes an errors item; the other entries are scanned', async () => {
  const z = new JSZip();
  z.file('assets/a.properties', LEAK);
  z.file('assets/b.properties', LEAK.replace('acme-shop', 'acme-two'));
  const bytes = await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const second = localHeaderOf(bytes, 'assets/b.properties');
  const failing: ByteSource = {
    size: bytes.length,
    read(position, length) {
      if (position > second && position < second + 80) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      return bytes.slice(position, position + length);
    },
  };
  const r = await engine.scanArtifact('flaky.apk', failing);
  assert.equal(r.findings.length, 1);
  assert.deepEqual(r.errors.map((e) => `${e.entry}: ${e.message}`), ['assets/b.properties: entry data not readable: EIO: i/o error, read']);
});

test('an archive that shrinks or grows while it is scanned: what was there is read, the rest are errors items, no throw', withTmp(async (dir) => {
  const z = new JSZip();
  z.file('assets/a.properties', LEAK);
  z.file('assets/pad.bin', Buffer.alloc(200_000, 7), { compression: 'STORE' }); // past the read-ahead window
  z.file('assets/b.properties', LEAK.replace('acme-shop', 'acme-two'));
  const bytes = Buffer.from(await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const file = join(dir, 'moving.apk');
  const whole = await engine.scanArtifact('moving.apk', bytes);
  assert.equal(whole.findings.length, 2);

  // another process cuts the file once the central directory has been read, as the first entry is (a copy being overwritten)
  writeFileSync(file, bytes);
  const src = openFileSource(file);
  let cut = false;
  const shrinking: ByteSource = {
    size: src.size,
    read(position, length) {
      if (!cut && position === localHeaderOf(bytes, 'assets/a.properties')) {
        truncateSync(file, localHeaderOf(bytes, 'assets/pad.bin') + 100);
        cut = true;
      }
      return src.read(position, length);
    },
  };
  try {
    const r = await engine.scanArtifact('moving.apk', shrinking);
    assert.ok(cut);
    assert.deepEqual(r.findings.map((f) => f.location.entry), ['assets/a.properties'], 'the entry still there is scanned');
    assert.deepEqual(r.errors.map((e) => e.entry).sort(), ['assets/b.properties', 'assets/pad.bin'], JSON.stringify(r.errors));
    assert.ok(r.errors.every((e) => /past the end of the archive/.test(e.message)), JSON.stringify(r.errors));
  } finally {
    src.close();
  }

  // bytes appended after it was opened are not read: the scan is the one of the file as opened
  writeFileSync(file, bytes);
  const grown = openFileSource(file);
  try {
    appendFileSync(file, Buffer.alloc(70_000, 1));
    assert.equal(grown.size, bytes.length);
    assert.deepEqual(await engine.scanArtifact('moving.apk', grown), whole);
  } finally {
    grown.close();
  }
}));
