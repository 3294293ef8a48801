import { creditByIndexedWeights, indexPaths } from './aggregate.js';
import { AttributionInputError } from './errors.js';
import type { AggregatedPath, ChannelCredit } from './types.js';

export const DEFAULT_SHAPLEY_MAX_EXACT = 15;

export interface ShapleyOptions {
  /**
   * Up to this many channels the coalitions export lists all 2ⁿ coalitions with their worth
   * (default 15, at most 24); beyond, the observed ones. The values are exact either way.
   */
  maxExactChannels?: number;
}

/** One coalition: its journeys (channel set exactly S) and its worth v(S) = Σ_{T⊆S} rate(T). */
export interface ShapleyCoalition {
  channels: string[];
  journeys: number;
  conversions: number;
  conversion_rate: number | null;
  worth: number;
}

export interface ShapleyValue {
  channel: string;
  shapley_value: number;
  /** φ(c) / Σ φ; `null` when Σ φ = 0. */
  share: number | null;
}

export interface ShapleyResult {
  /** Always exact: the closed form needs no sampling at any number of channels. */
  method: 'exact';
  values: ShapleyValue[];
  /** Credit applied per conversion: each path's conversions and value split over its channels ∝ φ. */
  credit: ChannelCredit[];
  /** Up to maxExactChannels: all 2ⁿ coalitions; beyond: the observed ones. */
  coalitions: () => ShapleyCoalition[];
}

/** Throws an AttributionInputError naming a bad Shapley option. */
export function checkShapleyOptions(o: ShapleyOptions): void {
  if (
    o.maxExactChannels !== undefined &&
    !(Number.isInteger(o.maxExactChannels) && o.maxExactChannels >= 0 && o.maxExactChannels <= 24)
  )
    throw new AttributionInputError(
      'max_exact_channels',
      `must be an integer from 0 to 24 (got ${o.maxExactChannels})`,
    );
}

interface Coalition {
  members: number[];
  journeys: number;
  conversions: number;
  rate: number;
}

/**
 * Shapley-value attribution over channel coalitions (Shapley 1953; for attribution, Zhao, Mahboobi &
 * Bagheri, "Shapley value methods for attribution modeling in online advertising", 2018). A journey's
 * coalition is the set of channels on its path; rate(T) = conversions / journeys of the journeys whose
 * channel set is exactly T (non-converting journeys count, which makes the model data-driven); the
 * worth of a coalition is v(S) = Σ_{T⊆S} rate(T), and φ(c) = Σ_{S∌c} |S|!(n−|S|−1)!/n! · (v(S∪c) − v(S)).
 * This v is a sum of unanimity games with Harsanyi dividends rate(T), whose Shapley value splits each
 * dividend equally over the members of T: φ(c) = Σ_{T∋c} rate(T)/|T| (Zhao et al.'s "simplified"
 * Shapley value), exact and O(Σ|T|) at any number of channels, so nothing is sampled. Credit is
 * applied per conversion: a path's conversions and value go to its distinct channels in proportion to
 * φ. No touchpoint → `Direct`. Up to maxExactChannels the coalitions export lists all 2ⁿ worths
 * (subset sums by the zeta transform).
 */
export function shapley(paths: readonly AggregatedPath[], options: ShapleyOptions = {}): ShapleyResult {
  return compileShapley(paths, options).fit(paths);
}

/** A Shapley model's coalitions for fixed paths, refitted cheaply on new counts (bootstrap resamples). */
export interface CompiledShapley {
  /** Fit on counts for the compiled paths: `sample[i].channels` must be those of the i-th compiled path. */
  fit: (sample: readonly AggregatedPath[]) => ShapleyResult;
}

/** Number the channels and group the paths into coalitions once (see shapley); `fit` then counts and solves. */
export function compileShapley(
  paths: readonly AggregatedPath[],
  options: ShapleyOptions = {},
): CompiledShapley {
  checkShapleyOptions(options);
  const maxExact = options.maxExactChannels ?? DEFAULT_SHAPLEY_MAX_EXACT;
  const index = indexPaths(paths);
  const channels = index.labels;
  // A coalition's key: the sum of 2^id over its members, exact in a double up to 53 labels (no
  // string per path); beyond, its sorted ids joined.
  const numericKeys = channels.length <= 53;
  const byKey = new Map<number | string, number>();
  const members: number[][] = [];
  const coalitionOf = new Int32Array(paths.length).fill(-1);
  for (let k = 0; k < paths.length; k++) {
    const a = index.start[k]!;
    const b = index.start[k + 1]!;
    if (a === b) continue;
    let key: number | string;
    if (numericKeys) {
      key = 0;
      for (let e = a; e < b; e++) key += 2 ** index.distinct[e]!;
    } else
      key = Array.from(index.distinct.subarray(a, b))
        .sort((x, y) => x - y)
        .join(',');
    let t = byKey.get(key);
    if (t === undefined) {
      t = members.length;
      byKey.set(key, t);
      members.push(Array.from(index.distinct.subarray(a, b)).sort((x, y) => x - y));
    }
    coalitionOf[k] = t;
  }
  const n = channels.length;
  const exact = n <= maxExact;
  const masks = exact ? members.map((m) => m.reduce((x, i) => x | (1 << i), 0)) : [];
  return {
    fit: (sample) => {
      if (sample.length !== paths.length)
        throw new AttributionInputError(
          'paths',
          'a compiled Shapley model refits only the paths it was built on',
        );
      const journeys = new Float64Array(members.length);
      const conversions = new Float64Array(members.length);
      for (let k = 0; k < sample.length; k++) {
        const t = coalitionOf[k]!;
        if (t < 0) continue;
        journeys[t]! += sample[k]!.conversions + sample[k]!.nulls;
        conversions[t]! += sample[k]!.conversions;
      }
      const rate = Float64Array.from(journeys, (j, t) => (j > 0 ? conversions[t]! / j : 0));
      const phi = new Float64Array(n);
      for (let t = 0; t < members.length; t++)
        for (const i of members[t]!) phi[i]! += rate[t]! / members[t]!.length;
      let worth: Float64Array | null = null;
      if (exact) {
        worth = new Float64Array(2 ** n);
        for (let t = 0; t < members.length; t++) worth[masks[t]!]! += rate[t]!;
        for (let b = 0; b < n; b++) {
          const bit = 1 << b;
          for (let m = 0; m < worth.length; m++) if (m & bit) worth[m]! += worth[m ^ bit]!;
        }
      }
      const total = phi.reduce((a, b) => a + b, 0);
      const values = channels.map((channel, i) => ({
        channel,
        shapley_value: phi[i]!,
        share: total > 0 ? phi[i]! / total : null,
      }));
      const observed = members.flatMap((m, t) =>
        journeys[t]! > 0
          ? [{ members: m, journeys: journeys[t]!, conversions: conversions[t]!, rate: rate[t]! }]
          : [],
      );
      return {
        method: 'exact',
        values,
        credit: creditByIndexedWeights(index, sample, phi),
        coalitions: () => coalitionRows(channels, observed, worth),
      };
    },
  };
}

function coalitionRows(
  channels: string[],
  observed: Coalition[],
  worth: Float64Array | null,
): ShapleyCoalition[] {
  const row = (members: number[], t: Coalition | undefined, v: number): ShapleyCoalition => ({
    channels: members.map((i) => channels[i]!),
    journeys: t?.journeys ?? 0,
    conversions: t?.conversions ?? 0,
    conversion_rate: t ? t.rate : null,
    worth: v,
  });
  if (worth) {
    const byMask = new Map(observed.map((t) => [t.members.reduce((m, i) => m | (1 << i), 0), t]));
    return Array.from({ length: worth.length }, (_, m) =>
      row(membersOf(m, channels.length), byMask.get(m), worth[m]!),
    );
  }
  // Sampled (many channels): the worth of each observed coalition from its own subsets — paths touch
  // few distinct channels, so 2^|T| look-ups beat comparing every pair of coalitions.
  const rateOf = new Map(observed.map((t) => [t.members.join(','), t.rate]));
  return observed.map((t) => {
    const k = t.members.length;
    let v = 0;
    if (k <= 20) {
      for (let m = 1; m < 1 << k; m++)
        v +=
          rateOf.get(
            membersOf(m, k)
              .map((i) => t.members[i])
              .join(','),
          ) ?? 0;
    } else {
      const set = new Set(t.members);
      for (const u of observed) if (u.members.every((i) => set.has(i))) v += u.rate;
    }
    return row(t.members, t, v);
  });
}

function membersOf(m: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (m & (1 << i)) out.push(i);
  return out;
}
