/**
 * Bytes → text for cost files as users really have them: UTF-8 with or without BOM (Meta, Google
 * Ads CSV), UTF-16LE with BOM (Google Ads TSV, LinkedIn), UTF-16 without BOM, and windows-1252 when
 * a spreadsheet program re-saved the file. Uses only `TextDecoder` (Node and browsers).
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the file started with a byte-order mark (removed from `text`). */
  bom: boolean;
}

/**
 * Guess UTF-16 without a BOM from the NUL-byte pattern of the first 512 bytes: text that is mostly
 * ASCII has a zero in every high byte, i.e. at odd offsets (LE) or even offsets (BE). Returns the
 * byte order when more than 40% of one parity is NUL and less than 5% of the other.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > 0.4 * half && even < 0.05 * half) return 'utf-16le';
  if (even > 0.4 * half && odd < 0.05 * half) return 'utf-16be';
  return null;
}

/**
 * Decode a text file. Rule, in order: a BOM decides (EF BB BF → UTF-8, FF FE → UTF-16LE, FE FF →
 * UTF-16BE); else the NUL-byte pattern of UTF-16 (`sniffUtf16`); else strict UTF-8 when the bytes
 * are valid UTF-8; else windows-1252 (the WHATWG superset of Latin-1 that Excel writes on Windows).
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, bom: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}

/**
 * Decode windows-1252. `TextDecoder('windows-1252')` is used, then any C1 control U+0080–U+009F
 * it left is mapped to the windows-1252 character of that byte (`0x92` → `’`, `0x80` → `€`):
 * some runtimes (Node's small-ICU builds among them) decode the label as ISO-8859-1.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_BY_BYTE.get(c.charCodeAt(0)) ?? c);
}

const MOJIBAKE =
  /[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/;

/** windows-1252 bytes 0x80–0x9F that decode to characters outside Latin-1. */
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

const CP1252_BY_BYTE = new Map(Object.entries(CP1252_HIGH).map(([ch, b]) => [b, ch]));

/**
 * Undo the mojibake of UTF-8 read as Latin-1/windows-1252 (`Montant dÃ©pensÃ©` → `Montant dépensé`,
 * `Nom de lâ€™ensemble` → `Nom de l’ensemble`). Rule: only when the text shows a typical pair
 * (`Ã`/`Â`/`â` followed by a continuation character), every character maps back to one byte, and
 * those bytes are valid UTF-8; otherwise the text is returned unchanged.
 */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    const b = code <= 0xff ? code : CP1252_HIGH[ch];
    if (b === undefined) return text;
    bytes[i] = b;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return text;
  }
}

/**
 * True when decoded text looks like binary data rather than a spreadsheet export: any NUL, or more
 * than 2% C0 control characters other than tab, CR and LF in the first 4096 characters.
 */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control / sample.length > 0.02;
}
