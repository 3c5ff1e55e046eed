// `leaklens summary FILE.jsonl… [--format text|json|html] [--output FILE] [--top N]`: one report
// over batch output files (shards, reruns), read line by line. Lines that are not batch lines (a
// half-written last line of a killed batch) are counted on stderr and left out.
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseBatchLine } from '../core/fleet/line';
import { SummaryBuilder, type FleetSummary } from '../core/fleet/summary';
import { renderSummaryJson, renderSummaryText } from '../core/fleet/summaryText';
import { renderSummaryHtml } from '../core/fleet/summaryHtml';
import { optionError, UsageError } from './args';

export const SUMMARY_FORMATS = ['text', 'json', 'html'] as const;
type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

export const SUMMARY_HELP = `Usage: leaklens summary FILE.jsonl… [options]

One report over the JSON Lines files of "leaklens batch" (any number of shards or runs; each app,
by sha256, counted once): apps scanned, apps with cloud endpoints, apps with open endpoints, per
provider, rule and endpoint status, what open endpoints expose, the worst apps first.

Options:
  --format text|json|html   report format (default: text); html is one self-contained page
  --output FILE             write the report to FILE instead of standard output
  --top N                   worst apps listed (default: 25)
  -h, --help                show this help
`;

export interface SummaryIo {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function runSummaryCommand(argv: readonly string[], io: SummaryIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { format: { type: 'string' }, output: { type: 'string', short: 'o' }, top: { type: 'string' }, debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw optionError(e, 'summary: ', 'leaklens summary --help');
  }
  const { values: v, positionals: files } = parsed;
  if (v.help) {
    io.stdout.write(SUMMARY_HELP);
    return 0;
  }
  if (!files.length) throw new UsageError('summary needs at least one FILE.jsonl (see leaklens summary --help)');
  const format = (v.format ?? 'text') as SummaryFormat;
  if (!SUMMARY_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${SUMMARY_FORMATS.join(', ')}, not "${v.format}"`);
  const top = v.top === undefined ? 25 : /^\d{1,6}$/.test(v.top) ? Number(v.top) : NaN;
  if (!(top >= 1)) throw new UsageError(`--top must be a whole number of at least 1, not "${v.top}"`);
  if (v.output === '') throw new UsageError('--output needs a file name');

  const summary = await summarizeFiles(files, io, top);
  const text = format === 'json' ? renderSummaryJson(summary) : format === 'html' ? renderSummaryHtml(summary) : renderSummaryText(summary);
  if (v.output === undefined) {
    await new Promise<void>((res, rej) => io.stdout.write(text, (err) => (err ? rej(err) : res())));
  } else {
    try {
      await writeFile(resolve(io.cwd, v.output), text);
    } catch (e) {
      throw new UsageError(`cannot write "${v.output}": ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    io.stderr.write(`leaklens: summary of ${summary.apps} apps written to ${v.output}\n`);
  }
  return 0;
}

/** Reads every file line by line into one summary. */
export async function summarizeFiles(files: readonly string[], io: SummaryIo, top = 25): Promise<FleetSummary> {
  const builder = new SummaryBuilder(top);
  for (const file of files) {
    let bad = 0;
    try {
      const lines = createInterface({ input: createReadStream(resolve(io.cwd, file)), crlfDelay: Infinity });
      for await (const text of lines) {
        if (!text.trim()) continue;
        const line = parseBatchLine(text);
        if (line) builder.add(line);
        else bad++;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read "${file}": ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? 'error'}`);
    }
    if (bad) io.stderr.write(`leaklens: ${file}: ${bad} line${bad === 1 ? ' is' : 's are'} not batch output (a half-written last line?); left out\n`);
  }
  return builder.result();
}
