import { creditByLabelWeights } from './aggregate.js';
import { AttributionInputError } from './errors.js';
import type { AggregatedPath, ChannelCredit } from './types.js';

export const START_STATE = '(start)';
export const CONVERSION_STATE = '(conversion)';
export const NULL_STATE = '(null)';
export const MAX_MARKOV_ORDER = 4;
/** Gauss–Seidel stops when no probability moves by more than this in a sweep. */
const TOLERANCE = 1e-15;
const MAX_SWEEPS = 1_000_000;

/** One row of the exported transition matrix: P(from → to), estimated from `journeys` transitions. */
export interface MarkovTransition {
  from: string;
  to: string;
  probability: number;
  journeys: number;
}

export interface MarkovRemovalEffect {
  channel: string;
  /** P(conversion) from the start when every state holding the channel leads to (null). */
  conversion_probability_without: number;
  /** 1 − P₋c / P; `null` when P = 0. */
  removal_effect: number | null;
  /** removal_effect / Σ removal effects: ChannelAttribution's credit share (× all conversions). */
  share: number | null;
}

export interface MarkovResult {
  order: number;
  /** P(conversion) from the start state in the fitted chain. */
  conversion_probability: number;
  removal_effects: MarkovRemovalEffect[];
  /** Credit applied per conversion: each path's conversions and value split over its channels ∝ removal effect. */
  credit: ChannelCredit[];
  /** Gauss–Seidel sweeps of the slowest solve (the solve is exact to 1e-15, not simulated). */
  sweeps: number;
  transitions: () => MarkovTransition[];
}

/** Throws unless `order` is an integer from 1 to 4. */
export function checkMarkovOrder(order: number): void {
  if (!Number.isInteger(order) || order < 1 || order > MAX_MARKOV_ORDER)
    throw new AttributionInputError(
      'order',
      `must be an integer from 1 to ${MAX_MARKOV_ORDER} (got ${order})`,
    );
}

interface Chain {
  /** states[0] is the start state (no channel); others hold the last ≤ order channels. */
  states: string[][];
  rowStart: Int32Array;
  col: Int32Array;
  prob: Float64Array;
  journeysOut: Float64Array;
  edgeJourneys: Float64Array;
  toConversion: Float64Array;
  toNull: Float64Array;
  channels: string[];
}

/**
 * Fit the order-k chain (Anderl, Becker, von Wangenheim & Schumann, "Mapping the customer journey",
 * 2016; the model of the ChannelAttribution package). A state is the last min(i, k) channels seen;
 * a path c₁…cₙ with a conversions and b non-conversions adds a + b to each transition
 * start → (c₁) → (c₁,c₂) → … → (cₙ₋ₖ₊₁…cₙ), then a to (conversion) and b to (null).
 */
function fitChain(paths: readonly AggregatedPath[], order: number): Chain {
  const index = new Map<string, number>([['', 0]]);
  const states: string[][] = [[]];
  const edges = new Map<number, number>();
  let toConv: number[] = [0];
  let toNull: number[] = [0];
  const channelSet = new Set<string>();
  const SHIFT = 2 ** 26;
  const stateOf = (tuple: string[]): number => {
    const key = tuple.join('\u0000');
    let i = index.get(key);
    if (i === undefined) {
      i = states.length;
      index.set(key, i);
      states.push(tuple);
      toConv.push(0);
      toNull.push(0);
    }
    return i;
  };
  for (const p of paths) {
    const w = p.conversions + p.nulls;
    if (p.channels.length === 0 || w <= 0) continue;
    let prev = 0;
    for (let i = 0; i < p.channels.length; i++) {
      channelSet.add(p.channels[i]!);
      const s = stateOf(p.channels.slice(Math.max(0, i + 1 - order), i + 1));
      const key = prev * SHIFT + s;
      edges.set(key, (edges.get(key) ?? 0) + w);
      prev = s;
    }
    toConv[prev]! += p.conversions;
    toNull[prev]! += p.nulls;
  }
  const n = states.length;
  if (n >= SHIFT) throw new AttributionInputError('paths', `too many Markov states (${n}); lower the order`);
  const out = new Float64Array(n);
  const rowCount = new Int32Array(n + 1);
  for (const [key, w] of edges) {
    const from = Math.floor(key / SHIFT);
    out[from]! += w;
    rowCount[from + 1]!++;
  }
  for (let i = 0; i < n; i++) out[i]! += toConv[i]! + toNull[i]!;
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowStart[i + 1] = rowStart[i]! + rowCount[i + 1]!;
  const fill = rowStart.slice(0, n);
  const col = new Int32Array(edges.size);
  const prob = new Float64Array(edges.size);
  const edgeJourneys = new Float64Array(edges.size);
  for (const [key, w] of edges) {
    const from = Math.floor(key / SHIFT);
    const e = fill[from]!++;
    col[e] = key - from * SHIFT;
    prob[e] = w / out[from]!;
    edgeJourneys[e] = w;
  }
  const conv = Float64Array.from(toConv, (c, i) => (out[i]! > 0 ? c / out[i]! : 0));
  const nul = Float64Array.from(toNull, (c, i) => (out[i]! > 0 ? c / out[i]! : 0));
  toConv = toNull = [];
  return {
    states,
    rowStart,
    col,
    prob,
    journeysOut: out,
    edgeJourneys,
    toConversion: conv,
    toNull: nul,
    channels: [...channelSet].sort(),
  };
}

/**
 * P(absorption in (conversion)) from the start state, with the `removed` states made to lead to
 * (null): the solution of x = r + Q x (Q the transient-to-transient block, r the one-step conversion
 * probabilities), found by Gauss–Seidel sweeps in reverse discovery order (later states are deeper in
 * the paths, so one sweep is nearly a back-substitution); self-loops are solved in closed form,
 * xᵢ = (rᵢ + Σ_{j≠i} Qᵢⱼ xⱼ) / (1 − Qᵢᵢ). Q is substochastic with every state leaving eventually, so
 * the sweeps converge to the exact solution; they stop when no xᵢ moves by 1e-15.
 */
function conversionProbability(chain: Chain, removed: Uint8Array | null): { p: number; sweeps: number } {
  const n = chain.states.length;
  const x = new Float64Array(n);
  const { rowStart, col, prob, toConversion } = chain;
  for (let sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
    let moved = 0;
    for (let i = n - 1; i >= 0; i--) {
      if (removed && removed[i]) continue;
      let s = toConversion[i]!;
      let self = 0;
      for (let e = rowStart[i]!, end = rowStart[i + 1]!; e < end; e++) {
        const j = col[e]!;
        if (j === i) self += prob[e]!;
        else s += prob[e]! * x[j]!;
      }
      const xi = self < 1 ? s / (1 - self) : 0;
      const d = Math.abs(xi - x[i]!);
      if (d > moved) moved = d;
      x[i] = xi;
    }
    if (moved <= TOLERANCE) return { p: x[0]!, sweeps: sweep };
  }
  throw new Error(`Markov solve did not converge in ${MAX_SWEEPS} sweeps`);
}

const stateName = (tuple: readonly string[]): string =>
  tuple.length === 0 ? START_STATE : tuple.join(' > ');

/**
 * Markov-chain attribution of order k (1–4) by removal effects: RE(c) = 1 − P₋c / P, where P is the
 * probability of reaching (conversion) from the start and P₋c the same with every state that holds c
 * redirected to (null) (Anderl et al. 2016). Both are solved exactly from the absorbing chain, not
 * simulated. Credit is applied per conversion: a path's conversions and value go to its distinct
 * channels in proportion to their removal effects, so per-conversion (transaction-level) credit and
 * channel totals agree; `removal_effects[].share` × all conversions is ChannelAttribution's credit.
 * Conversions with no touchpoint go to `Direct`.
 */
export function markov(paths: readonly AggregatedPath[], order = 1): MarkovResult {
  checkMarkovOrder(order);
  const chain = fitChain(paths, order);
  const base = conversionProbability(chain, null);
  let sweeps = base.sweeps;
  const n = chain.states.length;
  const channelIndex = new Map(chain.channels.map((c, i) => [c, i]));
  const masks = chain.channels.map(() => new Uint8Array(n));
  chain.states.forEach((tuple, s) => {
    for (const c of tuple) masks[channelIndex.get(c)!]![s] = 1;
  });
  const effects: MarkovRemovalEffect[] = chain.channels.map((channel, k) => {
    const r = base.p > 0 ? conversionProbability(chain, masks[k]!) : { p: 0, sweeps: 0 };
    sweeps = Math.max(sweeps, r.sweeps);
    return {
      channel,
      conversion_probability_without: r.p,
      removal_effect: base.p > 0 ? Math.max(0, 1 - r.p / base.p) : null,
      share: null,
    };
  });
  const total = effects.reduce((a, e) => a + (e.removal_effect ?? 0), 0);
  for (const e of effects) e.share = total > 0 && e.removal_effect !== null ? e.removal_effect / total : null;
  const weight = new Map(effects.map((e) => [e.channel, e.removal_effect ?? 0]));
  return {
    order,
    conversion_probability: base.p,
    removal_effects: effects,
    credit: creditByLabelWeights(paths, weight),
    sweeps,
    transitions: () => {
      const rows: MarkovTransition[] = [];
      for (let i = 0; i < n; i++) {
        const from = stateName(chain.states[i]!);
        const out = chain.journeysOut[i]!;
        for (let e = chain.rowStart[i]!; e < chain.rowStart[i + 1]!; e++)
          rows.push({
            from,
            to: stateName(chain.states[chain.col[e]!]!),
            probability: chain.prob[e]!,
            journeys: chain.edgeJourneys[e]!,
          });
        if (chain.toConversion[i]! > 0)
          rows.push({
            from,
            to: CONVERSION_STATE,
            probability: chain.toConversion[i]!,
            journeys: chain.toConversion[i]! * out,
          });
        if (chain.toNull[i]! > 0)
          rows.push({
            from,
            to: NULL_STATE,
            probability: chain.toNull[i]!,
            journeys: chain.toNull[i]! * out,
          });
      }
      return rows;
    },
  };
}
