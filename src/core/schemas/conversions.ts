import { z } from 'zod';
import { CONVERSION_STATUSES, CONVERSION_TYPES } from '../records.js';
import { amount, clientId, currency, optionalText, timestamp } from './common.js';

/**
 * One conversion (`POST /v1/conversions`). Only `id` is always required: a later message with the
 * same id updates the conversion, and fields it leaves out keep their stored values (so a refund can
 * be `{id, status: "refunded"}`). A new conversion needs `type`, and `currency` when it has a value;
 * those checks run once the collector knows whether the id is new.
 */
export const wireConversionSchema = z
  .object({
    id: clientId(256),
    type: z.enum(CONVERSION_TYPES, { message: `must be one of ${CONVERSION_TYPES.join(', ')}` }).optional(),
    status: z
      .enum(CONVERSION_STATUSES, { message: `must be one of ${CONVERSION_STATUSES.join(', ')}` })
      .optional(),
    timestamp: timestamp.optional(),
    value: amount.optional(),
    refunded_value: amount.optional(),
    tax: amount.optional(),
    shipping: amount.optional(),
    discount: amount.optional(),
    currency: currency.optional(),
    margin: z
      .number()
      .min(0, 'must be a fraction between 0 and 1')
      .max(1, 'must be a fraction between 0 and 1')
      .optional(),
    customer_id: clientId(256).optional(),
    email: z.string().trim().toLowerCase().email('must be an e-mail address').max(320).optional(),
    email_sha256: z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        'must be 64 hexadecimal characters (SHA-256 of the trimmed, lower-cased address)',
      )
      .transform((s) => s.toLowerCase())
      .optional(),
    visitor_id: clientId(128).optional(),
    click_id: optionalText(128),
    discount_code: optionalText(64),
    new_customer: z.boolean().optional(),
    backfill: z.boolean().optional(),
    name: optionalText(128),
  })
  .superRefine((c, ctx) => {
    if (c.value !== undefined && c.refunded_value !== undefined && Number(c.refunded_value) > Number(c.value))
      ctx.addIssue({ code: 'custom', path: ['refunded_value'], message: 'must not exceed value' });
    if (c.type === 'custom' && !c.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required for a custom conversion' });
    if (c.email && c.email_sha256)
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'send email or email_sha256, not both' });
  });

export type WireConversion = z.output<typeof wireConversionSchema>;

export const MAX_CONVERSIONS_PER_BATCH = 1000;

export const conversionBatchSchema = z.object({
  conversions: z
    .array(z.unknown(), { message: 'must be an array of conversions' })
    .min(1, 'must contain at least one conversion')
    .max(
      MAX_CONVERSIONS_PER_BATCH,
      `must contain at most ${MAX_CONVERSIONS_PER_BATCH} conversions per request`,
    ),
});
