// Every custom LSP message and the settings shape, shared by the VS Code client and the language
// server (like vscode-eslint's shared/settings.ts). Only type-level imports from the core, so the
// client bundle does not pull the engine in.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { EndpointResult, Finding, Report, Severity, Where } from './core/types';

/** Every `where` (core/types.ts WHERES; repeated here so the client bundle does not import the core). */
export const WHERE_VALUES: readonly Where[] = ['app', 'build', 'ci', 'test'];

/** One line on where a finding lives, for the hover, the panel and the Findings tree. */
export const WHERE_NOTES: Record<Where, string> = {
  app: 'ships in the app',
  build: 'in a build script, backend config or repository docs: not shipped in the app (one severity step lower)',
  ci: 'in CI configuration: not shipped in the app (one severity step lower)',
  test: 'in test code: not shipped in the app (one severity step lower)',
};

/** The `leaklens` configuration section as `workspace/configuration` returns it. */
export interface LeakLensSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** ruleId → severity or `off`. */
  rules: Record<string, Severity | 'off'>;
  /** Globs (relative to the workspace folder) never scanned. */
  exclude: string[];
  probe: {
    enabled: boolean;
    allowWrite: boolean;
    /** provider → base URL of a local stand-in (DESIGN §7). */
    endpointOverrides: Record<string, string>;
  };
  build: { command: string[]; outputs: string[] };
  maxFileSizeKb: number;
  /** Show only findings that live in these parts of the project (DESIGN §4 `where`). */
  where: Where[];
}

export const DEFAULT_SETTINGS: LeakLensSettings = {
  enable: true,
  run: 'onType',
  rules: {},
  exclude: [],
  probe: { enabled: false, allowWrite: false, endpointOverrides: {} },
  build: { command: [], outputs: [] },
  maxFileSizeKb: 1024,
  where: [...WHERE_VALUES],
};

/**
 * Fills what is missing or wrongly typed (settings come from user JSON) from `base`: the defaults,
 * or what initializationOptions carried when a client's workspace/configuration answer is partial or null.
 */
export function normalizeSettings(raw: unknown, base: LeakLensSettings = DEFAULT_SETTINGS): LeakLensSettings {
  const o = isObject(raw) ? raw : {};
  const probe = isObject(o.probe) ? o.probe : {};
  const build = isObject(o.build) ? o.build : {};
  const d = base;
  return {
    enable: typeof o.enable === 'boolean' ? o.enable : d.enable,
    run: o.run === 'onSave' || o.run === 'onType' ? o.run : d.run,
    rules: isObject(o.rules) ? filterRecord(o.rules, (v) => typeof v === 'string' && SEVERITY_OR_OFF.has(v)) as Record<string, Severity | 'off'> : d.rules,
    exclude: Array.isArray(o.exclude) ? stringArray(o.exclude) : d.exclude,
    probe: {
      enabled: typeof probe.enabled === 'boolean' ? probe.enabled : d.probe.enabled,
      allowWrite: typeof probe.allowWrite === 'boolean' ? probe.allowWrite : d.probe.allowWrite,
      endpointOverrides: isObject(probe.endpointOverrides) ? filterRecord(probe.endpointOverrides, (v) => typeof v === 'string') as Record<string, string> : d.probe.endpointOverrides,
    },
    build: {
      command: Array.isArray(build.command) ? stringArray(build.command) : d.build.command,
      outputs: Array.isArray(build.outputs) ? stringArray(build.outputs) : d.build.outputs,
    },
    maxFileSizeKb: typeof o.maxFileSizeKb === 'number' && o.maxFileSizeKb > 0 ? Math.min(o.maxFileSizeKb, 65536) : d.maxFileSizeKb,
    where: Array.isArray(o.where) ? WHERE_VALUES.filter((w) => (o.where as unknown[]).includes(w)) : d.where,
  };
}

const SEVERITY_OR_OFF = new Set(['critical', 'high', 'medium', 'low', 'info', 'off']);
function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 1000) : [];
}
function filterRecord(o: Record<string, unknown>, keep: (v: unknown) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => keep(v)));
}

/**
 * Sent by the client in `initialize`. Other editors (docs/editors.md) may also put the `leaklens.*`
 * settings here, at the top level or under `leaklens` (e.g. `{ "rules": { "google-api-key": "off" } }`).
 */
export interface InitializationOptions {
  /** VS Code workspace trust: untrusted → diagnostics only, no probes. Other editors: false unless set. */
  trusted: boolean;
  /**
   * The client runs SCAN_WORKSPACE_COMMAND and PROBE_COMMAND itself (the VS Code extension, with its
   * progress UI and panel); otherwise the server offers them through workspace/executeCommand.
   */
  clientCommands?: boolean;
}

/** What the code actions need, carried in `Diagnostic.data`. */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  endpoint?: string;
}

/** Command id behind "Probe this endpoint now" (a client command in VS Code, workspace/executeCommand elsewhere). */
export const PROBE_COMMAND = 'leaklens.probeEndpoint';
/** "Scan Workspace" (a client command in VS Code, workspace/executeCommand elsewhere; no arguments). */
export const SCAN_WORKSPACE_COMMAND = 'leaklens.scanWorkspace';
/** Arguments of PROBE_COMMAND when a code action invokes it. */
export interface ProbeCommandArgs {
  uri: string;
  fingerprint: string;
}

export interface ScanWorkspaceParams {
  workDoneToken?: string | number;
}
export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  errors: number;
  /** Files skipped (too large, minified, binary, excluded by size/count limits). */
  skipped: number;
  cancelled: boolean;
}
export const ScanWorkspaceRequest = {
  type: new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>('leaklens/scanWorkspace'),
};

export interface ScanArtifactParams {
  /** Absolute path of an APK/AAB/IPA/.app/.xcarchive. */
  path: string;
  workDoneToken?: string | number;
}
export const ScanArtifactRequest = {
  type: new RequestType<ScanArtifactParams, Report, void>('leaklens/scanArtifact'),
};

export interface ProbeParams {
  /** Probe the findings with these fingerprints (from open documents, the workspace scan or the last report). */
  fingerprints?: string[];
  /** Or every finding whose endpoint is one of these URLs. */
  endpoints?: string[];
  /**
   * The user asked for these endpoints now (the panel's Probe button): allowed even when
   * `leaklens.probe.enabled` (automatic probing) is off; never in an untrusted workspace.
   */
  explicit?: boolean;
  workDoneToken?: string | number;
}
export interface ProbeResult {
  endpoints: EndpointResult[];
  /** The probed findings, re-graded (open → critical). */
  findings: Finding[];
}
export const ProbeRequest = {
  type: new RequestType<ProbeParams, ProbeResult, void>('leaklens/probe'),
};

export interface ExportParams {
  report: Report;
  format: 'json' | 'sarif' | 'html';
  /** `file:` URI the report's paths are relative to (SARIF `%SRCROOT%`). */
  rootUri?: string;
}
export const ExportRequest = {
  /** Renders a report (the panel's) in one of the CLI's formats. */
  type: new RequestType<ExportParams, { content: string }, void>('leaklens/export'),
};

export const ReportRequest = {
  /** The last report (workspace scan, artifact scan, with probe results), or null. */
  type: new RequestType0<Report | null, void>('leaklens/report'),
};

export type ServerState = 'idle' | 'scanning' | 'probing' | 'disabled' | 'error';
export interface StatusParams {
  state: ServerState;
  /** Findings currently published across all documents. */
  findings: number;
  /** One-line human message (e.g. why a file was skipped). */
  message?: string;
  uri?: string;
}
export const StatusNotification = {
  type: new NotificationType<StatusParams>('leaklens/status'),
};

/** Client → server: workspace trust changed (granted at runtime). */
export const TrustNotification = {
  type: new NotificationType<{ trusted: boolean }>('leaklens/trust'),
};
