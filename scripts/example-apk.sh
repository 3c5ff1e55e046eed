#!/usr/bin/env bash
# Compiles examples/android into the parts of a real APK (aapt: binary manifest, resources.arsc,
# binary res/xml; our DEX writer, checked by dexdump: the string constants of its Kotlin/Java
# sources, joined as the compiler joins constant concatenations). The example's build command
# (examples/android/tools/build-apk.mjs, what Build & Scan runs there) zips these parts into an APK.
# Called by scripts/fixtures.sh; needs aapt, android-framework-res and dexdump.
set -euo pipefail
cd "$(dirname "$0")/.."
EX=examples/android
PARTS=$EX/tools/apk-parts
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# the Android Gradle plugin writes the module's namespace into the merged manifest; do the same
namespace=$(sed -n "s/^ *namespace *=\? *['\"]\([^'\"]*\)['\"].*/\1/p" "$EX/app/build.gradle")
sed "s|<manifest |<manifest package=\"$namespace\" |" "$EX/app/src/main/AndroidManifest.xml" > "$TMP/AndroidManifest.xml"
# ...and turns `resValue "string", "name", "value"` lines into generated resources
mkdir -p "$TMP/gen/values"
{ echo '<?xml version="1.0" encoding="utf-8"?>'; echo '<resources>'
  sed -n 's/^ *resValue *"string", *"\([^"]*\)", *"\([^"]*\)".*/    <string name="\1">\2<\/string>/p' "$EX/app/build.gradle"
  echo '</resources>'; } > "$TMP/gen/values/gradle-resvalues.xml"
aapt package -f --auto-add-overlay -M "$TMP/AndroidManifest.xml" -S "$EX/app/src/main/res" -S "$TMP/gen" \
  -I /usr/share/android-framework-res/framework-res.apk -F "$TMP/res.ap_"
(cd "$TMP" && unzip -q res.ap_ -d res)
mkdir -p "$PARTS"
cp "$TMP/res/AndroidManifest.xml" "$PARTS/AndroidManifest.axml"  # binary XML: .axml so text scans skip it
cp "$TMP/res/resources.arsc" "$PARTS/resources.arsc"
cp "$TMP/res/res/xml/network_security_config.xml" "$PARTS/network_security_config.axml"
node --import tsx scripts/example-dex-strings.ts "$EX/app/src/main/java" > "$TMP/strings.json"
node --import tsx scripts/example-dex-strings.ts "$EX/app/src/main/java" --classes > "$TMP/classes.json"
node --import tsx scripts/dexwriter.ts "$PARTS/classes.dex" "$TMP/strings.json" "$TMP/classes.json"
if dexdump -f "$PARTS/classes.dex" 2>&1 >/dev/null | grep -q Failure; then echo "dexdump rejected $PARTS/classes.dex" >&2; exit 1; fi
# dexdump's view of the constant fields: the oracle of test/unit/artifact/dexConstants.test.ts
dexdump -d "$PARTS/classes.dex" > test/fixtures/android/example-classes.dexdump.txt
ls -l "$PARTS"
