// Live diagnostics: validate open documents on open and on change (or on save), lightly debounced,
// skipping huge/minified/binary files with one message, under a per-document time budget.
import { MessageType, ShowMessageNotification, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { StatusNotification, type LeakLensSettings, type ServerState as Activity } from '../protocol';
import type { SettingsStore } from './settings';
import type { FirebaseRulesContext, Workspace } from './workspace';
import type { ServerState } from './state';
import { toDiagnostic } from './convert';
import { incrementalFindings } from '../core/text/incremental';
import { isMisconfigFile, namesFirebaseStore } from '../core/misconfig';
import type { Finding, ScanResult } from '../core/types';

/** After the last keystroke, the full (authoritative) scan runs once typing pauses this long. */
const IDLE_MS = 300;
/**
 * A scan slower than this moves the document to on-save validation (the scan itself is synchronous).
 * `LEAKLENS_TIME_BUDGET_MS` overrides it (tests).
 */
export const TIME_BUDGET_MS = Number(process.env.LEAKLENS_TIME_BUDGET_MS) > 0 ? Number(process.env.LEAKLENS_TIME_BUDGET_MS) : 400;
/** Files longer than this with a line longer than MINIFIED_LINE are treated as minified. */
const MINIFIED_MIN_CHARS = 50_000;
const MINIFIED_LINE = 5_000;

export type SkipReason = 'size' | 'minified' | 'binary';

/** Why a text is not scanned as you type, or undefined when it is fine. */
export function skipReason(text: string, maxFileSizeKb: number): SkipReason | undefined {
  if (text.length > maxFileSizeKb * 1024) return 'size';
  const head = text.slice(0, 8192);
  // NUL or many control characters: a binary file opened as text.
  if (head.includes('\u0000') || controlChars(head) > head.length / 20) return 'binary';
  if (text.length > MINIFIED_MIN_CHARS) {
    let last = -1;
    for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', i + 1)) {
      const end = i < 0 ? text.length : i;
      if (end - last - 1 > MINIFIED_LINE) return 'minified';
      if (i < 0) break;
      last = i;
    }
  }
  return undefined;
}

/** Findings derived from the project (firebase-rules-missing), recomputed rather than carried over. */
const DERIVED = 'firebase-rules-missing';
const withoutDerived = (findings: Finding[]): Finding[] => findings.filter((f) => f.ruleId !== DERIVED);

/** The part of a project scan that concerns one file. */
function onlyFile(r: ScanResult, rel: string): ScanResult {
  return { findings: r.findings.filter((f) => f.location.file === rel), errors: r.errors.filter((e) => e.file === rel) };
}

/** C0 control characters other than tab, newline, form feed and carriage return. */
function controlChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) n++;
  }
  return n;
}

export function skipMessage(rel: string, reason: SkipReason, text: string, maxKb: number): string {
  switch (reason) {
    case 'size': return `LeakLens skipped ${rel}: ${(text.length / 1024).toFixed(0)} KB is over leaklens.maxFileSizeKb (${maxKb} KB). Use "LeakLens: Scan Workspace" or the CLI for big files.`;
    case 'minified': return `LeakLens skipped ${rel}: it looks minified (very long lines).`;
    default: return `LeakLens skipped ${rel}: it looks binary.`;
  }
}

export class Validator {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastDuration = new Map<string, number>();
  /** Documents over the time budget: validated on save only. */
  private readonly slow = new Set<string>();
  /** (uri, reason) pairs already told to the user. */
  private readonly told = new Set<string>();
  private readonly validated = new Set<string>();
  private lastCount = -1;
  private lastState: Activity = 'idle';
  private busy: Activity = 'idle';
  /** Text and findings last published per document: the base of the keystroke fast path. */
  private readonly snapshots = new Map<string, { text: string; findings: Finding[] }>();
  private firebaseTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly workspace: Workspace,
    private readonly state: ServerState,
  ) {}

  /** Called on every content change (and on open). */
  async onChange(doc: TextDocument, opened: boolean): Promise<void> {
    const s = await this.settings.get(doc.uri);
    if (!opened && (s.run === 'onSave' || this.slow.has(doc.uri))) return;
    if (!opened && this.quick(doc.uri, s)) {
      this.schedule(doc.uri, Math.max(IDLE_MS, 2 * (this.lastDuration.get(doc.uri) ?? 0)));
      return;
    }
    this.schedule(doc.uri, opened ? 0 : this.debounce(doc.uri));
  }

  /** Keystroke fast path (incremental.ts): true when it published; the full scan follows on idle. */
  private quick(uri: string, settings: LeakLensSettings): boolean {
    const snap = this.snapshots.get(uri);
    const doc = this.documents.get(uri);
    const loc = this.workspace.locate(uri);
    if (!snap || !doc || !loc || !settings.enable || isMisconfigFile(loc.rel) || this.workspace.isIgnoredSecretsFile(loc.root, loc.rel)) return false;
    const engine = this.workspace.engineFor(loc.root, settings);
    const text = doc.getText();
    const project = namesFirebaseStore(snap.findings) && this.workspace.rootPaths.includes(loc.root);
    const context = project ? this.workspace.firebaseRulesContextNow(loc.root) : undefined;
    if (project && !context) return false;
    const scanned = incrementalFindings(snap.text, withoutDerived(snap.findings), text, (w) => engine.scanText(loc.rel, w).findings);
    if (!scanned) return false;
    const findings = namesFirebaseStore(scanned) && context ? [...scanned, ...engine.missingRules(scanned, context.files, context.exists)] : scanned;
    this.snapshots.set(uri, { text, findings });
    this.state.live.set(uri, findings);
    this.publish(uri, doc.version);
    this.status();
    return true;
  }

  async onSave(doc: TextDocument): Promise<void> {
    this.schedule(doc.uri, 0);
  }

  onClose(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.lastDuration.delete(uri);
    this.slow.delete(uri);
    this.validated.delete(uri);
    this.snapshots.delete(uri);
    this.state.live.delete(uri);
    this.settings.forget(uri);
    // A file "Scan Workspace" covered keeps diagnostics, re-read from disk (it may have been saved
    // with changes); any other file is cleared.
    if (this.state.scanned.has(uri)) this.rescanFromDisk(uri).catch(() => this.publish(uri, undefined));
    else this.publish(uri, undefined);
  }

  private async rescanFromDisk(uri: string): Promise<void> {
    const settings = await this.settings.get(uri);
    const loc = this.workspace.locate(uri);
    const text = loc && this.workspace.readFile(loc.root, loc.rel);
    if (loc && text !== undefined && settings.enable && !skipReason(text, settings.maxFileSizeKb) && !this.workspace.isIgnoredSecretsFile(loc.root, loc.rel)) {
      const engine = this.workspace.engineFor(loc.root, settings);
      const context = this.workspace.projectContext(loc.root, loc.rel);
      const found = (context ? onlyFile(engine.scanProject(context), loc.rel) : engine.scanText(loc.rel, text)).findings;
      this.state.scanned.set(uri, await this.withMissingRules(loc.root, settings, found));
    } else this.state.scanned.delete(uri);
    if (!this.documents.get(uri)) this.publish(uri, undefined); // unless it was reopened meanwhile
    this.status();
  }

  /** Re-validates every open document (settings or `.leaklens.json` changed, probe results arrived). */
  revalidateAll(): void {
    this.snapshots.clear(); // their context changed: the next keystroke takes the full path
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
  }

  /** The findings plus `firebase-rules-missing` for the databases/buckets whose rules the root does not keep. */
  private async withMissingRules(root: string, settings: LeakLensSettings, findings: Finding[], contexts?: Map<string, FirebaseRulesContext>): Promise<Finding[]> {
    const own = withoutDerived(findings);
    // Outside a workspace folder there is no project to judge (and no folder worth walking).
    if (!namesFirebaseStore(own) || !this.workspace.rootPaths.includes(root)) return own;
    const context = contexts?.get(root) ?? await this.workspace.firebaseRulesContext(root);
    contexts?.set(root, context);
    return [...own, ...this.workspace.engineFor(root, settings).missingRules(own, context.files, context.exists)];
  }

  /** `revalidateFirebase` once typing in a Firebase context file (firebase.json, …) pauses. */
  revalidateFirebaseSoon(except: string): void {
    if (this.firebaseTimer) clearTimeout(this.firebaseTimer);
    this.firebaseTimer = setTimeout(() => {
      this.firebaseTimer = undefined;
      this.revalidateFirebase(except).catch((e) => this.connection.console.error(`LeakLens: ${(e as Error).stack ?? e}`));
    }, IDLE_MS);
  }

  /**
   * A Firebase context file (rules, firebase.json, …) changed: open documents naming a database/bucket
   * (but `except`, the one being edited) are validated again, and the workspace scan's findings of
   * closed ones are brought up to date (each root's context read once).
   */
  async revalidateFirebase(except?: string): Promise<void> {
    for (const doc of this.documents.all()) {
      if (doc.uri === except || !namesFirebaseStore(this.state.findingsOf(doc.uri))) continue;
      this.snapshots.delete(doc.uri);
      this.schedule(doc.uri, 0);
    }
    const contexts = new Map<string, FirebaseRulesContext>();
    for (const [uri, findings] of [...this.state.scanned]) {
      const loc = this.workspace.locate(uri);
      if (!loc || this.documents.get(uri) || !namesFirebaseStore(findings)) continue;
      const next = await this.withMissingRules(loc.root, await this.settings.get(loc.rootUri), findings, contexts);
      if (this.state.scanned.get(uri) !== findings) continue; // replaced meanwhile
      this.state.scanned.set(uri, next);
      this.publish(uri, undefined);
    }
    this.status();
  }

  /** Debounce grows with the last scan time: instant for cheap files, up to 250 ms for heavy ones. */
  private debounce(uri: string): number {
    const d = this.lastDuration.get(uri) ?? 0;
    return d < 5 ? 0 : Math.min(250, Math.round(d * 2));
  }

  private schedule(uri: string, delay: number): void {
    const prev = this.timers.get(uri);
    if (prev) clearTimeout(prev);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.validate(uri).catch((e) => this.connection.console.error(`LeakLens: validating ${uri} failed: ${(e as Error).stack ?? e}`));
    }, delay));
  }

  /** Validates a document that was never validated (a hover or code action that beat the first scan). */
  async ensure(uri: string): Promise<void> {
    if (!this.validated.has(uri) && this.documents.get(uri)) await this.validate(uri);
  }

  async validate(uri: string): Promise<void> {
    const settings = await this.settings.get(uri);
    const doc = this.documents.get(uri); // the latest text, after the await
    if (!doc) return;
    const findings = this.scan(doc, settings);
    const loc = this.workspace.locate(uri);
    if (findings && loc && namesFirebaseStore(findings) && this.workspace.rootPaths.includes(loc.root)) {
      // The first time, the root's Firebase files are listed by a walk: the file's own findings go
      // out first, firebase-rules-missing once the walk is done.
      if (!this.workspace.firebaseRulesContextNow(loc.root)) this.commit(uri, doc, findings);
      const all = await this.withMissingRules(loc.root, settings, findings);
      if (this.documents.get(uri)?.version !== doc.version) return; // changed meanwhile: a newer validation follows
      this.commit(uri, doc, all);
      return;
    }
    this.commit(uri, doc, findings);
  }

  /** Publishes a document's findings (undefined: not scanned) and keeps them as the keystroke base. */
  private commit(uri: string, doc: TextDocument, findings: Finding[] | undefined): void {
    this.validated.add(uri);
    if (findings === undefined) {
      this.state.live.delete(uri);
      this.snapshots.delete(uri);
    } else {
      this.state.live.set(uri, findings);
      this.snapshots.set(uri, { text: doc.getText(), findings });
    }
    this.publish(uri, doc.version);
    this.status();
  }

  /** Findings of a document, or undefined when it is not scanned (disabled, excluded, skipped). */
  private scan(doc: TextDocument, settings: LeakLensSettings) {
    if (!settings.enable) return undefined;
    const loc = this.workspace.locate(doc.uri);
    if (!loc) return undefined;
    const engine = this.workspace.engineFor(loc.root, settings);
    if (!engine.isScannable(loc.rel) || this.workspace.isExcluded(loc.root, loc.rel, settings)) return undefined;
    if (this.workspace.isIgnoredSecretsFile(loc.root, loc.rel)) return [];
    const text = doc.getText();
    const reason = skipReason(text, settings.maxFileSizeKb);
    if (reason) {
      this.tell(doc.uri, reason, skipMessage(loc.rel, reason, text, settings.maxFileSizeKb));
      return undefined;
    }
    const t0 = performance.now();
    const context = this.workspace.projectContext(loc.root, loc.rel);
    const result = context ? onlyFile(engine.scanProject(context), loc.rel) : engine.scanText(loc.rel, text);
    const dt = performance.now() - t0;
    this.lastDuration.set(doc.uri, dt);
    if (dt > TIME_BUDGET_MS && !this.slow.has(doc.uri)) {
      this.slow.add(doc.uri);
      this.tell(doc.uri, 'slow', `LeakLens: scanning ${loc.rel} took ${dt.toFixed(0)} ms; it is now checked on save only.`);
    }
    for (const e of result.errors.slice(0, 5)) this.connection.console.warn(`LeakLens: ${e.file}: ${e.message}`);
    return result.findings;
  }

  /** Publishes what is known for the URI: live findings, else the workspace scan's, else nothing. */
  publish(uri: string, version: number | undefined): void {
    const findings = this.state.findingsOf(uri);
    const diagnostics = findings.map((f) => toDiagnostic(f, uri, this.state.probeInfo(f)));
    this.connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
  }

  /** `leaklens/status`: sent when the state, the count or a message is new. */
  status(message?: string, uri?: string, state: Activity = this.busy): void {
    const findings = this.state.count();
    if (message === undefined && findings === this.lastCount && state === this.lastState) return;
    this.lastCount = findings;
    this.lastState = state;
    this.connection.sendNotification(StatusNotification.type, { state, findings, message, uri }).catch(() => undefined);
  }

  /** Marks a long request (scan, probe) running until `done` is called. */
  begin(state: 'scanning' | 'probing'): () => void {
    this.busy = state;
    this.status();
    return () => {
      this.busy = 'idle';
      this.status();
    };
  }

  /** One info message per document and reason (window/showMessage and leaklens/status). */
  private tell(uri: string, reason: string, message: string): void {
    const key = `${reason}\0${uri}`;
    if (this.told.has(key)) return;
    if (this.told.size > 5000) this.told.clear();
    this.told.add(key);
    this.connection.console.info(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
    this.status(message, uri);
  }
}
