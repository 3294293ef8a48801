/**
 * A small synchronous XLSX reader for cost exports: the first worksheet's cells as text, through
 * fflate's `unzipSync` (MIT, no Node I/O) and a few regular expressions over the sheet XML.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { CsvRecord } from './csv.js';

/** True when the bytes start with a ZIP local-file header `PK\x03\x04` (XLSX is a ZIP). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Decode the five XML entities and numeric character references. */
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** The text of all `<t>` runs inside an XML fragment (shared or inline rich text). */
function textRuns(xml: string): string {
  let out = '';
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)) {
    out += decodeXml(m[1] ?? '');
  }
  return out;
}

/** Column letters of a cell reference (`AB12`) → 0-based index. */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '').toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A numeric cell as text the locale number reader cannot misread: exponents expanded, and a
 * fraction of exactly three digits padded to four (`1.234` would otherwise be read as one thousand
 * two hundred and thirty-four in an NL/FR file).
 */
function numericText(v: string): string {
  let t = v;
  if (/e/i.test(t)) {
    const n = Number(t);
    t = Number.isFinite(n) ? n.toFixed(10).replace(/\.?0+$/, '') : t;
  }
  return /\.\d{3}$/.test(t) ? `${t}0` : t;
}

function firstSheetPath(files: Record<string, Uint8Array>): string | null {
  const wb = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (wb && rels) {
    const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(strFromU8(wb))?.[1];
    const relsXml = strFromU8(rels);
    for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
      const tag = m[0];
      if (rid && tag.includes(`Id="${rid}"`)) {
        const target = /Target="([^"]+)"/.exec(tag)?.[1] ?? '';
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        if (files[path]) return path;
      }
    }
  }
  const sheets = Object.keys(files)
    .filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))
    .sort();
  return sheets[0] ?? null;
}

/**
 * Read the first worksheet of an XLSX workbook into records, one per sheet row, `line` = the
 * row number (gaps become blank records). Shared strings, inline strings and formula string
 * results are text; numbers are written by `numericText`; dates stay Excel serial numbers (the
 * date reader converts them). Returns an error text when the ZIP is not a workbook.
 */
export function readXlsxRecords(bytes: Uint8Array): CsvRecord[] | { error: string } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/') });
  } catch {
    return { error: 'a damaged ZIP/XLSX file' };
  }
  const sheetPath = firstSheetPath(files);
  if (!sheetPath) return { error: 'a ZIP file that is not an Excel (XLSX) workbook' };
  const sst = files['xl/sharedStrings.xml'];
  const shared = sst
    ? [...strFromU8(sst).matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>/g)].map((m) => textRuns(m[1] ?? ''))
    : [];
  const xml = strFromU8(files[sheetPath] as Uint8Array);
  const records: CsvRecord[] = [];
  for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNo = Number(/\br="(\d+)"/.exec(rm[1] ?? '')?.[1] ?? records.length + 1);
    while (records.length + 1 < rowNo) records.push({ line: records.length + 1, cells: [''] });
    const cells: string[] = [];
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1] ?? '';
      const body = cm[2] ?? '';
      const ref = /\br="([A-Z]+\d*)"/.exec(attrs)?.[1];
      const col = ref ? columnIndex(ref) : cells.length;
      const type = /\bt="([a-zA-Z]+)"/.exec(attrs)?.[1] ?? 'n';
      const v = decodeXml(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
      let text = '';
      if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') text = textRuns(body);
      else if (type === 'str' || type === 'd') text = v;
      else if (type === 'b') text = v === '1' ? 'TRUE' : 'FALSE';
      else if (type === 'n') text = v === '' ? '' : numericText(v);
      while (cells.length < col) cells.push('');
      cells[col] = text;
    }
    records.push({ line: rowNo, cells: cells.length ? cells : [''] });
  }
  return records;
}
