// "Use https://": the scheme of an `insecure-cloud-endpoint` finding (a cloud URL written with
// `http://`) is switched to `https://` in place, which removes the finding.
import type { FixProvider } from '../fix';
import { findingOffsets } from './util';

export const httpsFix: FixProvider = ({ finding, text, path }) => {
  if (finding.ruleId !== 'insecure-cloud-endpoint') return [];
  const at = findingOffsets(finding, text);
  if (!at) return [];
  // The scheme is either inside the value's range or right before it.
  const value = text.slice(at.start, at.end);
  const inside = /^http:\/\//i.exec(value);
  const start = inside ? at.start : at.start - 'http://'.length;
  if (start < 0 || !/^http:\/\/$/i.test(text.slice(start, start + 7))) return [];
  return [{
    title: 'Use https:// for this endpoint',
    detail: 'Plain http exposes the traffic (and any token in it) to the network.',
    edits: [{ path, edits: [{ start, end: start + 7, newText: 'https://' }] }],
  }];
};
