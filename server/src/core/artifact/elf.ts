// ELF reader (Android .so for every ABI: ELFCLASS32/64, little and big endian). Reads the
// read-only data sections where C/C++/Rust string constants live. Flutter's libapp.so keeps its
// Dart AOT snapshot (string objects stored as raw Latin-1 bytes) in .rodata, so the same
// printable-run scan finds Dart string literals too: bounded, but not a snapshot parser.
// Offsets follow the System V gABI (elf.h).
import type { FormatReader, ReaderResult } from './types';
import { StringSink, latin1, printableRuns } from './cstrings';

const SHT_NOBITS = 8;
const SHN_XINDEX = 0xffff;
const MAX_SECTIONS = 65_536;
/**
 * Sections read. `.dynstr`/`.strtab` are left out on purpose: they hold symbol names (JNI
 * method names, imports), never configuration values, and only add noise.
 */
const WANTED = /^(?:\.rodata(?:\..*)?|\.data\.rel\.ro(?:\..*)?|\.data|\.data1|\.rodata1|\.lrodata.*)$/;
/** Without section headers (stripped) the whole file is scanned up to this size. */
const MAX_WHOLE_FILE = 64 * 1024 * 1024;

export const isElf = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;

export const readElf: FormatReader = (bytes, entry): ReaderResult => {
  const sink = new StringSink(`ELF ${entry}`);
  try {
    read(bytes, sink);
  } catch (e) {
    sink.error(`internal error in the ELF reader (please report): ${(e as Error).message}`);
  }
  return sink.result();
};

function read(b: Uint8Array, sink: StringSink): void {
  if (!isElf(b) || b.length < 0x34) {
    sink.error('ELF header truncated');
    return;
  }
  const cls = b[4]; // EI_CLASS: 1 = 32-bit, 2 = 64-bit
  const data = b[5]; // EI_DATA: 1 = little endian, 2 = big endian
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) {
    sink.error(`ELF header has unknown class ${cls} or data encoding ${data}`);
    return;
  }
  const is64 = cls === 2;
  const r = new Reader(b, data === 1);
  if (is64 && b.length < 0x40) {
    sink.error('ELF header truncated');
    return;
  }
  // e_shoff @0x28 (64) / @0x20 (32); e_shentsize, e_shnum, e_shstrndx @0x3A.. (64) / @0x2E.. (32)
  const shoff = is64 ? r.u64(0x28) : r.u32(0x20);
  const shentsize = r.u16(is64 ? 0x3a : 0x2e);
  let shnum = r.u16(is64 ? 0x3c : 0x30);
  let shstrndx = r.u16(is64 ? 0x3e : 0x32);
  const minEnt = is64 ? 64 : 40;
  if (shoff === 0) {
    // No section headers (stripped by a packer): scan the whole file, bounded.
    printableRuns(b, 0, Math.min(b.length, MAX_WHOLE_FILE), sink);
    return;
  }
  if (shentsize < minEnt || shoff + shentsize > b.length) {
    sink.error(`ELF section header table (e_shoff ${shoff}, e_shentsize ${shentsize}) past end of file`);
    return;
  }
  const hdr = (i: number) => shoff + i * shentsize;
  // Extended numbering: e_shnum = 0 → count in section 0's sh_size; SHN_XINDEX → index in its sh_link.
  if (shnum === 0) shnum = is64 ? r.u64(shoff + 32) : r.u32(shoff + 20);
  if (shstrndx === SHN_XINDEX) shstrndx = r.u32(shoff + (is64 ? 40 : 24));
  if (shnum > MAX_SECTIONS || hdr(shnum) > b.length) {
    sink.error(`ELF e_shnum ${shnum} section headers past end of file`);
    return;
  }
  // Elf64_Shdr: sh_name@0, sh_type@4, sh_offset@24 (u64), sh_size@32 (u64);
  // Elf32_Shdr: sh_name@0, sh_type@4, sh_offset@16, sh_size@20.
  const section = (i: number) => ({
    name: r.u32(hdr(i)),
    type: r.u32(hdr(i) + 4),
    offset: is64 ? r.u64(hdr(i) + 24) : r.u32(hdr(i) + 16),
    size: is64 ? r.u64(hdr(i) + 32) : r.u32(hdr(i) + 20),
  });
  if (shstrndx >= shnum) {
    sink.error(`ELF e_shstrndx ${shstrndx} out of range (${shnum} sections)`);
    return;
  }
  const names = section(shstrndx);
  if (names.offset + names.size > b.length) {
    sink.error('ELF section name table (.shstrtab) past end of file');
    return;
  }
  const nameOf = (off: number): string => {
    if (off >= names.size) return '';
    let end = names.offset + off;
    const limit = Math.min(names.offset + names.size, end + 256);
    while (end < limit && b[end] !== 0) end++;
    return latin1(b, names.offset + off, end);
  };
  for (let i = 1; i < shnum; i++) {
    const s = section(i);
    const name = nameOf(s.name);
    if (!WANTED.test(name) || s.type === SHT_NOBITS || s.size === 0) continue;
    if (s.offset + s.size > b.length) {
      sink.error(`ELF section ${name} past end of file (offset ${s.offset}, size ${s.size})`);
      continue;
    }
    if (!printableRuns(b, s.offset, s.offset + s.size, sink)) return;
  }
}

class Reader {
  constructor(private readonly b: Uint8Array, private readonly le: boolean) {}

  u16(at: number): number {
    const b = this.b;
    if (at < 0 || at + 2 > b.length) return 0;
    return this.le ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
  }

  u32(at: number): number {
    if (at < 0 || at + 4 > this.b.length) return 0;
    const hi = this.u16(this.le ? at + 2 : at);
    const lo = this.u16(this.le ? at : at + 2);
    return hi * 0x10000 + lo;
  }

  /** Values above 2^53 saturate, so they fail every bounds check instead of wrapping. */
  u64(at: number): number {
    const hi = this.u32(this.le ? at + 4 : at);
    const lo = this.u32(this.le ? at : at + 4);
    return hi >= 0x200000 ? Number.MAX_SAFE_INTEGER : hi * 0x100000000 + lo;
  }
}
