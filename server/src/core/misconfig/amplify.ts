// Amplify Storage guest access. Gen 1: `amplify/backend/storage/<name>/cli-inputs.json`
// (`guestAccess`); Gen 2: `amplify/storage/resource.ts` (`allow.guest.to([...])`). Guests are the
// identity pool's unauthenticated role, reachable by anyone who unpacks the app.
import type { Node } from 'jsonc-parser';
import { tokenize, RulesSyntaxError, type Token } from './firebaseRulesLang';
import { amplifyStorageGuestAccess } from './docs';
import { FindingSink, LIMITS } from './report';
import { parseJsonc } from './firebaseRtdb';

const GEN1 = /(?:^|\/)amplify\/backend\/storage\/[^/]+\/cli-inputs\.json$/i;
const GEN2 = /(?:^|\/)amplify\/storage\/resource\.(?:ts|js|mts|mjs)$/i;

export const isAmplifyGen1Storage = (path: string): boolean => GEN1.test(path);
export const isAmplifyGen2Storage = (path: string): boolean => GEN2.test(path);

const WRITE_GEN1 = new Set(['CREATE_AND_UPDATE', 'DELETE']);
const WRITE_GEN2 = new Set(['write', 'delete']);

export function analyzeAmplifyGen1(text: string, sink: FindingSink): void {
  const root = parseJsonc(text, sink, 'Amplify cli-inputs.json');
  if (root?.type !== 'object') return;
  const prop = (name: string): Node | undefined => root.children?.find((p) => p.children?.[0]?.value === name);
  const guest = prop('guestAccess');
  const access = prop('storageAccess')?.children?.[1]?.value;
  const list = guest?.children?.[1];
  if (!guest || list?.type !== 'array' || access === 'auth') return;
  const actions = (list.children ?? []).map((n) => n.value).filter((v): v is string => typeof v === 'string');
  if (!actions.length) return;
  const writes = actions.some((a) => WRITE_GEN1.has(a));
  const name = prop('resourceName')?.children?.[1]?.value ?? prop('bucketName')?.children?.[1]?.value ?? 'storage';
  sink.add(amplifyStorageGuestAccess, guest.offset, list.offset + list.length,
    writes
      ? `Amplify storage ${name} lets guests (no sign-in) ${actions.join(', ')}: anyone can upload, overwrite or delete files`
      : `Amplify storage ${name} lets guests (no sign-in) read files: everything under public/ is world-readable`,
    `guestAccess: ${JSON.stringify(actions)}`, `gen1:${name}`, writes ? undefined : 'medium');
}

export function analyzeAmplifyGen2(text: string, sink: FindingSink): void {
  if (text.length > LIMITS.maxBytes) { sink.error(`Amplify resource file is larger than ${LIMITS.maxBytes} bytes; not analyzed`); return; }
  if (!/\.\s*guest\s*\.\s*to\b/.test(text)) return; // no guest rule: nothing to read (and no parse noise)
  let t: Token[];
  try {
    t = tokenize(text);
  } catch (e) {
    if (!(e instanceof RulesSyntaxError)) throw e;
    sink.error(`cannot read Amplify storage resource: ${e.message} at offset ${e.offset}`);
    return;
  }
  for (const g of guestRules(t)) {
    const writes = g.actions.some((a) => WRITE_GEN2.has(a));
    sink.add(amplifyStorageGuestAccess, g.start, g.end,
      writes
        ? `Amplify storage path ${g.path} lets guests (no sign-in) ${g.actions.join(', ')}: anyone can upload, overwrite or delete files`
        : `Amplify storage path ${g.path} lets guests (no sign-in) ${g.actions.join(', ')}: its files are world-readable`,
      `allow.guest.to(${JSON.stringify(g.actions)})`, `gen2:${g.path}`, writes ? undefined : 'medium');
  }
}

export interface GuestRule {
  /** The storage path key the rule belongs to (`'public/*'`). */
  path: string;
  actions: string[];
  /** Offsets of `allow.guest.to([...])`. */
  start: number;
  end: number;
  /** Offsets of the `[...]` array. */
  arrayStart: number;
  arrayEnd: number;
}

/** Every `<allow>.guest.to([...])` call with the path key it sits under. */
export function guestRules(t: readonly Token[]): GuestRule[] {
  const out: GuestRule[] = [];
  let path = '';
  for (let i = 0; i < t.length; i++) {
    if (t[i].type === 'str' && t[i + 1]?.value === ':' && t[i + 2]?.value === '[') path = t[i].value;
    const isCall = t[i].type === 'id' && t[i + 1]?.value === '.' && t[i + 2]?.value === 'guest' && t[i + 3]?.value === '.' &&
      t[i + 4]?.value === 'to' && t[i + 5]?.value === '(' && t[i + 6]?.value === '[';
    if (!isCall) continue;
    const actions: string[] = [];
    let j = i + 7;
    for (; j < t.length && !(t[j].type === 'punct' && t[j].value === ']'); j++) if (t[j].type === 'str') actions.push(t[j].value);
    if (j >= t.length || t[j + 1]?.value !== ')') continue;
    if (actions.length) out.push({ path, actions, start: t[i].start, end: t[j + 1].end, arrayStart: t[i + 6].start, arrayEnd: t[j].end });
    i = j + 1;
  }
  return out;
}
