import {
  AttributionInputError,
  bootstrapShares,
  compileMarkov,
  compileShapley,
  type AggregatedPath,
  type ShareInterval,
  assistedConversions,
  attributeAggregated,
  checkParams,
  parseModels,
  pathLengthDistribution,
  TIME_BUCKETS,
  topPaths,
  type ModelName,
  type ModelParams,
} from '../../attribution/index.js';
import { ratio } from '../../core/kpis.js';
import { DEFAULT_MODEL_SETTINGS, type ModelSettings } from '../../core/report-params.js';
import type { FieldError } from '../../core/schemas/index.js';
import { isIsoDate } from '../../core/time.js';
import { normaliseUtm } from '../../core/url.js';
import type { AppStore, AttributionPathQuery, EventStore, PathLabel, Workspace } from '../../store/ports.js';

export const ATTRIBUTION_BY: readonly PathLabel[] = ['channel', 'source', 'medium', 'campaign', 'partner'];

export interface AttributionParams {
  from: string;
  to: string;
  by: PathLabel;
  models: ModelName[];
  params: ModelParams;
  settings: ModelSettings;
  limit: number;
  /** Bootstrap replicates for 95 % intervals on the Markov and Shapley shares (0: none). */
  bootstrap: number;
  seed: number;
  /** Consecutive touches with the same label count once (the first of them). */
  collapseRepeats: boolean;
}

/** Check `GET /v1/attribution` / `rendement attribution` parameters; each bad one named with what it allows. */
export function parseAttributionParams(
  q: Record<string, unknown>,
): { params: AttributionParams } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const f of ['from', 'to'] as const)
    if (typeof q[f] !== 'string' || !isIsoDate(q[f] as string))
      errors.push({ field: f, reason: 'must be a date as YYYY-MM-DD' });
  if (!errors.length && (q.from as string) > (q.to as string))
    errors.push({ field: 'from', reason: `must not be after to (${String(q.to)})` });
  const by = (q.by ?? 'channel') as PathLabel;
  if (!ATTRIBUTION_BY.includes(by))
    errors.push({ field: 'by', reason: `must be one of: ${ATTRIBUTION_BY.join(', ')}` });
  let models: ModelName[] = [];
  try {
    models = parseModels(typeof q.model === 'string' && q.model !== '' ? q.model : 'all');
  } catch (e) {
    if (e instanceof AttributionInputError) errors.push({ field: e.field, reason: e.reason });
    else throw e;
  }
  const num = (field: string, v: unknown): number | undefined => {
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) errors.push({ field, reason: 'must be a number' });
    return n;
  };
  const halfLife = num('half_life', q.half_life);
  const order = num('order', q.order);
  const first = num('first_share', q.first_share);
  const last = num('last_share', q.last_share);
  const limit = num('limit', q.limit) ?? 20;
  const bootstrap = num('bootstrap', q.bootstrap) ?? 0;
  if (
    Number.isFinite(bootstrap) &&
    (!Number.isInteger(bootstrap) || bootstrap < 0 || bootstrap === 1 || bootstrap > MAX_BOOTSTRAP)
  )
    errors.push({
      field: 'bootstrap',
      reason: `must be 0 (none) or an integer from 2 to ${MAX_BOOTSTRAP} (got ${String(q.bootstrap)})`,
    });
  const seed = num('seed', q.seed) ?? 1;
  if (Number.isFinite(seed) && !Number.isInteger(seed))
    errors.push({ field: 'seed', reason: 'must be an integer' });
  const collapse = q.collapse === undefined || q.collapse === '' ? 'false' : String(q.collapse);
  if (!['true', 'false', '1', '0'].includes(collapse))
    errors.push({ field: 'collapse', reason: 'must be true or false' });
  const params: ModelParams = {
    ...(halfLife !== undefined ? { halfLifeDays: halfLife } : {}),
    ...(order !== undefined ? { order } : {}),
    ...(first !== undefined || last !== undefined
      ? {
          positionShares: {
            first: first ?? 0.4,
            last: last ?? 0.4,
            middle: 1 - (first ?? 0.4) - (last ?? 0.4),
          },
        }
      : {}),
  };
  try {
    checkParams(params);
  } catch (e) {
    if (e instanceof AttributionInputError)
      errors.push({ field: e.field === 'positionShares' ? 'first_share' : e.field, reason: e.reason });
    else throw e;
  }
  if (errors.length) return { errors };
  return {
    params: {
      from: q.from as string,
      to: q.to as string,
      by,
      models,
      params,
      settings: {
        ...DEFAULT_MODEL_SETTINGS,
        half_life_days: halfLife ?? DEFAULT_MODEL_SETTINGS.half_life_days,
        first_share: first ?? DEFAULT_MODEL_SETTINGS.first_share,
        last_share: last ?? DEFAULT_MODEL_SETTINGS.last_share,
      },
      limit: Math.max(1, Math.min(200, Math.floor(limit))),
      bootstrap,
      seed,
      collapseRepeats: collapse === 'true' || collapse === '1',
    },
  };
}

export interface AttributionChannel {
  channel: string;
  conversions: number;
  value: number;
  cost: number;
  cpa: number | null;
  roas: number | null;
  share: number | null;
  removal_effect?: number | null;
  shapley_value?: number;
  /** With `bootstrap`: the 95 % percentile interval on `share` (Markov and Shapley). */
  ci_lower?: number | null;
  ci_upper?: number | null;
}

export interface AttributionReport {
  from: string;
  to: string;
  by: PathLabel;
  currency: string;
  /** The workspace's locale, for clients that format the figures. */
  locale: string;
  conversions: number;
  value: number;
  models: Partial<
    Record<ModelName, { channels: AttributionChannel[]; order?: number; method?: string; ci_level?: number }>
  >;
}

interface Stores {
  app: AppStore;
  events: EventStore;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** The journeys query of a report's parameters in a workspace. */
export function journeyQuery(ws: Workspace, p: AttributionParams): AttributionPathQuery {
  return {
    from: p.from,
    to: p.to,
    timeZone: ws.time_zone,
    baseCurrency: ws.base_currency,
    by: p.by,
    attribution: p.settings,
    collapseRepeats: p.collapseRepeats,
  };
}

/** At most this many bootstrap replicates per report (each refits the model on every journey). */
const MAX_BOOTSTRAP = 1000;

const nullableR4 = (v: number | null | undefined) => (v === null || v === undefined ? null : r4(v));

/**
 * 95 % percentile intervals on a data-driven model's shares (src/attribution/bootstrap.ts: Poisson
 * bootstrap over the journeys, the model's structure compiled once and refitted per replicate).
 */
function intervals(
  paths: AggregatedPath[],
  model: ModelName,
  p: AttributionParams,
): Map<string, ShareInterval> {
  const compiled = model === 'markov' ? compileMarkov(paths, p.params.order ?? 1) : compileShapley(paths);
  const fit = (sample: AggregatedPath[]) => compiled.fit(sample).credit;
  return new Map(
    bootstrapShares(paths, fit, { replicates: p.bootstrap, seed: p.seed }).map((s) => [s.channel, s]),
  );
}

/** An empty label (no campaign, no partner) as reports show it. */
export const notSet = (label: string): string => label || '(not set)';

/** Journeys with empty labels read `(not set)`; changed in place (~10⁶ paths). */
export function notSetLabels<T extends { channels: string[] }>(paths: T[]): T[] {
  for (const p of paths)
    for (let i = 0; i < p.channels.length; i++) if (p.channels[i] === '') p.channels[i] = notSet('');
  return paths;
}

/**
 * Every asked model side by side per label (channel, source, medium, campaign or partner): credited
 * conversions and value, cost, CPA and ROAS. Rule-based models come from the credit stored in the
 * engine per conversion; Markov and Shapley are fitted on the aggregated journeys (converting and
 * not) and their label weights applied per conversion (src/attribution).
 */
export async function attributionReport(
  stores: Stores,
  ws: Workspace,
  p: AttributionParams,
): Promise<AttributionReport> {
  const [undone, mappings] = await Promise.all([
    stores.app.undoneCostImportIds(ws.id),
    stores.app.listCampaignMappings(ws.id),
  ]);
  const base = {
    from: p.from,
    to: p.to,
    timeZone: ws.time_zone,
    baseCurrency: ws.base_currency,
    by: [p.by],
    grain: null,
    filters: [],
    defaultMargin: ws.default_margin,
    undoneImports: undone,
    campaignMappings: mappings.map((m) => ({
      from: normaliseUtm(m.cost_campaign),
      to: normaliseUtm(m.utm_campaign),
    })),
    allRevenue: false,
  };
  const positional = p.models.filter(
    (m) => m === 'time_decay' || (m === 'last_non_direct' && p.by !== 'channel'),
  );
  // Every model from one pass over the touchpoints: the journeys per label sequence, with the
  // per-position credit of the models that need more than the labels.
  const [costFacts, journeys] = await Promise.all([
    stores.events.kpiFacts(ws.id, { ...base, attribution: p.settings, streams: ['costs'] }),
    stores.events.attributionPaths(ws.id, {
      ...journeyQuery(ws, p),
      positional: positional as Array<'time_decay' | 'last_non_direct'>,
    }),
  ]);
  const cost = new Map<string, number>();
  for (const r of costFacts.rows) {
    const l = notSet(r.dims[p.by] ?? '');
    cost.set(l, (cost.get(l) ?? 0) + r.inputs.cost);
  }
  const row = (channel: string, conversions: number, value: number, total: number): AttributionChannel => {
    const c = cost.get(channel) ?? 0;
    return {
      channel,
      conversions: r4(conversions),
      value: r4(value),
      cost: r4(c),
      cpa: ratio(c, conversions) === null ? null : r4(c / conversions),
      roas: ratio(value, c) === null ? null : r4(value / c),
      share: ratio(conversions, total) === null ? null : r4(conversions / total),
    };
  };
  const out: AttributionReport['models'] = {};
  const paths = notSetLabels(journeys.paths);
  const totalConversions = paths.reduce((s, j) => s + j.conversions, 0);
  const totalValue = paths.reduce((s, j) => s + j.value, 0);
  for (const f of attributeAggregated(paths, p.models, p.params)) {
    const removal = new Map(f.markov?.removal_effects.map((e) => [e.channel, e.removal_effect]) ?? []);
    const shapley = new Map(f.shapley?.values.map((v) => [v.channel, v.shapley_value]) ?? []);
    const ci = (f.markov || f.shapley) && p.bootstrap > 0 ? intervals(paths, f.model, p) : null;
    out[f.model] = {
      ...(f.markov ? { order: p.params.order ?? 1 } : {}),
      ...(f.shapley ? { method: f.shapley.method } : {}),
      ...(ci ? { ci_level: 0.95 } : {}),
      channels: f.channels
        .filter((c) => f.markov || f.shapley || c.conversions !== 0 || c.value !== 0)
        .map((c) => ({
          ...row(c.channel, c.conversions, c.value, totalConversions),
          ...(f.markov ? { removal_effect: removal.get(c.channel) ?? null } : {}),
          ...(f.shapley ? { shapley_value: shapley.get(c.channel) ?? 0 } : {}),
          ...(ci
            ? {
                ci_lower: nullableR4(ci.get(c.channel)?.lower),
                ci_upper: nullableR4(ci.get(c.channel)?.upper),
              }
            : {}),
        }))
        .sort((a, b) => b.conversions - a.conversions),
    };
  }
  return {
    from: p.from,
    to: p.to,
    by: p.by,
    currency: ws.base_currency,
    locale: ws.locale,
    conversions: r4(totalConversions),
    value: r4(totalValue),
    models: out,
  };
}

/** `GET /v1/attribution/paths`: what attributionPathsReport answers. */
export type PathsReport = Awaited<ReturnType<typeof attributionPathsReport>>;

/** Top paths, path-length and time-to-conversion distributions, assisted vs last-click conversions. */
export async function attributionPathsReport(stores: Stores, ws: Workspace, p: AttributionParams) {
  const journeys = await stores.events.attributionPaths(ws.id, journeyQuery(ws, p));
  const paths = notSetLabels(journeys.paths);
  const labels = ['no touchpoint', ...TIME_BUCKETS.map((b) => b.bucket)];
  return {
    from: p.from,
    to: p.to,
    by: p.by,
    currency: ws.base_currency,
    top_paths: topPaths(paths, p.limit),
    path_length: pathLengthDistribution(paths),
    time_to_conversion: journeys.time_to_conversion.map((b, i) => ({
      bucket: labels[i] ?? `${i}`,
      conversions: b.conversions,
      value: r4(b.value),
    })),
    assisted: assistedConversions(paths),
  };
}
