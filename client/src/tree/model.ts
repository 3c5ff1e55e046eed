// The Findings tree beside the Exposure panel: the last Build & Scan / Scan Artifact report by
// where each value is — a source file, or an artifact and the entry inside it that ships it —
// worst severity first, so a reviewer walks it with the keyboard. Pure.
import type { Finding, Report, Severity } from '../../../server/src/core/types';
import { WHERE_NOTES } from '../../../server/src/protocol';

export interface TreeGroup {
  kind: 'group';
  /** Stable across refreshes (keeps expansion state). */
  id: string;
  label: string;
  /** e.g. "3 findings" */
  description: string;
  severity: Severity;
  origin: 'source' | 'artifact';
  children: TreeNode[];
}

export interface TreeFinding {
  kind: 'finding';
  id: string;
  fingerprint: string;
  label: string;
  /** The value (redacted for secrets) and its line. */
  description: string;
  tooltip: string;
  severity: Severity;
}

export type TreeNode = TreeGroup | TreeFinding;

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const worst = (fs: readonly Finding[]): Severity => fs.reduce<Severity>((w, f) => (RANK[f.severity] < RANK[w] ? f.severity : w), 'info');
const count = (n: number) => `${n} finding${n === 1 ? '' : 's'}`;
const byRank = (a: TreeGroup, b: TreeGroup) => RANK[a.severity] - RANK[b.severity] || a.label.localeCompare(b.label);

function leaf(f: Finding, where: string): TreeFinding {
  const lives = f.where ?? 'app';
  return {
    kind: 'finding',
    id: `${f.fingerprint}@${where}:${f.location.line}:${f.location.column}`,
    fingerprint: f.fingerprint,
    label: f.ruleId,
    description: `${f.value} · ${f.location.entry ? 'string' : 'line'} ${f.location.line}${lives === 'app' ? '' : ` · ${lives}`}`,
    tooltip: `${f.severity}: ${f.message}\n${lives}: ${WHERE_NOTES[lives]}`,
    severity: f.severity,
  };
}

function group(id: string, label: string, origin: TreeGroup['origin'], findings: Finding[], children: TreeNode[]): TreeGroup {
  // a file whose findings all live outside the app says so (`3 findings · ci`)
  const lives = new Set(findings.map((f) => f.where ?? 'app'));
  const only = lives.size === 1 ? [...lives][0] : undefined;
  const description = `${count(findings.length)}${only && only !== 'app' ? ` · ${only}` : ''}`;
  return { kind: 'group', id, label, description, severity: worst(findings), origin, children };
}

function byKey(findings: readonly Finding[], key: (f: Finding) => string): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) out.set(key(f), [...(out.get(key(f)) ?? []), f]);
  return out;
}

const inOrder = (a: Finding, b: Finding) => RANK[a.severity] - RANK[b.severity] || a.location.line - b.location.line || a.location.column - b.location.column;

/** Source files first, then each artifact with its entries; inside each, worst severity first. */
export function buildFindingTree(report: Report | undefined): TreeGroup[] {
  if (!report) return [];
  const source = report.findings.filter((f) => !f.location.entry);
  const shipped = report.findings.filter((f) => f.location.entry);
  const files = [...byKey(source, (f) => f.location.file)].map(([file, fs]) =>
    group(`file:${file}`, file, 'source', fs, [...fs].sort(inOrder).map((f) => leaf(f, file))));
  const artifacts = [...byKey(shipped, (f) => f.location.file)].map(([artifact, fs]) => {
    const entries = [...byKey(fs, (f) => f.location.entry!)].map(([entry, es]) =>
      group(`entry:${artifact}!${entry}`, entry, 'artifact', es, [...es].sort(inOrder).map((f) => leaf(f, `${artifact}!${entry}`))));
    return group(`artifact:${artifact}`, artifact, 'artifact', fs, entries.sort(byRank));
  });
  return [...files.sort(byRank), ...artifacts.sort(byRank)];
}
