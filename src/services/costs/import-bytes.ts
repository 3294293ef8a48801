import type { CostPlatform } from '../../imports/types.js';
import type { AppStore, EventStore, Workspace } from '../../store/ports.js';
import { importCostFile, type ImportOptions, type ImportReport } from './import.js';
import { readCostFile } from '../../imports/index.js';

/** Read a cost file's bytes with the platform readers, then import (see `importCostFile`). */
export async function importCostBytes(
  stores: { app: AppStore; events: EventStore },
  ws: Workspace,
  bytes: Uint8Array,
  opts: ImportOptions & { platform?: CostPlatform | 'auto'; currency?: string; read?: typeof readCostFile },
): Promise<ImportReport> {
  const read = opts.read ?? readCostFile;
  let result;
  try {
    result = read(bytes, {
      platform: opts.platform ?? 'auto',
      currency: opts.currency,
      fileName: opts.fileName,
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    result = {
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
  return importCostFile(stores, ws, result, opts);
}
