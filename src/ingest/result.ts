import type { FieldError } from '../core/schemas/index.js';

/** What the collector answers for a batch: PRODUCT.md's `{accepted, rejected}` plus warnings. */
export interface BatchResult {
  accepted: number;
  /** Duplicates of events already received (same event id): accepted, not stored twice. */
  duplicates: number;
  rejected: Array<{ index: number; errors: FieldError[] }>;
  /** Accepted items with something the sender should know (e.g. a clock far off). */
  warnings: Array<{ index: number; field: string; reason: string }>;
}

export const emptyResult = (): BatchResult => ({ accepted: 0, duplicates: 0, rejected: [], warnings: [] });
