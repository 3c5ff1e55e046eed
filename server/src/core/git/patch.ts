// Which lines a change adds: parsed from `git diff --unified=0` (with `--src-prefix=a/
// --dst-prefix=b/`), so a staged or pull-request scan reports only findings on those lines.
// Pure: patch text in, line ranges out.

/** 1-based inclusive line ranges added on the new side of each file (repository-relative path). */
export type AddedLines = Map<string, Array<[number, number]>>;

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Added line ranges per new-side path. Deleted files and pure deletions add nothing. */
export function parseAddedLines(patch: string): AddedLines {
  const out: AddedLines = new Map();
  let path: string | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of patch.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      // inside a hunk: content lines, never headers (an added line "++ b/x" reads "+++ b/x" here)
      if (line.startsWith('-')) oldLeft--;
      else if (line.startsWith('+')) newLeft--;
      else if (line.startsWith(' ')) { oldLeft--; newLeft--; }
      continue; // `\ No newline at end of file` and the like
    }
    if (line.startsWith('diff --git ')) { path = undefined; continue; }
    if (line.startsWith('+++ ')) {
      const name = unquote(line.slice(4));
      path = name.startsWith('b/') ? name.slice(2) : undefined; // `/dev/null`: deleted
      continue;
    }
    const h = HUNK.exec(line);
    if (!h) continue;
    oldLeft = h[1] === undefined ? 1 : Number(h[1]);
    newLeft = h[3] === undefined ? 1 : Number(h[3]);
    const start = Number(h[2]);
    if (path !== undefined && newLeft > 0) {
      const ranges = out.get(path) ?? [];
      ranges.push([start, start + newLeft - 1]);
      out.set(path, ranges);
    }
  }
  return out;
}

/** True when any line of [line, endLine] was added. */
export function touchesAdded(ranges: ReadonlyArray<[number, number]> | undefined, line: number, endLine: number): boolean {
  return !!ranges?.some(([a, b]) => line <= b && endLine >= a);
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** A path as git prints it: as is, or C-quoted ("a\tb", "\303\251") when it has special bytes. */
export function unquote(s: string): string {
  const t = s.replace(/\t$/, ''); // git appends a tab to names with spaces in some headers
  if (!t.startsWith('"') || !t.endsWith('"') || t.length < 2) return t;
  const bytes: number[] = [];
  const body = t.slice(1, -1);
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') { bytes.push(...encoder.encode(c)); continue; }
    const n = body[i + 1];
    if (/[0-7]/.test(n ?? '')) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      bytes.push(parseInt(oct, 8));
      i += oct.length;
    } else {
      bytes.push(ESCAPES[n] ?? n.charCodeAt(0));
      i++;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
