import type { CostPlatform } from '../../imports/types.js';
import type { AppStore, EventStore, Workspace } from '../../store/ports.js';
import { importCostRows, type ImportOptions, type ImportReport } from './import.js';
import { readCostRows } from '../../imports/index.js';

/**
 * Read a cost file's bytes with the platform readers (`readCostRows`, streaming), then import (see
 * `importCostRows`). `onReadProgress(done, total)` follows the reading of the file.
 */
export async function importCostBytes(
  stores: { app: AppStore; events: EventStore },
  ws: Workspace,
  bytes: Uint8Array,
  opts: ImportOptions & {
    platform?: CostPlatform | 'auto';
    currency?: string;
    read?: typeof readCostRows;
    onReadProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  const read = opts.read ?? readCostRows;
  return importCostRows(
    stores,
    ws,
    (onRow, onHeader) => {
      try {
        return read(
          bytes,
          {
            platform: opts.platform ?? 'auto',
            currency: opts.currency,
            fileName: opts.fileName,
            onProgress: opts.onReadProgress,
          },
          onRow,
          onHeader,
        );
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        return {
          platform: 'generic' as const,
          language: 'unknown' as const,
          encoding: 'utf-8' as const,
          delimiter: ',' as const,
          headerLine: 0,
          dateRange: null,
          rows: [],
          errors: [
            { file: opts.fileName, line: 0, column: '', value: '', reason: `could not be read: ${reason}` },
          ],
          skipped: 0,
        };
      }
    },
    opts,
  );
}
