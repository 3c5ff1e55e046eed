#!/usr/bin/env bash
# Apple/native/JS artifact fixtures: real toolchains, small outputs, committed under
# test/fixtures/{native,apple}. Run by `npm run fixtures` (scripts/fixtures.sh calls this file);
# can also run alone: `bash scripts/fixtures-apple.sh` (SKIP_APT=1 to skip the Debian install).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NATIVE=test/fixtures/native
APPLE=test/fixtures/apple
mkdir -p "$NATIVE" "$APPLE"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Debian keeps ld64.lld and llvm-lipo under /usr/lib/llvm-N/bin.
with_llvm() { for d in /usr/lib/llvm-*/bin; do [ -d "$d" ] && PATH="$PATH:$d"; done; }
with_llvm
if [ "${SKIP_APT:-}" != 1 ]; then
  if ! command -v clang >/dev/null || ! command -v ld64.lld >/dev/null || ! command -v llvm-lipo >/dev/null || ! command -v plistutil >/dev/null; then
    [ -n "${APT_UPDATED:-}" ] || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld llvm libplist-utils zip >/dev/null
    with_llvm
  fi
fi

# Leaky constants shared by the native fixtures (all fake: the Azure key is 88 base64 chars of filler).
cat > "$TMP/leaky.c" <<'EOF'
const char *azure_conn = "DefaultEndpointsProtocol=https;AccountName=leaklensdemo;AccountKey=Up09nMwqHkUTm3PvoNAF8DVG1mYjzWQSRJVGGkhgiM8dbw4h3lyHTk1Od0Hm2VzDYLnnLPlYGtmqBDno6vSBzQ==;EndpointSuffix=core.windows.net";
const char *s3_url = "https://acme-leaky-media.s3.us-east-1.amazonaws.com/uploads/";
const char *firebase_url = "https://acme-leaky-default-rtdb.firebaseio.com";
int leak_len(void) { return (int)(azure_conn[0] + s3_url[0] + firebase_url[0]); }
EOF

# --- ELF: Android shared objects for arm64-v8a and x86_64 (no NDK sysroot needed with -nostdlib)
for t in aarch64:arm64-v8a x86_64:x86_64; do
  triple=${t%%:*}-linux-android21
  clang --target="$triple" -fuse-ld=lld -shared -nostdlib -fPIC -O1 -o "$NATIVE/${t#*:}-libleaky.so" "$TMP/leaky.c"
done
# 32-bit big-endian object: exercises ELFCLASS32 + ELFDATA2MSB (MIPS, relocatable .o is enough).
clang --target=mips-linux-gnu -c -O1 -o "$NATIVE/mips32be-leaky.o" "$TMP/leaky.c"

# --- Mach-O: arm64 iOS executable (no SDK: -nostdlib, entry _main) and an x86_64 slice
cat > "$TMP/main.c" <<'EOF'
/* A Swift string literal longer than 15 bytes is stored in __TEXT,__cstring like this one. */
const char *swift_like = "https://acme-ios-prod.firebaseio.com/users";
const char *bucket = "s3://acme-ios-private-backups";
const char *sas = "https://acmeiosstore.blob.core.windows.net/media?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo%3D";
int main(void) { return swift_like[0] + bucket[0] + sas[0]; }
EOF
for a in arm64 x86_64; do
  clang -target "$a-apple-ios15.0" -O1 -c -o "$TMP/main-$a.o" "$TMP/main.c"
  ld64.lld -arch "$a" -platform_version ios 15.0 15.0 -e _main -o "$TMP/Demo-$a" "$TMP/main-$a.o"
done
cp "$TMP/Demo-arm64" "$APPLE/Demo-arm64"
# Universal binary (0xCAFEBABE header) by llvm-lipo, which Debian ships with clang's llvm.
llvm-lipo -create -output "$APPLE/Demo-fat" "$TMP/Demo-arm64" "$TMP/Demo-x86_64"

# Objective-C object file: @"…" literal (__cfstring → __cstring) beside selector/class/type-encoding
# sections (__objc_methname, __objc_classname, __objc_methtype) that the reader skips. An object
# file because ld64.lld 14 merges those sections into __cstring when linking (Apple's ld64 does not).
cat > "$TMP/config.m" <<'EOF'
__attribute__((objc_root_class))
@interface LLConfig
- (const void *)storageBucketEndpointSelectorName;
@end
@implementation LLConfig
- (const void *)storageBucketEndpointSelectorName { return @"https://acme-objc-prod.firebaseio.com/"; }
@end
EOF
clang -target arm64-apple-ios15.0 -fobjc-runtime=ios-15.0 -O1 -c -o "$APPLE/objc-arm64.o" "$TMP/config.m"

# --- Plists: XML sources converted to binary by libplist's plistutil
cat > "$TMP/GoogleService-Info.plist" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>API_KEY</key><string>AIzakkf06He9svCHKF7VXZCy3y0ypF9E4qUgWsp</string>
  <key>GCM_SENDER_ID</key><string>123456789012</string>
  <key>BUNDLE_ID</key><string>com.acme.demo</string>
  <key>PROJECT_ID</key><string>acme-leaky</string>
  <key>STORAGE_BUCKET</key><string>acme-leaky.appspot.com</string>
  <key>IS_ADS_ENABLED</key><false/>
  <key>DATABASE_URL</key><string>https://acme-leaky-default-rtdb.firebaseio.com</string>
  <key>GOOGLE_APP_ID</key><string>1:123456789012:ios:0a1b2c3d4e5f6a7b</string>
</dict>
</plist>
EOF
cat > "$TMP/Info.plist" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>CFBundleIdentifier</key><string>com.acme.demo</string>
  <key>CFBundleExecutable</key><string>Demo</string>
  <key>NSAppTransportSecurity</key>
  <dict><key>NSAllowsArbitraryLoads</key><true/></dict>
  <key>AcmeConfig</key>
  <dict><key>BackupBucket</key><string>https://acme-leaky-backups.s3.amazonaws.com/</string>
        <key>Mirrors</key><array><string>https://acme-leaky-cdn.nyc3.digitaloceanspaces.com</string></array></dict>
</dict>
</plist>
EOF
for p in GoogleService-Info Info; do
  plistutil -i "$TMP/$p.plist" -o "$APPLE/$p.bplist" -f bin
  cp "$TMP/$p.plist" "$APPLE/$p.xml.plist"
done

# --- React Native: a plain bundle and the same bundle compiled by Hermes (hermesc from npm)
cat > "$APPLE/main.jsbundle" <<'EOF'
var __BUNDLE_START_TIME__=Date.now();!function(e){var t={DATABASE_URL:"https://acme-rn-prod.firebaseio.com",storageBucket:'acme-rn-prod.appspot.com'};var r=/"[^"]*"/g,n=4/2/1;e.cfg=t;e.bucket="https://acme-rn-"+"uploads.s3.amazonaws.com/";e.tpl=`https://acmernstore.blob.core.windows.net/${e.x}/avatars`;console.log("it\u0027s \x41 test")}(globalThis);
EOF
# hermes-compiler 0.14.0 emits HBC v96 (RN 0.7x era), 260318099.0.8 (Hermes 1.0) emits HBC v99.
for hv in 0.14.0:main.hbc 260318099.0.8:main-v99.hbc; do
  mkdir -p "$TMP/hermes-${hv%%:*}"
  (cd "$TMP/hermes-${hv%%:*}" && npm pack --silent "hermes-compiler@${hv%%:*}" >/dev/null && tar xzf hermes-compiler-*.tgz)
  "$TMP/hermes-${hv%%:*}/package/hermesc/linux64-bin/hermesc" -emit-binary -out "$APPLE/${hv#*:}" "$APPLE/main.jsbundle"
done

# --- Hermes object literals: Amplify and Firebase config objects, two objects sharing one key list
# (hermesc reuses it), an object of 20 properties (a long literal run) and 300 other strings
# (string ids past one byte). Compiled by both hermesc versions.
{
  printf 'var pad = [%s];\n' "$(seq -f '"pad-string-%03g"' 0 299 | paste -sd, -)"
  cat <<'EOF'
const awsmobile = {
  "aws_project_region": "eu-west-1",
  "aws_cognito_identity_pool_id": "eu-west-1:4f6c2b1e-9a7d-4c3e-8b2a-1d5e6f7a8b9c",
  "aws_user_files_s3_bucket": "acme-rn-user-files-dev",
  "aws_user_files_s3_bucket_region": "eu-west-1"
};
const firebaseConfig = { apiKey: "AIzaSyDq1cT3bLhZ8vWn5kQp0rYx2uJm4oEi6sA", projectId: "acme-rn-prod", storageBucket: "acme-rn-prod.appspot.com", appId: "1:731045829917:android:5c1d9e3f0b7a2e64" };
const mirrorA = { bucket: "acme-rn-mirror-one", region: "us-east-1" };
const mirrorB = { bucket: "acme-rn-mirror-two", region: "us-west-2" };
const wide = { k00: 1, k01: 2, k02: 3, k03: 4, k04: 5, k05: 6, k06: 7, k07: 8, k08: 9, k09: 10, k10: 11, k11: 12, k12: 13, k13: 14, k14: 15, k15: 16, k16: 17, k17: 18, k18: 19, s3Bucket: "acme-rn-wide-bucket" };
module.exports = { pad, awsmobile, firebaseConfig, mirrorA, mirrorB, wide };
EOF
} > "$APPLE/config.js"
for hv in 0.14.0:config-v96.hbc 260318099.0.8:config-v99.hbc; do
  "$TMP/hermes-${hv%%:*}/package/hermesc/linux64-bin/hermesc" -emit-binary -out "$APPLE/${hv#*:}" "$APPLE/config.js"
done

# --- IPA and .xcarchive assembled from the pieces above
APP="$TMP/ipa/Payload/Demo.app"
mkdir -p "$APP/Frameworks/Leaky.framework" "$APP/PlugIns/Share.appex"
cp "$APPLE/Demo-fat" "$APP/Demo"
cp "$APPLE/Info.bplist" "$APP/Info.plist"
cp "$APPLE/GoogleService-Info.bplist" "$APP/GoogleService-Info.plist"
cp "$APPLE/main.hbc" "$APP/main.jsbundle"
cp "$TMP/Demo-arm64" "$APP/Frameworks/Leaky.framework/Leaky"
cp "$TMP/Demo-arm64" "$APP/PlugIns/Share.appex/Share"
printf '{"awsS3TransferUtility":{"Default":{"Bucket":"acme-leaky-amplify","Region":"us-east-1"}}}\n' > "$APP/awsconfiguration.json"
rm -f "$APPLE/Demo.ipa"
(cd "$TMP/ipa" && TZ=UTC find Payload -exec touch -t 202601010000 {} + && zip -qrX "$ROOT/$APPLE/Demo.ipa" Payload)
XC="$APPLE/Demo.xcarchive"
rm -rf "$XC"
mkdir -p "$XC/Products/Applications" "$XC/dSYMs/Demo.app.dSYM/Contents/Resources/DWARF"
cp -R "$APP" "$XC/Products/Applications/"
# Debug symbols do not ship: the walker must not read them (this string would be a finding).
printf 'https://acme-dsym-only.firebaseio.com\n' > "$XC/dSYMs/Demo.app.dSYM/Contents/Resources/DWARF/Demo"
plistutil -i "$TMP/Info.plist" -o "$XC/Info.plist" -f xml
echo "fixtures: Apple/native written to $NATIVE and $APPLE"
