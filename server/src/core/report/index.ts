// Report formats (DESIGN §4): JSON is the model; SARIF, text and HTML are renderings of it.
import type { Report } from '../types';
import type { RuleMeta } from '../rule';
import { renderJson } from './json';
import { renderSarif } from './sarif';
import { renderText } from './text';
import { renderHtml } from './html';

export { buildReport, renderJson, type ReportInput } from './json';
export { buildSarif, renderSarif, sarifLevel, FINGERPRINT_KEY, type SarifOptions } from './sarif';
export { renderText, summaryLine, severityCounts, printable, type TextOptions } from './text';
export { renderHtml, escapeHtml } from './html';
export { groupEndpoints, mergeEndpoints, endpointKind, unifyEndpoints } from './endpoints';
export { combineReports } from './combine';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  rules: readonly RuleMeta[];
  rootUri?: string;
  color?: boolean;
}

export function renderReport(report: Report, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'json': return renderJson(report);
    case 'sarif': return renderSarif(report, { rules: options.rules, rootUri: options.rootUri });
    case 'html': return renderHtml(report);
    case 'text': return renderText(report, { color: options.color });
  }
}
