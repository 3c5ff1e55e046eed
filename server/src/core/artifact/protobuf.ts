// A bounded protobuf wire-format reader (for the aapt2 formats inside an AAB): yields the fields
// of one message; nested messages are read by calling it again on a field's byte range.
// Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 (groups 3/4 are refused).

export interface PbField {
  no: number;
  wire: number;
  /** Varint / fixed value (wire types 0, 1, 5). */
  int: number;
  /** Byte range of a length-delimited value (wire type 2). */
  start: number;
  end: number;
}

/** Fields of the message in b[start, end). A malformed field pushes one error and ends the walk. */
export function* pbFields(b: Uint8Array, start: number, end: number, errors: string[]): Generator<PbField> {
  let p = start;
  const varint = (): number | undefined => {
    let v = 0;
    for (let shift = 0, i = 0; i < 10; i++, shift += 7) {
      if (p >= end) return undefined;
      const x = b[p++];
      v += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return v;
    }
    return undefined;
  };
  while (p < end) {
    const at = p;
    const tag = varint();
    if (tag === undefined) return void errors.push(`protobuf: truncated tag at ${at}`);
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) {
      const int = varint();
      if (int === undefined) return void errors.push(`protobuf: truncated varint at ${at}`);
      yield { no, wire, int, start: 0, end: 0 };
    } else if (wire === 2) {
      const len = varint();
      if (len === undefined || p + len > end) return void errors.push(`protobuf: field ${no} at ${at} runs past its message`);
      yield { no, wire, int: 0, start: p, end: p + len };
      p += len;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (p + n > end) return void errors.push(`protobuf: truncated fixed field at ${at}`);
      yield { no, wire, int: b[p] | (b[p + 1] << 8), start: p, end: p + n };
      p += n;
    } else return void errors.push(`protobuf: unsupported wire type ${wire} at ${at}`);
  }
}

const utf8 = new TextDecoder('utf-8');
export const pbString = (b: Uint8Array, f: PbField, maxLength = 64 * 1024): string =>
  f.wire === 2 ? utf8.decode(b.subarray(f.start, Math.min(f.end, f.start + maxLength * 4))).slice(0, maxLength) : '';
