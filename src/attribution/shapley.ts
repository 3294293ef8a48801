import { creditByLabelWeights } from './aggregate.js';
import { AttributionInputError } from './errors.js';
import { seededRandom } from './rng.js';
import type { AggregatedPath, ChannelCredit } from './types.js';

export const DEFAULT_SHAPLEY_MAX_EXACT = 15;
export const DEFAULT_SHAPLEY_SAMPLES = 2000;

export interface ShapleyOptions {
  /** Up to this many channels the value is computed exactly over all 2ⁿ coalitions (default 15, at most 24). */
  maxExactChannels?: number;
  /** Random channel orders drawn beyond that (default 2000). */
  samples?: number;
  seed?: number;
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
  method: 'exact' | 'sampled';
  samples: number | null;
  values: ShapleyValue[];
  /** Credit applied per conversion: each path's conversions and value split over its channels ∝ φ. */
  credit: ChannelCredit[];
  /** Exact: all 2ⁿ coalitions; sampled: the observed ones. */
  coalitions: () => ShapleyCoalition[];
}

export function checkShapleyOptions(o: ShapleyOptions): void {
  if (
    o.maxExactChannels !== undefined &&
    !(Number.isInteger(o.maxExactChannels) && o.maxExactChannels >= 0 && o.maxExactChannels <= 24)
  )
    throw new AttributionInputError(
      'max_exact_channels',
      `must be an integer from 0 to 24 (got ${o.maxExactChannels})`,
    );
  if (o.samples !== undefined && !(Number.isInteger(o.samples) && o.samples >= 1))
    throw new AttributionInputError('samples', `must be an integer ≥ 1 (got ${o.samples})`);
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
 * With n ≤ maxExactChannels every coalition is enumerated (O(n·2ⁿ), subset sums by the zeta transform);
 * beyond, φ is the mean marginal contribution over `samples` seeded random channel orders, where in one
 * order each T's rate goes to the member of T that comes last. Credit is applied per conversion:
 * a path's conversions and value go to its distinct channels in proportion to φ. No touchpoint → `Direct`.
 */
export function shapley(paths: readonly AggregatedPath[], options: ShapleyOptions = {}): ShapleyResult {
  checkShapleyOptions(options);
  const maxExact = options.maxExactChannels ?? DEFAULT_SHAPLEY_MAX_EXACT;
  const channelSet = new Set<string>();
  for (const p of paths) if (p.conversions + p.nulls > 0) for (const c of p.channels) channelSet.add(c);
  const channels = [...channelSet].sort();
  const idx = new Map(channels.map((c, i) => [c, i]));
  const byKey = new Map<string, Coalition>();
  for (const p of paths) {
    const j = p.conversions + p.nulls;
    if (p.channels.length === 0 || j <= 0) continue;
    const members = [...new Set(p.channels.map((c) => idx.get(c)!))].sort((a, b) => a - b);
    const key = members.join(',');
    let t = byKey.get(key);
    if (!t) byKey.set(key, (t = { members, journeys: 0, conversions: 0, rate: 0 }));
    t.journeys += j;
    t.conversions += p.conversions;
  }
  const coalitions = [...byKey.values()];
  for (const t of coalitions) t.rate = t.conversions / t.journeys;
  const n = channels.length;
  const phi = new Float64Array(n);
  let method: 'exact' | 'sampled';
  let samples: number | null = null;
  let worth: Float64Array | null = null;
  if (n <= maxExact) {
    method = 'exact';
    worth = new Float64Array(2 ** n);
    for (const t of coalitions) worth[t.members.reduce((m, i) => m | (1 << i), 0)]! += t.rate;
    for (let b = 0; b < n; b++) {
      const bit = 1 << b;
      for (let m = 0; m < worth.length; m++) if (m & bit) worth[m]! += worth[m ^ bit]!;
    }
    // w[s] = s!(n−s−1)!/n!, built as a ratio chain to avoid factorial overflow.
    const w = new Float64Array(Math.max(n, 1));
    if (n > 0) w[0] = 1 / n;
    for (let s = 1; s < n; s++) w[s] = (w[s - 1]! * s) / (n - s);
    for (let m = 0; m < worth.length; m++) {
      const size = popcount(m);
      for (let i = 0; i < n; i++) {
        const bit = 1 << i;
        if (m & bit) continue;
        phi[i]! += w[size]! * (worth[m | bit]! - worth[m]!);
      }
    }
  } else {
    method = 'sampled';
    samples = options.samples ?? DEFAULT_SHAPLEY_SAMPLES;
    const rnd = seededRandom(options.seed ?? 1);
    const order = Array.from({ length: n }, (_, i) => i);
    const pos = new Int32Array(n);
    const live = coalitions.filter((t) => t.rate > 0);
    for (let s = 0; s < samples; s++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (let i = 0; i < n; i++) pos[order[i]!] = i;
      for (const t of live) {
        let last = t.members[0]!;
        for (const m of t.members) if (pos[m]! > pos[last]!) last = m;
        phi[last]! += t.rate;
      }
    }
    for (let i = 0; i < n; i++) phi[i]! /= samples;
  }
  const total = phi.reduce((a, b) => a + b, 0);
  const values = channels.map((channel, i) => ({
    channel,
    shapley_value: phi[i]!,
    share: total > 0 ? phi[i]! / total : null,
  }));
  const weight = new Map(values.map((v) => [v.channel, v.shapley_value]));
  return {
    method,
    samples,
    values,
    credit: creditByLabelWeights(paths, weight),
    coalitions: () => {
      const row = (members: number[], t: Coalition | undefined, v: number): ShapleyCoalition => ({
        channels: members.map((i) => channels[i]!),
        journeys: t?.journeys ?? 0,
        conversions: t?.conversions ?? 0,
        conversion_rate: t ? t.rate : null,
        worth: v,
      });
      if (worth) {
        const all = worth;
        const observed = new Map(coalitions.map((t) => [t.members.reduce((m, i) => m | (1 << i), 0), t]));
        return Array.from({ length: all.length }, (_, m) => row(membersOf(m, n), observed.get(m), all[m]!));
      }
      return coalitions.map((t) => {
        const set = new Set(t.members);
        const v = coalitions
          .filter((u) => u.members.every((i) => set.has(i)))
          .reduce((a, u) => a + u.rate, 0);
        return row(t.members, t, v);
      });
    },
  };
}

function popcount(m: number): number {
  let c = 0;
  while (m) {
    m &= m - 1;
    c++;
  }
  return c;
}

function membersOf(m: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (m & (1 << i)) out.push(i);
  return out;
}
