// Which files the language server sees (DESIGN §6). VS Code has no language ids for most of these
// (gradle, xcconfig, pbxproj, .env…), so the selector is by file pattern.
import type { DocumentSelector } from 'vscode-languageclient/node';

export const FILE_PATTERNS = [
  '**/*.{xml,json,plist,entitlements,gradle,kts,kt,java,swift,m,mm,h,dart,js,jsx,ts,tsx,mjs,cjs}',
  '**/*.{xcconfig,properties,pbxproj,yaml,yml,toml,rules}',
  '**/.env',
  '**/.env.*',
  '**/supabase/migrations/*.sql',
];

export const DOCUMENT_SELECTOR: DocumentSelector = FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }));
