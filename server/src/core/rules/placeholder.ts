// Placeholders judged by shape, not by substrings (DESIGN §3 "not findings"). A value is a
// placeholder when it *is* one — `YOUR_BUCKET`, `<bucket>`, `my-bucket`, `example-bucket`,
// `sample`, `xxxx`, `bucket-name` — and not when a real name merely contains such a word:
// `gallerysample909aa8…-amplifyapp`, `acmesample-dev`, `photosample-uploads`, `todo-app-4f2a1`.
//
// The value is cut into words (separators, camelCase, trailing digits). It is a placeholder when
//  - it holds an unmistakable marker: `<…>`, `[…]`, `{…}`, a run of 6 equal characters, `xxx`,
//    a `your…` word, `placeholder`, `replace me`, `change me`, `redacted`; or
//  - every word is filler — a placeholder word (my/example/sample/test/todo/foo…), a slot noun
//    (bucket/name/project/id/key…), an environment word (dev/prod/beta…) or a neutral word
//    (scheme, TLD, provider host, region part, a typed number) — with a placeholder word (`sample-dev`),
//    or with slot nouns and no environment word (`bucket-name`, but `prod-db` is a real name).
// A single word that is neither (`gallerysample`, `acme`, `4f2a1`) makes the value real, and so
// does a generated number: Firebase and Google Cloud suffix taken project names with random digits
// (`api-7231322553409637977-752355`, `test-58213`, `api-project-386502719845`), while a typed one
// counts up, repeats or is short (`my-project-123`, `project-12345`, `bucket-00000`).
// Template words of other languages (`tu-proyecto`, `nombre-del-bucket`) follow stricter rules (below).

/** Words that say "put the real value here". */
const PLACEHOLDER_WORDS = new Set([
  'my', 'your', 'yours', 'our', 'the', 'some', 'this', 'that', 'any', 'example', 'examples', 'sample', 'samples',
  'test', 'tests', 'testing', 'demo', 'demos', 'dummy', 'fake', 'mock', 'mocked', 'stub', 'foo', 'bar', 'baz', 'qux',
  'quux', 'placeholder', 'todo', 'fixme', 'tbd', 'xxx', 'abc', 'xyz', 'lorem', 'ipsum', 'replace', 'change', 'insert',
  'enter', 'put', 'paste', 'add', 'set', 'fill', 'update', 'with', 'here', 'me', 'goes', 'go', 'to', 'in', 'real',
  'actual', 'own', 'for', 'of', 'and', 'or', 'not', 'use', 'only', 'please', 'new', 'null', 'nil', 'none', 'undefined', 'empty', 'doc', 'docs', 'unknown', 'temp', 'tmp', 'redacted',
]);

// Templates in other languages (es, pt, fr, de, it, nl, id): `tu-proyecto`, `SEU_BUCKET`, `nombre-del-bucket`,
// `bucket-anda`. These words are only taken whole, never found inside a run of letters (`mondo`, `sudo`,
// `mikey` stay real), and several are also names (a company "Anda", Xiaomi's "Mi"), so they follow stricter rules.

/** "example"/"test" in those languages: placeholder words like `example`, but whole words only. */
const FOREIGN_PLACEHOLDER_WORDS = new Set(['ejemplo', 'exemplo', 'exemple', 'beispiel', 'esempio', 'contoh', 'prueba', 'teste']);

/**
 * "your"/"my"/"here"/"paste": a placeholder only beside a slot noun (`tu-proyecto`, `mi-bucket`, `bucket-anda`);
 * on their own or with environment words they may be a name (`anda`, `anda-prod`, `mi-cloud`).
 * Left out as too often a real name or abbreviation: su, mon, ton, uw, mio.
 */
const FOREIGN_POSSESSIVE_WORDS = new Set([
  'tu', 'tus', 'mi', 'mis', 'seu', 'sua', 'seus', 'suas', 'meu', 'minha', 'votre', 'dein', 'deine', 'ihr', 'ihre',
  'mein', 'meine', 'tuo', 'tua', 'jouw', 'mijn', 'anda', 'kamu', 'saya', 'aqui', 'ici', 'hier', 'qui', 'pega', 'coloca',
  'inserta', 'insira', 'reemplaza', 'substitua',
]);

/** project / name / key / anonymous in those languages: slot nouns, whole words only. */
const FOREIGN_SLOT_WORDS = new Set([
  'proyecto', 'projeto', 'projet', 'projekt', 'progetto', 'proyek', 'nombre', 'nome', 'nom', 'nama', 'naam', 'clave',
  'chave', 'cle', 'chiave', 'kunci', 'schluessel', 'anonima', 'anonimo', 'anonyme',
]);

/** Connectors (`nombre-del-bucket`, `id-de-proyecto`, `nom-du-bucket`): neutral only between two other words. */
const CONNECTOR_WORDS = new Set(['de', 'del', 'da', 'do', 'di', 'du', 'la', 'el', 'le', 'der', 'die', 'das', 'van', 'von', 'dan']);

/** Nouns that name a configuration slot rather than a thing: `bucket-name`, `project-id`, `api-key`. */
const SLOT_WORDS = new Set([
  'bucket', 'buckets', 'name', 'project', 'projects', 'id', 'ids', 'key', 'keys', 'api', 'app', 'apps', 'application',
  'db', 'database', 'account', 'container', 'firebase', 'rtdb', 'secret', 'token', 'ref', 'value', 'string',
  'endpoint', 'url', 'uri', 'host', 'hostname', 'domain', 'region', 'client', 'service', 'server', 'anon', 'access', 'password', 'pass', 'credential',
  'credentials', 'cred', 'creds', 'auth', 'connection', 'conn', 'str', 'code', 'number', 'num', 'user', 'username',
  'org', 'organization', 'tenant', 'instance', 'resource', 'default', 'identity', 'pool', 'uuid',
]);

/** Environment words: beside a placeholder word they change nothing (`sample-dev`), beside a slot noun they name a real resource (`prod-db`). */
const ENV_WORDS = new Set([
  'dev', 'develop', 'development', 'prod', 'production', 'staging', 'stage', 'stg', 'qa', 'uat', 'local', 'debug',
  'release', 'beta', 'alpha', 'main', 'master', 'sandbox', 'preview', 'live',
]);

/**
 * Words that neither make a value real nor a placeholder: schemes, TLDs, provider hosts and region
 * parts (a URL such as `http://storage.googleapis.com` is not a placeholder by its host).
 */
const NEUTRAL_WORDS = new Set([
  'storage', 's3', 'gcs', 'aws', 'amazon', 'azure', 'blob', 'supabase', 'space', 'spaces', 'http', 'https', 'www',
  'com', 'net', 'io', 'co', 'cn', 'amazonaws', 'appspot', 'firebaseio', 'firebasedatabase', 'firebasestorage',
  'firebaseapp', 'googleapis', 'windows', 'core', 'digitaloceanspaces', 'aliyuncs', 'oss', 'dfs', 'gs', 'us', 'eu',
  'ap', 'sa', 'ca', 'af', 'east', 'west', 'north', 'south', 'central', 'southeast', 'northeast', 'southwest',
  'northwest', 'asia', 'europe', 'v',
]);

const STRONG_MARKER = /[<>]|\[[^\]]*\]|\{[^}]*\}|(.)\1{5,}|^\*+$|\*{3}|^\.{3}$/;
const STRONG_WORD = /^(?:your|yours|placeholder|redacted|x{3,})$/;
const STRONG_PHRASE = /replaceme|changeme|replacewith|fillmein|insertyour|enteryour|yourown/;
/** Longest word we try to segment (`yourbucketname`); longer runs are never placeholders by words. */
const MAX_SEGMENT = 40;

type WordClass = 'placeholder' | 'possessive' | 'slot' | 'env' | 'neutral' | 'other';

function classOf(word: string): WordClass | undefined {
  if (PLACEHOLDER_WORDS.has(word)) return 'placeholder';
  if (SLOT_WORDS.has(word)) return 'slot';
  if (ENV_WORDS.has(word)) return 'env';
  if (NEUTRAL_WORDS.has(word)) return 'neutral';
  return undefined;
}

/** The class of a whole word (not a piece of a run of letters): also the words of other languages. */
function wholeClassOf(word: string): WordClass | undefined {
  if (FOREIGN_PLACEHOLDER_WORDS.has(word)) return 'placeholder';
  if (FOREIGN_POSSESSIVE_WORDS.has(word)) return 'possessive';
  if (FOREIGN_SLOT_WORDS.has(word)) return 'slot';
  return classOf(word);
}

/** Words of a value: split at separators and camelCase humps, lower-cased. */
export function wordsOf(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The classes of the known words a run of letters splits into (`yourbucketname` → your+bucket+name),
 * or `other` when it does not split into known words of ≥ 2 letters.
 */
function segmentClasses(run: string): WordClass[] {
  if (run.length > MAX_SEGMENT) return ['other'];
  // pieces[i]: the classes of one segmentation of run[0..i), undefined when there is none
  const pieces: Array<WordClass[] | undefined> = new Array(run.length + 1).fill(undefined);
  pieces[0] = [];
  for (let i = 0; i < run.length; i++) {
    if (!pieces[i]) continue;
    for (let j = i + 2; j <= run.length; j++) {
      const c = pieces[j] ? undefined : classOf(run.slice(i, j));
      if (c) pieces[j] = [...pieces[i]!, c];
    }
  }
  return pieces[run.length] ?? ['other'];
}

/**
 * A number someone typed rather than generated: short (`-123`, a year), one digit repeated
 * (`00000`), a round number (`10000`), or counting up or down (`12345`, `123456789012`, `98765`).
 */
function madeUpNumber(digits: string): boolean {
  if (digits.length < 5 || /^(\d)\1*$/.test(digits) || /^[1-9]0+$/.test(digits)) return true;
  let up = true;
  let down = true;
  for (let i = 1; i < digits.length; i++) {
    const step = (digits.charCodeAt(i) - digits.charCodeAt(i - 1) + 10) % 10;
    up &&= step === 1;
    down &&= step === 9;
  }
  return up || down;
}

function wordClasses(word: string): WordClass[] {
  // A generated number (`api-7231322553409637977-752355`, `myapp-58213`) makes the value real.
  if (/^\d+$/.test(word)) return [madeUpNumber(word) ? 'neutral' : 'other'];
  if (/^v\d+$/.test(word)) return ['neutral'];
  const known = wholeClassOf(word); // `s3`
  if (known) return [known];
  const m = /^([a-z]+)(\d*)$/.exec(word);
  if (!m || (m[2] && !madeUpNumber(m[2]))) return ['other']; // letters and digits mixed, a generated suffix: a hash, a key
  const letters = wholeClassOf(m[1]);
  return letters ? [letters] : segmentClasses(m[1]);
}

/** True when the value *is* a placeholder (see the header); real names that contain such words are not. */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return false;
  if (STRONG_MARKER.test(value)) return true;
  const words = wordsOf(value);
  if (words.length === 0) return false;
  if (STRONG_PHRASE.test(words.join(''))) return true;
  const seen = new Set<WordClass>();
  for (const [i, w] of words.entries()) {
    if (STRONG_WORD.test(w)) return true;
    if (CONNECTOR_WORDS.has(w) && i > 0 && i < words.length - 1) continue;
    for (const c of wordClasses(w)) seen.add(c);
  }
  if (seen.has('other')) return false;
  const slot = seen.has('slot');
  return seen.has('placeholder') || (slot && seen.has('possessive')) || (slot && !seen.has('env'));
}
