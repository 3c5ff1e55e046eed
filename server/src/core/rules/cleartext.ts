// Cleartext HTTP allowed by the platform config: Android `usesCleartextTraffic`, network security
// config `cleartextTrafficPermitted`, iOS App Transport Security exceptions. The value is the
// attribute/key; the range covers the attribute or the plist key/value pair.
// Decisions: `src/debug/` manifests (never shipped) and NSC domain-configs / ATS exception domains that
// only name local hosts (10.0.2.2, localhost, LAN) are skipped; Expo app.json/app.config.js flags count.
import type { MatchContext, RawMatch, Rule } from '../rule';

const MANIFEST = /\bandroid:usesCleartextTraffic\s*=\s*(["'])true\1/g;
const NSC = /\bcleartextTrafficPermitted\s*=\s*(["'])true\1/g;
const ATS = /<key>\s*(NSAllowsArbitraryLoads|NSExceptionAllowsInsecureHTTPLoads|NSTemporaryExceptionAllowsInsecureHTTPLoads)\s*<\/key>\s*<true\s*\/>/g;
// Expo app.json / app.config.js (`ios.infoPlist`, expo-build-properties `android`).
const CONFIG = /["']?\b(NSAllowsArbitraryLoads|usesCleartextTraffic)["']?\s*:\s*true\b/g;

/** Hosts that only exist on the developer's machine or LAN (emulator loopback, `.local`). */
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|10\.0\.[23]\.2|0\.0\.0\.0|::1|\[::1\]|[\w-]+\.local|192\.168(?:\.\d{1,3}){2}|10(?:\.\d{1,3}){3}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})$/i;

/** At most this many flags per file and pattern (each looks at a bounded window around it). */
const MAX_MATCHES = 500;

function all(re: RegExp, text: string, f: (m: RegExpExecArray) => RawMatch | undefined): RawMatch[] {
  const out: RawMatch[] = [];
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(text); m && n++ < MAX_MATCHES; m = re.exec(text)) {
    const r = f(m);
    if (r) out.push(r);
  }
  return out;
}

const list = (hosts: string[]) => (hosts.length > 3 ? `${hosts.slice(0, 3).join(', ')} and ${hosts.length - 3} more` : hosts.join(', '));

/** The NSC element holding the attribute at `at`, and for a domain-config its own domains. */
function nscScope(text: string, at: number): { base: boolean; domains: string[] } | undefined {
  const from = Math.max(0, at - 2000);
  const rel = text.slice(from, at).lastIndexOf('<');
  if (rel < 0) return undefined;
  const tag = /^<([\w-]+)/.exec(text.slice(from + rel, from + rel + 40))?.[1];
  if (tag === 'base-config') return { base: true, domains: [] };
  if (tag !== 'domain-config') return undefined;
  const body = text.slice(at, at + 8000);
  const stop = body.search(/<\/?domain-config\b/);
  const own = stop >= 0 ? body.slice(0, stop) : body;
  const domains = [...own.matchAll(/<domain\b[^>]*>\s*([^<\s]{1,253})\s*<\/domain>/g)].map((d) => d[1]);
  return { base: false, domains };
}

/** The exception domain (`<key>host</key><dict>`) an ATS exception key sits in. */
function atsDomain(text: string, at: number): string | undefined {
  const before = text.slice(Math.max(0, at - 4000), at);
  const keys = [...before.matchAll(/<key>\s*([^<\s]{1,253})\s*<\/key>\s*<dict>/g)];
  return keys.length ? keys[keys.length - 1][1] : undefined;
}

function scan(text: string, ctx: Omit<MatchContext, 'start' | 'end' | 'key'>): RawMatch[] {
  const out: RawMatch[] = [];
  const xmlish = ctx.kind === 'xml' || ctx.kind === 'plist' || ctx.kind === 'text';
  if (xmlish && !/(?:^|\/)src\/debug\//.test(ctx.path)) {
    // Debug source sets (src/debug/AndroidManifest.xml, as in the React Native template) never ship.
    out.push(...all(MANIFEST, text, (m) => ({
      value: 'android:usesCleartextTraffic', start: m.index, end: m.index + m[0].length,
      message: 'android:usesCleartextTraffic="true": the app may send and receive plain http:// traffic that anyone on the network can read and change',
    })));
  }
  if (xmlish) {
    out.push(...all(NSC, text, (m) => {
      const scope = nscScope(text, m.index);
      if (!scope) return undefined;
      if (!scope.base && scope.domains.length > 0 && scope.domains.every((d) => LOCAL_HOST.test(d))) return undefined;
      const where = scope.base ? 'for every domain (base-config)' : `for ${list(scope.domains) || 'a domain-config'}`;
      return {
        value: 'cleartextTrafficPermitted', start: m.index, end: m.index + m[0].length,
        message: `Network security config permits cleartext HTTP ${where}`,
      };
    }));
    out.push(...all(ATS, text, (m) => {
      const key = m[1];
      if (key === 'NSAllowsArbitraryLoads') {
        return { value: key, start: m.index, end: m.index + m[0].length, message: 'NSAllowsArbitraryLoads is true: App Transport Security is off and the app may load plain http:// for every host' };
      }
      const domain = atsDomain(text, m.index);
      if (domain && LOCAL_HOST.test(domain)) return undefined;
      return { value: key, start: m.index, end: m.index + m[0].length, message: `${key} allows plain http:// to ${domain ?? 'an exception domain'}` };
    }));
  }
  if (ctx.kind === 'json' || ctx.kind === 'js') {
    out.push(...all(CONFIG, text, (m) => ({
      value: m[1], start: m.index, end: m.index + m[0].length,
      message: m[1] === 'NSAllowsArbitraryLoads'
        ? 'NSAllowsArbitraryLoads: true in the app config turns App Transport Security off for every host'
        : 'usesCleartextTraffic: true in the app config lets the Android app send plain http:// traffic',
    })));
  }
  return out;
}

const cleartextTraffic: Rule = {
  id: 'cleartext-traffic',
  provider: 'platform',
  severity: 'medium',
  redact: false,
  keywords: ['usescleartexttraffic', 'cleartexttrafficpermitted', 'nsallowsarbitraryloads', 'allowsinsecurehttploads'],
  scan,
  message: (value) => `${value} allows cleartext HTTP`,
  doc: {
    title: 'Cleartext HTTP allowed',
    why: 'With cleartext allowed, any http:// URL the app (or an SDK inside it) opens travels unencrypted: anyone on the same Wi-Fi or network path can read tokens and data and inject responses. Cloud storage URLs written as http:// leak the objects they fetch.',
    fix: 'Android: remove `android:usesCleartextTraffic="true"` (the default is false since API 28) and set `cleartextTrafficPermitted="false"` in network_security_config.xml, allowing cleartext only in a `domain-config` for local development hosts (10.0.2.2, localhost) or in the debug source set. iOS: remove `NSAllowsArbitraryLoads`, use https:// everywhere, and if a legacy host really needs http, add a narrow `NSExceptionDomains` entry for it.',
    links: [
      'https://developer.android.com/privacy-and-security/security-config#CleartextTrafficPermitted',
      'https://developer.android.com/guide/topics/manifest/application-element#usesCleartextTraffic',
      'https://developer.apple.com/documentation/bundleresources/information-property-list/nsapptransportsecurity',
    ],
  },
};

export const cleartextRules: Rule[] = [cleartextTraffic];
