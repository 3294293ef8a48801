/** Which character separates the fields of a CSV/TSV export. */

export type Delimiter = ',' | ';' | '\t';
const CANDIDATES: Delimiter[] = ['\t', ';', ','];

/** Count `ch` outside double quotes in one line. */
function countOutsideQuotes(line: string, ch: string): number {
  let inQuotes = false;
  let count = 0;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ch && !inQuotes) count++;
  }
  return count;
}

/**
 * Detect the delimiter from the header region (the first 30 non-blank lines). Rule: for each of
 * tab, `;` and `,`, take the most common non-zero count per line (the mode, so that preamble lines
 * like `Report Name: …` or a date range `July 1, 2026 - July 31, 2026` weigh little) and how many
 * lines share it; the candidate whose mode is shared by the most lines wins, then the larger mode,
 * then the order tab, `;`, `,`. Quoted text is ignored. Falls back to `,`.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines: string[] = [];
  // Only the top of the text is split: a million-line export must not become a million strings.
  const LINE_BREAK = /\r\n|\n|\r/g;
  let from = 0;
  while (lines.length < 30 && from <= text.length) {
    const m = LINE_BREAK.exec(text);
    const to = m ? m.index : text.length;
    const line = text.slice(from, to);
    if (line.trim() !== '') lines.push(line);
    if (!m) break;
    from = LINE_BREAK.lastIndex;
  }
  let best: { d: Delimiter; lines: number; mode: number } | null = null;
  for (const d of CANDIDATES) {
    const freq = new Map<number, number>();
    for (const l of lines) {
      const c = countOutsideQuotes(l, d);
      if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    }
    let mode = 0;
    let shared = 0;
    for (const [count, times] of freq) {
      if (times > shared || (times === shared && count > mode)) {
        mode = count;
        shared = times;
      }
    }
    if (shared === 0) continue;
    if (!best || shared > best.lines || (shared === best.lines && mode > best.mode)) {
      best = { d, lines: shared, mode };
    }
  }
  return best?.d ?? ',';
}
