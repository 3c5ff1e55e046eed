// `npm run bench`: every part side by side in one run (text, artifact, language server, git history, fleet).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runTextBench } from './text';

async function main(): Promise<void> {
  const sections: string[][] = [runTextBench()];
  // The artifact and LSP parts need their fixtures/corpus; each module prints why it cannot run.
  for (const [file, fn] of [['artifact.ts', 'runArtifactBench'], ['lsp.ts', 'runLspBench'], ['history.ts', 'runHistoryBench'], ['fleet.ts', 'runFleetBench']] as const) {
    if (!existsSync(join(__dirname, file))) continue;
    const mod = (await import(`./${file}`)) as Record<string, () => Promise<string[]> | string[]>;
    sections.push(await mod[fn]());
  }
  console.log(sections.map((s) => s.join('\n')).join('\n\n'));
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
