// What a format reader returns: the strings a binary really ships, with where they came from.

export interface ExtractedString {
  value: string;
  /**
   * What names the value, when the format knows it: an ARSC resource name (`@string/s3_bucket`),
   * a plist key (`DATABASE_URL`), an AXML attribute (`android:usesCleartextTraffic`), a section.
   */
  key?: string;
}

export interface ReaderResult {
  strings: ExtractedString[];
  /** Problems with this entry (truncated header, count past the end…); the scan goes on. */
  errors: string[];
}

/** A bounded reader for one binary format. Must never throw on malformed input. */
export type FormatReader = (bytes: Uint8Array, entry: string) => ReaderResult;
