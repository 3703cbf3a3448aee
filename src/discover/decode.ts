// Bytes to text. A file that a pull request can write is never dropped in silence for its
// encoding: UTF-16 with a byte order mark is decoded (Docker Compose and most tools read it),
// and NUL bytes or invalid UTF-8 are decoded as well as they can be, with a note that says
// where the damage is, so that a claim cannot hide behind one bad byte.
import { isUtf8 } from 'node:buffer';

export interface DecodedText {
  text: string;
  /** What was wrong with the bytes, for a diagnostic; absent for clean UTF-8. */
  problem?: { message: string; line: number };
}


const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return fromUtf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return fromUtf16(bytes.subarray(2), 'utf-16be');
  const body = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? bytes.subarray(3) : bytes;
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
  const invalid = isUtf8(body) ? undefined : firstInvalidUtf8(body);
  if (invalid !== undefined) {
    return { text, problem: { line: lineAt(body, invalid), message: 'not valid UTF-8: read with U+FFFD in place of the bytes that are not (an editor saving in another encoding?)' } };
  }
  const nul = body.indexOf(0);
  if (nul >= 0) {
    return { text, problem: { line: lineAt(body, nul), message: 'holds NUL bytes (binary data, or UTF-16 without a byte order mark): read as text all the same' } };
  }
  return { text };
}

function fromUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body);
  // GitHub shows such a file as binary: no line of it can carry a review suggestion.
  return { text, problem: { line: 1, message: `encoded in ${encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} (it starts with a byte order mark): decoded as such` } };
}

/**
 * The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or undefined. TextDecoder says only whether
 * there is one; a diagnostic needs to say where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return undefined;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}
