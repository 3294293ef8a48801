import { creditByIndexedWeights, indexPaths } from './aggregate.js';
import { AttributionInputError } from './errors.js';
import type { AggregatedPath, ChannelCredit } from './types.js';

export const START_STATE = '(start)';
export const CONVERSION_STATE = '(conversion)';
export const NULL_STATE = '(null)';
export const MAX_MARKOV_ORDER = 4;
/** Gauss–Seidel stops when the remaining error is below this. */
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
  /** Expected conversion value per journey from the start without the channel. */
  value_without: number;
  /** 1 − V₋c / V on the chain's expected value (ChannelAttribution's "removal effect on revenue"). */
  removal_effect_value: number | null;
  /** removal_effect_value / Σ: ChannelAttribution's value share (× all value). */
  share_value: number | null;
}

export interface MarkovResult {
  order: number;
  /** P(conversion) from the start state in the fitted chain. */
  conversion_probability: number;
  /** Expected conversion value per journey from the start state (= all value / all journeys). */
  value_per_journey: number;
  removal_effects: MarkovRemovalEffect[];
  /** Credit applied per conversion: each path's conversions and value split over its channels ∝ removal effect. */
  credit: ChannelCredit[];
  /** Gauss–Seidel sweeps of the slowest solve; 0 when solved directly (small chains). */
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

/** The chain's shape for one set of paths: states, transitions and each path's transitions (no counts). */
interface ChainShape {
  order: number;
  /**
   * states[0] is the start state (no channel); others hold the label ids (indexes of `channels`)
   * of the last ≤ order channels.
   */
  states: number[][];
  /** The labels of the paths' index, sorted (every one occurs in some path). */
  channels: string[];
  /** Transitions in CSR order: row i holds rowStart[i]..rowStart[i+1]; col = target state. */
  rowStart: Int32Array;
  col: Int32Array;
  /** Per path: its transitions (CSR positions) at pathStart[p]..pathStart[p+1], and its last state. */
  pathStart: Int32Array;
  pathEdges: Int32Array;
  lastState: Int32Array;
}

interface Chain {
  shape: ChainShape;
  prob: Float64Array;
  journeysOut: Float64Array;
  edgeJourneys: Float64Array;
  toConversion: Float64Array;
  /** Expected conversion value per departure from each state: (value converted there) / (journeys out). */
  toValue: Float64Array;
  toNull: Float64Array;
}

/**
 * The shape of the order-k chain (Anderl, Becker, von Wangenheim & Schumann, "Mapping the customer
 * journey", 2016; the model of the ChannelAttribution package): a state is the last min(i, k)
 * channels seen; a path c₁…cₙ runs start → (c₁) → (c₁,c₂) → … → (cₙ₋ₖ₊₁…cₙ) and then to
 * (conversion) or (null). Kept apart from the counts so that bootstrap resamples reuse it.
 */
function chainShape(paths: readonly AggregatedPath[], order: number): ChainShape {
  const { labels, seq, seqStart } = indexPaths(paths);
  const base = labels.length + 1;
  // A state is keyed by its last ≤ order label ids: one number while base^order stays an exact
  // integer (any realistic label count), else a string of the ids.
  const numeric = base ** order <= Number.MAX_SAFE_INTEGER;
  const index = new Map<number | string, number>([[numeric ? 0 : '', 0]]);
  const tuples: number[][] = [[]];
  // Each state's outgoing edges by target state (small maps with small-integer keys).
  const edgesOf: Array<Map<number, number>> = [];
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const pathStart = new Int32Array(paths.length + 1);
  const lastState = new Int32Array(paths.length);
  const edgeSeq = new Int32Array(seq.length);
  for (let k = 0; k < paths.length; k++) {
    let prev = 0;
    const a = seqStart[k]!;
    const b = seqStart[k + 1]!;
    for (let i = a; i < b; i++) {
      const lo = Math.max(a, i + 1 - order);
      let key: number | string;
      if (numeric) {
        key = 0;
        for (let j = lo; j <= i; j++) key = key * base + seq[j]! + 1;
      } else key = Array.from(seq.subarray(lo, i + 1)).join(',');
      let s = index.get(key);
      if (s === undefined) {
        s = tuples.length;
        index.set(key, s);
        tuples.push(Array.from(seq.subarray(lo, i + 1)));
      }
      const out = (edgesOf[prev] ??= new Map());
      let e = out.get(s);
      if (e === undefined) {
        e = edgeFrom.length;
        out.set(s, e);
        edgeFrom.push(prev);
        edgeTo.push(s);
      }
      edgeSeq[i] = e;
      prev = s;
    }
    lastState[k] = prev;
    pathStart[k + 1] = b;
  }
  const n = tuples.length;
  const rowStart = new Int32Array(n + 1);
  for (const f of edgeFrom) rowStart[f + 1]!++;
  for (let i = 0; i < n; i++) rowStart[i + 1]! += rowStart[i]!;
  const fill = rowStart.slice(0, n);
  const csrOf = new Int32Array(edgeFrom.length);
  const col = new Int32Array(edgeFrom.length);
  edgeFrom.forEach((f, e) => {
    const at = fill[f]!++;
    csrOf[e] = at;
    col[at] = edgeTo[e]!;
  });
  const pathEdges = edgeSeq.map((e) => csrOf[e]!);
  return {
    order,
    states: tuples,
    channels: labels,
    rowStart,
    col,
    pathStart,
    pathEdges,
    lastState,
  };
}

/**
 * The chain's probabilities for counts on the shape's paths (same paths, same order): a path with a
 * conversions and b non-conversions adds a + b to each of its transitions, a to (conversion) and b to (null).
 */
function weighChain(shape: ChainShape, paths: readonly AggregatedPath[]): Chain {
  const n = shape.states.length;
  const m = shape.col.length;
  const edgeJourneys = new Float64Array(m);
  const conv = new Float64Array(n);
  const nul = new Float64Array(n);
  const val = new Float64Array(n);
  for (let k = 0; k < paths.length; k++) {
    const p = paths[k]!;
    const w = p.conversions + p.nulls;
    if (p.channels.length === 0 || w <= 0) continue;
    for (let e = shape.pathStart[k]!; e < shape.pathStart[k + 1]!; e++)
      edgeJourneys[shape.pathEdges[e]!]! += w;
    conv[shape.lastState[k]!]! += p.conversions;
    nul[shape.lastState[k]!]! += p.nulls;
    val[shape.lastState[k]!]! += p.value;
  }
  const out = new Float64Array(n);
  const prob = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let o = conv[i]! + nul[i]!;
    for (let e = shape.rowStart[i]!; e < shape.rowStart[i + 1]!; e++) o += edgeJourneys[e]!;
    out[i] = o;
    if (o <= 0) continue;
    for (let e = shape.rowStart[i]!; e < shape.rowStart[i + 1]!; e++) prob[e] = edgeJourneys[e]! / o;
    conv[i]! /= o;
    nul[i]! /= o;
    val[i]! /= o;
  }
  return { shape, prob, journeysOut: out, edgeJourneys, toConversion: conv, toNull: nul, toValue: val };
}

/** Up to this many states the chain is solved directly (Gaussian elimination), beyond by Gauss–Seidel. */
const DENSE_MAX_STATES = 200;

/**
 * P(absorption in (conversion)) from the start state, with the `removed` states made to lead to
 * (null): x₀ of the solution of (I − Q) x = r, Q the transient-to-transient block and r the one-step
 * conversion probabilities (or, with `rhs` = the expected value per departure, the expected conversion
 * value per journey). Small chains (≤ 200 states: order 1 always) are solved directly by
 * Gaussian elimination with partial pivoting. Larger, sparse ones by Gauss–Seidel sweeps in reverse
 * discovery order (later states are deeper in the paths, so a sweep is nearly a back-substitution),
 * self-loops in closed form, xᵢ = (rᵢ + Σ_{j≠i} Qᵢⱼ xⱼ) / (1 − Qᵢᵢ); Q is substochastic with every state
 * leaving eventually, so the sweeps contract, and they stop when the remaining error — bounded by
 * Δ·ρ/(1 − ρ), Δ the last sweep's largest change and ρ the observed contraction — is below 1e-15 (× the answer's scale).
 */
function conversionProbability(
  chain: Chain,
  removed: Uint8Array | null,
  rhs: Float64Array = chain.toConversion,
): { p: number; sweeps: number } {
  return chain.shape.states.length <= DENSE_MAX_STATES
    ? denseSolve(chain, removed, rhs)
    : gaussSeidel(chain, removed, rhs);
}

function denseSolve(
  chain: Chain,
  removed: Uint8Array | null,
  rhs: Float64Array,
): { p: number; sweeps: number } {
  const n = chain.shape.states.length;
  const { rowStart, col } = chain.shape;
  const w = n + 1;
  const a = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    a[i * w + i] = 1;
    if (removed && removed[i]) continue;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const j = col[e]!;
      if (!(removed && removed[j])) a[i * w + j]! -= chain.prob[e]!;
    }
    a[i * w + n] = rhs[i]!;
  }
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * w + k]!) > Math.abs(a[pivot * w + k]!)) pivot = i;
    if (pivot !== k)
      for (let j = k; j <= n; j++) {
        const t = a[k * w + j]!;
        a[k * w + j] = a[pivot * w + j]!;
        a[pivot * w + j] = t;
      }
    const d = a[k * w + k]!;
    if (d === 0) continue; // a state no journey reaches with weight: its row is all zero
    for (let i = k + 1; i < n; i++) {
      const f = a[i * w + k]! / d;
      if (f === 0) continue;
      for (let j = k; j <= n; j++) a[i * w + j]! -= f * a[k * w + j]!;
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = a[i * w + n]!;
    for (let j = i + 1; j < n; j++) s -= a[i * w + j]! * x[j]!;
    const d = a[i * w + i]!;
    x[i] = d === 0 ? 0 : s / d;
  }
  return { p: x[0]!, sweeps: 0 };
}

function gaussSeidel(
  chain: Chain,
  removed: Uint8Array | null,
  rhs: Float64Array,
): { p: number; sweeps: number } {
  const n = chain.shape.states.length;
  const x = new Float64Array(n);
  const { prob } = chain;
  const { rowStart, col } = chain.shape;
  // Relative to the scale of the answer: probabilities for conversions, money for value.
  const tolerance =
    TOLERANCE *
    Math.max(
      1,
      rhs.reduce((m, v) => Math.max(m, v), 0),
    );
  let previous = Infinity;
  for (let sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
    let moved = 0;
    for (let i = n - 1; i >= 0; i--) {
      if (removed && removed[i]) continue;
      let s = rhs[i]!;
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
    const rho = previous > 0 ? moved / previous : 0;
    if (moved === 0 || (rho < 1 && (moved * rho) / (1 - rho) <= tolerance && moved <= tolerance))
      return { p: x[0]!, sweeps: sweep };
    previous = moved;
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
  return compileMarkov(paths, order).fit(paths);
}

/** A Markov model's chain shape for fixed paths, refitted cheaply on new counts (bootstrap resamples). */
export interface CompiledMarkov {
  /** Fit on counts for the compiled paths: `sample[i].channels` must be those of the i-th compiled path. */
  fit: (sample: readonly AggregatedPath[]) => MarkovResult;
}

/** Build the chain shape of `paths` once (see markov); `fit` then only counts and solves. */
export function compileMarkov(paths: readonly AggregatedPath[], order = 1): CompiledMarkov {
  checkMarkovOrder(order);
  const shape = chainShape(paths, order);
  const index = indexPaths(paths);
  const n = shape.states.length;
  // Per channel, the states that hold it (redirected to (null) when the channel is removed).
  const masks = shape.channels.map(() => new Uint8Array(n));
  shape.states.forEach((tuple, s) => {
    for (const l of tuple) masks[l]![s] = 1;
  });
  return {
    fit: (sample) => {
      if (sample.length !== paths.length)
        throw new AttributionInputError(
          'paths',
          'a compiled Markov model refits only the paths it was built on',
        );
      const chain = weighChain(shape, sample);
      const base = conversionProbability(chain, null);
      const baseValue = conversionProbability(chain, null, chain.toValue);
      let sweeps = Math.max(base.sweeps, baseValue.sweeps);
      const effects: MarkovRemovalEffect[] = shape.channels.map((channel, k) => {
        const r = base.p > 0 ? conversionProbability(chain, masks[k]!) : { p: 0, sweeps: 0 };
        const v =
          baseValue.p > 0 ? conversionProbability(chain, masks[k]!, chain.toValue) : { p: 0, sweeps: 0 };
        sweeps = Math.max(sweeps, r.sweeps, v.sweeps);
        return {
          channel,
          conversion_probability_without: r.p,
          removal_effect: base.p > 0 ? Math.max(0, 1 - r.p / base.p) : null,
          share: null,
          value_without: v.p,
          removal_effect_value: baseValue.p > 0 ? Math.max(0, 1 - v.p / baseValue.p) : null,
          share_value: null,
        };
      });
      const total = effects.reduce((a, e) => a + (e.removal_effect ?? 0), 0);
      const totalValue = effects.reduce((a, e) => a + (e.removal_effect_value ?? 0), 0);
      for (const e of effects) {
        e.share = total > 0 && e.removal_effect !== null ? e.removal_effect / total : null;
        e.share_value =
          totalValue > 0 && e.removal_effect_value !== null ? e.removal_effect_value / totalValue : null;
      }
      // The chain's channels are the index's labels, in the same order.
      const weight = Float64Array.from(effects, (e) => e.removal_effect ?? 0);
      return {
        order,
        conversion_probability: base.p,
        value_per_journey: baseValue.p,
        removal_effects: effects,
        credit: creditByIndexedWeights(index, sample, weight),
        sweeps,
        transitions: () => transitionRows(chain),
      };
    },
  };
}

function transitionRows(chain: Chain): MarkovTransition[] {
  const { rowStart, col, channels } = chain.shape;
  const states = chain.shape.states.map((t) => t.map((l) => channels[l]!));
  const rows: MarkovTransition[] = [];
  for (let i = 0; i < states.length; i++) {
    const from = stateName(states[i]!);
    const out = chain.journeysOut[i]!;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++)
      if (chain.edgeJourneys[e]! > 0)
        rows.push({
          from,
          to: stateName(states[col[e]!]!),
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
      rows.push({ from, to: NULL_STATE, probability: chain.toNull[i]!, journeys: chain.toNull[i]! * out });
  }
  return rows;
}
