import { z } from 'zod';
import { KPI_MODELS } from '../core/report-params.js';
import { DIMENSIONS } from '../core/report-params.js';
import { isIsoDate } from '../core/time.js';
import { GOAL_KPIS } from './pacing.js';

const date = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');

/**
 * A SMART goal as clients send it (`POST /v1/goals`): a KPI, a target and its direction (at least
 * 500 leads; at most €25 CPL), a period, and a scope as report filters (`channel:Paid Search`).
 */
export const goalInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    kpi: z.enum(GOAL_KPIS as [string, ...string[]], { message: `must be one of: ${GOAL_KPIS.join(', ')}` }),
    direction: z.enum(['at_least', 'at_most'], { message: 'must be at_least or at_most' }).optional(),
    target: z.number().refine(Number.isFinite, 'must be a finite number'),
    from: date,
    to: date,
    filters: z
      .array(
        z.object({
          dimension: z.enum(DIMENSIONS, { message: `must be one of: ${DIMENSIONS.join(', ')}` }),
          values: z.array(z.string().max(500)).min(1, 'must hold at least one value'),
        }),
      )
      .max(20)
      .optional(),
    model: z
      .enum(KPI_MODELS, { message: `must be one of: ${KPI_MODELS.join(', ')}` })
      .nullable()
      .optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.from > g.to)
      ctx.addIssue({ code: 'custom', path: ['from'], message: `must not be after to (${g.to})` });
    if (g.target < 0) ctx.addIssue({ code: 'custom', path: ['target'], message: 'must not be negative' });
  });

export type GoalInput = z.infer<typeof goalInputSchema>;

/** Costs and cost ratios are capped ("at most"), everything else is reached ("at least"), unless said. */
export function defaultDirection(kpi: string): 'at_least' | 'at_most' {
  return ['cost', 'cpl', 'cpa', 'cps', 'cpi', 'cpc', 'cac'].includes(kpi) ? 'at_most' : 'at_least';
}
