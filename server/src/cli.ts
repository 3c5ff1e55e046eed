// CLI entry: `leaklens scan PATH…` (DESIGN §5). Minimal first version; see server/src/cli/ for the full one.
import { readFileSync } from 'node:fs';
import { createEngine } from './core/engine';

function main(argv: string[]): number {
  const [command, ...paths] = argv;
  if (command !== 'scan' || paths.length === 0) {
    process.stderr.write('usage: leaklens scan PATH…\n');
    return 2;
  }
  const engine = createEngine();
  for (const p of paths) {
    const r = engine.scanText(p, readFileSync(p, 'utf8'));
    for (const f of r.findings) process.stdout.write(`${f.location.file}:${f.location.line}:${f.location.column} ${f.severity} ${f.ruleId} ${f.value}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
