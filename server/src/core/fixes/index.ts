// The quick-fix registry: every pure FixProvider, asked in order. To add one, import it and append
// it to FIX_PROVIDERS (e.g. the misconfiguration fixes from ../misconfig/fixes).
import type { FixContext, FixProvider, QuickFix } from '../fix';
import { androidSecretFix } from './android';
import { iosSecretFix } from './ios';
import { gitignoreFix } from './gitignore';
import { httpsFix } from './https';
import { cleartextFix } from './cleartext';
import { firebaseRulesFix } from './firebaseRules';
import { suppressFix } from './suppress';
import { misconfigFixes } from '../misconfig/fixes';

export const FIX_PROVIDERS: readonly FixProvider[] = [
  androidSecretFix,
  iosSecretFix,
  httpsFix,
  cleartextFix,
  gitignoreFix,
  firebaseRulesFix,
  misconfigFixes,
  suppressFix, // last: the fallback when nothing better applies
];

const MAX_FIXES = 20;

/** Every fix the providers offer for one finding; a failing provider is skipped, never fatal. */
export function computeFixes(ctx: FixContext, providers: readonly FixProvider[] = FIX_PROVIDERS): { fixes: QuickFix[]; errors: string[] } {
  const fixes: QuickFix[] = [];
  const errors: string[] = [];
  for (const provider of providers) {
    try {
      fixes.push(...provider(ctx));
    } catch (e) {
      errors.push(`${provider.name || 'fix provider'} failed: ${(e as Error).message}`);
    }
    if (fixes.length >= MAX_FIXES) break;
  }
  return { fixes: fixes.slice(0, MAX_FIXES), errors };
}

/** Applies a fix's edits to file texts (tests and the CLI use it; the server sends WorkspaceEdits). */
export function applyFix(fix: QuickFix, read: (path: string) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const fe of fix.edits) {
    let text = out.get(fe.path) ?? read(fe.path) ?? '';
    for (const e of [...fe.edits].sort((a, b) => b.start - a.start || b.end - a.end)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    out.set(fe.path, text);
  }
  return out;
}
