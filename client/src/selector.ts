// Which files the language server sees (DESIGN §6). Every text file is read (issue 14): a key in a
// `.pem`, a `production.env`, a `google-services.json.v1` backup. VS Code has no language ids for
// most of these, so the selector takes every file on disk and the server decides by name and
// content (core/text/fileKind.ts: binary names and lockfiles are never scanned).
import type { DocumentSelector } from 'vscode-languageclient/node';

export const DOCUMENT_SELECTOR: DocumentSelector = [{ scheme: 'file' }];
