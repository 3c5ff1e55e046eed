// `supabase/config.toml`: which schemas the REST API exposes (`[api] schemas = [...]`). Only the
// few keys LeakLens needs are read; anything else in the TOML is ignored.

export interface ApiExposure {
  /** Lower-cased schema names served by the API. */
  schemas: Set<string>;
  /** Where the list came from, for messages. */
  source: 'default' | 'config.toml';
}

/** Without a config.toml, Supabase serves `public`. */
export const DEFAULT_EXPOSURE: ApiExposure = { schemas: new Set(['public']), source: 'default' };

export function parseApiExposure(toml: string | undefined): ApiExposure {
  if (toml === undefined) return DEFAULT_EXPOSURE;
  const lines = toml.slice(0, 1 << 20).split(/\r?\n/);
  let section = '';
  let enabled = true;
  let schemas: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = stripComment(lines[i]).trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) { section = header[1]; continue; }
    if (section !== 'api') continue;
    if (/^enabled\s*=\s*false\b/.test(line)) enabled = false;
    const m = /^schemas\s*=\s*(.*)$/.exec(line);
    if (m) {
      let value = m[1];
      while (!value.includes(']') && i + 1 < lines.length && i < 10_000) value += stripComment(lines[++i]);
      schemas = [...value.matchAll(/"([^"]*)"|'([^']*)'/g)].map((x) => (x[1] ?? x[2]).toLowerCase());
    }
  }
  if (!enabled) return { schemas: new Set(), source: 'config.toml' };
  return schemas ? { schemas: new Set(schemas), source: 'config.toml' } : DEFAULT_EXPOSURE;
}

function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) { if (c === quote) quote = ''; }
    else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}
