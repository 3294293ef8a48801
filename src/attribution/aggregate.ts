import type {
  AggregatedPath,
  ChannelCredit,
  ConversionPath,
  NonConvertingPath,
  Touchpoint,
} from './types.js';
import { DIRECT } from './types.js';

/** Which touchpoint field a report attributes on; `channel` by default. */
export type PathDimension = 'channel' | 'source' | 'campaign' | 'partner';

/** The label of a touchpoint on a dimension; an empty source/campaign/partner reads `(none)`. */
export function touchLabel(t: Touchpoint, by: PathDimension = 'channel'): string {
  const v = by === 'channel' ? t.channel : t[by];
  return v === undefined || v === '' ? '(none)' : v;
}

const KEY_SEP = '\u0000';

/**
 * Count journeys by their sequence of labels: conversions, their value and non-converting journeys
 * per unique sequence. Data-driven models fit on these (few, next to the conversions); rule-based
 * credit per unique path times its count equals the credit summed over conversions.
 */
export function aggregatePaths(
  conversions: readonly ConversionPath[],
  nonConverting: readonly NonConvertingPath[] = [],
  by: PathDimension = 'channel',
): AggregatedPath[] {
  const byKey = new Map<string, AggregatedPath>();
  const get = (labels: string[]): AggregatedPath => {
    const key = labels.join(KEY_SEP);
    let p = byKey.get(key);
    if (!p) byKey.set(key, (p = { channels: labels, conversions: 0, value: 0, nulls: 0 }));
    return p;
  };
  for (const c of conversions) {
    const p = get(c.touchpoints.map((t) => touchLabel(t, by)));
    p.conversions += 1;
    p.value += c.value;
  }
  for (const n of nonConverting) {
    if (n.touchpoints.length === 0) continue;
    get(n.touchpoints.map((t) => touchLabel(t, by))).nulls += 1;
  }
  return [...byKey.values()];
}

/** Accumulates credit per label and returns it sorted by label (so that results never depend on input order). */
export class CreditAccumulator {
  private readonly m = new Map<string, ChannelCredit>();

  add(channel: string, conversions: number, value: number): void {
    let c = this.m.get(channel);
    if (!c) this.m.set(channel, (c = { channel, conversions: 0, value: 0 }));
    c.conversions += conversions;
    c.value += value;
  }

  /** Make sure a label is listed (with 0) even when it earned nothing. */
  touch(channel: string): void {
    this.add(channel, 0, 0);
  }

  result(): ChannelCredit[] {
    return [...this.m.values()].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
  }
}

/**
 * Credit aggregated paths by per-position weights (rule-based models): label c receives
 * Σ_paths conversions × Σ_{i: labelᵢ = c} wᵢ, and the same for value. Conversions with no touchpoint go
 * to `Direct`. Labels seen only on non-converting paths are listed with 0.
 */
export function creditByPositionWeights(
  paths: readonly AggregatedPath[],
  weights: (channels: readonly string[]) => number[],
): ChannelCredit[] {
  const acc = new CreditAccumulator();
  for (const p of paths) {
    if (p.channels.length === 0) {
      if (p.conversions > 0 || p.value !== 0) acc.add(DIRECT, p.conversions, p.value);
      continue;
    }
    if (p.conversions === 0 && p.value === 0) {
      for (const c of p.channels) acc.touch(c);
      continue;
    }
    const w = weights(p.channels);
    p.channels.forEach((c, i) => acc.add(c, p.conversions * w[i]!, p.value * w[i]!));
  }
  return acc.result();
}

/** The share of each distinct label of a path under per-label weights (see creditByIndexedWeights). */
export function labelShares(
  channels: readonly string[],
  weight: ReadonlyMap<string, number>,
): Map<string, number> {
  const distinct = [...new Set(channels)];
  const w = distinct.map((c) => Math.max(0, weight.get(c) ?? 0));
  const sum = w.reduce((a, b) => a + b, 0);
  return new Map(distinct.map((c, i) => [c, sum > 0 ? w[i]! / sum : 1 / distinct.length]));
}

/** Paths with their labels numbered once (sorted labels), for models refitted on many resamples. */
export interface PathIndex {
  labels: string[];
  /** Per path p: its distinct label ids at distinct[start[p]]..distinct[start[p+1]] (first-seen order). */
  start: Int32Array;
  distinct: Int32Array;
}

/** Number the labels of `paths` (sorted) and list each path's distinct label ids, once, so that refits on
 * resampled counts do no string work per path. */
export function indexPaths(paths: readonly AggregatedPath[]): PathIndex {
  const labels = [...new Set(paths.flatMap((p) => p.channels))].sort();
  const id = new Map(labels.map((l, i) => [l, i]));
  const start = new Int32Array(paths.length + 1);
  const ids: number[] = [];
  paths.forEach((p, k) => {
    const from = ids.length;
    for (const c of p.channels) {
      const i = id.get(c)!;
      let seen = false;
      for (let j = from; j < ids.length; j++) if (ids[j] === i) seen = true;
      if (!seen) ids.push(i);
    }
    start[k + 1] = ids.length;
  });
  return { labels, start, distinct: Int32Array.from(ids) };
}

/**
 * Credit paths by per-label weights (data-driven models applied per conversion): in a path whose
 * distinct labels are S, label c ∈ S receives w(c) / Σ_{s∈S} w(s) of its conversions and value; when
 * every label of S weighs 0 they share equally. Labels absent from a converting path get nothing from
 * it; conversions with no touchpoint go to `Direct`. `sample` holds the indexed paths in the same
 * order (counts may differ, as in bootstrap resamples) and `weight` one number per label id.
 */
export function creditByIndexedWeights(
  index: PathIndex,
  sample: readonly AggregatedPath[],
  weight: Float64Array,
): ChannelCredit[] {
  const n = index.labels.length;
  const conv = new Float64Array(n);
  const val = new Float64Array(n);
  let directConv = 0;
  let directVal = 0;
  let direct = false;
  for (let k = 0; k < sample.length; k++) {
    const p = sample[k]!;
    const a = index.start[k]!;
    const b = index.start[k + 1]!;
    if (a === b) {
      if (p.conversions > 0 || p.value !== 0) {
        direct = true;
        directConv += p.conversions;
        directVal += p.value;
      }
      continue;
    }
    if (p.conversions === 0 && p.value === 0) continue;
    let sum = 0;
    for (let e = a; e < b; e++) sum += Math.max(0, weight[index.distinct[e]!]!);
    for (let e = a; e < b; e++) {
      const l = index.distinct[e]!;
      const share = sum > 0 ? Math.max(0, weight[l]!) / sum : 1 / (b - a);
      conv[l]! += p.conversions * share;
      val[l]! += p.value * share;
    }
  }
  const acc = new CreditAccumulator();
  for (let l = 0; l < n; l++) acc.add(index.labels[l]!, conv[l]!, val[l]!);
  if (direct) acc.add(DIRECT, directConv, directVal);
  return acc.result();
}
