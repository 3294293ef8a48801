import type { z } from 'zod';
import { fieldErrors, type FieldError } from '../core/schemas/index.js';

/**
 * Validate a batch item by item: good items come out with their index, bad ones as per-field
 * errors, so one bad event never costs the good ones in the same request.
 */
export function validateItems<S extends z.ZodType>(
  items: unknown[],
  schema: S,
): {
  valid: Array<{ index: number; item: z.output<S> }>;
  rejected: Array<{ index: number; errors: FieldError[] }>;
} {
  const valid: Array<{ index: number; item: z.output<S> }> = [];
  const rejected: Array<{ index: number; errors: FieldError[] }> = [];
  items.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      rejected.push({ index, errors: [{ field: '(item)', reason: 'must be a JSON object' }] });
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) valid.push({ index, item: parsed.data });
    else rejected.push({ index, errors: fieldErrors(parsed.error) });
  });
  return { valid, rejected };
}
