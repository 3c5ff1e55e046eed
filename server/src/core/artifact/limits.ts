// Every bound of the artifact scanner in one place (zip bombs, hostile counts, deep nesting).
// Exceeding one gives an `errors` item for the entry (or the archive) and the scan goes on.

export interface ArtifactLimits {
  /** Entries read per archive (central directory records). */
  maxEntries: number;
  /** Inflated bytes over the whole scan, nested archives included. */
  maxTotalInflated: number;
  /** Inflated bytes of one entry (declared size checked first, real output capped too). */
  maxEntryInflated: number;
  /** Inflated/compressed ratio allowed for entries above `ratioFloor` bytes. */
  maxRatio: number;
  /** Entries smaller than this are never refused for their ratio (tiny files compress well). */
  ratioFloor: number;
  /** Archives inside archives: the outer archive is depth 0. */
  maxDepth: number;
  /** Strings taken from one entry; the rest are dropped with an error item. */
  maxStringsPerEntry: number;
  /** Characters of one extracted string (longer ones are cut). */
  maxStringLength: number;
  /** Size of a text entry (json, properties, plain xml) scanned as text. */
  maxTextEntry: number;
}

export const DEFAULT_LIMITS: Readonly<ArtifactLimits> = Object.freeze({
  maxEntries: 65_535,
  maxTotalInflated: 1024 * 1024 * 1024,
  maxEntryInflated: 128 * 1024 * 1024,
  maxRatio: 200,
  ratioFloor: 1024 * 1024,
  maxDepth: 3,
  maxStringsPerEntry: 1_000_000,
  maxStringLength: 64 * 1024,
  maxTextEntry: 8 * 1024 * 1024,
});

/** Limits with some fields overridden (tests use tiny limits). */
export function withLimits(overrides: Partial<ArtifactLimits> = {}): ArtifactLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** Mutable budget shared by every archive of one scan. */
export class InflateBudget {
  used = 0;
  constructor(readonly limits: ArtifactLimits) {}
  get remaining(): number {
    return Math.max(0, this.limits.maxTotalInflated - this.used);
  }
}
