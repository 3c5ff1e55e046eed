// Shared helpers for the misconfiguration tests: a fixed clock and compact views of results.
import { analyzeFile, analyzeProject, type ProjectFile } from '../../../server/src/core/misconfig';
import type { Finding, ScanResult } from '../../../server/src/core/types';

/** 2026-06-01: test-mode dates before it are expired, after it still open. */
export const NOW = new Date(Date.UTC(2026, 5, 1));
export const clock = () => NOW;

export const scanFile = (path: string, text: string): ScanResult => analyzeFile({ path, text }, { now: clock });
export const scanProject = (files: ProjectFile[]): ScanResult => analyzeProject(files, { now: clock });

/** `line:ruleId` of each finding, in order. */
export const at = (r: ScanResult | Finding[]): string[] => ('findings' in r ? r.findings : r).map((f) => `${f.location.line}:${f.ruleId}`);
export const ids = (r: ScanResult): string[] => r.findings.map((f) => f.ruleId);
export const only = (r: ScanResult, ruleId: string): Finding[] => r.findings.filter((f) => f.ruleId === ruleId);

/** A Firestore rules file with `body` inside the documents match. */
export const firestore = (body: string): string =>
  `rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n${body}\n  }\n}\n`;

/** A Storage rules file with `body` inside the bucket match. */
export const storage = (body: string): string =>
  `rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n${body}\n  }\n}\n`;

/** A database.rules.json with `rules` as its rules object (JSON text). */
export const rtdb = (rules: string): string => `{\n  // Realtime Database rules\n  "rules": ${rules}\n}\n`;
