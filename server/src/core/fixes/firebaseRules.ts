// "Lock down the Firebase project": for a database/bucket whose project keeps no rules
// (`firebase-rules-missing`), write locked-down `database.rules.json` / `storage.rules`
// (authenticated users only) and reference them from `firebase.json` — which removes the finding.
import type { FileEdit, FixProvider } from '../fix';
import { missingRulesService } from '../misconfig/rulesMissing';

interface Target {
  service: 'database' | 'storage';
  file: string;
  content: string;
}

const DATABASE: Target = {
  service: 'database',
  file: 'database.rules.json',
  content: `${JSON.stringify({ rules: { '.read': 'auth != null', '.write': 'auth != null' } }, null, 2)}\n`,
};
const STORAGE: Target = {
  service: 'storage',
  file: 'storage.rules',
  content: [
    "rules_version = '2';",
    'service firebase.storage {',
    '  match /b/{bucket}/o {',
    '    match /{allPaths=**} {',
    '      allow read, write: if request.auth != null;',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n'),
};

export const firebaseRulesFix: FixProvider = ({ finding, readFile }) => {
  const service = missingRulesService(finding);
  if (!service) return [];
  const target = service === 'database' ? DATABASE : STORAGE;
  const current = readFile('firebase.json');
  let config: Record<string, unknown> = {};
  if (current !== undefined) {
    try {
      const parsed: unknown = JSON.parse(current);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
      config = parsed as Record<string, unknown>;
    } catch {
      return []; // a broken firebase.json is not ours to rewrite
    }
  }
  const section = config[target.service];
  const referenced = section && typeof section === 'object' && !Array.isArray(section) ? (section as Record<string, unknown>).rules : undefined;
  if (section !== undefined && typeof referenced !== 'string') return []; // multi-target or custom layout: leave it
  const rulesFile = typeof referenced === 'string' ? referenced.replace(/^\.\//, '') : target.file;
  const edits: FileEdit[] = [];
  if (readFile(rulesFile) === undefined) edits.push({ path: rulesFile, create: true, edits: [{ start: 0, end: 0, newText: target.content }] });
  if (typeof referenced !== 'string') {
    const next = { ...config, [target.service]: { ...(section as object | undefined), rules: rulesFile } };
    const newText = `${JSON.stringify(next, null, 2)}\n`;
    edits.push(current === undefined
      ? { path: 'firebase.json', create: true, edits: [{ start: 0, end: 0, newText }] }
      : { path: 'firebase.json', edits: [{ start: 0, end: current.length, newText }] });
  }
  if (edits.length === 0) return [];
  return [{
    title: `Create locked-down ${rulesFile} (authenticated users only)`,
    detail: `Deploy with \`firebase deploy --only ${target.service}\`. Then scope access per user (e.g. auth.uid) and enable App Check.`,
    edits,
  }];
};
