// Context that is not the app's (DESIGN §3 "not findings"): the scanner asks, for every candidate,
// whether it sits inside a URL or host that belongs to such a context, and drops it if so:
//  - dependency-repository: the build's package sources — Gradle `repositories {}` / `maven {}` /
//    `ivy {}` / `pluginManagement` / `dependencyResolutionManagement`, Podfile/Gemfile `source`,
//    CocoaPods `:http =>`/`:git =>`, Cartfile `binary`, SwiftPM `.package(url:)`/`.binaryTarget`,
//    `.npmrc` / `.yarnrc.yml` registries, pip index URLs, pubspec `hosted:`;
//  - xml-namespace: `xmlns…=`, `schemaLocation=`, `targetNamespace=` values and dated service
//    namespaces such as `http://s3.amazonaws.com/doc/2006-03-01/` (in AWS SDK code, hence in DEX);
//  - allow-list: hosts listed under an allow/deny-list key (a CI firewall's `allowed-endpoints`,
//    `NO_PROXY`, `allowedDomains: […]`), like the NSC/ATS domains the rules already skip;
//  - comment-link: a URL in the prose of a comment (`// use http://gradleplease.appspot.com/`);
//  - vendored-sdk: a whole file that is a cloud SDK's own source (`com/alibaba/sdk/…`, `com/amazonaws/…`).
// What is silenced is only the URL/host token itself, up to its query string: a key or secret next
// to a repository URL (`credentials { accessKey … }`), in a URL's query (`?key=AIza…`) or in a
// commented-out line of config (`// val url = "https://acme…"`, `# S3_BUCKET=…`) is still found.
// Secrets (rules that redact their value) are findings in any context; the scanner checks that.
import type { FileKind } from './fileKind';
import { commentSpans, type Span } from './comments';
import { lastStartingAtOrBefore } from './pairs';

export type ForeignContext = 'dependency-repository' | 'xml-namespace' | 'allow-list' | 'comment-link' | 'vendored-sdk';

export interface ForeignSpan extends Span {
  context: ForeignContext;
}

export interface ContextIndex {
  /** The foreign context whose URL/host token contains [start, end), if any. */
  at(start: number, end: number): ForeignContext | undefined;
}

// A cloud SDK's own sources vendored into the project (its package path): the hosts and defaults
// there are the SDK's (`DEFAULT_OSS_ENDPOINT = "http://oss-cn-hangzhou.aliyuncs.com"`), not the app's.
const VENDORED_SDK = /(?:^|\/)(?:com\/(?:alibaba\/sdk|aliyun\/oss|amazonaws|amazon\/(?:identity|s3)|google\/firebase|microsoft\/azure|tencent\/cos|qcloud\/cos|obs\/services|huaweicloud\/sdk)|software\/amazon\/awssdk|io\/supabase)\//;

/** True when `path` is a cloud SDK's own source vendored into the project. */
export function isVendoredSdk(path: string): boolean {
  return VENDORED_SDK.test(path);
}

/** Longest block (repositories {…}, an allow-list) looked into; beyond it the block is cut. */
const MAX_BLOCK = 64 * 1024;
/** Blocks looked into per detector and file (bounds the work on adversarial input to ~MAX_BLOCKS × MAX_BLOCK). */
const MAX_BLOCKS = 256;

// A URL up to its query/fragment, or a host name (optionally `*.`-prefixed, with a port and path).
const URL_TOKEN = /[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>()[\]{}?#|\\]+/gi;
const HOST_TOKEN = /[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>()[\]{}?#|\\,;]+|(?<![\w.*-])(?:\*\.)?[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:\/[^\s"'`<>()[\]{}?#|\\,;]*)?/gi;

/** Every foreign span of a file, by start offset; `source` is false for strings read out of a built artifact. */
export function foreignSpans(text: string, kind: FileKind, source: boolean): ForeignSpan[] {
  const spans: ForeignSpan[] = [...xmlNamespaces(text), ...allowLists(text)];
  if (source) spans.push(...dependencyRepositories(text, kind), ...commentLinks(text, kind));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // nested blocks (`repositories { maven { … } }`) yield the same token twice
  return spans.filter((s, i) => i === 0 || s.start !== spans[i - 1].start || s.end !== spans[i - 1].end);
}

/** Builds the index for one file: `source` is false for strings read out of a built artifact. */
export function contextIndex(text: string, kind: FileKind, source: boolean): ContextIndex {
  const spans = foreignSpans(text, kind, source);
  if (spans.length === 0) return { at: () => undefined };
  // widest[i]: the span reaching furthest among spans[0..i] (containment = start ≤ s and end ≥ e)
  const widest: ForeignSpan[] = [];
  for (const s of spans) widest.push(widest.length && widest[widest.length - 1].end >= s.end ? widest[widest.length - 1] : s);
  return {
    at(start, end) {
      const k = lastStartingAtOrBefore(spans, start);
      return k >= 0 && widest[k].end >= end ? widest[k].context : undefined;
    },
  };
}

/** The URL/host tokens inside [from, to) as spans of `context`. */
function tokensIn(text: string, from: number, to: number, context: ForeignContext, re = HOST_TOKEN): ForeignSpan[] {
  const out: ForeignSpan[] = [];
  const part = text.slice(from, Math.min(to, from + MAX_BLOCK));
  re.lastIndex = 0;
  for (let m = re.exec(part); m; m = re.exec(part)) out.push({ start: from + m.index, end: from + m.index + m[0].length, context });
  return out;
}

/** Offset just past the bracket matching the one at `open` (`{`, `(`, `[`), bounded by MAX_BLOCK. */
function matchBracket(text: string, open: number): number {
  const o = text[open];
  const c = o === '{' ? '}' : o === '(' ? ')' : ']';
  let depth = 0;
  const stop = Math.min(text.length, open + MAX_BLOCK);
  for (let i = open; i < stop; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i + 1;
  }
  return stop;
}

/** End of an indented block: the rest of line `at` and the lines below indented deeper (or `- ` items at the same indent). */
function indentedBlockEnd(text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, at))![0].length;
  let end = text.indexOf('\n', at);
  if (end < 0) return text.length;
  const stop = Math.min(text.length, at + MAX_BLOCK);
  while (end < stop) {
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next < 0 ? text.length : next);
    const lead = /^[ \t]*/.exec(line)![0].length;
    if (line.trim() && !(lead > indent || (lead === indent && /^[ \t]*- /.test(line)))) break;
    end = next < 0 ? text.length : next;
  }
  return Math.min(end, stop);
}

// ------------------------------------------------------------------ dependency repositories

const GRADLE_BLOCK = /\b(?:repositories|pluginManagement|dependencyResolutionManagement|maven|ivy|exclusiveContent)\s*[{(]/g;
const SWIFTPM_CALL = /\.(?:package|binaryTarget)\s*\(/g;
// Podfile/Gemfile `source '…'`, CocoaPods `:http => '…'` / `http: '…'`, Cartfile `binary "…"`,
// .npmrc `registry=` / `@scope:registry=` / `//host/:_authToken=`, .yarnrc.yml `npmRegistryServer:`, pip index URLs.
const REPOSITORY_LINES = [
  /^[ \t]*source[ \t]+(['"])[^'"\n]+\1/gm,
  /(?::(?:http|git|podspec)[ \t]*=>|\b(?:http|git|podspec):)[ \t]*(['"])[^'"\n]+\1/g,
  /^[ \t]*binary[ \t]+"[^"\n]+"/gm,
  /^[ \t]*(?:@[\w.-]+:)?registry[ \t]*=[^\n]*/gm,
  /^[ \t]*\/\/\S+:_\w+[ \t]*=/gm,
  /\bnpmRegistryServer[ \t]*:[^\n]*/g,
  /(?:^|[ \t])-?-?(?:extra-)?index-url[ \t]*[= \t][^\n]*/gm,
];
const HOSTED_KEY = /^[ \t]*hosted[ \t]*:/gm;

function dependencyRepositories(text: string, kind: FileKind): ForeignSpan[] {
  const out: ForeignSpan[] = [];
  const blocks = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(text), n = 0; m && n < MAX_BLOCKS; m = re.exec(text), n++) {
      const open = m.index + m[0].length - 1;
      out.push(...tokensIn(text, open, matchBracket(text, open), 'dependency-repository'));
    }
  };
  if (kind === 'gradle') blocks(GRADLE_BLOCK);
  if (kind === 'swift') blocks(SWIFTPM_CALL);
  for (const re of REPOSITORY_LINES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push(...tokensIn(text, m.index, m.index + m[0].length, 'dependency-repository'));
  }
  if (kind === 'yaml') {
    HOSTED_KEY.lastIndex = 0;
    for (let m = HOSTED_KEY.exec(text), n = 0; m && n < MAX_BLOCKS; m = HOSTED_KEY.exec(text), n++) out.push(...tokensIn(text, m.index, indentedBlockEnd(text, m.index + m[0].length), 'dependency-repository'));
  }
  return out;
}

// ------------------------------------------------------------------ XML namespaces

const XMLNS_ATTRIBUTE = /\b(?:xmlns(?::[\w.-]+)?|(?:[\w-]+:)?schemaLocation|targetNamespace)\s*=\s*\\?["']([^"'<>\\]*)/g;
// `http://s3.amazonaws.com/doc/2006-03-01/`, `http://doc.s3.amazonaws.com/2006-03-01/`, `…/doc/2012-11-05/` (SQS, EC2 …)
const DATED_NAMESPACE = /\bhttps?:\/\/(?:doc\.[\w.-]+|[\w.-]+\/doc)\/\d{4}-\d\d-\d\d\/?(?![\w/.-])/g;

/** Needed for an XMLNS_ATTRIBUTE match: a native search, many times cheaper than the attribute's own. */
const XMLNS_WORD = /xmlns|schemaLocation|targetNamespace/;

function xmlNamespaces(text: string): ForeignSpan[] {
  const out: ForeignSpan[] = [];
  XMLNS_ATTRIBUTE.lastIndex = XMLNS_WORD.test(text) ? 0 : text.length;
  for (let m = XMLNS_ATTRIBUTE.exec(text); m; m = XMLNS_ATTRIBUTE.exec(text)) {
    const start = m.index + m[0].length - m[1].length;
    out.push({ start, end: start + m[1].length, context: 'xml-namespace' });
  }
  DATED_NAMESPACE.lastIndex = 0;
  for (let m = DATED_NAMESPACE.exec(text); m; m = DATED_NAMESPACE.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, context: 'xml-namespace' });
  return out;
}

// ------------------------------------------------------------------ allow-lists

// `allowed-endpoints`, `allowedDomains`, `ALLOWED_HOSTS`, `whitelist`, `deny_list`, `egress`, `NO_PROXY` …
const ALLOW_KEY = /(?:["']?)\b[\w.-]{0,40}?(?:(?:allow(?:ed)?|white|safe|deny|denied|block(?:ed)?|black|trusted|permitted|bypass)[-_ ]?(?:list|domains?|hosts?|endpoints?|urls?|origins?|sites?|navigation)|egress[-_ ]?(?:hosts?|domains?|endpoints?|allow\w*)?|no[-_]?proxy)\b["']?[ \t]*[:=][ \t]*/gi;
// A command-line flag: a CI firewall's `awf --allow-domains 'a.com,github-cloud.s3.amazonaws.com'`, `--allowed-hosts=…`.
const ALLOW_FLAG = /(?<![\w-])--?(?:allow(?:ed)?|deny|denied|block(?:ed)?|trusted|permitted)[-_]?(?:list|domains?|hosts?|endpoints?|urls?|origins?)(?:[ \t]+|=)(['"]?)([^\s'"]+)\1/g;
// Cordova/Capacitor config.xml: <access origin>, <allow-navigation href>, <allow-intent href>
const ALLOW_ELEMENT = /<(?:access|allow-navigation|allow-intent)\b[^>]*?\b(?:origin|href)\s*=\s*"([^"<>]*)"/g;
// ALLOW_KEY's key word alone: a match of ALLOW_KEY holds one at most 41 characters (quote and
// prefix) after its start, so the search starts there (ALLOW_KEY tries its lazy prefix at every
// word: on a file without the word, five times the cost of this search).
const ALLOW_WORD = /(?:allow(?:ed)?|white|safe|deny|denied|block(?:ed)?|black|trusted|permitted|bypass)[-_ ]?(?:list|domains?|hosts?|endpoints?|urls?|origins?|sites?|navigation)|egress|no[-_]?proxy/i;
const LIST_CALL = /^(?:(?:mutable)?(?:listOf|setOf|arrayOf)|Arrays\.asList|List\.of|Set\.of|new\s+Set)\s*\(/;

function allowLists(text: string): ForeignSpan[] {
  const out: ForeignSpan[] = [];
  const word = ALLOW_WORD.exec(text);
  ALLOW_KEY.lastIndex = word ? Math.max(0, word.index - 41) : text.length;
  for (let m = ALLOW_KEY.exec(text), n = 0; m && n < MAX_BLOCKS; m = ALLOW_KEY.exec(text), n++) {
    const at = m.index + m[0].length;
    const rest = text.slice(at, at + 40);
    const call = LIST_CALL.exec(rest);
    let end: number;
    if (text[at] === '[' || text[at] === '(') end = matchBracket(text, at);
    else if (call) end = matchBracket(text, at + call[0].length - 1);
    else end = indentedBlockEnd(text, at); // the line, plus a YAML block scalar or list below it
    out.push(...tokensIn(text, at, end, 'allow-list'));
  }
  ALLOW_FLAG.lastIndex = 0;
  for (let m = ALLOW_FLAG.exec(text); m; m = ALLOW_FLAG.exec(text)) {
    const end = m.index + m[0].length - m[1].length;
    out.push(...tokensIn(text, end - m[2].length, end, 'allow-list'));
  }
  ALLOW_ELEMENT.lastIndex = 0;
  for (let m = ALLOW_ELEMENT.exec(text); m; m = ALLOW_ELEMENT.exec(text)) {
    const start = m.index + m[0].length - 1 - m[1].length;
    out.push(...tokensIn(text, start, start + m[1].length, 'allow-list'));
  }
  return out;
}

// ------------------------------------------------------------------ links in comments

/**
 * A URL in a comment is a link when the comment text before it on its line is prose: empty
 * (`// https://…`) or ending in a word (`// use http://…`, `# see http://…`). After a quote, `=`,
 * `:`, `(`, `>`, `,` or `[` it is commented-out code or config and stays a finding.
 */
function commentLinks(text: string, kind: FileKind): ForeignSpan[] {
  const out: ForeignSpan[] = [];
  if (!text.includes('://')) return out; // no URL anywhere (URL_TOKEN needs one): no comment to lex
  for (const c of commentSpans(text, kind)) {
    for (const t of tokensIn(text, c.start, c.end, 'comment-link', URL_TOKEN)) {
      const lineStart = Math.max(c.start, text.lastIndexOf('\n', t.start - 1) + 1);
      const before = text.slice(lineStart, t.start).replace(/^[ \t]*(?:\/\/+|\/\*+|\*+|#+|<!--|--|!)/, '').trimEnd();
      if (before === '' || /[\w.!?]$/.test(before) || /\]\($/.test(before)) out.push(t);
    }
  }
  return out;
}
