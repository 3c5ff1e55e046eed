// SARIF 2.1.0 for GitHub code scanning (DESIGN §4). Paths are relative to `%SRCROOT%`.
// Archive entries: the archive is the artifact (GitHub can only show files in the repository);
// the entry is named in the message, in `properties.entry` and as a logical location
// `<archive>!/<entry>`, and no region is given (the line/column are inside the extracted entry,
// not the archive's bytes; they go to `properties.entryRegion`).
import { commitNote } from './commit';
import type * as Sarif from 'sarif';
import type { RuleMeta } from '../rule';
import { ruleDocUrl } from '../rule';
import type { ExposureCategory, Finding, Report, ScanError, Severity } from '../types';
import { exposesText } from '../exposure';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/leaklens/leaklens';
/** Key of the stable finding fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'leaklens/v1';

export interface SarifOptions {
  /** Every rule the engine knows (`engine.rules`), so the driver lists them all. */
  rules: readonly RuleMeta[];
  /** `file:` URI of the scan root, ending with `/`; becomes `originalUriBaseIds.%SRCROOT%`. */
  rootUri?: string;
}

export function sarifLevel(s: Severity): Sarif.Result.level {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** GitHub's `security-severity` bands: ≥9 critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

function cwe(rule: RuleMeta): string {
  if (rule.id === 'cleartext-traffic') return 'external/cwe/cwe-319';
  if (rule.redact) return 'external/cwe/cwe-798';
  if (/rules|rls|policy|guest-access/.test(rule.id)) return 'external/cwe/cwe-284';
  return 'external/cwe/cwe-200';
}

function ruleDescriptor(rule: RuleMeta): Sarif.ReportingDescriptor {
  const { title, why, fix, links } = rule.doc;
  const linkText = links.length ? `\n\nReferences:\n${links.map((l) => `- ${l}`).join('\n')}` : '';
  const linkMd = links.length ? `\n\n**References**\n\n${links.map((l) => `- <${l}>`).join('\n')}` : '';
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: title },
    fullDescription: { text: why },
    helpUri: ruleDocUrl(rule.id),
    help: {
      text: `${title}\n\nWhy: ${why}\n\nFix: ${fix}${linkText}`,
      markdown: `**${title}**\n\n${why}\n\n**How to fix**\n\n${fix}${linkMd}`,
    },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'high',
      tags: ['security', rule.provider, cwe(rule)],
      provider: rule.provider,
    },
  };
}

function pascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function physical(file: string): Sarif.PhysicalLocation {
  return { artifactLocation: { uri: encodeUriPath(file), uriBaseId: '%SRCROOT%' } };
}

/** Percent-encodes a relative `/` path into a URI reference (spaces, `#`, `%`, `?`…). */
export function encodeUriPath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function result(f: Finding, ruleIndex: Map<string, number>, exposes: readonly ExposureCategory[] | undefined): Sarif.Result {
  const loc = f.location;
  const note = commitNote(f);
  const text = `${f.message}${loc.entry ? ` (in ${loc.entry}, line ${loc.line})` : ''}${note ? ` — ${note}` : ''}${exposes?.length ? ` — the open endpoint ${exposesText(exposes)}` : ''}`;
  const physicalLocation = physical(loc.file);
  const location: Sarif.Location = { physicalLocation };
  if (loc.entry) {
    location.logicalLocations = [{ fullyQualifiedName: `${loc.file}!/${loc.entry}`, kind: 'resource' }];
  } else {
    physicalLocation.region = { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn };
  }
  const properties: Sarif.PropertyBag = { severity: f.severity, value: f.value, where: f.where ?? 'app' };
  if (f.endpoint) properties.endpoint = f.endpoint;
  if (f.commit) properties.commit = f.commit;
  if (f.inHead !== undefined) properties.inHead = f.inHead;
  if (exposes?.length) properties.exposes = [...exposes];
  if (loc.entry) {
    properties.entry = loc.entry;
    properties.entryRegion = { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn };
  }
  const r: Sarif.Result = {
    ruleId: f.ruleId,
    level: sarifLevel(f.severity),
    message: { text },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties,
  };
  const index = ruleIndex.get(f.ruleId);
  if (index !== undefined) r.ruleIndex = index;
  if (f.related?.length) {
    r.relatedLocations = f.related.map((rel, id) => ({
      id,
      message: { text: rel.message },
      physicalLocation: {
        ...physical(rel.location.file),
        ...(rel.location.entry ? {} : { region: { startLine: rel.location.line, startColumn: rel.location.column } }),
      },
    }));
  }
  return r;
}

function notification(e: ScanError): Sarif.Notification {
  return {
    level: 'warning',
    message: { text: e.entry ? `${e.file}!/${e.entry}: ${e.message}` : `${e.file}: ${e.message}` },
    ...(e.file ? { locations: [{ physicalLocation: physical(e.file) }] } : {}),
  };
}

export function buildSarif(report: Report, options: SarifOptions): Sarif.Log {
  const rules = options.rules.map(ruleDescriptor);
  const ruleIndex = new Map(options.rules.map((r, i) => [r.id, i]));
  const exposed = new Map(report.endpoints.map((e) => [e.url, e.exposes]));
  // A finding of a rule the caller did not list still gets a (minimal) descriptor.
  for (const f of report.findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, rules.length);
    rules.push({ id: f.ruleId, shortDescription: { text: f.ruleId }, helpUri: ruleDocUrl(f.ruleId), defaultConfiguration: { level: sarifLevel(f.severity) } });
  }
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'LeakLens',
        semanticVersion: report.tool.version,
        version: report.tool.version,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    results: report.findings.map((f) => result(f, ruleIndex, f.endpoint === undefined ? undefined : exposed.get(f.endpoint))),
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.errors.map(notification) }],
    columnKind: 'utf16CodeUnits',
  };
  if (options.rootUri) run.originalUriBaseIds = { '%SRCROOT%': { uri: options.rootUri } };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function renderSarif(report: Report, options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}
