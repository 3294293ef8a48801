import { z } from 'zod';
import { CLICK_ID_PARAMS, UTM_PARAMS } from '../click-ids.js';
import { TOUCHPOINT_TYPES } from '../records.js';
import { clientId, optionalText, timestamp } from './common.js';

const MAX_PROPS_BYTES = 8192;

const utmFields = Object.fromEntries(UTM_PARAMS.map((p) => [p, optionalText(512)])) as Record<
  (typeof UTM_PARAMS)[number],
  ReturnType<typeof optionalText>
>;
const clickIdFields = Object.fromEntries(CLICK_ID_PARAMS.map((p) => [p, optionalText(512)])) as Record<
  (typeof CLICK_ID_PARAMS)[number],
  ReturnType<typeof optionalText>
>;

/**
 * One collector event (`POST /v1/events`), PRODUCT.md's wire format. UTM parameters and click ids
 * may be given as fields or left in `url`; fields win. `user_agent` and `ip` let server-side senders
 * pass the visitor's own (otherwise the request's are used).
 */
export const wireEventSchema = z
  .object({
    type: z.enum(TOUCHPOINT_TYPES, { message: `must be one of ${TOUCHPOINT_TYPES.join(', ')}` }),
    event_id: clientId(128),
    visitor_id: clientId(128),
    customer_id: clientId(256).optional(),
    timestamp: timestamp.optional(),
    url: optionalText(4096),
    referrer: optionalText(4096),
    ...utmFields,
    ...clickIdFields,
    click_id: optionalText(128),
    consent: z.object({ analytics: z.boolean().optional(), marketing: z.boolean().optional() }).optional(),
    name: optionalText(128),
    props: z
      .record(z.string(), z.unknown())
      .refine(
        (p) => JSON.stringify(p).length <= MAX_PROPS_BYTES,
        `must serialise to at most ${MAX_PROPS_BYTES} bytes`,
      )
      .optional(),
    experiment: optionalText(128),
    variant: optionalText(128),
    user_agent: optionalText(1024),
    ip: optionalText(64),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'pageview' && !e.url)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required for a pageview' });
    if (e.type === 'custom' && !e.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required for a custom event' });
    if (Boolean(e.experiment) !== Boolean(e.variant))
      ctx.addIssue({
        code: 'custom',
        path: [e.experiment ? 'variant' : 'experiment'],
        message: 'experiment and variant go together',
      });
  });

export type WireEvent = z.output<typeof wireEventSchema>;

export const MAX_EVENTS_PER_BATCH = 1000;

/** The envelope: `{"events": [...]}`; items are validated one by one so good ones are kept. */
export const eventBatchSchema = z.object({
  events: z
    .array(z.unknown(), { message: 'must be an array of events' })
    .min(1, 'must contain at least one event')
    .max(MAX_EVENTS_PER_BATCH, `must contain at most ${MAX_EVENTS_PER_BATCH} events per request`),
});
