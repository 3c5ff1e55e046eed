// docs/editors.md is meant to be copied: its JSON and TOML snippets parse, every setup starts
// `leaklens lsp --stdio`, and the settings they show are real LeakLens settings. (The Lua snippets
// are loaded by Neovim itself in test/editors; the Neovim 0.7 one is run there.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/protocol';

const DOC = readFileSync(join(__dirname, '../../docs/editors.md'), 'utf8');
const blocks = (lang: string) => [...DOC.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);

test('every JSON snippet parses; the settings they carry are LeakLens settings', () => {
  const json = blocks('json').map((b) => JSON.parse(b) as Record<string, unknown>);
  assert.ok(json.length >= 4, `${json.length} JSON blocks`);
  const template = json.find((j) => j.id === 'leaklens') as { programArgs: { default: string }; fileTypeMappings: Array<{ fileType: { patterns: string[] } }> };
  assert.match(template.programArgs.default, /leaklens lsp --stdio/);
  const patterns = template.fileTypeMappings.flatMap((m) => m.fileType.patterns);
  for (const p of ['*.kt', '*.java', '*.gradle', '*.xml', '*.plist', '*.swift', '*.dart', '*.xcconfig', '*.properties', '.env']) assert.ok(patterns.includes(p), p);
  const init = json.find((j) => 'rules' in j)!;
  assert.notDeepEqual(normalizeSettings(init).rules, DEFAULT_SETTINGS.rules, 'the example rule setting is understood');
});

test('every TOML snippet parses; Helix starts leaklens lsp --stdio and adds it to each language', () => {
  const toml = blocks('toml').map((b) => parseToml(b) as Record<string, unknown>);
  const helix = toml.find((t) => 'language-server' in t) as { 'language-server': { leaklens: { command: string; args: string[] } }; language: Array<{ name: string; 'language-servers': string[] }> };
  assert.deepEqual([helix['language-server'].leaklens.command, ...helix['language-server'].leaklens.args], ['leaklens', 'lsp', '--stdio']);
  for (const l of helix.language) assert.ok(l['language-servers'].includes('leaklens'), l.name);
  const zed = toml.find((t) => 'language_servers' in t) as { language_servers: { leaklens: { languages: string[] } } };
  assert.ok(zed.language_servers.leaklens.languages.includes('Kotlin'));
  assert.ok(toml.some((t) => (t.lib as { 'crate-type'?: string[] } | undefined)?.['crate-type']?.includes('cdylib')), 'the Zed extension Cargo.toml');
});

test('every editor setup starts the server as `leaklens lsp --stdio`', () => {
  const lua = blocks('lua').filter((b) => b.includes('cmd ='));
  assert.ok(lua.length >= 3, `${lua.length} Neovim setups`);
  for (const b of lua) assert.ok(b.includes("cmd = { 'leaklens', 'lsp', '--stdio' }"), b);
  const eglot = blocks('elisp').filter((b) => b.includes('eglot-server-programs'));
  assert.equal(eglot.length, 1);
  assert.ok(eglot[0].includes('("leaklens" "lsp" "--stdio"'));
  const [zed] = blocks('rust');
  assert.ok(zed.includes('which("leaklens")') && zed.includes('vec!["lsp".into(), "--stdio".into()]'));
});
