// Keystroke → publishDiagnostics latency of the bundled language server over stdio: a 10k-line
// Kotlin file with ~40 planted leaks, 60 single-character edits, each awaited until the server
// publishes diagnostics for that version. Measured side by side as the VS Code extension starts the
// server (server.js) and as other editors do (`leaklens lsp --stdio`, the CLI loading the same
// bundle). Run alone: `node --import tsx bench/lsp.ts`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createEngine } from '../server/src/core/engine';
import { rng } from '../test/helpers/rng';

const SERVER = resolve(__dirname, '../server/out/server.js');
const CLI = resolve(__dirname, '../server/out/cli.js');
/** How the server is started: the bundle (VS Code) or the CLI subcommand (docs/editors.md). */
const LAUNCHES = [
  { name: 'server.js --stdio', args: [SERVER, '--stdio'] },
  { name: 'leaklens lsp --stdio', args: [CLI, 'lsp', '--stdio'] },
] as const;
const LINES = 10_000;
const LEAKS = 40;
const EDITS = 60;

export function kotlinFile(): { text: string; leaks: number } {
  const rand = rng(42);
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const word = (n: number) => Array.from({ length: n }, () => alnum[Math.floor(rand() * alnum.length)]).join('');
  const lower = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)]).join('');
  const leak = (i: number) => {
    switch (i % 4) {
      case 0: return `    val db${i} = "https://${lower(8)}-prod.firebaseio.com"`;
      case 1: return `    val key${i} = "AIza${word(35)}"`;
      case 2: return `    val bucket${i} = "https://${lower(10)}-media.s3.amazonaws.com/uploads"`;
      default: return `    val store${i} = "gs://${lower(9)}-assets"`;
    }
  };
  const lines = ['package com.acme.bench', '', 'object Generated {'];
  const every = Math.floor((LINES - 4) / LEAKS);
  for (let i = 0; lines.length < LINES - 1; i++) {
    if (i % every === every >> 1) lines.push(leak(Math.floor(i / every)));
    else lines.push(`    fun f${i}(x: Int): Int = x * ${i % 97} + "${lower(6)}".length // ${word(12)}`);
  }
  lines.push('}');
  return { text: `${lines.join('\n')}\n`, leaks: LEAKS };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LspBenchResult {
  lines: number;
  findings: number;
  openMs: number;
  p50: number;
  p95: number;
  max: number;
  inProcessP50: number;
}

export async function measureLsp(args: readonly string[] = LAUNCHES[0].args): Promise<LspBenchResult> {
  if (!existsSync(SERVER) || !existsSync(CLI)) throw new Error('server/out/server.js or cli.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-lsp-bench-'));
  const child = spawn(process.execPath, [...args], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<number, (n: number) => void>();
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onNotification('textDocument/publishDiagnostics', (p: { version?: number; diagnostics: unknown[] }) => {
    if (p.version !== undefined) waiting.get(p.version)?.(p.diagnostics.length);
  });
  conn.listen();
  try {
    const rootUri = pathToFileURL(dir).href;
    await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
    await conn.sendNotification('initialized', {});
    const { text } = kotlinFile();
    const uri = pathToFileURL(join(dir, 'app/src/main/java/com/acme/bench/Generated.kt')).href;
    const published = (version: number) => new Promise<number>((r) => waiting.set(version, r));

    let t0 = performance.now();
    let wait = published(1);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kotlin', version: 1, text } });
    const findings = await wait;
    const openMs = performance.now() - t0;

    const rand = rng(7);
    const times: number[] = [];
    const lineCount = text.split('\n').length - 1;
    for (let v = 2; v < 2 + EDITS; v++) {
      const line = 3 + Math.floor(rand() * (lineCount - 6));
      const position = { line, character: 4 };
      wait = published(v);
      t0 = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: position, end: position }, text: 'x' }] });
      await wait;
      times.push(performance.now() - t0);
    }
    // The same scan in-process, for the share of the latency that is the engine itself.
    const engine = createEngine();
    const direct: number[] = [];
    for (let i = 0; i < 20; i++) {
      t0 = performance.now();
      engine.scanText('app/src/main/java/com/acme/bench/Generated.kt', text);
      direct.push(performance.now() - t0);
    }
    if (process.env.LEAKLENS_BENCH_DEBUG) console.error(times.map((t) => t.toFixed(1)).join(" "));
    times.sort((a, b) => a - b);
    direct.sort((a, b) => a - b);
    return { lines: lineCount, findings, openMs, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], inProcessP50: percentile(direct, 50) };
  } finally {
    conn.dispose();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLspBench(): Promise<string[]> {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const lines: string[] = [];
  for (const launch of LAUNCHES) {
    const r = await measureLsp(launch.args);
    if (lines.length === 0) lines.push(`LSP keystroke → publishDiagnostics over stdio (${r.lines}-line Kotlin file, ${r.findings} findings, ${EDITS} single-character edits):`);
    lines.push(
      `  ${launch.name}: p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)}  (goal p95 < 10 ms: ${r.p95 < 10 ? 'met' : 'not met'})`,
      `    first diagnostics after didOpen ${ms(r.openMs)}; in-process engine.scanText of the same file p50 ${ms(r.inProcessP50)}`,
    );
  }
  return lines;
}

if (require.main === module) {
  runLspBench().then((lines) => console.log(lines.join('\n')), (e: unknown) => {
    console.error(`lsp bench failed: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
