// The project's `.leaklens.json`: per-rule settings, excludes and a baseline of accepted findings.
import type { Severity } from './types';

export interface BaselineEntry {
  fingerprint: string;
  ruleId?: string;
  file?: string;
  reason?: string;
}

export interface ProjectConfig {
  rules: Record<string, Severity | 'off'>;
  exclude: string[];
  baseline: BaselineEntry[];
}

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, exclude: [], baseline: [] };

const SEVERITY_OR_OFF = new Set(['critical', 'high', 'medium', 'low', 'info', 'off']);

/** Parses `.leaklens.json`; throws an Error with one clear sentence when it is malformed. */
export function parseProjectConfig(text: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`.leaklens.json is not valid JSON: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('.leaklens.json must contain a JSON object');
  const o = raw as Record<string, unknown>;
  const rules: Record<string, Severity | 'off'> = {};
  if (o.rules !== undefined) {
    if (!o.rules || typeof o.rules !== 'object') throw new Error('.leaklens.json "rules" must be an object of ruleId → severity|"off"');
    for (const [id, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof v !== 'string' || !SEVERITY_OR_OFF.has(v)) throw new Error(`.leaklens.json rule "${id}" must be one of critical, high, medium, low, info, off`);
      rules[id] = v as Severity | 'off';
    }
  }
  const exclude = Array.isArray(o.exclude) ? o.exclude.filter((x): x is string => typeof x === 'string') : [];
  const baseline = Array.isArray(o.baseline)
    ? o.baseline.filter((b): b is BaselineEntry => !!b && typeof b === 'object' && typeof (b as BaselineEntry).fingerprint === 'string')
    : [];
  return { rules, exclude, baseline };
}
