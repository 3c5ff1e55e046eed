// Hover on a flagged value: what it is, why it is public once the app ships, how to lock it down,
// and what a probe saw (when one ran).
import type { Hover, Position } from 'vscode-languageserver/node';
import type { Engine } from '../core/engine';
import { ruleDocUrl } from '../core/rule';
import type { Finding } from '../core/types';
import type { ProbeInfo } from './convert';
import { toRange } from './convert';
import { HISTORY_HOVER } from './gitHistory';
import { WHERE_NOTES } from '../protocol';

export interface HoverInput {
  findings: readonly Finding[];
  position: Position;
  engine: Engine;
  probe(f: Finding): ProbeInfo | undefined;
  /** Probes are possible here (trusted workspace, probes enabled). */
  canProbe: boolean;
  /** Whether the committed version of the file holds this finding's value (lsp/gitHistory.ts). */
  inHistory?(f: Finding): boolean;
}

export function hoverAt(input: HoverInput): Hover | null {
  const hits = input.findings.filter((f) => contains(toRange(f), input.position));
  if (hits.length === 0) return null;
  const parts = hits.slice(0, 3).map((f) => describe(f, input));
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: toRange(hits[0]) };
}

function describe(f: Finding, input: HoverInput): string {
  const meta = input.engine.describe(f.ruleId);
  const title = meta?.doc.title ?? f.ruleId;
  const lines = [`**LeakLens: ${title}** — \`${f.ruleId}\` (${f.severity})`, '', md(f.message), ''];
  const facts = [`provider: ${f.provider}`, `value: \`${code(f.value)}\``];
  if (f.endpoint) facts.push(`endpoint: \`${code(f.endpoint)}\``);
  const where = f.where ?? 'app';
  facts.push(`lives in: ${where} — ${WHERE_NOTES[where]}`);
  lines.push(facts.join(' · '), '');
  const why = where === 'app'
    ? '**Why it is public once the app ships:** anyone can download the APK/IPA, unzip it and read this value (strings, resources, plists, DEX).'
    : `**Why it still matters:** it does not ship in the app, but anyone who can read this repository (or its CI logs and forks) can read it, and the resource it names is real.`;
  lines.push(`${why} ${meta?.doc.why ?? ''}`.trim(), '');
  if (meta?.doc.fix) lines.push(`**How to lock it down:** ${meta.doc.fix}`, '');
  if (input.inHistory?.(f)) lines.push(HISTORY_HOVER, '');
  const probe = input.probe(f);
  if (probe) {
    const e = probe.endpoint;
    lines.push(`**Probe:** \`${e.status}\`${e.evidence ? ` — ${md(e.evidence)}` : ''}${e.checkedAt ? ` (${e.checkedAt})` : ''}`, '');
    if (e.exposes?.length) lines.push(`**What it exposes** (judged from the names the probe saw): ${e.exposes.map((x) => `\`${x}\``).join(', ')}`, '');
  } else if (f.endpoint) {
    lines.push(input.canProbe ? '**Probe:** not probed yet — use the quick fix "Probe this endpoint now".' : '**Probe:** not probed (probes need a trusted workspace and `leaklens.probe.enabled`).', '');
  }
  const links = [`[rule documentation](${ruleDocUrl(f.ruleId)})`, ...(meta?.doc.links ?? []).slice(0, 4).map((l) => `[${hostOf(l)}](${l})`)];
  lines.push(links.join(' · '));
  return lines.join('\n');
}

function contains(r: ReturnType<typeof toRange>, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/** Escapes markdown-significant characters in text that comes from the scanned file. */
function md(s: string): string {
  return s.replace(/[\\*_[\]<>]/g, '\\$&');
}

function code(s: string): string {
  return s.replace(/`/g, "'").slice(0, 200);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
