/** Cost-file readers: pure (bytes in, rows and errors out), usable in Node and the browser. */
export { readCostFile, readCostRows } from './read-cost-file.js';
export * from './types.js';
export { decodeBytes, repairMojibake } from './decode.js';
export { detectDelimiter } from './delimiter.js';
export { tokenizeCsv, CsvReader } from './csv.js';
export { parseDecimal, parseNumber, toMoneyString, decideDecimalMark, isMissingNumber } from './numbers.js';
export { parseDate, decideDateOrder, excelSerialToDate } from './dates.js';
export { COLUMN_MAPS } from './platforms/index.js';
export { normalizeHeader, matchHeader } from './headers.js';
