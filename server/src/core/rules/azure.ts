// Azure Storage: account keys (connection strings or a key next to an account name), SAS tokens
// and blob container URLs.
// Decisions: a bare 88-char key counts only when assigned to a `…key/secret/credential` name with
// an account-name key within 1500 chars. SAS value = its parameters with `sig` moved last, then
// redacted (so the report never shows signature bytes); sp/se/srt/sr go into the message. SAS
// endpoint = the blob/dfs URL in front of `?` (or a connection string's BlobEndpoint), none for a
// bare token. Container value = `<account>/<container>`, endpoint the container list URL
// `…/<container>?restype=container&comp=list` (what the probe sends); `.dfs.` maps to `.blob.`;
// Files/Queues/Tables and static-website hosts are not containers. Azurite/devstoreaccount1,
// doc accounts (`myaccount`, `mystorageaccount`, …) in URLs and doc signatures are not findings; an account
// key is, whatever its account is called (the key is the value; Azure's docs show only the Azurite
// key, but many real-looking SAS signatures for their sample accounts). A SAS is a query string
// whose every field has the shape Azure gives it (`sp` permission letters, ISO times, `%3A` too, an
// IPv4 `sip`); one assigned whole to a name (`AZURE_SAS_TOKEN=sp=…`) starts at its first field.
import type { MatchContext, RawMatch, Rule } from '../rule';
import { extractPairs, keyAt, type Pair } from '../text/pairs';
import { entropy, inSecurityDomainConfig, isEmulator, isNonValue, tokenBefore } from './common';

// Azurite / storage emulator well-known key (published in the Azurite README and Azure docs).
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
// Account names used by Azure documentation and samples.
const DOC_ACCOUNTS = /^(?:myaccount|mystorageaccount|mystorage|storageaccount|storageaccountname|accountname|youraccount|yourstorageaccount|account|devstoreaccount1|contoso|fabrikam|storagesample|myaccountname)\d*$/;
const SUFFIX = String.raw`core\.windows\.net|core\.chinacloudapi\.cn|core\.usgovcloudapi\.net`;

const isAccountName = (a: string): boolean => /^[a-z0-9]{3,24}$/.test(a) && !DOC_ACCOUNTS.test(a) && !isNonValue(a);
// Beside a real-shaped 88-character key the account's name does not make it a placeholder or a
// documentation sample (`storagetest123`, `mystorageaccount`): the key is the value, judged by its
// own shape (goodKey) and the providers' published keys; only a made-up name (`xxxxxx`) is skipped.
const isKeyAccount = (a: string): boolean => /^[a-z0-9]{3,24}$/.test(a) && !/(.)\1{5,}/.test(a);
const blobEndpoint = (account: string, suffix = 'core.windows.net'): string => `https://${account}.blob.${suffix}/`;

// ---------------------------------------------------------------- account key

const ACCOUNT_KEY = /AccountKey=(?<v>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi;
// A bare key: 64 random bytes in base64 (88 chars, `==`), not part of a longer base64 run.
const BARE_KEY = /(?<![A-Za-z0-9+/])(?<v>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/g;
const ACCOUNT_NAME_KEY = /account[\W_]*name$|storage[\W_]*account(?:[\W_]*name)?$|^account$/i;
const KEY_NAME = /key|secret|credential/i;
const CONN_CHARS = /[A-Za-z0-9+/=;:._-]/;

/** The `k=v;` fields of the connection string around `at`, keys lower-cased (bounded to 2000 chars). */
function connectionFields(text: string, at: number): Map<string, string> {
  let s = at;
  while (s > Math.max(0, at - 1000) && CONN_CHARS.test(text[s - 1])) s--;
  let e = at;
  while (e < Math.min(text.length, at + 1000) && (CONN_CHARS.test(text[e]) || (text[e] === '/' && text[e - 1] === '/'))) e++;
  const fields = new Map<string, string>();
  for (const part of text.slice(s, e).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1));
  }
  return fields;
}

// Random base64 can contain `todo`/`your`: check structure, not placeholder words.
const goodKey = (k: string): boolean => k !== AZURITE_KEY && entropy(k) >= 4.5 && !/(.)\1{5,}/.test(k);

function scanAccountKeys(text: string, ctx: Omit<MatchContext, 'start' | 'end' | 'key'>): RawMatch[] {
  const out: RawMatch[] = [];
  ACCOUNT_KEY.lastIndex = 0;
  for (let m = ACCOUNT_KEY.exec(text); m && out.length < 100; m = ACCOUNT_KEY.exec(text)) {
    const key = m.groups!.v;
    const start = m.index + 'AccountKey='.length;
    const f = connectionFields(text, m.index);
    const account = (f.get('accountname') ?? '').toLowerCase();
    if (!goodKey(key) || f.get('usedevelopmentstorage') === 'true' || isEmulator(f.get('blobendpoint') ?? '')) continue;
    if (account && !isKeyAccount(account)) continue;
    const explicit = f.get('blobendpoint');
    const endpoint = explicit?.startsWith('https://') ? (explicit.endsWith('/') ? explicit : `${explicit}/`)
      : account ? blobEndpoint(account, f.get('endpointsuffix') || undefined) : undefined;
    out.push({ value: key, start, end: start + key.length, endpoint, message: accountKeyMessage(account) });
  }
  // Bare keys assigned to a `…key` name with an account name assigned nearby.
  let pairs: Pair[] | undefined;
  BARE_KEY.lastIndex = 0;
  for (let m = BARE_KEY.exec(text); m && out.length < 100; m = BARE_KEY.exec(text)) {
    const key = m.groups!.v;
    if (/AccountKey=$/i.test(text.slice(Math.max(0, m.index - 11), m.index)) || !goodKey(key)) continue;
    pairs ??= extractPairs(text, ctx.kind);
    const name = keyAt(pairs, m.index, m.index + key.length);
    if (!name || !KEY_NAME.test(name)) continue;
    const account = pairs.find((p) => ACCOUNT_NAME_KEY.test(p.key) && Math.abs(p.start - m!.index) < 1500)?.value.toLowerCase();
    if (!account || !isKeyAccount(account)) continue;
    out.push({ value: key, start: m.index, end: m.index + key.length, endpoint: blobEndpoint(account), message: accountKeyMessage(account) });
  }
  return out;
}

const accountKeyMessage = (account: string): string =>
  `Azure Storage account key${account ? ` for ${account}` : ''} is compiled into the app: it grants full control of every container, queue, table and file share in the account`;

const accountKey: Rule = {
  id: 'azure-storage-account-key',
  provider: 'azure',
  severity: 'critical',
  redact: true,
  keywords: ['accountkey=', 'accountname', 'account_name', 'storage_account', 'storageaccount', 'account-name'],
  scan: scanAccountKeys,
  message: () => accountKeyMessage(''),
  doc: {
    title: 'Azure Storage account key',
    why: 'A storage account key (88-character base64, in a `DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…` connection string or next to an account name) is the root credential of the whole storage account: read, write and delete on every blob, queue, table and file share, plus the power to mint SAS tokens. Anyone who unpacks the app gets it.',
    fix: 'Rotate the key now (Storage account → Access keys → Rotate key; rotate both if unsure) and remove it from the app. Mobile clients should receive short-lived, least-privilege SAS from your backend — preferably a user delegation SAS signed with Microsoft Entra credentials — or use Entra ID auth directly. Consider disabling Shared Key authorization on the account (`allowSharedKeyAccess=false`).',
    links: [
      'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
      'https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent',
      'https://learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas',
    ],
  },
};

// ---------------------------------------------------------------- SAS token

// Signatures printed in Azure documentation examples.
const DOC_SIGS = new Set(['Z/RHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk=']);
const SIG = /(?<![\w%.-])sig=[A-Za-z0-9%+/=]{16,256}/g;
const TOKEN_CHARS = /[\w%=.:+/-]/;
const HOST_BEFORE = new RegExp(String.raw`(?:https?:\/\/)?(?<a>[a-z0-9]{3,24})\.(?<svc>blob|dfs|file|queue|table)\.(?<sfx>${SUFFIX})(?<path>\/[^\s"'<>?\\]*)?\?$`);
const SAS_PARAM = /^(?:sv|ss|srt|sp|se|st|spr|sr|si|sip|sig|skoid|sktid|skt|ske|sks|skv|saoid|suoid|scid|sdd|ses|rscc|rscd|rsce|rscl|rsct|api-version|comp|restype|timeout)$/i;

const CONN_ENDPOINT = /BlobEndpoint=(?<u>https:\/\/[^;\s"'&]+);[^\s"']*$/i;

interface SasToken { params: Array<[string, string]>; start: number; end: number }

/** Expands a `sig=` hit over the surrounding `&`-separated parameters (`&amp;` in XML/plist too). */
function sasAround(text: string, sigAt: number, sigEnd: number): SasToken {
  const isSep = (i: number): number => (text.startsWith('&amp;', i) ? 5 : text[i] === '&' ? 1 : 0);
  // Left: whole params back to `?`, a quote or anything that is not a query character.
  let start = sigAt;
  for (let guard = 0; guard < 40; guard++) {
    const ampAt = text[start - 1] === '&' ? start - 1 : text.startsWith('&amp;', start - 5) ? start - 5 : -1;
    if (ampAt < 0) break;
    let s = ampAt;
    while (s > Math.max(0, ampAt - 300) && TOKEN_CHARS.test(text[s - 1])) s--;
    if (s === ampAt) break;
    start = s;
  }
  let end = sigEnd;
  for (let guard = 0; guard < 40; guard++) {
    const n = isSep(end);
    if (!n || !/^[\w-]+=/.test(text.slice(end + n, end + n + 30))) break;
    let e = end + n;
    while (e < Math.min(text.length, end + 300) && TOKEN_CHARS.test(text[e])) e++;
    end = e;
  }
  const params: Array<[string, string]> = [];
  let first = start;
  for (const part of text.slice(start, end).split(/&amp;|&/)) {
    let p = part;
    // `SharedAccessSignature=sv=…` in a connection string, `AZURE_SAS_TOKEN=sp=…` in a .env, `sas=sp=…`:
    // a name assigned the whole query string is not one of its parameters.
    const inner = /^[\w.-]+=(?=([\w-]+)=)/.exec(p);
    if (inner && params.length === 0 && SAS_PARAM.test(inner[1])) { p = p.slice(inner[0].length); first += inner[0].length; }
    const eq = p.indexOf('=');
    if (eq > 0) params.push([p.slice(0, eq), p.slice(eq + 1)]);
  }
  return { params, start: first, end };
}

function scanSas(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  SIG.lastIndex = 0;
  for (let m = SIG.exec(text); m && out.length < 200; m = SIG.exec(text)) {
    const tok = sasAround(text, m.index, m.index + m[0].length);
    SIG.lastIndex = Math.max(SIG.lastIndex, tok.end);
    const get = (k: string) => tok.params.find(([n]) => n.toLowerCase() === k)?.[1];
    const sig = safeDecode(get('sig') ?? '');
    if (!/^\d{4}-\d\d-\d\d$/.test(get('sv') ?? '') || !/^[A-Za-z0-9+/]{40,}={0,2}$/.test(sig) || entropy(sig) < 4 || /(.)\1{5,}/.test(sig) || DOC_SIGS.has(sig)) continue;
    if (tok.params.some(([k]) => !SAS_PARAM.test(k))) continue; // some other signed URL
    if (tok.params.some(([k, v]) => !paramShapeOk(k, safeDecode(v)))) continue; // `sp=rqx`, `sip=168.1.6`: not Azure's
    const before = text.slice(Math.max(0, tok.start - 400), tok.start);
    // `https://…blob…/path?<sas>` or a connection string `BlobEndpoint=https://…;SharedAccessSignature=<sas>`.
    const host = text[tok.start - 1] === '?' ? HOST_BEFORE.exec(before)
      : HOST_BEFORE.exec(`${CONN_ENDPOINT.exec(before)?.groups!.u.replace(/\/$/, '') ?? ''}/?`);
    const prefix = tokenBefore(text, tok.start);
    if (isEmulator(prefix) || inSecurityDomainConfig(text, tok.start)) continue;
    if (host && !isAccountName(host.groups!.a)) continue;
    // Raw value: the parameters with `sig` last, so the redacted form never shows signature bytes.
    const ordered = [...tok.params.filter(([k]) => k !== 'sig'), ...tok.params.filter(([k]) => k === 'sig')];
    const value = ordered.map(([k, v]) => `${k}=${v}`).join('&');
    const g = host?.groups;
    const endpoint = g && (g.svc === 'blob' || g.svc === 'dfs') ? `https://${g.a}.blob.${g.sfx}${g.path ?? '/'}` : undefined;
    const what = [['sp', 'permissions'], ['se', 'expires'], ['srt', 'resource types'], ['sr', 'resource']]
      .filter(([k]) => get(k)).map(([k, label]) => `${label} ${safeDecode(get(k)!)}`).join(', ');
    const target = g ? ` for ${g.a}${g.path && g.path !== '/' ? g.path : ''}` : '';
    out.push({ value, start: tok.start, end: tok.end, endpoint, message: `Azure SAS token${target} is compiled into the app (${what || 'no permissions listed'})` });
  }
  return out;
}

// The shapes Azure gives the signed fields (service, account and user delegation SAS): a string
// that uses the names with other values is not a SAS Azure would accept.
const PARAM_SHAPES: Record<string, RegExp> = {
  sp: /^[racwdxyltfmeopiu]+$/,
  ss: /^[bfqt]+$/,
  srt: /^[sco]+$/,
  sr: /^(?:b|c|bs|bv|d|f|s|q|t)$/,
  spr: /^(?:https|https,http|http,https)$/,
  st: /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d{1,7})?)?Z?)?$/,
  se: /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d{1,7})?)?Z?)?$/,
  sip: /^\d{1,3}(?:\.\d{1,3}){3}(?:-\d{1,3}(?:\.\d{1,3}){3})?$/,
};
const paramShapeOk = (k: string, v: string): boolean => PARAM_SHAPES[k.toLowerCase()]?.test(v) ?? true;

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

const sasToken: Rule = {
  id: 'azure-sas-token',
  provider: 'azure',
  severity: 'high',
  redact: true,
  keywords: ['sig='],
  scan: (text) => scanSas(text),
  message: () => 'Azure SAS token is compiled into the app',
  doc: {
    title: 'Azure shared access signature (SAS)',
    why: 'A SAS (`sv=…&sp=…&se=…&sig=…`) is a bearer credential: anyone holding it gets the listed permissions (`sp`) on the resource until it expires (`se`). Shipped in an app, it is shared with every user and every attacker — often with write/list rights and expiries years away. Service and account SAS signed with the account key can only be revoked by rotating that key.',
    fix: 'Remove the SAS from the app and have your backend issue a fresh one per request: shortest practical expiry (minutes), least permissions (`sp=r` on one blob, never `racwdl` on the account), `spr=https`, ideally a user delegation SAS (signed with Entra ID, revocable) or one bound to a stored access policy. Then rotate the account key that signed the leaked token (or revoke the policy / user delegation key).',
    links: [
      'https://learn.microsoft.com/azure/storage/common/storage-sas-overview',
      'https://learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas',
      'https://learn.microsoft.com/azure/storage/common/sas-expiration-policy',
    ],
  },
};

// ---------------------------------------------------------------- blob container

// `$root`/`$web`/`$logs` or 3–63 of [a-z0-9] with single inner hyphens (unambiguous, so linear).
const CONTAINER = String.raw`\$root|\$web|\$logs|[a-z0-9](?:-?[a-z0-9]){2,62}`;
const CONTAINER_URL = new RegExp(String.raw`(?<![\w.-])(?<a>[a-z0-9]{3,24})\.(?:blob|dfs)\.(?<sfx>${SUFFIX})(?::443)?\\?\/(?<c>${CONTAINER})(?![\w-]|\.\w)`, 'g');
const DOC_CONTAINERS = /^(?:my-?container|container-?name|containername|your-?container|sample-?container|mycontainer\d*|container\d*)$/;

function scanContainers(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  CONTAINER_URL.lastIndex = 0;
  for (let m = CONTAINER_URL.exec(text); m && out.length < 1000; m = CONTAINER_URL.exec(text)) {
    const { a, c, sfx } = m.groups!;
    if (!isAccountName(a) || DOC_CONTAINERS.test(c) || isNonValue(c)) continue;
    if (inSecurityDomainConfig(text, m.index) || isEmulator(tokenBefore(text, m.index))) continue;
    out.push({
      value: `${a}/${c}`, start: m.index, end: m.index + m[0].length,
      endpoint: `https://${a}.blob.${sfx}/${c}?restype=container&comp=list`,
    });
  }
  return out;
}

const blobContainer: Rule = {
  id: 'azure-blob-container',
  provider: 'azure',
  severity: 'low',
  redact: false,
  keywords: ['.blob.core.', '.dfs.core.'],
  scan: (text) => scanContainers(text),
  message: (value) => `Azure blob container ${value} referenced in source`,
  doc: {
    title: 'Azure Blob Storage container',
    why: 'The account and container names ship in the app. If the container\'s public access level is "Container", anyone can list it with `GET https://<account>.blob.core.windows.net/<container>?restype=container&comp=list`; with "Blob", anyone who guesses or finds a blob name can download it. Reported as `<account>/<container>`; `.dfs.` (Data Lake) URLs name the same container and are probed through the blob endpoint. Azure Files/Queues/Tables URLs are not reported (no anonymous access).',
    fix: 'Set the container\'s access level to Private and disallow anonymous blob access on the account (`allowBlobPublicAccess=false`). Serve files through short-lived user delegation SAS issued by your backend, or through a CDN with private origin access. Endpoint form: the container list URL `https://<account>.blob.core.windows.net/<container>?restype=container&comp=list`.',
    links: [
      'https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent',
      'https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-configure',
      'https://learn.microsoft.com/rest/api/storageservices/list-blobs',
    ],
  },
};

export const azureRules: Rule[] = [accountKey, sasToken, blobContainer];
