import {
  aggregatePaths,
  creditByPositions,
  labelShares,
  CreditAccumulator,
  touchLabel,
} from './aggregate.js';
import type { PathDimension } from './aggregate.js';
import { AttributionInputError } from './errors.js';
import { firstClickWeights } from './first-click.js';
import { lastClickWeights } from './last-click.js';
import { lastNonDirectWeights } from './last-non-direct.js';
import { linearWeights } from './linear.js';
import { checkMarkovOrder, markov, type MarkovResult } from './markov.js';
import { checkPositionShares, positionBasedWeights, type PositionShares } from './position-based.js';
import { checkShapleyOptions, shapley, type ShapleyOptions, type ShapleyResult } from './shapley.js';
import { checkHalfLife, DEFAULT_HALF_LIFE_DAYS, timeDecayWeights } from './time-decay.js';
import type { AggregatedPath, ChannelCredit, ConversionPath, NonConvertingPath } from './types.js';
import { DIRECT } from './types.js';

export const MODELS = [
  'first_click',
  'last_click',
  'last_non_direct',
  'linear',
  'time_decay',
  'position_based',
  'markov',
  'shapley',
] as const;
export type ModelName = (typeof MODELS)[number];
export const DATA_DRIVEN_MODELS: readonly ModelName[] = ['markov', 'shapley'];

export interface ModelParams {
  /** time_decay half-life in days (default 7). */
  halfLifeDays?: number;
  /** position_based shares (default 0.4 / 0.2 / 0.4). */
  positionShares?: PositionShares;
  /** markov order, 1–4 (default 1). */
  order?: number;
  shapley?: ShapleyOptions;
}

/** One model's credit per label, with the fitted data-driven model for its exports. */
export interface ModelResult {
  model: ModelName;
  channels: ChannelCredit[];
  markov?: MarkovResult;
  shapley?: ShapleyResult;
}

/** The model named `name`, or an error listing the models. */
export function parseModel(name: string): ModelName {
  if ((MODELS as readonly string[]).includes(name)) return name as ModelName;
  throw new AttributionInputError('model', `unknown model "${name}"; one of ${MODELS.join(', ')} or all`);
}

/** `all`, one model name, or a comma-separated list of them. */
export function parseModels(spec: string): ModelName[] {
  if (spec.trim() === 'all') return [...MODELS];
  const names = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new AttributionInputError('model', 'names no model');
  return [...new Set(names.map(parseModel))];
}

/** Throws an AttributionInputError naming the first bad parameter. */
export function checkParams(p: ModelParams): void {
  if (p.halfLifeDays !== undefined) checkHalfLife(p.halfLifeDays);
  if (p.positionShares !== undefined) checkPositionShares(p.positionShares);
  if (p.order !== undefined) checkMarkovOrder(p.order);
  if (p.shapley !== undefined) checkShapleyOptions(p.shapley);
}

/**
 * Per-position weights of a rule-based model for one sequence of labels (they sum to 1). time_decay
 * is not here: it needs timestamps (see conversionWeights).
 */
export function positionWeights(
  model: ModelName,
  labels: readonly string[],
  params: ModelParams = {},
): number[] {
  switch (model) {
    case 'first_click':
      return firstClickWeights(labels.length);
    case 'last_click':
      return lastClickWeights(labels.length);
    case 'last_non_direct':
      return lastNonDirectWeights(labels);
    case 'linear':
      return linearWeights(labels.length);
    case 'position_based':
      return positionBasedWeights(labels.length, params.positionShares);
    case 'time_decay':
      throw new AttributionInputError(
        'model',
        'time_decay needs touchpoint timestamps; aggregated paths have none (use the store, or another model)',
      );
    default:
      throw new AttributionInputError('model', `${model} is data-driven: it has no per-position rule`);
  }
}

/**
 * Attribute aggregated paths with each model in `models`. Rule-based models credit by position;
 * markov and shapley fit on the paths (conversions and non-conversions) and apply their channel
 * weights per conversion. time_decay needs each converting path's positional credit (computed from
 * the timestamps, as the store does); paths without it (a file) get a clear error. last_non_direct
 * uses the positional credit when given (labels other than channels), the labels otherwise.
 */
export function attributeAggregated(
  paths: readonly AggregatedPath[],
  models: readonly ModelName[],
  params: ModelParams = {},
): ModelResult[] {
  checkParams(params);
  checkPaths(paths);
  // The rule-based models in one pass over the paths.
  const ruleBased = models.filter((m) => !DATA_DRIVEN_MODELS.includes(m));
  const credited = creditByPositions(
    paths,
    ruleBased.map((model) => ({
      weights: model === 'time_decay' ? null : (l: readonly string[]) => positionWeights(model, l, params),
      ...(model === 'time_decay' || model === 'last_non_direct' ? { positional: model } : {}),
    })),
  );
  return models.map((model) => {
    if (model === 'markov') {
      const m = markov(paths, params.order ?? 1);
      return { model, channels: m.credit, markov: m };
    }
    if (model === 'shapley') {
      const s = shapley(paths, params.shapley);
      return { model, channels: s.credit, shapley: s };
    }
    return { model, channels: credited[ruleBased.indexOf(model)]! };
  });
}

/**
 * Attribute conversions with their touchpoints (timestamps known), on a dimension (`channel` by
 * default). Every rule-based model, time_decay included, credits each conversion by its touches;
 * data-driven models fit on the aggregated converting and non-converting paths and apply their weights
 * per conversion. The sum over conversions of transactionCredit equals these totals.
 */
export function attributeConversions(
  conversions: readonly ConversionPath[],
  nonConverting: readonly NonConvertingPath[],
  models: readonly ModelName[],
  params: ModelParams = {},
  by: PathDimension = 'channel',
): ModelResult[] {
  checkParams(params);
  const needsAggregate = models.some((m) => m !== 'time_decay');
  const agg = needsAggregate ? aggregatePaths(conversions, nonConverting, by) : [];
  return models.map((model) => {
    if (model !== 'time_decay') return attributeAggregated(agg, [model], params)[0]!;
    const acc = new CreditAccumulator();
    for (const c of conversions) {
      if (c.touchpoints.length === 0) {
        acc.add(DIRECT, 1, c.value);
        continue;
      }
      const w = timeDecayWeights(
        c.touchpoints.map((t) => t.timestamp),
        c.timestamp,
        params.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
      );
      c.touchpoints.forEach((t, i) => acc.add(touchLabel(t, by), w[i]!, c.value * w[i]!));
    }
    for (const n of nonConverting) for (const t of n.touchpoints) acc.touch(touchLabel(t, by));
    return { model, channels: acc.result() };
  });
}

/** The per-label weights a fitted data-driven model applies to each conversion. */
export function labelWeights(result: ModelResult): Map<string, number> | null {
  if (result.markov)
    return new Map(result.markov.removal_effects.map((e) => [e.channel, e.removal_effect ?? 0]));
  if (result.shapley) return new Map(result.shapley.values.map((v) => [v.channel, v.shapley_value]));
  return null;
}

/**
 * The share of one conversion each of its touchpoints gets under `model` (sums to 1; empty for a
 * conversion without touchpoints, which goes to `Direct` as a whole). Data-driven models need the
 * fitted per-label `weights` (labelWeights): a label's share (labelShares) is split evenly over its
 * touches in the path.
 */
export function conversionWeights(
  model: ModelName,
  conversion: ConversionPath,
  params: ModelParams = {},
  weights: ReadonlyMap<string, number> | null = null,
  by: PathDimension = 'channel',
): number[] {
  const labels = conversion.touchpoints.map((t) => touchLabel(t, by));
  if (labels.length === 0) return [];
  if (model === 'time_decay')
    return timeDecayWeights(
      conversion.touchpoints.map((t) => t.timestamp),
      conversion.timestamp,
      params.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
    );
  if (model === 'markov' || model === 'shapley') {
    if (!weights) throw new AttributionInputError('weights', `${model} needs fitted channel weights`);
    return labelWeightsPerTouch(labels, weights);
  }
  return positionWeights(model, labels, params);
}

/**
 * A path's per-touch shares under fitted per-label weights (Markov removal effects, Shapley
 * values): label c's share w(c) / Σ_{distinct s} w(s) (labelShares), split evenly over c's touches.
 */
export function labelWeightsPerTouch(
  labels: readonly string[],
  weights: ReadonlyMap<string, number>,
): number[] {
  const shares = labelShares(labels, weights);
  const count = new Map<string, number>();
  for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
  return labels.map((l) => shares.get(l)! / count.get(l)!);
}

function checkPaths(paths: readonly AggregatedPath[]): void {
  paths.forEach((p, i) => {
    for (const k of ['conversions', 'value', 'nulls'] as const) {
      const v = p[k];
      if (!Number.isFinite(v) || (k !== 'value' && v < 0))
        throw new AttributionInputError(
          `paths[${i}].${k}`,
          `must be a finite number${k === 'value' ? '' : ' ≥ 0'} (got ${v})`,
        );
    }
  });
}
