// What a file's bytes say about it when its name does not: binary or text (and how to decode it),
// and which kind of text (a PEM block, a JSON object, XML/plist, HTML, a script, key=value lines).
import { fileKind, type FileKind } from './fileKind';

/** Bytes looked at to decide binary vs text. */
export const SNIFF_BYTES = 8192;
/** Characters looked at to guess the kind of text. */
const KIND_CHARS = 4096;

/**
 * True when the first bytes are not text: a NUL byte (outside UTF-16 with a BOM), or more than
 * 1 in 10 bytes being control characters or invalid UTF-8 (Latin-1 text stays well below that).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (utf16Bom(bytes) || plainAsciiHead(bytes, n)) return false;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x80) {
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) odd++;
      continue;
    }
    // a UTF-8 sequence: lead byte, then 1–3 continuation bytes (a sequence cut by the window is fine)
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0;
    for (let k = 1; ok && k < len && i + k < n; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) i += len - 1;
    else odd++;
  }
  return odd * 10 > n;
}

const UTF8 = new TextDecoder('utf-8');

/** A character the loop of `looksBinary` counts, a NUL, or anything outside ASCII. */
// eslint-disable-next-line no-control-regex -- the control characters are the point
const NOT_PLAIN_ASCII = /[^\t\n\f\r\x1b\x20-\x7f]/;

/**
 * The first `n` bytes are tabs, newlines and printable ASCII: most files. Decoded (native), their
 * characters are the bytes, so one native search answers for the byte loop.
 */
function plainAsciiHead(bytes: Uint8Array, n: number): boolean {
  return n > 0 && bytes[0] < 0x80 && !NOT_PLAIN_ASCII.test(UTF8.decode(bytes.subarray(0, n)));
}

/** The UTF-16 byte order mark the bytes start with, if any. */
export function utf16Bom(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

/** Text of a file's bytes: UTF-8 (BOM dropped), or UTF-16 when it starts with a UTF-16 BOM (Xcode `.strings`). */
export function decodeText(bytes: Uint8Array): string {
  const bom = utf16Bom(bytes);
  if (bom) return new TextDecoder(bom === 'le' ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  const text = UTF8.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const PEM = /^-----BEGIN [A-Z0-9 ]{1,40}-----/m;
const SHEBANG = /^#![^\n]*?\b(?:(sh|bash|zsh|ksh|dash)|(python[\d.]*)|(ruby)|(node|deno|bun))\b/;
const ASSIGN_LINE = /^[ \t]*(?:export[ \t]+)?[A-Za-z_][\w.-]*[ \t]*[=:]/;

/** The kind of a text from its first characters, or undefined when nothing stands out (generic text). */
export function contentKind(text: string): FileKind | undefined {
  const head = text.slice(0, KIND_CHARS);
  const start = head.trimStart();
  const shebang = SHEBANG.exec(start);
  if (shebang) return shebang[1] ? 'shell' : shebang[2] ? 'python' : shebang[3] ? 'ruby' : 'js';
  if (PEM.test(head)) return 'pem';
  if (/^\{\s*(?:"|\}|$)/.test(start) || /^\[\s*[{"[\]]/.test(start)) return 'json';
  if (start.startsWith('<')) {
    if (/<!DOCTYPE plist|<plist[\s>]/.test(head)) return 'plist';
    if (/^<!doctype html|<html[\s>]/i.test(start)) return 'html';
    if (/^<(?:\?xml|[A-Za-z_][\w:.-]*[\s>/])/.test(start)) return 'xml';
  }
  return assignmentLines(head) ? 'properties' : undefined;
}

/** Nearly all non-blank, non-comment, non-section lines of the head are `key=value` / `key: value`. */
function assignmentLines(head: string): boolean {
  let assigns = 0;
  let other = 0;
  const lines = head.split('\n');
  if (head.length === KIND_CHARS) lines.pop(); // the last line may be cut
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';') || line.startsWith('!') || line.startsWith('[')) continue;
    if (ASSIGN_LINE.test(line)) assigns++;
    else other++;
  }
  return assigns > 0 && assigns >= other * 4;
}

/** The kind a text is scanned as: from its name, else from its content, else generic `text`. */
export function kindOf(path: string, text: string): FileKind {
  return fileKind(path) ?? contentKind(text) ?? 'text';
}
