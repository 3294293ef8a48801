import { z } from 'zod';
import { fieldErrors, type FieldError } from '../../core/schemas/index.js';
import { isIsoDate } from '../../core/time.js';
import type { Experiment, ExperimentMetric, NewExperiment } from '../../store/ports.js';

export const EXPERIMENT_METRICS: readonly ExperimentMetric[] = [
  'conversion_rate',
  'revenue_per_visitor',
  'aov',
];
export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped', 'completed'] as const;

const date = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');
const metric = z.enum(EXPERIMENT_METRICS as [ExperimentMetric, ...ExperimentMetric[]], {
  message: `must be one of: ${EXPERIMENT_METRICS.join(', ')}`,
});
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Allocations are fractions; a split entered as 0.333 × 3 is accepted, 0.5 + 0.4 is not. */
const SUM_TOLERANCE = 0.005;

/**
 * An experiment as clients send it (`POST /v1/experiments`): the key its exposures carry (default:
 * the name), variants with their planned allocation (control first; equal when none is given), the
 * primary, secondary and guardrail metrics, the conversion type that counts, and the period.
 */
export const experimentInputSchema = z
  .object({
    name: text(200),
    key: text(128).optional(),
    hypothesis: z.string().trim().max(2000, 'must be at most 2000 characters').nullable().optional(),
    variants: z
      .array(
        z
          .object({
            name: text(128),
            allocation: z
              .number()
              .refine(Number.isFinite, 'must be a finite number')
              .refine((a) => a > 0 && a < 1, 'must be a fraction strictly between 0 and 1')
              .optional(),
          })
          .strict(),
      )
      .min(2, 'needs a control and at least one variant')
      .max(26, 'must hold at most 26 variants'),
    primary_metric: metric.optional(),
    secondary_metrics: z.array(metric).max(3).optional(),
    guardrail_metrics: z.array(metric).max(3).optional(),
    conversion_type: text(64).optional(),
    from: date,
    to: date.nullable().optional(),
    status: z
      .enum(EXPERIMENT_STATUSES, { message: `must be one of: ${EXPERIMENT_STATUSES.join(', ')}` })
      .optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.to && e.to < e.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${e.from})` });
    const names = new Set<string>();
    e.variants.forEach((v, i) => {
      if (names.has(v.name))
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'name'], message: `"${v.name}" appears twice` });
      names.add(v.name);
    });
    const given = e.variants.filter((v) => v.allocation !== undefined).length;
    if (given > 0 && given < e.variants.length)
      ctx.addIssue({
        code: 'custom',
        path: ['variants'],
        message: 'give an allocation for every variant or for none',
      });
    if (given === e.variants.length) {
      const sum = e.variants.reduce((s, v) => s + (v.allocation ?? 0), 0);
      if (Math.abs(sum - 1) > SUM_TOLERANCE)
        ctx.addIssue({
          code: 'custom',
          path: ['variants'],
          message: `allocations must sum to 1 (got ${sum})`,
        });
    }
    const all = [
      e.primary_metric ?? 'conversion_rate',
      ...(e.secondary_metrics ?? []),
      ...(e.guardrail_metrics ?? []),
    ];
    if (new Set(all).size !== all.length)
      ctx.addIssue({
        code: 'custom',
        path: ['secondary_metrics'],
        message: 'a metric may appear once across primary, secondary and guardrail metrics',
      });
  });

type Parsed = z.infer<typeof experimentInputSchema>;

function toNew(e: Parsed): NewExperiment {
  const k = e.variants.length;
  const given = e.variants.every((v) => v.allocation !== undefined);
  return {
    key: e.key ?? e.name,
    name: e.name,
    hypothesis: e.hypothesis ?? null,
    variants: e.variants.map((v) => ({ name: v.name, allocation: given ? v.allocation! : 1 / k })),
    primary_metric: e.primary_metric ?? 'conversion_rate',
    secondary_metrics: e.secondary_metrics ?? [],
    guardrail_metrics: e.guardrail_metrics ?? [],
    conversion_type: e.conversion_type ?? 'purchase',
    from: e.from,
    to: e.to ?? null,
    status: e.status ?? 'running',
  };
}

const FIELDS = [
  'key',
  'name',
  'hypothesis',
  'variants',
  'primary_metric',
  'secondary_metrics',
  'guardrail_metrics',
  'conversion_type',
  'from',
  'to',
  'status',
] as const;

/** Check an experiment sent by a client (all fields for a new one; any subset for an update). */
export function validateExperiment(
  body: unknown,
  current?: Experiment,
): { experiment: NewExperiment } | { patch: Partial<NewExperiment> } | { errors: FieldError[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { errors: [{ field: '(body)', reason: 'must be an object' }] };
  if (!current) {
    const parsed = experimentInputSchema.safeParse(body);
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    return { experiment: toNew(parsed.data) };
  }
  // Validate the experiment as it would be after the update, then keep only the fields sent.
  const { id: _i, workspace_id: _w, created_at: _c, updated_at: _u, ...was } = current;
  const parsed = experimentInputSchema.safeParse({ ...was, ...(body as Record<string, unknown>) });
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const merged = toNew(parsed.data);
  const b = body as Record<string, unknown>;
  const patch: Partial<NewExperiment> = {};
  for (const k of FIELDS) if (k in b) (patch as Record<string, unknown>)[k] = merged[k];
  return { patch };
}
