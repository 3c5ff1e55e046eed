#!/usr/bin/env bash
# Regenerates the committed artifact fixtures with real toolchains (`npm run fixtures`).
# Android: aapt (binary manifest, resources.arsc, binary res/xml), our DEX writer checked by
# dexdump, our aapt2-proto writer for the AAB, zip for APK/AAB/.apks. Apple/native: scripts/fixtures-apple.sh.
# SKIP_APT=1 skips the Debian install (packages already present); ANDROID_ONLY=1 skips Apple/native.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [ "${SKIP_APT:-}" != 1 ]; then
  apt-get update -qq
  export APT_UPDATED=1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq aapt android-framework-res dexdump zip unzip >/dev/null
fi

# ---------------------------------------------------------------- Android
A=test/fixtures/android
SRC=$A/src
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FRAMEWORK=/usr/share/android-framework-res/framework-res.apk

# Binary manifest + resources.arsc + res/xml/network_security_config.xml, compiled by aapt.
aapt package -f -M "$SRC/AndroidManifest.xml" -S "$SRC/res" -I "$FRAMEWORK" -F "$TMP/res.ap_"
rm -rf "$TMP/res" && mkdir -p "$TMP/res" && (cd "$TMP/res" && unzip -q ../res.ap_)
cp "$TMP/res/AndroidManifest.xml" "$A/AndroidManifest.axml"
cp "$TMP/res/resources.arsc" "$A/resources.arsc"
cp "$TMP/res/res/xml/network_security_config.xml" "$A/network_security_config.axml"
aapt dump xmltree "$TMP/res.ap_" AndroidManifest.xml > "$A/AndroidManifest.xmltree.txt"
aapt dump --values resources "$TMP/res.ap_" > "$A/resources.dump.txt"

# DEX files from our writer, accepted by dexdump's verifier (checksum, signature, map, order).
node --import tsx scripts/dexwriter.ts "$A/classes.dex" "$SRC/dex-strings.json"
node --import tsx scripts/dexwriter.ts "$A/classes2.dex" "$SRC/dex2-strings.json"
for d in "$A/classes.dex" "$A/classes2.dex"; do
  if dexdump -f "$d" 2>&1 >/dev/null | grep -q 'Failure'; then
    echo "dexdump rejected $d" >&2
    dexdump -f "$d" >&2
    exit 1
  fi
done
dexdump -f "$A/classes.dex" > "$A/classes.dexdump.txt"

# A 1x1 PNG: must be skipped by name without being inflated.
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82' > "$TMP/icon.png"

# Reproducible zips: fixed timestamps (DOS time starts in 1980), fixed order, no extra fields.
export TZ=UTC
stamp() { find "$1" -exec touch -h -t 198001010000 {} +; }

# APK: aapt's output + classes*.dex + an asset + a drawable (unsigned: signatures hold no strings).
# resources.arsc and the PNG are stored, as real APKs do.
mkdir -p "$TMP/apk/assets" "$TMP/apk/res/drawable"
(cd "$TMP/apk" && unzip -q ../res.ap_)
cp "$A/classes.dex" "$A/classes2.dex" "$TMP/apk/"
cp "$SRC/assets/config.json" "$TMP/apk/assets/"
cp "$TMP/icon.png" "$TMP/apk/res/drawable/icon.png"
stamp "$TMP/apk"
rm -f "$A/leaky.apk"
(cd "$TMP/apk" && zip -q -X -D -n .arsc:.png "$ROOT/$A/leaky.apk" AndroidManifest.xml resources.arsc \
  res/xml/network_security_config.xml classes.dex classes2.dex assets/config.json res/drawable/icon.png)

# AAB module layout (bundletool input): base/manifest + base/res/xml as aapt2 proto XML and
# base/resources.pb as an aapt2 ResourceTable, written by scripts/aabwriter.ts from the same
# sources (Debian has no aapt2/bundletool), plus base/dex and base/assets.
mkdir -p "$TMP/aab/base/dex" "$TMP/aab/base/assets" "$TMP/aab/base/res/xml" "$TMP/aab/base/manifest"
W="node --import tsx scripts/aabwriter.ts"
$W xml "$SRC/AndroidManifest.xml" "$TMP/aab/base/manifest/AndroidManifest.xml"
$W xml "$SRC/res/xml/network_security_config.xml" "$TMP/aab/base/res/xml/network_security_config.xml"
$W resources "$SRC/res/values/strings.xml" com.acme.shop "$TMP/aab/base/resources.pb"
cp "$TMP/aab/base/manifest/AndroidManifest.xml" "$A/AndroidManifest.proto.xml"
cp "$TMP/aab/base/resources.pb" "$A/resources.pb"
cp "$A/classes.dex" "$TMP/aab/base/dex/classes.dex"
cp "$SRC/assets/config.json" "$TMP/aab/base/assets/"
stamp "$TMP/aab"
rm -f "$A/leaky.aab" && (cd "$TMP/aab" && zip -q -X -D -r "$ROOT/$A/leaky.aab" base)

# .apks (bundletool output): the APK nested under splits/.
mkdir -p "$TMP/apks/splits"
cp "$A/leaky.apk" "$TMP/apks/splits/base-master.apk"
stamp "$TMP/apks"
rm -f "$A/leaky.apks" && (cd "$TMP/apks" && zip -q -X -D -r "$ROOT/$A/leaky.apks" splits)

# ref.apk: the manifest's cleartext flag is a reference to a bool resource (@bool/allow_cleartext).
aapt package -f -M "$A/src-ref/AndroidManifest.xml" -S "$A/src-ref/res" -I "$FRAMEWORK" -F "$TMP/ref.ap_"
mkdir -p "$TMP/ref" && (cd "$TMP/ref" && unzip -q ../ref.ap_)
stamp "$TMP/ref"
rm -f "$A/ref.apk" && (cd "$TMP/ref" && zip -q -X -D -n .arsc "$ROOT/$A/ref.apk" AndroidManifest.xml resources.arsc)

# .xapk (APKPure-style): manifest.json + the APK + icon.
mkdir -p "$TMP/xapk"
cp "$A/leaky.apk" "$TMP/xapk/com.acme.shop.apk"
cp "$TMP/icon.png" "$TMP/xapk/icon.png"
printf '{"xapk_version":2,"package_name":"com.acme.shop","version_code":"7","split_apks":[{"file":"com.acme.shop.apk","id":"base"}]}\n' > "$TMP/xapk/manifest.json"
stamp "$TMP/xapk"
rm -f "$A/leaky.xapk" && (cd "$TMP/xapk" && zip -q -X -D "$ROOT/$A/leaky.xapk" manifest.json com.acme.shop.apk icon.png)

ls -l "$A"
echo "android fixtures regenerated"

# The parts examples/android's build command packs into its APK (Build & Scan demo).
bash scripts/example-apk.sh

# ---------------------------------------------------------------- Apple / native
if [ "${ANDROID_ONLY:-}" != 1 ] && [ -f scripts/fixtures-apple.sh ]; then bash scripts/fixtures-apple.sh; fi
