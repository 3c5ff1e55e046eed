// Prints, as JSON, the string constants a compiler would put in the DEX of the Kotlin/Java sources
// under a folder: literals, with constant concatenations (`"a" +\n "b"`) joined, and Kotlin string
// templates split around their `$name` / `${…}` parts as kotlinc does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.(kt|java)$/.test(n) ? [p] : [];
  });
}

const LITERAL = /"((?:[^"\\\n]|\\.)*)"/g;
const strings = new Set<string>();
for (const file of sources(process.argv[2])) {
  const joined = readFileSync(file, 'utf8').replace(/"\s*\+\s*"/g, '');
  for (const m of joined.matchAll(LITERAL)) {
    for (const part of m[1].split(/\$(?:\{[^}]*\}|[A-Za-z_]\w*)/)) if (part) strings.add(JSON.parse(`"${part}"`) as string);
  }
}
console.log(JSON.stringify([...strings].sort(), null, 1));
