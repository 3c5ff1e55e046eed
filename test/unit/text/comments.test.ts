// The comment lexer (core/text/comments.ts) on the literal and comment forms where a jump to the
// next interesting character could go wrong: escapes, nested and unterminated block comments,
// template literals, raw and multi-line strings, comment markers inside strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentSpans } from '../../../server/src/core/text/comments';
import type { FileKind } from '../../../server/src/core/text/fileKind';

/** The text of each comment found. */
const comments = (text: string, kind: FileKind): string[] => commentSpans(text, kind).map((s) => text.slice(s.start, s.end));

test('escaped quotes and backslashes keep a string open or close it where the language does', () => {
  assert.deepEqual(comments('a = "x\\"// no"; // yes', 'java'), ['// yes']);
  assert.deepEqual(comments('a = "x\\\\"; // yes', 'java'), ['// yes']);
  assert.deepEqual(comments("a = 'it\\'s /* no */'; /* yes */", 'js'), ['/* yes */']);
  // a backslash as the last character: the string runs to the end, no comment
  assert.deepEqual(comments('a = "//\\', 'java'), []);
});

test('a single-line string ends at the newline when unterminated; a multi-line one does not', () => {
  assert.deepEqual(comments('a = "open\n// yes', 'kotlin'), ['// yes']);
  assert.deepEqual(comments('a = """open\n// no\n"""; // yes', 'kotlin'), ['// yes']);
  assert.deepEqual(comments('a = """never closed\n// no', 'kotlin'), []);
});

test('JS template literals span lines and escape backticks', () => {
  assert.deepEqual(comments('const u = `https://a.b/${x}\n// no \\` still in`; // yes', 'js'), ['// yes']);
  assert.deepEqual(comments('const u = `/* no */`\n/* yes */', 'js'), ['/* yes */']);
});

test('block comments nest in Swift, Kotlin and Dart, not in Java or JS', () => {
  const text = '/* a /* b */ c */ x // d';
  assert.deepEqual(comments(text, 'swift'), ['/* a /* b */ c */', '// d']);
  assert.deepEqual(comments(text, 'kotlin'), ['/* a /* b */ c */', '// d']);
  assert.deepEqual(comments(text, 'java'), ['/* a /* b */', '// d']);
  assert.deepEqual(comments(text, 'js'), ['/* a /* b */', '// d']);
  // closers that share a character with an opener
  assert.deepEqual(comments('/**/ x /*/ y */ z', 'dart'), ['/**/', '/*/ y */']);
  assert.deepEqual(comments('/*/**/ */ x', 'swift'), ['/*/**/ */']);
  // unterminated: the comment runs to the end
  assert.deepEqual(comments('x /* a /* b */ c', 'swift'), ['/* a /* b */ c']);
  assert.deepEqual(comments('x /* a', 'java'), ['/* a']);
});

test('raw strings: Dart r\'…\' and r\'\'\'…\'\'\' do not escape, Swift #"…"# ends only at its own closer', () => {
  assert.deepEqual(comments("p = r'C:\\' // yes", 'dart'), ['// yes']);
  assert.deepEqual(comments("p = r'''a\\'''; // yes", 'dart'), ['// yes']);
  // `r'` continuing an identifier is not a raw string opener: `'…\\'…'` escapes
  assert.deepEqual(comments("p = bar'a\\' // no' // yes", 'dart'), ['// yes']);
  assert.deepEqual(comments('let s = #"a " // no"#; // yes', 'swift'), ['// yes']);
  assert.deepEqual(comments('let s = ##"a "# // no"##; // yes', 'swift'), ['// yes']);
  assert.deepEqual(comments('let s = #"""\n// no\n"""#\n// yes', 'swift'), ['// yes']);
});

test('Java text blocks and Python triple quotes hold comment markers', () => {
  assert.deepEqual(comments('String s = """\n  // no\n  """; // yes', 'java'), ['// yes']);
  assert.deepEqual(comments("s = '''\n# no\n''' # yes", 'python'), ['# yes']);
});

test('# starts a comment only after a blank in shell/YAML/Python, only at a line start in .properties', () => {
  assert.deepEqual(comments('url=http://a/#frag # yes\n#also', 'shell'), ['# yes', '#also']);
  assert.deepEqual(comments('a=1 # no\n  # yes\n! yes too', 'properties'), ['# yes', '! yes too']);
});

test('xcconfig quotes are plain characters; JSON has no comments; HTML/XML only <!-- -->', () => {
  assert.deepEqual(comments('URL = "http:/$()/a" // yes', 'xcconfig'), ['// yes']);
  assert.deepEqual(comments('{"a": "// no"}', 'json'), []);
  assert.deepEqual(comments('<a href="//x"><!-- yes --></a><!-- open', 'xml'), ['<!-- yes -->', '<!-- open']);
});
