import { readCostFile } from '../../imports/index.js';
import type { CostFileResult, ReadCostFileOptions } from '../../imports/types.js';

export type ReadCostFile = (bytes: Uint8Array, opts: ReadCostFileOptions) => CostFileResult;

/** The cost-file reader (`imports/readCostFile`); a function so that tests and callers may swap it. */
export function loadCostReader(): Promise<ReadCostFile> {
  return Promise.resolve(readCostFile);
}
