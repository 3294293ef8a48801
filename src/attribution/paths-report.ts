import { bootstrapShares, type ShareInterval } from './bootstrap.js';
import { AttributionInputError } from './errors.js';
import { compileMarkov } from './markov.js';
import { compileShapley } from './shapley.js';
import { attributeAggregated, type ModelName, type ModelParams, type ModelResult } from './models.js';
import type { AggregatedPath } from './types.js';

export interface PathsReportOptions extends ModelParams {
  models: ModelName[];
  /** The models came from `all`: skip those aggregated paths cannot support instead of refusing. */
  all?: boolean;
  /** Bootstrap replicates for intervals on the data-driven models' shares; 0 = none. */
  bootstrap?: number;
  seed?: number;
}

/** One label's credit under one model, with its share of all credited conversions. */
export interface PathsReportChannel {
  channel: string;
  conversions: number;
  value: number;
  share: number | null;
  removal_effect?: number | null;
  /** Markov: removal_effect / Σ removal effects × all conversions — ChannelAttribution's figure. */
  global_conversions?: number | null;
  /** Markov: removal effect on value (ChannelAttribution's "on revenue"). */
  removal_effect_value?: number | null;
  /** Markov: removal_effect_value / Σ × all value — ChannelAttribution's value figure. */
  global_value?: number | null;
  shapley_value?: number;
  ci_lower?: number | null;
  ci_upper?: number | null;
}

export interface PathsReportModel {
  channels: PathsReportChannel[];
  order?: number;
  conversion_probability?: number;
  method?: 'exact';
  ci_level?: number;
}

export interface PathsReport {
  input: { unique_paths: number; conversions: number; value: number; non_converting: number };
  models: Partial<Record<ModelName, PathsReportModel>>;
  skipped: Array<{ model: ModelName; reason: string }>;
  /** The fitted results, for exports (transition matrix, coalitions). */
  fitted: ModelResult[];
}

const TIME_DECAY_REASON = 'needs touchpoint timestamps; aggregated paths have none';

/**
 * Attribute aggregated paths with the chosen models, side by side: per model and label the credited
 * conversions and value and the share of all conversions, Markov removal effects, Shapley values and,
 * when asked, bootstrap 95% intervals on the data-driven shares. time_decay, which aggregated paths
 * cannot support, is listed under `skipped` when it came in with `all` and refused when named alone.
 */
export function attributePaths(paths: readonly AggregatedPath[], o: PathsReportOptions): PathsReport {
  const all = o.all ?? false;
  const skipped: PathsReport['skipped'] = [];
  let models = o.models;
  if (models.includes('time_decay')) {
    if (!all)
      throw new AttributionInputError('model', `time_decay ${TIME_DECAY_REASON}; choose another model`);
    models = models.filter((m) => m !== 'time_decay');
    skipped.push({ model: 'time_decay', reason: TIME_DECAY_REASON });
  }
  const replicates = o.bootstrap ?? 0;
  if (!Number.isInteger(replicates) || replicates < 0 || replicates === 1)
    throw new AttributionInputError('bootstrap', `must be 0 (none) or an integer ≥ 2 (got ${replicates})`);
  const fitted = attributeAggregated(paths, models, o);
  const conversions = paths.reduce((a, p) => a + p.conversions, 0);
  const out: PathsReport['models'] = {};
  for (const r of fitted) {
    let ci: Map<string, ShareInterval> | null = null;
    if (replicates > 0 && (r.model === 'markov' || r.model === 'shapley')) {
      const compiled =
        r.model === 'markov' ? compileMarkov(paths, o.order ?? 1) : compileShapley(paths, o.shapley);
      const fit = (sample: AggregatedPath[]) => compiled.fit(sample).credit;
      ci = new Map(bootstrapShares(paths, fit, { replicates, seed: o.seed ?? 1 }).map((s) => [s.channel, s]));
    }
    const re = new Map(r.markov?.removal_effects.map((e) => [e.channel, e]));
    const withTouch = paths.reduce((a, p) => a + (p.channels.length ? p.conversions : 0), 0);
    const valueWithTouch = paths.reduce((a, p) => a + (p.channels.length ? p.value : 0), 0);
    const sv = new Map(r.shapley?.values.map((v) => [v.channel, v.shapley_value]));
    out[r.model] = {
      ...(r.markov ? { order: r.markov.order, conversion_probability: r.markov.conversion_probability } : {}),
      ...(r.shapley ? { method: r.shapley.method } : {}),
      ...(ci ? { ci_level: 0.95 } : {}),
      channels: r.channels.map((c) => ({
        ...c,
        share: conversions > 0 ? c.conversions / conversions : null,
        ...(r.markov
          ? {
              removal_effect: re.get(c.channel)?.removal_effect ?? null,
              global_conversions:
                re.get(c.channel)?.share != null ? re.get(c.channel)!.share! * withTouch : null,
              removal_effect_value: re.get(c.channel)?.removal_effect_value ?? null,
              global_value:
                re.get(c.channel)?.share_value != null
                  ? re.get(c.channel)!.share_value! * valueWithTouch
                  : null,
            }
          : {}),
        ...(r.shapley ? { shapley_value: sv.get(c.channel) ?? 0 } : {}),
        ...(ci
          ? { ci_lower: ci.get(c.channel)?.lower ?? null, ci_upper: ci.get(c.channel)?.upper ?? null }
          : {}),
      })),
    };
  }
  return {
    input: {
      unique_paths: paths.length,
      conversions,
      value: paths.reduce((a, p) => a + p.value, 0),
      non_converting: paths.reduce((a, p) => a + p.nulls, 0),
    },
    models: out,
    skipped,
    fitted,
  };
}
