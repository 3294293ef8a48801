import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fieldErrors, type FieldError } from '../../core/schemas/index.js';
import { isIsoDate, localDate, zonedDayStart } from '../../core/time.js';
import { fatigueReport, type FatigueMetric } from '../../services/experiments/fatigue.js';
import { validateExperiment } from '../../services/experiments/input.js';
import { planExperiment } from '../../services/experiments/plan.js';
import { experimentResults } from '../../services/experiments/results.js';
import {
  StatsInputError,
  analyzeExperiment,
  factorialAnalysis,
  factorialReport,
  experimentFromAggregates,
  experimentReport,
  type Correction,
} from '../../stats/index.js';
import { requireSecretKey } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest, sendError } from '../errors.js';

type WithId = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>;
type WithQuery = FastifyRequest<{ Querystring: Record<string, unknown> }>;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** `POST /v1/experiments/analyze`: the CLI's aggregates CSV as JSON. */
const aggregatesSchema = z
  .object({
    variants: z.array(
      z
        .object({
          variant: z.string().trim().min(1, 'must not be empty').max(128),
          units: finite,
          conversions: finite,
          value_sum: finite.optional(),
          value_sum_sq: finite.optional(),
          allocation: finite.optional(),
        })
        .strict(),
    ),
    alpha: finite.optional(),
    correction: z.string().optional(),
    locale: z.string().optional(),
  })
  .strict();

/** `POST /v1/experiments/factorial`: one cell per combination of factor levels. */
const factorialSchema = z
  .object({
    cells: z
      .array(
        z
          .object({
            levels: z.record(z.string(), z.string().min(1, 'must not be empty')),
            units: finite,
            conversions: finite.optional(),
            value_sum: finite.optional(),
            value_sum_sq: finite.optional(),
          })
          .strict(),
      )
      .max(10_000),
    alpha: finite.optional(),
  })
  .strict();

const statsError = (e: StatsInputError): FieldError[] => [{ field: e.field, reason: e.reason }];

/** Numbers of a query string: absent → undefined; anything but a finite number → a field error. */
function queryNumbers(q: Record<string, unknown>, names: string[], errors: FieldError[]) {
  const out: Record<string, number | undefined> = {};
  for (const n of names) {
    const v = q[n];
    if (v === undefined || v === '') continue;
    const x = typeof v === 'string' ? Number(v.trim()) : NaN;
    if (!Number.isFinite(x)) errors.push({ field: n, reason: `must be a number (got "${String(v)}")` });
    else out[n] = x;
  }
  return out;
}

const CORRECTIONS = ['holm', 'bh', 'bonferroni', 'none'];
/** Days of workspace traffic the planner averages when no daily traffic is given. */
const TRAFFIC_DAYS = 28;

/** Experiments of the key's workspace, aggregate analysis, the test planner and creative fatigue. */
export function experimentRoutes(server: FastifyInstance, ctx: HttpContext): void {
  const stores = { app: ctx.app, events: ctx.events };
  const notFound = (reply: Parameters<typeof sendError>[0], id: string) =>
    sendError(reply, 404, 'not_found', `No experiment "${id}" in this workspace.`);

  server.get('/v1/experiments', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    return { experiments: await ctx.app.listExperiments(ws.id) };
  });

  server.post('/v1/experiments', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const v = validateExperiment(req.body);
    if ('errors' in v) return badRequest(reply, v.errors, 'The experiment has invalid fields.');
    if (!('experiment' in v)) return reply;
    return reply.code(201).send(await ctx.app.createExperiment(ws.id, v.experiment));
  });

  // A factorial test's cells (hook × visual × CTA, …): main effects and two-way interactions.
  server.post('/v1/experiments/factorial', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const parsed = factorialSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error), 'The cells are invalid.');
    try {
      return factorialReport(
        factorialAnalysis(
          parsed.data.cells.map((c) => ({
            levels: c.levels,
            units: c.units,
            conversions: c.conversions,
            sum: c.value_sum,
            sumSq: c.value_sum_sq,
          })),
          parsed.data.alpha,
        ),
      );
    } catch (e) {
      if (e instanceof StatsInputError) return badRequest(reply, statsError(e), 'The cells are invalid.');
      throw e;
    }
  });

  server.post('/v1/experiments/analyze', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const parsed = aggregatesSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error), 'The aggregates are invalid.');
    const b = parsed.data;
    try {
      const input = experimentFromAggregates(
        b.variants.map((r) => ({
          variant: r.variant,
          units: r.units,
          conversions: r.conversions,
          valueSum: r.value_sum,
          valueSumSq: r.value_sum_sq,
          allocation: r.allocation,
        })),
        { alpha: b.alpha, correction: b.correction as Correction | undefined, locale: b.locale ?? ws.locale },
      );
      return experimentReport(
        analyzeExperiment(input),
        b.variants.map((r) => r.conversions),
      );
    } catch (e) {
      if (e instanceof StatsInputError)
        return badRequest(reply, statsError(e), 'The aggregates are invalid.');
      throw e;
    }
  });

  server.get('/v1/experiments/plan', async (req: WithQuery, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const q = req.query;
    const errors: FieldError[] = [];
    const n = queryNumbers(
      q,
      ['baseline', 'mde', 'sd', 'alpha', 'power', 'variants', 'daily_traffic', 'days'],
      errors,
    );
    for (const req of ['baseline', 'mde'])
      if (q[req] === undefined) errors.push({ field: req, reason: 'is required' });
    const abs = q.mde_absolute;
    if (abs !== undefined && !['true', 'false', '1', '0'].includes(String(abs)))
      errors.push({ field: 'mde_absolute', reason: 'must be true or false' });
    if (errors.length > 0) return badRequest(reply, errors, 'The plan parameters are invalid.');
    // Without a daily traffic, the workspace's: distinct visitors of the last 28 days per day.
    let dailyTraffic = n.daily_traffic;
    let trafficSource = dailyTraffic === undefined ? null : 'given';
    if (dailyTraffic === undefined) {
      await ctx.collector.flush();
      const to = zonedDayStart(localDate(Date.now(), ws.time_zone), ws.time_zone);
      const visitors = await ctx.events.visitorsEntering(ws.id, { from: to - TRAFFIC_DAYS * 86_400_000, to });
      if (visitors > 0) {
        dailyTraffic = visitors / TRAFFIC_DAYS;
        trafficSource = `workspace_visitors_last_${TRAFFIC_DAYS}_days`;
      }
    }
    try {
      const plan = planExperiment({
        baseline: n.baseline!,
        mde: n.mde!,
        mdeAbsolute: abs === 'true' || abs === '1',
        sd: n.sd,
        alpha: n.alpha,
        power: n.power,
        variants: n.variants,
        correction: typeof q.correction === 'string' ? q.correction : undefined,
        dailyTraffic,
        days: n.days,
      });
      return { ...plan, daily_traffic_source: trafficSource };
    } catch (e) {
      if (e instanceof StatsInputError)
        return badRequest(
          reply,
          [{ field: e.field.replace(/([A-Z])/g, '_$1').toLowerCase(), reason: e.reason }],
          'The plan parameters are invalid.',
        );
      throw e;
    }
  });

  server.get('/v1/experiments/:id', async (req: WithId, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const exp = await ctx.app.getExperiment(ws.id, req.params.id);
    return exp ?? notFound(reply, req.params.id);
  });

  server.get('/v1/experiments/:id/results', async (req: WithId, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const exp = await ctx.app.getExperiment(ws.id, req.params.id);
    if (!exp) return notFound(reply, req.params.id);
    const errors: FieldError[] = [];
    const n = queryNumbers(req.query, ['alpha', 'pre_days'], errors);
    const correction = req.query.correction;
    if (correction !== undefined && !CORRECTIONS.includes(String(correction)))
      errors.push({ field: 'correction', reason: `must be one of: ${CORRECTIONS.join(', ')}` });
    if (n.pre_days !== undefined && !(Number.isInteger(n.pre_days) && n.pre_days >= 0 && n.pre_days <= 365))
      errors.push({ field: 'pre_days', reason: 'must be a whole number of days from 0 to 365' });
    // The dashboard asks for the verdicts in the language it shows; the workspace's otherwise.
    const locale = req.query.locale;
    if (locale !== undefined && !(typeof locale === 'string' && /^(en|nl|fr)(-[A-Za-z]{2})?$/.test(locale)))
      errors.push({ field: 'locale', reason: 'must be en, nl or fr (optionally with a region, e.g. nl-BE)' });
    if (errors.length > 0) return badRequest(reply, errors, 'The result parameters are invalid.');
    await ctx.collector.flush();
    try {
      return await experimentResults(stores, ws, exp, {
        locale: typeof locale === 'string' ? locale : undefined,
        alpha: n.alpha,
        correction: correction as Correction | undefined,
        preDays: n.pre_days,
      });
    } catch (e) {
      if (e instanceof StatsInputError)
        return badRequest(reply, statsError(e), 'The result parameters are invalid.');
      throw e;
    }
  });

  server.patch('/v1/experiments/:id', async (req: WithId, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const current = await ctx.app.getExperiment(ws.id, req.params.id);
    if (!current) return notFound(reply, req.params.id);
    const v = validateExperiment(req.body, current);
    if ('errors' in v) return badRequest(reply, v.errors, 'The experiment has invalid fields.');
    if (!('patch' in v)) return reply;
    const exp = await ctx.app.updateExperiment(ws.id, req.params.id, v.patch);
    return exp ?? notFound(reply, req.params.id);
  });

  server.delete('/v1/experiments/:id', async (req: WithId, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    if (!(await ctx.app.deleteExperiment(ws.id, req.params.id))) return notFound(reply, req.params.id);
    return reply.code(204).send();
  });

  server.get('/v1/reports/fatigue', async (req: WithQuery, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const q = req.query;
    const errors: FieldError[] = [];
    for (const f of ['from', 'to'])
      if (typeof q[f] !== 'string' || !isIsoDate(q[f]))
        errors.push({ field: f, reason: 'must be a date as YYYY-MM-DD' });
    if (errors.length === 0 && String(q.from) > String(q.to))
      errors.push({ field: 'to', reason: `must not be before from (${String(q.from)})` });
    const metric = q.metric ?? 'ctr';
    if (metric !== 'ctr' && metric !== 'cvr') errors.push({ field: 'metric', reason: 'must be ctr or cvr' });
    const n = queryNumbers(q, ['alpha', 'min_decline'], errors);
    if (errors.length > 0) return badRequest(reply, errors, 'The report parameters are invalid.');
    try {
      return await fatigueReport(stores, ws, {
        from: String(q.from),
        to: String(q.to),
        metric: metric as FatigueMetric,
        alpha: n.alpha,
        minDecline: n.min_decline,
      });
    } catch (e) {
      if (e instanceof StatsInputError)
        return badRequest(reply, statsError(e), 'The report parameters are invalid.');
      throw e;
    }
  });
}
