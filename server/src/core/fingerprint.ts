// Stable identity and safe display of a finding's value.
import { createHash } from 'node:crypto';

/** Stable hash of rule + file/entry + raw value (DESIGN §4). */
export function fingerprint(ruleId: string, file: string, entry: string | null, rawValue: string): string {
  return createHash('sha256').update(`${ruleId}\0${file}${entry ? `!${entry}` : ''}\0${rawValue}`).digest('hex').slice(0, 24);
}

/** First 8 characters then `…` (DESIGN §3 "redacted"). */
export function redact(value: string): string {
  return value.length <= 8 ? `${value.slice(0, Math.min(4, value.length))}…` : `${value.slice(0, 8)}…`;
}
