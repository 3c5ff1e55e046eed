// Seeded mutations for the fuzz harness: bit flips, interesting integers over offset/size
// fields, truncation, splicing from another seed, chunk duplication and deletion.

export { rng } from '../helpers/rng';

const INTERESTING_U32 = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

export function mutate(seed: Uint8Array, other: Uint8Array, random: () => number): { bytes: Uint8Array; how: string } {
  const pick = (n: number) => Math.floor(random() * n);
  const b = Uint8Array.from(seed);
  if (b.length === 0) return { bytes: b, how: 'empty' };
  const kind = b.length < 4 ? 0 : pick(7);
  switch (kind) {
    case 0: {
      const n = 1 + pick(8);
      for (let i = 0; i < n; i++) b[pick(b.length)] ^= 1 << pick(8);
      return { bytes: b, how: `flip ${n} bits` };
    }
    case 1: {
      const at = pick(Math.max(1, b.length - 3)) & ~3;
      const values = [...INTERESTING_U32, b.length, b.length + 1, b.length - 4];
      const v = values[pick(values.length)] >>> 0;
      new DataView(b.buffer).setUint32(Math.min(at, b.length - 4), v, true);
      return { bytes: b, how: `u32 0x${v.toString(16)} at ${at}` };
    }
    case 2: {
      const at = pick(b.length);
      return { bytes: b.subarray(0, at), how: `truncate at ${at}` };
    }
    case 3: {
      const at = pick(b.length);
      const from = pick(other.length);
      const len = pick(Math.min(512, other.length - from) + 1);
      const out = new Uint8Array(b.length + len);
      out.set(b.subarray(0, at));
      out.set(other.subarray(from, from + len), at);
      out.set(b.subarray(at), at + len);
      return { bytes: out, how: `splice ${len} bytes at ${at}` };
    }
    case 4: {
      const at = pick(b.length);
      const len = pick(Math.min(256, b.length - at) + 1);
      const out = new Uint8Array(b.length + len);
      out.set(b.subarray(0, at + len));
      out.set(b.subarray(at), at + len);
      return { bytes: out, how: `duplicate ${len} bytes at ${at}` };
    }
    case 5: {
      const at = pick(b.length);
      const len = pick(Math.min(256, b.length - at) + 1);
      const out = new Uint8Array(b.length - len);
      out.set(b.subarray(0, at));
      out.set(b.subarray(at + len), at);
      return { bytes: out, how: `delete ${len} bytes at ${at}` };
    }
    default: {
      const n = 1 + pick(16);
      for (let i = 0; i < n; i++) b[pick(b.length)] = [0, 0xff, 0x7f, 0x80][pick(4)];
      return { bytes: b, how: `set ${n} bytes` };
    }
  }
}
