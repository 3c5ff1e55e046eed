// The joined view: links findings of open Firebase rules to the findings of the same project's
// database URL / storage bucket / project id found in the app, on both sides (`related`), so a
// report says "this database URL ships in the app and is open because of database.rules.json:14".
import type { Finding, RelatedLocation } from '../types';
import type { ProjectFile } from './index';
import { firebaseJsonRules, firebasercDefault, googleServicesProjectId, type RulesRef } from './firebaseJson';

type Kind = 'database' | 'firestore' | 'storage';
const OPEN_RULES = new Set(['firebase-rules-public-read', 'firebase-rules-public-write', 'firebase-rules-test-mode']);
const APP_KIND: Record<string, Kind> = {
  'firebase-database-url': 'database', 'firebase-storage-bucket': 'storage', 'firebase-project-id': 'firestore',
};
const MAX_RELATED = 20;
/** Expired test mode denies everyone now (see report.ts `expiry`): nothing is open because of it. */
const EXPIRED = /\bexpired on \d{4}-\d{2}-\d{2}\b/;

interface AppSide { f: Finding; kind: Kind; resource: string; project: string }

/** The database name / bucket of an app finding and the project id it most likely belongs to. */
export function appResource(f: Finding): { kind: Kind; resource: string; project: string } | undefined {
  const kind = APP_KIND[f.ruleId];
  if (!kind) return undefined;
  const v = (f.endpoint ?? f.value).toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  if (kind === 'database') {
    const db = v.split('.')[0];
    return { kind, resource: db, project: db.replace(/-default-rtdb$/, '') };
  }
  if (kind === 'storage') {
    const bucket = f.value.toLowerCase().replace(/^gs:\/\//, '').replace(/\/.*$/, '');
    return { kind, resource: bucket, project: bucket.replace(/\.(?:appspot\.com|firebasestorage\.app)$/, '') };
  }
  return { kind, resource: f.value.toLowerCase(), project: f.value.toLowerCase() };
}

export interface FirebaseContext {
  /** Rules files firebase.json names, by path, with the project of the firebase.json's folder (.firebaserc). */
  refs: Map<string, RulesRef & { project?: string }>;
  /** Project ids the context names (.firebaserc defaults, google-services.json). */
  projects: Set<string>;
  /** `.firebaserc` default project by folder (`a/b/`, root ``). */
  rcByDir: Map<string, string>;
}

/** What firebase.json, .firebaserc and google-services.json files say about the project(s). */
export function firebaseContext(files: readonly ProjectFile[]): FirebaseContext {
  const refs = new Map<string, RulesRef & { project?: string }>();
  const projects = new Set<string>();
  const rcByDir = new Map<string, string>();
  for (const f of files) {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    const id = name === '.firebaserc' ? firebasercDefault(f.text) : name === 'google-services.json' ? googleServicesProjectId(f.text) : undefined;
    if (id) projects.add(id);
    if (name === '.firebaserc' && id) rcByDir.set(dirOf(f.path), id);
  }
  for (const f of files) {
    if (!/(?:^|\/)firebase\.json$/.test(f.path)) continue;
    const project = rcByDir.get(dirOf(f.path));
    for (const r of firebaseJsonRules(f.path, f.text)) refs.set(r.path, { ...r, ...(project ? { project } : {}) });
  }
  return { refs, projects, rcByDir };
}

const dirOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * Returns the findings (same order; linked ones are copies with `related` added). `files` is
 * optional context: firebase.json (which rules file is which, instance/bucket names), .firebaserc
 * (`projects.default`) and google-services.json (project id). Without a project id on the rules
 * side, rules are linked only when the workspace holds a single Firebase project.
 */
export function joinMisconfig(findings: readonly Finding[], files: readonly ProjectFile[] = []): Finding[] {
  const { refs, projects, rcByDir } = firebaseContext(files);
  const app: AppSide[] = [];
  for (const f of findings) {
    const a = appResource(f);
    if (a) { app.push({ f, ...a }); projects.add(a.project); }
  }
  const single = projects.size <= 1;
  const related = new Map<Finding, RelatedLocation[]>();
  const link = (f: Finding, r: RelatedLocation) => {
    const list = related.get(f) ?? [];
    if (list.length < MAX_RELATED) list.push(r);
    related.set(f, list);
  };
  for (const rule of findings) {
    if (!OPEN_RULES.has(rule.ruleId) || rule.provider !== 'firebase' || EXPIRED.test(rule.message)) continue;
    const ref = refs.get(rule.location.file);
    const kind = ref?.kind ?? kindByName(rule.location.file);
    const project = ref?.project ?? nearestProject(rule.location.file, rcByDir);
    for (const a of app) {
      if (a.kind !== kind) continue;
      const same = ref?.resource ? ref.resource.toLowerCase() === a.resource : project ? project === a.project : single;
      if (!same) continue;
      const at = `${rule.location.file}:${rule.location.line}`;
      link(a.f, { message: `open because of ${at} (${rule.ruleId})`, location: rule.location });
      link(rule, { message: `${describe(a)} referenced at ${a.f.location.file}:${a.f.location.line}${a.f.location.entry ? ` (${a.f.location.entry})` : ''} is affected by this rule`, location: a.f.location });
    }
  }
  return findings.map((f) => {
    const extra = related.get(f);
    return extra ? { ...f, related: [...(f.related ?? []), ...extra] } : f;
  });
}

function kindByName(path: string): Kind {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name.endsWith('.json')) return 'database';
  return name.includes('storage') ? 'storage' : 'firestore';
}

/** `.firebaserc` default project of the rules file's folder or the nearest parent folder. */
export function nearestProject(path: string, rcByDir: Map<string, string>): string | undefined {
  for (let dir = path.slice(0, path.lastIndexOf('/') + 1); ; dir = dir.slice(0, dir.slice(0, -1).lastIndexOf('/') + 1)) {
    const id = rcByDir.get(dir);
    if (id || dir === '') return id;
  }
}

const describe = (a: AppSide): string =>
  a.kind === 'database' ? `Database ${a.resource}` : a.kind === 'storage' ? `Bucket ${a.resource}` : `Firebase project ${a.resource}`;
