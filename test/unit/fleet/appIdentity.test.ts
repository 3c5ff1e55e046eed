// App id and version from real toolchain artifacts (aapt/aapt2/bundletool-shaped fixtures, an IPA
// and an .xcarchive Info.plist from plistutil) and from archives built here to cover the branches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { appIdentityFromPlist, readAppIdentity } from '../../../server/src/core/artifact/appIdentity';

const fixture = (p: string) => readFileSync(`test/fixtures/${p}`);

test('Android: package and versionName from the binary manifest of an APK, AAB, APKS and XAPK', async () => {
  const want = { id: 'com.acme.shop', version: '1.4.2', platform: 'android' };
  for (const f of ['leaky.apk', 'leaky.aab', 'leaky.apks', 'leaky.xapk']) assert.deepEqual(await readAppIdentity(fixture(`android/${f}`)), want, f);
  // aapt compiled versionName="@string/version_name" to a reference (@0x7f020001): resolved through resources.arsc
  assert.deepEqual(await readAppIdentity(fixture('android/ref.apk')), { id: 'com.acme.ref', version: '2.7.1-ref', platform: 'android' });
});

test('an XAPK manifest.json with version_name is enough; a manifest entry that is not binary XML gives an unknown Android app', async () => {
  const xapk = new JSZip();
  xapk.file('manifest.json', JSON.stringify({ package_name: 'com.acme.x', version_name: '9.9' }));
  assert.deepEqual(await readAppIdentity(await xapk.generateAsync({ type: 'uint8array' })), { id: 'com.acme.x', version: '9.9', platform: 'android' });
  const odd = new JSZip();
  odd.file('AndroidManifest.xml', '<manifest package="plain.text"/>');
  assert.deepEqual(await readAppIdentity(await odd.generateAsync({ type: 'uint8array' })), { id: null, version: null, platform: 'android' });
});

test('iOS: CFBundleIdentifier and CFBundleShortVersionString from Info.plist (IPA, zipped .app, xcarchive)', async () => {
  assert.deepEqual(await readAppIdentity(fixture('apple/Demo.ipa')), { id: 'com.acme.demo', version: null, platform: 'ios' });
  const app = new JSZip();
  app.file('Shop.app/Info.plist', '<?xml version="1.0"?><plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.acme.shop.ios</string><key>CFBundleShortVersionString</key><string>3.1.0</string></dict></plist>');
  assert.deepEqual(await readAppIdentity(await app.generateAsync({ type: 'uint8array' })), { id: 'com.acme.shop.ios', version: '3.1.0', platform: 'ios' });
  assert.equal(appIdentityFromPlist(fixture('apple/Demo.xcarchive/Info.plist')).id, 'com.acme.demo');
});

test('not an app: unknown, never a throw', async () => {
  assert.deepEqual(await readAppIdentity(Buffer.from('not a zip')), { id: null, version: null, platform: null });
  assert.deepEqual(await readAppIdentity(fixture('android/leaky.apk').subarray(0, 2000)), { id: null, version: null, platform: null });
});
