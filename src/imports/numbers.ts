/**
 * Locale-aware number reading for cost exports: `1.234,56` (NL/FR), `1,234.56` (EN), `1 178` with
 * (narrow) no-break spaces (FR), `"9,36"`, `1,61%`, `€ 12,50`, `12.50 EUR`, `-3,5`, `(3.50)`.
 */

export type DecimalMark = ',' | '.';

/** A parsed number: sign, integer digits and fraction digits, exactly as written (no float). */
export interface ParsedDecimal {
  negative: boolean;
  int: string;
  frac: string;
}

export type NumberResult = { ok: true; value: ParsedDecimal | null } | { ok: false; reason: string };

const MISSING = new Set(['', '--', '-', '—', '–', 'n/a', 'na', 'nan', 'null', '(not set)', 'x']);
const SPACES = /[\s\u00a0\u202f\u2007\u2009\u200a\u2008\u2006\u205f\u3000']/g;
const CURRENCY = /^(?:[A-Za-z]{3}|€|\$|£|¥|CHF|zł|kr)|(?:[A-Za-z]{3}|€|\$|£|¥|zł|kr)$/;
const NOT_A_NUMBER = 'not a number';

/** True for a cell the platforms write when a figure is absent or hidden: `--`, ``, `< 5`, `<5`. */
export function isMissingNumber(raw: string): boolean {
  const t = raw.trim().toLowerCase();
  return MISSING.has(t) || /^<\s*\d+$/.test(t);
}

/**
 * How a single separator is read in `digits SEP digits` when both readings are possible: it is a
 * thousands separator only with 1–3 leading digits (not `0`) and exactly 3 trailing digits; then
 * `decimal` decides. Otherwise it is the decimal mark.
 */
function singleSeparator(int: string, frac: string, sep: string, decimal: DecimalMark): boolean {
  const couldBeThousands = frac.length === 3 && int.length <= 3 && int.length > 0 && int !== '0';
  return !(couldBeThousands && sep !== decimal);
}

/**
 * Parse a number as written in a cost export. Rule: strip spaces (incl. U+00A0/U+202F), a currency
 * code or symbol at either end, a trailing `%`, a leading `+`; `-`, U+2212 or parentheses mean
 * negative. With both `,` and `.`, the last one is the decimal mark and the other must group by 3.
 * With one kind repeated, it groups thousands. With one occurrence, it is the decimal mark unless
 * it is followed by exactly 3 digits after 1–3 digits — the ambiguous `1,234` / `1.234` — where
 * `decimal` (the column's or file's mark, see `decideDecimalMark`) decides. Missing markers (see
 * `isMissingNumber`) give `value: null`. Never throws.
 */
export function parseDecimal(raw: string, decimal: DecimalMark = '.'): NumberResult {
  if (isMissingNumber(raw)) return { ok: true, value: null };
  let t = raw.trim().replace(SPACES, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  t = t.replace(/%$/, '');
  for (let k = 0; k < 2; k++) {
    const m = CURRENCY.exec(t);
    if (m && !/^\d+$/.test(m[0])) t = m.index === 0 ? t.slice(m[0].length) : t.slice(0, m.index);
  }
  if (/^[-\u2212]/.test(t)) {
    negative = !negative;
    t = t.slice(1);
  } else if (t.startsWith('+')) t = t.slice(1);
  for (let k = 0; k < 2; k++) {
    const m = CURRENCY.exec(t);
    if (m && !/^\d+$/.test(m[0])) t = m.index === 0 ? t.slice(m[0].length) : t.slice(0, m.index);
  }
  if (!/^(\d|[.,]\d)[\d.,]*$/.test(t) || /[.,]$/.test(t)) return { ok: false, reason: NOT_A_NUMBER };
  const commas = t.split(',').length - 1;
  const dots = t.split('.').length - 1;
  let mark: string | null = null;
  let group: string | null = null;
  if (commas > 0 && dots > 0) {
    mark = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    group = mark === ',' ? '.' : ',';
    if (t.split(mark).length - 1 > 1) return { ok: false, reason: NOT_A_NUMBER };
  } else if (commas + dots > 1) {
    group = commas > 0 ? ',' : '.';
  } else if (commas + dots === 1) {
    const sep = commas ? ',' : '.';
    const [int = '', frac = ''] = t.split(sep);
    if (singleSeparator(int, frac, sep, decimal)) mark = sep;
    else group = sep;
  }
  let intPart = t;
  let frac = '';
  if (mark) {
    const at = t.lastIndexOf(mark);
    intPart = t.slice(0, at);
    frac = t.slice(at + 1);
  }
  if (group) {
    const groups = intPart.split(group);
    const ok = groups.every((g, i) => (i === 0 ? g.length >= 1 && g.length <= 3 : g.length === 3));
    if (!ok) return { ok: false, reason: NOT_A_NUMBER };
    intPart = groups.join('');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac)) return { ok: false, reason: NOT_A_NUMBER };
  intPart = intPart.replace(/^0+(?=\d)/, '') || '0';
  return { ok: true, value: { negative, int: intPart, frac } };
}

/**
 * Parse to a JS number (see `parseDecimal` for the rule); `null` when missing or not a number.
 * Never throws.
 */
export function parseNumber(raw: string, decimal: DecimalMark = '.'): number | null {
  const r = parseDecimal(raw, decimal);
  if (!r.ok || !r.value) return null;
  const n = Number(`${r.value.negative ? '-' : ''}${r.value.int}.${r.value.frac || '0'}`);
  return Number.isFinite(n) ? n : null;
}

/**
 * Format a parsed decimal as a canonical money string with at most `scale` (4) decimals: rounded
 * half away from zero on the digits themselves (no float noise), trailing zeros dropped, `-0` → `0`
 * (`1234.5600` → `"1234.56"`, `0.123456` → `"0.1235"`).
 */
export function toMoneyString(d: ParsedDecimal, scale = 4): string {
  let digits = d.int + d.frac.slice(0, scale).padEnd(scale, '0');
  if ((d.frac[scale] ?? '0') >= '5') {
    const arr = digits.split('').map(Number);
    let k = arr.length - 1;
    while (k >= 0) {
      if ((arr[k] as number) < 9) {
        arr[k] = (arr[k] as number) + 1;
        break;
      }
      arr[k] = 0;
      k--;
    }
    digits = (k < 0 ? '1' : '') + arr.join('');
  }
  const int = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return d.negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * Which decimal mark a single cell proves, if any: both marks (`1.234,56` → `,`), a repeated mark
 * (`1,234,567` → `.`), a space-grouped number with a mark (`1 234,5` → `,`), or a single mark not
 * followed by exactly 3 digits or after a leading `0` (`23,55`, `0,123` → `,`). `1,234` proves nothing.
 */
export function decimalMarkOf(raw: string): DecimalMark | null {
  // One pass over the digits and marks only (everything else is ignored, as spaces and currency
  // are): counts, the last position of each mark, and the digits around a single mark.
  let commas = 0;
  let dots = 0;
  let lastComma = -1;
  let lastDot = -1;
  let kept = 0;
  let intDigits = 0;
  let intFirst = 0;
  let fracDigits = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (commas + dots === 0) {
        if (intDigits === 0) intFirst = c;
        intDigits++;
      } else fracDigits++;
    } else if (c === 0x2c) {
      commas++;
      lastComma = kept;
      fracDigits = 0;
    } else if (c === 0x2e) {
      dots++;
      lastDot = kept;
      fracDigits = 0;
    } else continue;
    kept++;
  }
  if (commas && dots) return lastComma > lastDot ? ',' : '.';
  if (commas > 1) return '.';
  if (dots > 1) return ',';
  if (commas + dots !== 1) return null;
  const sep: DecimalMark = commas ? ',' : '.';
  const intIsZero = intDigits === 1 && intFirst === 0x30;
  if (fracDigits !== 3 || intIsZero || intDigits === 0 || intDigits > 3) return sep;
  return null;
}

/**
 * Decide the decimal mark for a column. Rule: the marks proven by the column's own cells
 * (`decimalMarkOf`) by majority; else the file's mark (all numeric columns together); else the
 * language (`en` → `.`, `nl`/`fr` → `,`); else `.` when the file is `,`-separated, `,` when it is
 * `;`-separated (Excel in NL/FR/BE locales), `.` otherwise.
 */
export function decideDecimalMark(
  columnValues: readonly string[],
  fallback: DecimalMark | null,
): DecimalMark | null {
  let comma = 0;
  let dot = 0;
  for (const v of columnValues) {
    const m = decimalMarkOf(v);
    if (m === ',') comma++;
    else if (m === '.') dot++;
  }
  if (comma > dot) return ',';
  if (dot > comma) return '.';
  return fallback;
}
