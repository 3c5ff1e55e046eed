// `firebase.json` and `.firebaserc`: which rules files a Firebase project deploys (they may have
// any name) and which project id it deploys to (used to join rules findings to app findings).
import { parse } from 'jsonc-parser';
import { jsonDepth } from './firebaseRtdb';
import { LIMITS } from './report';

export interface RulesRef {
  kind: 'database' | 'firestore' | 'storage';
  /** Path of the rules file relative to the scan root. */
  path: string;
  /** RTDB instance / Storage bucket named next to the rules, when given. */
  resource?: string;
}

function readJson(text: string): unknown {
  if (text.length > LIMITS.maxBytes || jsonDepth(text, LIMITS.maxDepth) > LIMITS.maxDepth) return undefined;
  return parse(text, [], { allowTrailingComma: true });
}

const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);

/** Joins a folder and a relative path, resolving `.` and `..`. */
export function joinPath(dir: string, rel: string): string {
  const parts: string[] = [];
  for (const seg of `${dir}${rel}`.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** Rules files named by a firebase.json (`database.rules`, `firestore.rules`, `storage.rules`, single or arrays). */
export function firebaseJsonRules(path: string, text: string): RulesRef[] {
  const json = readJson(text);
  if (!json || typeof json !== 'object') return [];
  const out: RulesRef[] = [];
  for (const kind of ['database', 'firestore', 'storage'] as const) {
    const v = (json as Record<string, unknown>)[kind];
    for (const entry of Array.isArray(v) ? v : [v]) {
      if (!entry || typeof entry !== 'object') continue;
      const e = entry as Record<string, unknown>;
      if (typeof e.rules !== 'string') continue;
      const resource = [e.instance, e.bucket, e.database].find((x): x is string => typeof x === 'string');
      out.push({ kind, path: joinPath(dirOf(path), e.rules), ...(resource ? { resource } : {}) });
    }
  }
  return out;
}

/** `projects.default` of a .firebaserc. */
export function firebasercDefault(text: string): string | undefined {
  const json = readJson(text) as { projects?: { default?: unknown } } | undefined;
  const id = json?.projects?.default;
  return typeof id === 'string' && id ? id.toLowerCase() : undefined;
}

/** `project_info.project_id` of a google-services.json. */
export function googleServicesProjectId(text: string): string | undefined {
  const json = readJson(text) as { project_info?: { project_id?: unknown } } | undefined;
  const id = json?.project_info?.project_id;
  return typeof id === 'string' && id ? id.toLowerCase() : undefined;
}
