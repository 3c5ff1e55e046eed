// Shared shapes of the engine: findings, endpoints and reports (DESIGN §4). Pure data, no I/O.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** Most severe first; index order is used for comparisons (`severityRank`). */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);
/** True when `a` is at least as severe as `b`. */
export const atLeast = (a: Severity, b: Severity): boolean => severityRank(a) <= severityRank(b);

export type Provider =
  | 'firebase' | 'google' | 'aws' | 'gcs' | 'azure' | 'digitalocean' | 'alibaba' | 'supabase'
  | 'amplify' | 'generic' | 'platform'
  // more stores (DESIGN §3 "More stores and keys")
  | 'cloudflare' | 'backblaze' | 'wasabi' | 'linode' | 'scaleway' | 'tencent' | 'huawei' | 'ibm' | 'oracle';

/** Where a finding lives (DESIGN §4): ships in the app, or only in the repository's build, CI or test files. */
export type Where = 'app' | 'build' | 'ci' | 'test';
export const WHERES: readonly Where[] = ['app', 'build', 'ci', 'test'];

/** What an open endpoint's names suggest is inside (DESIGN §4 `exposes`), judged from names only. */
export type ExposureCategory = 'personal-data' | 'health' | 'payments' | 'credentials' | 'media' | 'messages' | 'location';
export const EXPOSURE_CATEGORIES: readonly ExposureCategory[] = ['personal-data', 'health', 'payments', 'credentials', 'media', 'messages', 'location'];

export interface FindingLocation {
  /** Path relative to the scan root, `/`-separated; for an archive, the archive's path. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what LSP and SARIF use). */
  column: number;
  endLine: number;
  /** 1-based column just past the last character (exclusive, as in SARIF). */
  endColumn: number;
  /** Path inside an archive (`classes2.dex`, `base.apk!/classes.dex`), null for plain files. */
  entry: string | null;
}

export interface RelatedLocation {
  message: string;
  location: FindingLocation;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  provider: Provider;
  message: string;
  /** The value as reports may show it: redacted (first 8 chars + `…`) for secrets. */
  value: string;
  /** Canonical URL of the reachable resource this finding implies, if any. */
  endpoint?: string;
  location: FindingLocation;
  /** Stable hash of rule + file/entry + raw value. */
  fingerprint: string;
  /** Other places that explain this finding (e.g. the rules file that opens the database). */
  related?: RelatedLocation[];
  /** Whether the value ships in the app or only lives in build, CI or test files. */
  where?: Where;
  /** `scan --history`: the commit that introduced the value (DESIGN §5). */
  commit?: FindingCommit;
  /** `scan --history`: whether HEAD still holds the value (otherwise only history does). */
  inHead?: boolean;
}

/** A commit as history findings name it. */
export interface FindingCommit {
  sha: string;
  /** Author date, ISO 8601. */
  date: string;
  /** Author name. */
  author: string;
}

export type EndpointStatus =
  | 'open-read' | 'open-list' | 'open-write' | 'auth-required' | 'not-found' | 'unreachable' | 'error' | 'not-probed';

export interface EndpointResult {
  provider: Provider;
  /** e.g. `s3-bucket`, `rtdb`, `azure-container`. */
  kind: string;
  url: string;
  status: EndpointStatus;
  evidence: string;
  checkedAt: string | null;
  /** Fingerprints of the findings that lead to this endpoint. */
  findings: string[];
  /** Only on open endpoints: what the names the probe saw suggest is inside. */
  exposes?: ExposureCategory[];
}

export interface ScanError {
  file: string;
  entry?: string | null;
  message: string;
}

export interface Report {
  tool: { name: 'leaklens'; version: string };
  root: string;
  findings: Finding[];
  endpoints: EndpointResult[];
  errors: ScanError[];
}

/** What scanning one file or artifact yields. */
export interface ScanResult {
  findings: Finding[];
  errors: ScanError[];
}
