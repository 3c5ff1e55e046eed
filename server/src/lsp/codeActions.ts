// Code actions: the pure fix providers' QuickFixes become WorkspaceEdits (multi-file, with file
// creation and change annotations so VS Code can preview them), plus "Probe this endpoint now".
import {
  CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type CreateFile, type WorkspaceEdit,
  type ChangeAnnotation, type AnnotatedTextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeFixes } from '../core/fixes';
import type { QuickFix } from '../core/fix';
import type { Finding } from '../core/types';
import { PROBE_COMMAND, type DiagnosticData, type ProbeCommandArgs } from '../protocol';
import { SOURCE } from './convert';
import { HISTORY_DETAIL, HISTORY_TITLE } from './gitHistory';
import type { Located, Workspace } from './workspace';

export interface EditSupport {
  documentChanges: boolean;
  create: boolean;
  annotations: boolean;
}

export interface CodeActionInput {
  uri: string;
  text: string;
  loc: Located;
  diagnostics: readonly Diagnostic[];
  findings: readonly Finding[];
  workspace: Workspace;
  support: EditSupport;
  canProbe: boolean;
  /** Whether the committed version of the file holds this finding's value (lsp/gitHistory.ts). */
  inHistory?(f: Finding): boolean;
  /** Version of an open document, for versioned edits. */
  versionOf(uri: string): number | null;
  log(message: string): void;
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const actions: CodeAction[] = [];
  const byFingerprint = new Map(input.findings.map((f) => [f.fingerprint, f]));
  const read = (rel: string) => (rel === input.loc.rel ? input.text : input.workspace.readFile(input.loc.root, rel));
  for (const diagnostic of input.diagnostics.slice(0, 50)) {
    if (diagnostic.source !== SOURCE) continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    const finding = data && byFingerprint.get(data.fingerprint);
    if (!finding) continue;
    const { fixes, errors } = computeFixes({ finding, path: input.loc.rel, text: input.text, readFile: read });
    for (const e of errors) input.log(`LeakLens: ${e}`);
    const rotate = fixes.some((f) => f.movesValue) && !!input.inHistory?.(finding);
    for (const original of fixes) {
      const fix = rotate && original.movesValue ? { ...original, title: original.title + HISTORY_TITLE, detail: (original.detail ?? '') + HISTORY_DETAIL } : original;
      const edit = toWorkspaceEdit(fix, input, read);
      if (edit) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit });
    }
    if (input.canProbe && finding.endpoint) {
      const args: ProbeCommandArgs = { uri: input.uri, fingerprint: finding.fingerprint };
      actions.push({ title: 'Probe this endpoint now', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Probe this endpoint now', command: PROBE_COMMAND, arguments: [args] } });
    }
  }
  return actions;
}

/** A QuickFix as a WorkspaceEdit, or undefined when the client cannot apply it (file creation). */
export function toWorkspaceEdit(fix: QuickFix, input: Pick<CodeActionInput, 'loc' | 'workspace' | 'support' | 'versionOf'>, read: (rel: string) => string | undefined): WorkspaceEdit | undefined {
  const { loc, workspace, support } = input;
  const needsCreate = fix.edits.some((e) => e.create && read(e.path) === undefined);
  if (needsCreate && !(support.documentChanges && support.create)) return undefined;
  const annotationId = 'leaklens.fix';
  const annotate = support.documentChanges && support.annotations;
  if (!support.documentChanges) {
    const changes: NonNullable<WorkspaceEdit['changes']> = {};
    for (const fe of fix.edits) {
      const doc = TextDocument.create('', '', 0, read(fe.path) ?? '');
      changes[workspace.uriOf(loc.root, fe.path)] = fe.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
    }
    return { changes };
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const fe of fix.edits) {
    const uri = workspace.uriOf(loc.root, fe.path);
    const current = read(fe.path);
    if (current === undefined) documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true }, ...(annotate ? { annotationId } : {}) });
    const doc = TextDocument.create(uri, '', 0, current ?? '');
    const edits: AnnotatedTextEdit[] = fe.edits.map((e) => ({
      range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
      newText: e.newText,
      ...(annotate ? { annotationId } : {}),
    } as AnnotatedTextEdit));
    documentChanges.push({ textDocument: { uri, version: current === undefined ? null : input.versionOf(uri) }, edits });
  }
  const edit: WorkspaceEdit = { documentChanges };
  if (annotate) {
    const annotation: ChangeAnnotation = { label: fix.title, ...(fix.detail ? { description: fix.detail } : {}), needsConfirmation: false };
    edit.changeAnnotations = { [annotationId]: annotation };
  }
  return edit;
}
