// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { buildAction } from './build-action.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  // jsonc-parser's UMD main requires its modules dynamically, which esbuild cannot bundle: prefer ESM entries.
  mainFields: ['module', 'main'],
  define: { __LEAKLENS_VERSION__: JSON.stringify(version) },
};

// The CLI loads the probes (undici: most of its size) only for --probe, from their own bundle, so a
// plain scan and its worker threads/processes parse a third of the code; `leaklens lsp` loads the
// language server bundle (the one the VSIX ships) the same way.
const siblingBundles = {
  name: 'sibling-bundles',
  setup(build) {
    build.onResolve({ filter: /^(?:\.\.\/)+probe$/ }, (args) => (/[\\/]server[\\/]src[\\/]cli[\\/]/.test(args.importer) ? { path: './probe.js', external: true } : undefined));
    build.onResolve({ filter: /^\.\.\/lsp\/server$/ }, (args) => (/[\\/]cli[\\/]lsp\.ts$/.test(args.importer) ? { path: './server.js', external: true } : undefined));
  },
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [siblingBundles] }),
  esbuild.build({ ...common, entryPoints: ['server/src/probe/index.ts'], outfile: 'server/out/probe.js' }),
  // the GitHub Action's bundle (dist/action.js: minified, no probes; its own script)
  buildAction(),
  // the side panel's script runs in the webview (a browser), not in node
  esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/src/panel/webview/main.ts'], outfile: 'media/out/panel.js' }),
]);

// codicons for the panel ship inside the extension (the webview may load nothing from the network)
mkdirSync('media/out/codicons', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) cpSync(`node_modules/@vscode/codicons/dist/${f}`, `media/out/codicons/${f}`);
