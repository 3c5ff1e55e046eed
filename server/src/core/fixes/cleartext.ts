// "Turn cleartext off": `android:usesCleartextTraffic="true"`, network-security-config
// `cleartextTrafficPermitted="true"` and ATS `NSAllowsArbitraryLoads` `<true/>` become false.
import type { FixProvider, TextReplace } from '../fix';
import { findingOffsets, lineAt } from './util';

const ATTRIBUTES = /\b(android:usesCleartextTraffic|cleartextTrafficPermitted)(\s*=\s*)(["'])true\3/g;
const ATS = /<key>\s*(NSAllowsArbitraryLoads(?:InWebContent|ForMedia)?|NSExceptionAllowsInsecureHTTPLoads|NSTemporaryExceptionAllowsInsecureHTTPLoads)\s*<\/key>(\s*)<true\s*\/>/g;
// Expo app.json / app.config.js
const CONFIG = /(["']?\b(?:NSAllowsArbitraryLoads|usesCleartextTraffic)["']?\s*:\s*)true\b/g;

export const cleartextFix: FixProvider = ({ finding, text, path }) => {
  if (finding.ruleId !== 'cleartext-traffic') return [];
  const at = findingOffsets(finding, text);
  if (!at) return [];
  // Look at the lines around the finding: the flag may be the attribute, its value or the plist key.
  const from = lineAt(text, at.start).start;
  const to = Math.min(text.length, lineAt(text, at.end).end + 200);
  const window = text.slice(from, to);
  const edits: TextReplace[] = [];
  for (const re of [ATTRIBUTES, ATS, CONFIG]) {
    re.lastIndex = 0;
    const m = re.exec(window);
    if (!m) continue;
    const start = from + m.index;
    const newText = re === ATS ? `<key>${m[1]}</key>${m[2]}<false/>` : re === CONFIG ? `${m[1]}false` : `${m[1]}${m[2]}${m[3]}false${m[3]}`;
    edits.push({ start, end: start + m[0].length, newText });
    break;
  }
  if (edits.length === 0) return [];
  return [{
    title: 'Turn cleartext traffic off',
    detail: 'Allow plain http only for the hosts that need it (a network security config domain or an ATS exception domain).',
    isPreferred: true,
    edits: [{ path, edits }],
  }];
};
