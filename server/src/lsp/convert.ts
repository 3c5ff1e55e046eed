// Findings → LSP diagnostics: 1-based engine locations to 0-based ranges, severity mapping,
// rule doc links, probe evidence as related information.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { ruleDocUrl } from '../core/rule';
import { exposesText } from '../core/exposure';
import type { EndpointResult, Finding, Severity } from '../core/types';
import type { DiagnosticData } from '../protocol';

export const SOURCE = 'LeakLens';

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'critical': case 'high': return DiagnosticSeverity.Error;
    case 'medium': return DiagnosticSeverity.Warning;
    case 'low': return DiagnosticSeverity.Information;
    default: return DiagnosticSeverity.Hint;
  }
}

export function toRange(f: Finding): Range {
  const l = f.location;
  return { start: { line: l.line - 1, character: l.column - 1 }, end: { line: l.endLine - 1, character: l.endColumn - 1 } };
}

/** What a probe learned about the finding's endpoint, if it was probed. */
export interface ProbeInfo {
  endpoint: EndpointResult;
  /** The re-graded severity (open → critical). */
  severity?: Severity;
}

export function toDiagnostic(f: Finding, uri: string, probe?: ProbeInfo): Diagnostic {
  const range = toRange(f);
  const data: DiagnosticData = { ruleId: f.ruleId, fingerprint: f.fingerprint, ...(f.endpoint ? { endpoint: f.endpoint } : {}) };
  const severity = probe?.severity ?? f.severity;
  const d: Diagnostic = {
    range,
    severity: toSeverity(severity),
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    message: probe ? `${f.message} [probe: ${probe.endpoint.status}${probe.endpoint.exposes?.length ? `; ${exposesText(probe.endpoint.exposes)}` : ''}]` : f.message,
    data,
  };
  const related = (f.related ?? []).slice(0, 5).map((r) => ({
    message: r.message,
    location: { uri: relatedUri(uri, f.location.file, r.location.file), range: toRange({ ...f, location: r.location }) },
  }));
  if (probe) {
    const e = probe.endpoint;
    related.unshift({
      message: `Probe ${e.url}: ${e.status}${e.evidence ? ` — ${e.evidence}` : ''}${e.checkedAt ? ` (${e.checkedAt})` : ''}`,
      location: { uri, range },
    });
  }
  if (related.length) d.relatedInformation = related;
  return d;
}

/** URI of another root-relative file, given this finding's URI and root-relative file. */
function relatedUri(uri: string, file: string, other: string): string {
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  if (!uri.endsWith(encoded)) return uri;
  return uri.slice(0, uri.length - encoded.length) + other.split('/').map(encodeURIComponent).join('/');
}
