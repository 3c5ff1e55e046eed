// Which archive entries can hold an app's strings, from their name and their first bytes. The rest
// are skipped before they are inflated whole: every entry opened costs a zlib call (~25 µs) and
// every byte inflated costs time, so reading less is the fastest way to scan an artifact.
// Decisions (issue 15, measured on the 18 MB uiautomator2 APK of bench/artifact.ts):
// - Media, fonts, signatures, compiled nibs/asset catalogs: skipped by name, as the .app walker does.
// - ICU data: the files of an `icudt<NN><b|l>/` folder (ICU4J's com/ibm/icu/impl/data/icudt73b/,
//   Android's android/icu/…) with ICU's own extensions are skipped by name. They are generated
//   Unicode/CLDR tables (locale and currency names, collation, break rules, time zones): they do
//   hold strings, even URLs in notices, but never an app's configuration. 3,744 of that APK's 3,841
//   entries, 27.0 of its 42.8 inflated MB; opening them one by one was 15% of the scan's instructions.
//   Anything else in such a folder (a .json, a .dex) is still read.
// - An entry whose name routes it (DEX, ARSC, XML, JSON, plist…) is always inflated whole.
// - Any other entry above SNIFF_ABOVE bytes is sniffed: its first inflated bytes only (zip.ts
//   peekEntry). Media and ICU data recognised by their magic are skipped, whatever their name;
//   everything else is read and routed by its content, so a DEX, JSON, XML or JS file under an odd
//   name or extension is still found. Smaller entries are inflated whole: a peek costs as much.

/** Skipped by name, never inflated. */
export const SKIP_NAME = /\.(png|jpe?g|webp|gif|bmp|ico|icns|heic|avif|ttf|otf|woff2?|mp3|ogg|oga|wav|caf|m4a|aac|flac|mp4|mov|m4v|webm|mkv|3gp|car|nib|RSA|DSA|EC|mobileprovision)$|(^|\/)META-INF\/(MANIFEST\.MF|[^/]+\.SF)$|(^|\/)_CodeSignature\/|\.storyboardc\/|(^|\/)icudt\d+[bl]\/(?:[^/]+\/)*[^/]+\.(res|icu|brk|dict|nrm|spp|cfu|cnv|lst)$/i;

/** Entries routed by their name: inflated whole, never skipped by a sniff. */
export const NAMED_ROUTE = /\.(dex|arsc|xml|apk|aab|zip|jar|aar|ipa|bundle|jsbundle|json|properties|plist)$/i;

/** Entries up to this size are inflated whole without a sniff (a peek would cost as much). */
export const SNIFF_ABOVE = 2048;

/** True when the name alone says the entry holds no strings of interest. */
export const skipByName = (name: string): boolean => SKIP_NAME.test(name);

/** True when an entry should be sniffed (first bytes only) before it is inflated whole. */
export const worthSniffing = (name: string, declaredSize: number): boolean => declaredSize > SNIFF_ABOVE && !NAMED_ROUTE.test(name);

/** Media, fonts and ICU data by their magic bytes: formats that hold no app configuration. */
export function isDataFormat(h: Uint8Array): boolean {
  const at = (o: number, ...sig: number[]) => sig.every((v, i) => h[o + i] === v);
  return at(0, 0x89, 0x50, 0x4e, 0x47) || at(0, 0xff, 0xd8, 0xff) || at(0, 0x47, 0x49, 0x46, 0x38) ||
    at(0, 0x52, 0x49, 0x46, 0x46) || at(0, 0x4f, 0x67, 0x67, 0x53) || at(0, 0x49, 0x44, 0x33) ||
    at(0, 0x77, 0x4f, 0x46, 0x46) || at(0, 0x77, 0x4f, 0x46, 0x32) || at(0, 0x4f, 0x54, 0x54, 0x4f) ||
    at(0, 0x00, 0x01, 0x00, 0x00, 0x00) || at(4, 0x66, 0x74, 0x79, 0x70) ||
    at(2, 0xda, 0x27); // ICU data header (UDataInfo magic 0xda 0x27): .res/.icu/.brk/.nrm/.dict/.spp/.dat
}
