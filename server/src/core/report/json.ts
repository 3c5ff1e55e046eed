// The JSON report (DESIGN §4): the one report shape every other format is rendered from.
import type { EndpointResult, Finding, Report, ScanError } from '../types';
import { VERSION } from '../version';
import { groupEndpoints, mergeEndpoints, unifyEndpoints } from './endpoints';
import { whereOf } from '../where';
import { compareEndpointRisk, orderFindingsByRisk } from '../exposure';

export interface ReportInput {
  /** The scanned path as the user gave it (or `.` for several paths). */
  root: string;
  findings: readonly Finding[];
  errors: readonly ScanError[];
  /** Probe results to lay over the `not-probed` endpoints grouped from the findings. */
  probed?: readonly EndpointResult[];
  version?: string;
}

const byLocation = (a: Finding, b: Finding): number =>
  cmp(a.location.file, b.location.file) ||
  cmp(a.location.entry ?? '', b.location.entry ?? '') ||
  a.location.line - b.location.line ||
  a.location.column - b.location.column ||
  cmp(a.ruleId, b.ruleId);

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the report: endpoints grouped from the findings (one per resource), riskiest first once
 * probed (open, then what they expose: core/exposure.ts); findings of those endpoints first, each
 * group in file/line order; errors as given. Unprobed, the order is file/line.
 */
export function buildReport(input: ReportInput): Report {
  const sorted = unifyEndpoints([...input.findings].sort(byLocation)).map(normalizeFinding);
  const grouped = groupEndpoints(sorted);
  const endpoints = (input.probed ? mergeEndpoints(grouped, input.probed) : grouped).sort(compareEndpointRisk);
  return {
    tool: { name: 'leaklens', version: input.version ?? VERSION },
    root: input.root,
    findings: orderFindingsByRisk(sorted, endpoints),
    endpoints,
    errors: input.errors.map((e) => ({ file: e.file, entry: e.entry ?? null, message: e.message })),
  };
}

/** Exactly the DESIGN §4 fields, in its order (drops engine-internal extras, fills `entry: null` and `where`). */
function normalizeFinding(f: Finding): Finding {
  const { file, line, column, endLine, endColumn, entry } = f.location;
  const out: Finding = {
    ruleId: f.ruleId,
    severity: f.severity,
    provider: f.provider,
    message: f.message,
    value: f.value,
    endpoint: f.endpoint,
    location: { file, line, column, endLine, endColumn, entry: entry ?? null },
    fingerprint: f.fingerprint,
  };
  // every finding says where it lives (the engine sets it; hand-made findings get it from the path)
  out.where = f.where ?? (entry ? 'app' : whereOf(file));
  if (out.endpoint === undefined) delete out.endpoint;
  if (f.related?.length) out.related = f.related;
  if (f.commit) out.commit = { sha: f.commit.sha, date: f.commit.date, author: f.commit.author };
  if (f.inHead !== undefined) out.inHead = f.inHead;
  return out;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
