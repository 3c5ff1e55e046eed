// Other scanners' own test cases for rules in LeakLens' scope, read from their fetched git
// repositories: gitleaks (cmd/generate/config/rules/*.go tps/fps), trufflehog (pkg/detectors/*
// *_Pattern tests: want nil = must stay clean), secretlint (rule snapshots: output with messages =
// must be found). Each case becomes name=value pairs; the generator writes them as files.
import { execFileSync } from 'node:child_process';
import { rng } from '../../test/helpers/rng';
import { funcBodies, readStringExpr, stringList } from './goSource';

export interface PeerCase {
  source: 'gitleaks' | 'trufflehog' | 'secretlint';
  /** The peer's rule or detector. */
  peerRule: string;
  kind: 'tp' | 'fp';
  /** Variable name and value pairs written for the case (an id and its secret stay together). */
  values: Array<{ name: string; value: string }>;
  /** LeakLens rule ids a true positive must carry (one per value that has one). */
  expects: string[];
  /** LeakLens rules that stand for the peer rule: a false positive is flagged only by these. */
  rules: string[];
}

export interface Excluded { source: string; peerRule: string; reason: string }

const git = (dir: string, ...args: string[]) => execFileSync('git', ['--git-dir', dir, ...args], { maxBuffer: 1 << 28 }).toString();
const show = (dir: string, path: string) => git(dir, 'show', `HEAD:${path}`);
const ls = (dir: string, path: string) => git(dir, 'ls-tree', '-r', '--name-only', 'HEAD', path).split('\n').filter(Boolean);

const AWS_ID = /(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}/g;
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const ALI_ID = /LTAI[A-Za-z0-9]{12,24}/g;
const ALI_SECRET = /(?<![A-Za-z0-9])[A-Za-z0-9]{30}(?![A-Za-z0-9])/g;
const PEM = /-----BEGIN[ A-Z0-9_-]*PRIVATE KEY[ A-Z]*-----[\s\S]*?-----END[ A-Z0-9_-]*-----/g;
const first = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[0])[0];
/** `NAME = value` / `NAME: value` lines of a case written like a config file, kept as they are. */
const assignments = (text: string) => [...text.matchAll(/^\s*([A-Za-z_]\w*)\s*(?:=|:(?!\/\/))\s*(\S.*?)\s*$/gm)].map((m) => ({ name: m[1], value: m[2].replace(/^["']|["']$/g, '') }));
/** A false positive's value: what follows `=`/`:` when the case is written as an assignment, else the whole text. */
const fpValue = (text: string) => (/^[\w.-]+\s*[:=]\s*(.+)$/.exec(text.trim())?.[1] ?? text.trim()).replace(/^["']|["']$/g, '');

/** A false positive as the peer wrote it: its own assignments, else its whole text under `name` (never a substring that might be a key). */
const fpCase = (text: string, name: string) => {
  const pairs = assignments(text);
  return { values: pairs.length ? pairs : [{ name, value: fpValue(text) }], expects: [] };
};

/** How each in-scope peer rule's case text becomes named values, and which LeakLens rules it expects. */
type Shape = (text: string, kind: 'tp' | 'fp') => Pick<PeerCase, 'values' | 'expects'> | undefined;
const RULES = new Map<Shape, string[]>();
const awsShape: Shape = (t, kind) => {
  const id = first(AWS_ID, t);
  const secret = first(AWS_SECRET, t.replace(AWS_ID, ''));
  if (kind === 'fp') return fpCase(t, 'AWS_ACCESS_KEY_ID');
  const values = [...(id ? [{ name: 'AWS_ACCESS_KEY_ID', value: id }] : []), ...(secret ? [{ name: 'AWS_SECRET_ACCESS_KEY', value: secret }] : [])];
  return values.length ? { values, expects: [...(id ? ['aws-access-key-id'] : []), ...(secret ? ['aws-secret-access-key'] : [])] } : undefined;
};
const aliShape: Shape = (t, kind) => {
  if (kind === 'fp') return fpCase(t, 'ALIBABA_CLOUD_ACCESS_KEY_ID');
  const id = first(ALI_ID, t);
  const secret = first(ALI_SECRET, t.replace(ALI_ID, ''));
  const values = [...(id ? [{ name: 'ALIBABA_CLOUD_ACCESS_KEY_ID', value: id }] : []), ...(secret ? [{ name: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', value: secret }] : [])];
  return values.length ? { values, expects: ['alibaba-access-key'] } : undefined;
};
const pemShape: Shape = (t, kind) => {
  const pem = first(PEM, t) ?? (kind === 'fp' ? t.trim() : undefined);
  return pem ? { values: [{ name: 'PRIVATE_KEY', value: pem }], expects: kind === 'tp' ? ['private-key'] : [] } : undefined;
};
const gcpKeyShape: Shape = (t, kind) => {
  if (kind === 'fp') return fpCase(t, 'GOOGLE_API_KEY');
  const key = first(/AIza[\w-]{35}/g, t);
  return key ? { values: [{ name: 'GOOGLE_API_KEY', value: key }], expects: ['google-api-key'] } : undefined;
};
const azureKeyShape: Shape = (t, kind) => {
  if (kind === 'fp') return fpCase(t, 'AZURE_STORAGE_CONNECTION_STRING');
  const json = /"accountName":"([^"]+)","accountKey":"([^"]+)"/.exec(t);
  const name = json?.[1] ?? /AccountName=([^;"'\s]+)/i.exec(t)?.[1];
  const key = json?.[2] ?? /AccountKey=([^;"'\s]+)/i.exec(t)?.[1];
  if (!name || !key) return undefined;
  return { values: [{ name: 'AZURE_STORAGE_CONNECTION_STRING', value: `DefaultEndpointsProtocol=https;AccountName=${name};AccountKey=${key};EndpointSuffix=core.windows.net` }], expects: kind === 'tp' ? ['azure-storage-account-key'] : [] };
};
const sasShape: Shape = (t, kind) => {
  if (kind === 'fp') return fpCase(t, 'AZURE_STORAGE_SAS_URL');
  const pairs = assignments(t).filter((p) => /sig=|blob\.core\.windows\.net/.test(p.value));
  if (pairs.some((p) => p.value.includes('sig='))) return { values: pairs, expects: ['azure-sas-token'] };
  // the input's own token (it follows the peer's `want`, which drops the `?` of the URL)
  const token = [...t.matchAll(/[^\s"'<>`]*sig=[^\s"'<>`]*/g)].pop()?.[0];
  return token ? { values: [{ name: 'AZURE_STORAGE_SAS_URL', value: token }], expects: kind === 'tp' ? ['azure-sas-token'] : [] } : undefined;
};

RULES.set(awsShape, ['aws-access-key-id', 'aws-secret-access-key']).set(aliShape, ['alibaba-access-key']).set(pemShape, ['private-key'])
  .set(gcpKeyShape, ['google-api-key']).set(azureKeyShape, ['azure-storage-account-key']).set(sasShape, ['azure-sas-token']);

const GITLEAKS: Record<string, { func: string; shape: Shape }> = {
  'aws-access-token': { func: 'AWS', shape: awsShape },
  'gcp-api-key': { func: 'GCPAPIKey', shape: gcpKeyShape },
  'alibaba-access-key-id': { func: 'AlibabaAccessKey', shape: aliShape },
  'alibaba-secret-key': { func: 'AlibabaSecretKey', shape: aliShape },
  'private-key': { func: 'PrivateKey', shape: pemShape },
};
const TRUFFLEHOG: Record<string, { file: string; shape: Shape }> = {
  'aws access_keys': { file: 'pkg/detectors/aws/access_keys/accesskey_test.go', shape: awsShape },
  alibaba: { file: 'pkg/detectors/alibaba/alibaba_test.go', shape: aliShape },
  azure_storage: { file: 'pkg/detectors/azure_storage/storage_test.go', shape: azureKeyShape },
  azuresastoken: { file: 'pkg/detectors/azuresastoken/azuresastoken_test.go', shape: sasShape },
  privatekey: { file: 'pkg/detectors/privatekey/privatekey_test.go', shape: pemShape },
};
const SECRETLINT: Record<string, Shape> = {
  'secretlint-rule-aws': awsShape,
  'secretlint-rule-privatekey': pemShape,
};

/** Why the other peer rules near our scope are left out (every rule not listed above is out of scope). */
export const EXCLUDED_NOTES: Excluded[] = [
  { source: 'gitleaks', peerRule: 'gcp-service-account', reason: 'its case is the bare `"type": "service_account"` marker; the catalog has no service-account rule (its key is found as private-key)' },
  { source: 'gitleaks', peerRule: 'jwt / jwt-base64', reason: 'generic JWTs; the catalog only knows Supabase keys (role claim anon/service_role)' },
  { source: 'gitleaks', peerRule: 'azure-ad-client-secret, cloudflare-*, digitalocean-*', reason: 'identity and API tokens, not cloud-storage keys or buckets in the catalog' },
  { source: 'trufflehog', peerRule: 'gcp', reason: 'service-account JSON detector: no catalog rule' },
  { source: 'trufflehog', peerRule: 'supabasetoken', reason: 'sbp_ management tokens, not the anon/service_role JWTs of the catalog' },
  { source: 'secretlint', peerRule: 'secretlint-rule-aws: AWS Account ID', reason: 'account ids are not secrets in the catalog' },
  { source: 'secretlint', peerRule: 'secretlint-rule-gcp / -azure', reason: 'service-account JSON, PKCS#12 binaries and Azure AD ids: no catalog rule' },
];

export function gitleaksCases(dir: string, skipped: string[]): PeerCase[] {
  const out: PeerCase[] = [];
  const rand = rng(14);
  const bodies = new Map(['aws', 'gcp', 'alibaba', 'privatekey'].map((f) => `cmd/generate/config/rules/${f}.go`).flatMap((p) => funcBodies(show(dir, p)).map((b) => [b.name, b.body] as const)));
  for (const [peerRule, { func, shape }] of Object.entries(GITLEAKS)) {
    const body = bodies.get(func);
    if (!body) { skipped.push(`gitleaks ${peerRule}: func ${func} not found`); continue; }
    for (const kind of ['tp', 'fp'] as const) {
      for (const text of stringList(body, kind === 'tp' ? 'tps' : 'fps', rand)) {
        const c = shape(text, kind);
        if (c) out.push({ source: 'gitleaks', peerRule, kind, ...c, rules: RULES.get(shape) ?? [] });
        else skipped.push(`gitleaks ${peerRule} ${kind}: no value in ${JSON.stringify(text.slice(0, 60))}`);
      }
    }
  }
  return out;
}

/** Top-level `name = <string>` assignments of a Go test file (used by fmt.Sprintf inputs). */
function stringVars(src: string): Map<string, string> {
  const vars = new Map<string, string>();
  const rand = rng(1);
  for (const m of src.matchAll(/^\s*(\w+)\s*:?=\s*(?=[`"])/gm)) {
    const r = readStringExpr(src, (m.index ?? 0) + m[0].length, rand);
    if (r) vars.set(m[1], r.value);
  }
  return vars;
}

export function trufflehogCases(dir: string, skipped: string[]): PeerCase[] {
  const out: PeerCase[] = [];
  for (const [peerRule, { file, shape }] of Object.entries(TRUFFLEHOG)) {
    const src = show(dir, file);
    const vars = stringVars(src);
    const rand = rng(2);
    for (const m of src.matchAll(/\bname:\s*(?:"([^"]*)"|`([^`]*)`),\s*input:\s*/g)) {
      let i = (m.index ?? 0) + m[0].length;
      let input: string | undefined;
      const sprintf = /^fmt\.Sprintf\(("(?:[^"\\]|\\.)*")((?:\s*,\s*\w+)*)\)/.exec(src.slice(i));
      if (sprintf) {
        const args = sprintf[2].split(',').map((s) => s.trim()).filter(Boolean);
        let k = 0;
        input = (JSON.parse(sprintf[1]) as string).replace(/%s/g, () => vars.get(args[k++]) ?? '');
        i += sprintf[0].length;
      } else {
        const r = readStringExpr(src, i, rand);
        input = r?.value;
        i = r?.end ?? i;
      }
      const want = /^\s*,\s*want:\s*(nil|\[\]string\{\s*\}|\[\]string\{)/.exec(src.slice(i));
      if (!input || !want) { skipped.push(`trufflehog ${peerRule} "${m[1] ?? m[2]}": input or want not read`); continue; }
      const kind = want[1] === '[]string{' ? 'tp' : 'fp';
      // a true positive's wanted secrets (e.g. {"accountName":…,"accountKey":…}) help find its values
      const wanted = kind === 'tp' ? src.slice(i + want[0].length, src.indexOf('}', i + want[0].length)) : '';
      const c = shape(kind === 'tp' ? `${wanted}\n${input}` : input, kind);
      if (c) out.push({ source: 'trufflehog', peerRule, kind, ...c, rules: RULES.get(shape) ?? [] });
      else skipped.push(`trufflehog ${peerRule} "${m[1] ?? m[2]}" ${kind}: no value to write`);
    }
  }
  return out;
}

export function secretlintCases(dir: string, skipped: string[]): PeerCase[] {
  const out: PeerCase[] = [];
  for (const [pkg, shape] of Object.entries(SECRETLINT)) {
    const base = `packages/@secretlint/${pkg}/test/snapshots`;
    const cases = [...new Set(ls(dir, base).map((p) => p.slice(base.length + 1).split('/')[0]))];
    for (const name of cases) {
      if (/Account ID|options\.|--/.test(name)) { skipped.push(`secretlint ${pkg} ${name}: ${/--/.test(name) ? 'depends on a rule option' : 'out of scope'}`); continue; }
      let input: string;
      let output: { messages: unknown[] };
      const inputFile = ls(dir, `${base}/${name}`).find((p) => /\/input(\.\w+)?$/.test(p));
      try { input = show(dir, inputFile ?? `${base}/${name}/input`); output = JSON.parse(show(dir, `${base}/${name}/output.json`)) as { messages: unknown[] }; }
      catch { skipped.push(`secretlint ${pkg} ${name}: no input/output.json`); continue; }
      const kind = output.messages.length ? 'tp' : 'fp';
      const c = shape(input, kind);
      if (c) out.push({ source: 'secretlint', peerRule: pkg, kind, ...c, rules: RULES.get(shape) ?? [] });
      else skipped.push(`secretlint ${pkg} ${name} ${kind}: no value to write`);
    }
  }
  return out;
}
