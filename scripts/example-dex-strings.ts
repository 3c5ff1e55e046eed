// Prints, as JSON, the string constants a compiler would put in the DEX of the Kotlin/Java sources
// under a folder: literals, with constant concatenations (`"a" +\n "b"`) joined, and Kotlin string
// templates split around their `$name` / `${…}` parts as kotlinc does. With `--classes`: the
// constant fields (`const val X = "…"`, `static final String X = "…"`) per class, for dexwriter.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.(kt|java)$/.test(n) ? [p] : [];
  });
}

const LITERAL = /"((?:[^"\\\n]|\\.)*)"/g;
const CONSTANT = /(?:\bconst val|\bstatic final String)\s+(\w+)\s*=\s*"((?:[^"\\\n$]|\\.)*)"\s*[;\n]/g;
const strings = new Set<string>();
const classes: Array<{ descriptor: string; fields: Array<{ name: string; value: string }> }> = [];
for (const file of sources(process.argv[2])) {
  const joined = readFileSync(file, 'utf8').replace(/"\s*\+\s*"/g, '');
  for (const m of joined.matchAll(LITERAL)) {
    for (const part of m[1].split(/\$(?:\{[^}]*\}|[A-Za-z_]\w*)/)) if (part) strings.add(JSON.parse(`"${part}"`) as string);
  }
  // one class per file, named after it (CloudConfig.kt → Lcom/acme/photos/CloudConfig;)
  const pkg = /^package\s+([\w.]+)/m.exec(joined)?.[1] ?? '';
  const fields = [...joined.matchAll(CONSTANT)].map((m) => ({ name: m[1], value: JSON.parse(`"${m[2]}"`) as string }));
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.(kt|java)$/, '');
  if (fields.length) classes.push({ descriptor: `L${pkg.replaceAll('.', '/')}/${name};`, fields });
}
console.log(JSON.stringify(process.argv.includes('--classes') ? classes : [...strings].sort(), null, 1));
