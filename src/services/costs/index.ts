export { importCostFile, importCostRows, type ImportOptions, type ImportReport } from './import.js';
export { importCostBytes } from './import-bytes.js';
export { writeCostLines, costLineSchema, lineToRows, type CostLinesResult } from './lines.js';
export { setFxRates, parseFxFile, type FxResult } from './fx.js';
export { undoImport } from './undo.js';
export { unmatchedCosts, PAID_CHANNELS, type UnmatchedReport } from './unmatched.js';
export { spreadAmount, hoursTimesRate, datesBetween } from './spread.js';
export { COST_PLATFORMS } from '../../imports/types.js';
