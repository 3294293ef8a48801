import { touchLabel, type PathDimension } from './aggregate.js';
import {
  conversionWeights,
  labelWeights,
  type ModelName,
  type ModelParams,
  type ModelResult,
} from './models.js';
import type { ConversionPath } from './types.js';
import { DIRECT } from './types.js';

/** The credit one conversion gives one of its touchpoints under one model. */
export interface TouchpointCredit {
  conversion_id: string;
  model: ModelName;
  /** Index in the conversion's touchpoints; −1 for a conversion without touchpoint (credited to Direct). */
  touchpoint_index: number;
  channel: string;
  /** Fraction of the conversion (the touchpoints of one conversion sum to 1). */
  conversions: number;
  value: number;
}

/**
 * Transaction-level credit: for every conversion and every model in `fitted`, one row per touchpoint
 * with its fraction of the conversion and of its value (conversionWeights). Data-driven models use the
 * channel weights of their fitted result, so these rows sum, per label, to the result's totals.
 */
export function* transactionCredit(
  conversions: Iterable<ConversionPath>,
  fitted: readonly ModelResult[],
  params: ModelParams = {},
  by: PathDimension = 'channel',
): Generator<TouchpointCredit> {
  const weights = fitted.map((r) => labelWeights(r));
  for (const c of conversions) {
    for (let m = 0; m < fitted.length; m++) {
      const model = fitted[m]!.model;
      if (c.touchpoints.length === 0) {
        yield {
          conversion_id: c.conversionId,
          model,
          touchpoint_index: -1,
          channel: DIRECT,
          conversions: 1,
          value: c.value,
        };
        continue;
      }
      const w = conversionWeights(model, c, params, weights[m]!, by);
      for (let i = 0; i < w.length; i++)
        yield {
          conversion_id: c.conversionId,
          model,
          touchpoint_index: i,
          channel: touchLabel(c.touchpoints[i]!, by),
          conversions: w[i]!,
          value: c.value * w[i]!,
        };
    }
  }
}
