import { AttributionInputError } from './errors.js';
import type {
  AggregatedPath,
  PositionalModel,
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

/** One rule-based model for creditByPositions: its per-position weights, or its positional credit. */
export interface PositionRule {
  /** Weights of one sequence of labels (summing to 1); null when the model needs positional credit. */
  weights: ((channels: readonly string[]) => number[]) | null;
  /** Take AggregatedPath.positional[positional] where a path carries it. */
  positional?: PositionalModel;
}

/**
 * Credit aggregated paths under several rule-based models in one pass (labels numbered once, sums in
 * typed arrays: a year of a large shop has ~10⁶ distinct paths). Under a model, label c receives
 * Σ_paths conversions × Σ_{i: labelᵢ = c} wᵢ, and the same for value; a path that carries the
 * model's positional credit (AggregatedPath.positional, summed per conversion where the touches
 * are known) gives Σ_{i: labelᵢ = c} creditᵢ instead. Conversions with no touchpoint go to
 * `Direct`. Labels seen only on non-converting paths are listed with 0. One result per rule, each
 * sorted by label.
 */
export function creditByPositions(
  paths: readonly AggregatedPath[],
  rules: readonly PositionRule[],
): ChannelCredit[][] {
  const ids = new Map<string, number>();
  const labels: string[] = [];
  const id = (l: string) => {
    let i = ids.get(l);
    if (i === undefined) {
      ids.set(l, (i = labels.length));
      labels.push(l);
    }
    return i;
  };
  let cap = 64;
  let conv = rules.map(() => new Float64Array(cap));
  let val = rules.map(() => new Float64Array(cap));
  const grow = () => {
    cap *= 2;
    const more = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    conv = conv.map(more);
    val = val.map(more);
  };
  let direct = false;
  let directConv = 0;
  let directVal = 0;
  const pathIds: number[] = [];
  for (const p of paths) {
    if (p.channels.length === 0) {
      if (p.conversions > 0 || p.value !== 0) {
        direct = true;
        directConv += p.conversions;
        directVal += p.value;
      }
      continue;
    }
    pathIds.length = 0;
    for (const c of p.channels) pathIds.push(id(c));
    if (labels.length > cap) grow();
    if (p.conversions === 0 && p.value === 0) continue;
    rules.forEach((rule, r) => {
      const cr = conv[r]!;
      const vr = val[r]!;
      const pc = rule.positional ? p.positional?.[rule.positional] : undefined;
      if (pc) {
        for (let i = 0; i < pathIds.length; i++) {
          cr[pathIds[i]!]! += pc.conversions[i] ?? 0;
          vr[pathIds[i]!]! += pc.value[i] ?? 0;
        }
        return;
      }
      if (!rule.weights)
        throw new AttributionInputError(
          'model',
          `${rule.positional ?? 'this model'} needs touchpoint timestamps; aggregated paths have none (use the store, or another model)`,
        );
      const w = rule.weights(p.channels);
      for (let i = 0; i < pathIds.length; i++) {
        cr[pathIds[i]!]! += p.conversions * w[i]!;
        vr[pathIds[i]!]! += p.value * w[i]!;
      }
    });
  }
  return rules.map((_, r) => {
    const acc = new CreditAccumulator();
    labels.forEach((l, i) => acc.add(l, conv[r]![i]!, val[r]![i]!));
    if (direct) acc.add(DIRECT, directConv, directVal);
    return acc.result();
  });
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
  /** Per path p: the label id of every touch, in order, at seq[seqStart[p]]..seq[seqStart[p+1]]. */
  seqStart: Int32Array;
  seq: Int32Array;
}

/**
 * Number the labels of `paths` (sorted) and list each path's label ids — every touch, and the
 * distinct ones — once, so that the models and refits on resampled counts do no string work per
 * path. Remembered per paths array: Markov and Shapley on the same journeys share one index (a
 * year of a large shop has ~10⁶ distinct paths).
 */
export function indexPaths(paths: readonly AggregatedPath[]): PathIndex {
  // Journeys are read-only once built; the length check guards against a caller that appends.
  const known = indexed.get(paths);
  if (known && known.start.length === paths.length + 1) return known;
  const id = new Map<string, number>();
  let touches = 0;
  for (const p of paths) {
    touches += p.channels.length;
    for (const c of p.channels) if (!id.has(c)) id.set(c, 0);
  }
  const labels = [...id.keys()].sort();
  labels.forEach((l, i) => id.set(l, i));
  const start = new Int32Array(paths.length + 1);
  const seqStart = new Int32Array(paths.length + 1);
  const seq = new Int32Array(touches);
  const distinct = new Int32Array(touches);
  let n = 0;
  let t = 0;
  paths.forEach((p, k) => {
    const from = n;
    for (const c of p.channels) {
      const i = id.get(c)!;
      seq[t++] = i;
      let dup = false;
      for (let j = from; j < n; j++) if (distinct[j] === i) dup = true;
      if (!dup) distinct[n++] = i;
    }
    start[k + 1] = n;
    seqStart[k + 1] = t;
  });
  const index = { labels, start, distinct: distinct.slice(0, n), seqStart, seq };
  indexed.set(paths, index);
  return index;
}

const indexed = new WeakMap<readonly AggregatedPath[], PathIndex>();

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
