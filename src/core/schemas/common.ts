import { z } from 'zod';
import { isCurrencyCode, toDecimalString } from '../money.js';
import { parseTimestamp } from '../time.js';

/**
 * Messages a marketer (or the developer wiring a shop) understands: "is required" rather than
 * zod's "expected string, received undefined". Set once for every schema of the API.
 */
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type') {
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return `must not be null (expected ${issue.expected})`;
      return `must be ${issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}, not ${Array.isArray(issue.input) ? 'array' : typeof issue.input}`;
    }
    if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
    return undefined;
  },
});

/** A short identifier sent by clients: 1–256 printable characters. */
export const clientId = (max = 256) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const optionalText = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).optional();

/** Epoch milliseconds or ISO 8601 with an offset; parsed to epoch ms. */
export const timestamp = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = parseTimestamp(v);
  if (ms === null) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be epoch milliseconds or ISO 8601 with a time-zone offset (e.g. 2026-04-01T10:00:00+02:00)',
    });
    return z.NEVER;
  }
  return ms;
});

/** A money amount in major units (`19.99`), as a JSON number or a decimal string; ≥ 0. */
export const amount = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = toDecimalString(v);
  if (s === null || s.startsWith('-')) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a non-negative decimal amount in major units, e.g. 19.99',
    });
    return z.NEVER;
  }
  return s;
});

export const currency = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isCurrencyCode, 'must be an ISO 4217 currency code such as EUR');

/** One rejected field: the wire form of every validation error. */
export interface FieldError {
  field: string;
  reason: string;
}

/** Turn zod issues into `{field, reason}` pairs with dotted paths (`consent.analytics`). */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || prefix || '(body)',
    reason: i.message,
  }));
}
