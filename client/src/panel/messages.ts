// Messages between the extension host and the side panel webview, typed both ways and validated
// on receipt (a webview message is untrusted input).
import type { EndpointStatus, ExposureCategory, FindingLocation, Provider, Severity, Where } from '../../../server/src/core/types';

export interface PanelFinding {
  fingerprint: string;
  ruleId: string;
  title: string;
  severity: Severity;
  value: string;
  message: string;
  location: FindingLocation;
  /** `source` (a project file) or `artifact` (an entry inside the built app). */
  origin: 'source' | 'artifact';
  /** Where it lives (DESIGN §4): `app` ships; `build`, `ci`, `test` stay in the repository. */
  where: Where;
}

export interface PanelEndpoint {
  /** Null for the group of findings that imply no reachable endpoint (keys, cleartext flags). */
  url: string | null;
  provider: Provider | null;
  kind: string;
  status: EndpointStatus;
  evidence: string;
  checkedAt: string | null;
  /** What the names an open endpoint showed suggest is inside (empty when nothing or not open). */
  exposes: ExposureCategory[];
  /** Worst severity among its findings (after probe re-grading). */
  severity: Severity;
  findings: PanelFinding[];
}

export interface PanelModel {
  /** What was scanned: artifact paths or the workspace. */
  title: string;
  artifacts: string[];
  builtAt: string | null;
  counts: Record<Severity, number>;
  providers: Provider[];
  endpoints: PanelEndpoint[];
  errors: Array<{ file: string; entry?: string | null; message: string }>;
  /** Probing allowed here (trusted workspace); otherwise the re-probe buttons are disabled. */
  canProbe: boolean;
}

export type HostToPanel =
  | { type: 'model'; model: PanelModel }
  | { type: 'busy'; message: string }
  | { type: 'error'; message: string };

export type PanelToHost =
  | { type: 'ready' }
  | { type: 'open'; fingerprint: string }
  | { type: 'probe'; url: string }
  | { type: 'export'; format: 'json' | 'sarif' | 'html' }
  | { type: 'buildAndScan' }
  | { type: 'scanArtifact' };

const FORMATS = new Set(['json', 'sarif', 'html']);
const isShortString = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Validates a message from the webview; anything else is dropped. */
export function parsePanelMessage(raw: unknown): PanelToHost | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready': case 'buildAndScan': case 'scanArtifact':
      return { type: m.type };
    case 'open':
      return isShortString(m.fingerprint, 128) ? { type: 'open', fingerprint: m.fingerprint } : undefined;
    case 'probe':
      return isShortString(m.url) && /^https:\/\//.test(m.url) ? { type: 'probe', url: m.url } : undefined;
    case 'export':
      return typeof m.format === 'string' && FORMATS.has(m.format) ? { type: 'export', format: m.format as 'json' | 'sarif' | 'html' } : undefined;
    default:
      return undefined;
  }
}
