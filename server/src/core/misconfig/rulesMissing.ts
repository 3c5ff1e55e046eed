// Project-level finding `firebase-rules-missing`: the app ships a Realtime Database URL or a Storage
// bucket, yet the repository keeps no rules for it (no `database.rules.json` / `storage.rules`,
// nothing `firebase.json` names). Its rules then live only in the Firebase console, where nobody
// reviews them and "test mode" is one click away. The "create locked-down rules" fix removes it.
import type { Finding } from '../types';
import type { ProjectFile } from './index';
import { firebaseRulesMissing } from './docs';
import { appResource, firebaseContext, nearestProject } from './join';
import { fingerprint } from '../fingerprint';
import { endpointKind } from '../report/endpoints';

/** Files whose text or presence decides whether a project keeps its Firebase rules. */
const CONTEXT = /(?:^|\/)(?:firebase\.json|\.firebaserc|google-services\.json|database\.rules\.json|storage\.rules)$/i;
export const isFirebaseRulesContext = (path: string): boolean => CONTEXT.test(path);
/** Deploy-side files: what they name does not ship in the app. */
const DEPLOY_CONFIG = /(?:^|\/)(?:firebase\.json|\.firebaserc|[^/]*\.rules(?:\.json)?)$/i;

type Service = 'database' | 'storage';

interface KeptRules {
  service: Service;
  /** RTDB instance / bucket firebase.json names next to the rules. */
  resource?: string;
  /** `.firebaserc` default project of the rules' folder. */
  project?: string;
}

/** Rules files the project keeps: named by a firebase.json (and present), or by their usual names. */
function keptRules(files: readonly ProjectFile[], exists: (path: string) => boolean): KeptRules[] {
  const { refs, rcByDir } = firebaseContext(files);
  const kept: KeptRules[] = [];
  for (const ref of refs.values()) {
    if (ref.kind === 'firestore' || !exists(ref.path)) continue;
    kept.push({ service: ref.kind, resource: ref.resource?.toLowerCase(), project: ref.project });
  }
  for (const f of files) {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1).toLowerCase();
    const service = name === 'database.rules.json' ? 'database' : name === 'storage.rules' ? 'storage' : undefined;
    if (service && !refs.has(f.path)) kept.push({ service, project: nearestProject(f.path, rcByDir) });
  }
  return kept;
}

/**
 * One `firebase-rules-missing` finding per database/bucket and file, on its first occurrence, for
 * the app findings (source files only, not artifact entries) whose service has no rules in the
 * project. `files`: the project's firebase.json, .firebaserc, google-services.json and rules files
 * (text of the rules files is not needed); `exists` tells whether a path firebase.json names is there.
 * Rules of a `.firebaserc` project cover only that project; rules naming an instance/bucket only it.
 */
export function missingRulesFindings(findings: readonly Finding[], files: readonly ProjectFile[], exists: (path: string) => boolean): Finding[] {
  const kept = keptRules(files, exists);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.location.entry || DEPLOY_CONFIG.test(f.location.file)) continue;
    const app = appResource(f);
    if (!app || app.kind === 'firestore') continue;
    const service: Service = app.kind;
    const covered = kept.some((k) => k.service === service && (k.resource ? k.resource === app.resource : k.project ? k.project === app.project : true));
    const key = `${f.location.file}\0${service}\0${app.resource}`;
    if (covered || seen.has(key)) continue;
    seen.add(key);
    out.push({
      ruleId: firebaseRulesMissing.id,
      severity: firebaseRulesMissing.severity,
      provider: 'firebase',
      message: service === 'database'
        ? `Realtime Database ${app.resource} ships in the app, but this project keeps no database rules (database.rules.json): they live only in the Firebase console, unreviewed`
        : `Storage bucket ${app.resource} ships in the app, but this project keeps no storage.rules: they live only in the Firebase console, unreviewed`,
      value: f.value,
      ...(f.endpoint ? { endpoint: f.endpoint } : {}),
      location: { ...f.location },
      fingerprint: fingerprint(firebaseRulesMissing.id, f.location.file, null, `${service}:${app.resource}`),
    });
  }
  return out;
}

/** True when findings name a Realtime Database or Storage bucket: then whether the project keeps their rules matters. */
export function namesFirebaseStore(findings: readonly Finding[]): boolean {
  return findings.some((f) => { const k = appResource(f)?.kind; return k === 'database' || k === 'storage'; });
}

/** Which service a `firebase-rules-missing` finding is about (the quick fix writes its rules). */
export function missingRulesService(f: Finding): Service | undefined {
  if (f.ruleId !== firebaseRulesMissing.id) return undefined;
  return f.endpoint && endpointKind(f.endpoint, f.ruleId) === 'rtdb' ? 'database' : 'storage';
}
