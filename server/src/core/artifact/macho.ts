// Mach-O reader (iOS/macOS executables, frameworks, app extensions): thin 32/64-bit images and
// fat/universal files. Reads the C-string sections where string literals live (ObjC/C literals,
// Swift literals longer than 15 bytes, CFString targets) without disassembling anything.
// Offsets follow <mach-o/loader.h> and <mach-o/fat.h>.
import type { FormatReader, ReaderResult } from './types';
import { StringSink, fixedName, printableRuns } from './cstrings';

const FAT_MAGIC = 0xcafebabe; // big endian on disk
const FAT_MAGIC_64 = 0xcafebabf;
const MH_MAGIC = 0xfeedface; // 32-bit, read in the file's byte order
const MH_MAGIC_64 = 0xfeedfacf;
const MH_CIGAM = 0xcefaedfe; // byte-swapped 32-bit (big-endian image read as little endian)
const MH_CIGAM_64 = 0xcffaedfe;
const LC_SEGMENT = 0x1;
const LC_SEGMENT_64 = 0x19;
const LC_ENCRYPTION_INFO = 0x21;
const LC_ENCRYPTION_INFO_64 = 0x2c;
const CPU_TYPE_ARM64 = 0x0100000c;
const S_ZEROFILL = 0x1;
const S_CSTRING_LITERALS = 0x2;
const MAX_FAT_ARCHS = 30; // Java class files share 0xCAFEBABE; their "nfat_arch" is the version (≥ 45)
const MAX_NCMDS = 65_536;

/** Sections worth reading, by `segment,section`. Anything typed S_CSTRING_LITERALS is read too. */
const WANTED = new Set(['__TEXT,__cstring', '__TEXT,__const', '__TEXT,__swift5_reflstr', '__TEXT,__oslogstring', '__DATA,__const', '__DATA_CONST,__const', '__RODATA,__cstring', '__RODATA,__const']);
/** Selector names, class names and type encodings: identifiers, never values. */
const SKIPPED = new Set(['__objc_methname', '__objc_classname', '__objc_methtype']);

export const isMachO = (b: Uint8Array): boolean => {
  if (b.length < 8) return false;
  const be = u32(b, 0, false);
  if (be === FAT_MAGIC || be === FAT_MAGIC_64) return u32(b, 4, false) > 0 && u32(b, 4, false) <= MAX_FAT_ARCHS;
  const le = u32(b, 0, true);
  return le === MH_MAGIC || le === MH_MAGIC_64 || le === MH_CIGAM || le === MH_CIGAM_64;
};

export const readMachO: FormatReader = (bytes, entry): ReaderResult => {
  const sink = new StringSink(`Mach-O ${entry}`);
  try {
    if (bytes.length < 8) {
      sink.error('Mach-O header truncated');
      return sink.result();
    }
    const magic = u32(bytes, 0, false);
    if (magic === FAT_MAGIC || magic === FAT_MAGIC_64) readFat(bytes, magic === FAT_MAGIC_64, sink);
    else readThin(bytes, 0, bytes.length, sink, '');
  } catch (e) {
    // Only a bug in this reader gets here (every read is bounds-checked); keep the scan going.
    sink.error(`internal error in the Mach-O reader (please report): ${(e as Error).message}`);
  }
  return sink.result();
};

/** fat_header {magic, nfat_arch} then nfat_arch × fat_arch (20 bytes) or fat_arch_64 (32 bytes). */
function readFat(b: Uint8Array, is64: boolean, sink: StringSink): void {
  const n = u32(b, 4, false);
  if (n === 0 || n > MAX_FAT_ARCHS) {
    sink.error(`Mach-O fat header has ${n} architectures (not a universal binary?)`);
    return;
  }
  const size = is64 ? 32 : 20;
  if (8 + n * size > b.length) {
    sink.error('Mach-O fat_arch table past end of file');
    return;
  }
  // Read arm64 first so its strings come first; strings shared by slices are deduplicated by the sink.
  const archs = [];
  for (let i = 0; i < n; i++) {
    const at = 8 + i * size;
    const cputype = u32(b, at, false);
    const offset = is64 ? u64(b, at + 8, false) : u32(b, at + 8, false);
    const len = is64 ? u64(b, at + 16, false) : u32(b, at + 12, false);
    archs.push({ cputype, offset, len });
  }
  archs.sort((x, y) => Number(y.cputype === CPU_TYPE_ARM64) - Number(x.cputype === CPU_TYPE_ARM64));
  for (const a of archs) {
    if (a.offset + a.len > b.length || a.len < 28) {
      sink.error(`Mach-O fat slice (cputype 0x${a.cputype.toString(16)}) at ${a.offset}+${a.len} past end of file`);
      continue;
    }
    readThin(b, a.offset, a.offset + a.len, sink, `slice 0x${a.cputype.toString(16)}: `);
    if (sink.full) return;
  }
}

/** One image in b[start, end): mach_header(_64), then ncmds load commands. */
function readThin(b: Uint8Array, start: number, end: number, sink: StringSink, tag: string): void {
  if (end - start < 28) {
    sink.error(`${tag}Mach-O header truncated`);
    return;
  }
  const raw = u32(b, start, true);
  if (raw !== MH_MAGIC && raw !== MH_MAGIC_64 && raw !== MH_CIGAM && raw !== MH_CIGAM_64) {
    sink.error(`${tag}not a Mach-O image (magic 0x${raw.toString(16)})`);
    return;
  }
  const le = raw === MH_MAGIC || raw === MH_MAGIC_64;
  const is64 = raw === MH_MAGIC_64 || raw === MH_CIGAM_64;
  const ncmds = u32(b, start + 0x10, le); // mach_header.ncmds
  const sizeofcmds = u32(b, start + 0x14, le); // mach_header.sizeofcmds
  const cmdsStart = start + (is64 ? 0x20 : 0x1c); // load commands follow the 32/28-byte header
  if (cmdsStart + sizeofcmds > end) {
    sink.error(`${tag}Mach-O load commands (sizeofcmds ${sizeofcmds}) past end of file`);
    return;
  }
  if (ncmds > MAX_NCMDS) {
    sink.error(`${tag}Mach-O ncmds ${ncmds} is implausible`);
    return;
  }
  const cmdsEnd = cmdsStart + sizeofcmds;
  const img: Image = { b, le, start, end, sink, tag };
  const segments: Array<{ at: number; cmdsize: number; is64: boolean }> = [];
  let at = cmdsStart;
  for (let i = 0; i < ncmds; i++) {
    if (at + 8 > cmdsEnd) {
      sink.error(`${tag}Mach-O ncmds ${ncmds} exceeds sizeofcmds (stopped at command ${i})`);
      break;
    }
    const cmd = u32(b, at, le);
    const cmdsize = u32(b, at + 4, le);
    if (cmdsize < 8 || at + cmdsize > cmdsEnd) {
      sink.error(`${tag}Mach-O load command ${i} has bad cmdsize ${cmdsize}`);
      break;
    }
    if (cmd === LC_SEGMENT_64 || cmd === LC_SEGMENT) segments.push({ at, cmdsize, is64: cmd === LC_SEGMENT_64 });
    // encryption_info_command(_64): cryptoff u32 @8, cryptsize u32 @12, cryptid u32 @16
    if ((cmd === LC_ENCRYPTION_INFO || cmd === LC_ENCRYPTION_INFO_64) && cmdsize >= 20 && u32(b, at + 16, le) !== 0) {
      img.encrypted = { from: u32(b, at + 8, le), to: u32(b, at + 8, le) + u32(b, at + 12, le) };
    }
    at += cmdsize;
  }
  for (const seg of segments) {
    readSegment(img, seg.at, seg.cmdsize, seg.is64);
    if (sink.full) return;
  }
}

interface Image {
  b: Uint8Array;
  le: boolean;
  /** The image's range in the file (a fat slice or the whole file). */
  start: number;
  end: number;
  sink: StringSink;
  tag: string;
  /** FairPlay-encrypted range (image-relative), when cryptid != 0. */
  encrypted?: { from: number; to: number };
  encryptionReported?: boolean;
}

/**
 * segment_command_64: segname@8, nsects@64, sections@72 (section_64 is 80 bytes: sectname@0,
 * segname@16, size u64@40, offset u32@48, flags@64). segment_command: nsects@48, sections@56
 * (section is 68 bytes: size u32@36, offset@40, flags@56).
 */
function readSegment(img: Image, at: number, cmdsize: number, is64: boolean): void {
  const { b, le, start, end, sink, tag } = img;
  const nsects = u32(b, at + (is64 ? 64 : 48), le);
  const first = at + (is64 ? 72 : 56);
  const secSize = is64 ? 80 : 68;
  if (first + nsects * secSize > at + cmdsize) {
    sink.error(`${tag}Mach-O segment ${fixedName(b, at + 8, 16)} has ${nsects} sections, more than its command holds`);
    return;
  }
  for (let s = 0; s < nsects; s++) {
    const sec = first + s * secSize;
    const sectname = fixedName(b, sec, 16);
    const segname = fixedName(b, sec + 16, 16);
    const size = is64 ? u64(b, sec + 40, le) : u32(b, sec + 36, le);
    const offset = u32(b, sec + (is64 ? 48 : 40), le);
    const type = u32(b, sec + (is64 ? 64 : 56), le) & 0xff;
    if (SKIPPED.has(sectname) || type === S_ZEROFILL) continue;
    if (!WANTED.has(`${segname},${sectname}`) && type !== S_CSTRING_LITERALS) continue;
    // Section offsets are relative to the image (the fat slice), not to the file.
    if (offset === 0 || start + offset + size > end) {
      sink.error(`${tag}Mach-O section ${segname},${sectname} past end of file (offset ${offset}, size ${size})`);
      continue;
    }
    if (img.encrypted && offset < img.encrypted.to && offset + size > img.encrypted.from) {
      // App Store downloads are FairPlay-encrypted: these bytes are ciphertext, not strings.
      if (!img.encryptionReported) sink.error(`${tag}Mach-O is FairPlay-encrypted (App Store build): its __TEXT strings cannot be read; scan the .xcarchive or the exported .ipa instead`);
      img.encryptionReported = true;
      continue;
    }
    if (!printableRuns(b, start + offset, start + offset + size, sink, 4)) return;
  }
}

function u32(b: Uint8Array, at: number, le: boolean): number {
  if (at < 0 || at + 4 > b.length) return 0;
  return le ? (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
    : ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** 64-bit field as a number; values above 2^53 become Infinity-like and fail every bounds check. */
function u64(b: Uint8Array, at: number, le: boolean): number {
  const lo = u32(b, le ? at : at + 4, le);
  const hi = u32(b, le ? at + 4 : at, le);
  return hi >= 0x200000 ? Number.MAX_SAFE_INTEGER : hi * 0x100000000 + lo;
}
