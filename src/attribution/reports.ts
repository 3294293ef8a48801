import { touchLabel, type PathDimension } from './aggregate.js';
import type { ModelName, ModelResult } from './models.js';
import type { AggregatedPath, ConversionPath } from './types.js';
import { DIRECT } from './types.js';

/** One label with its credit under every model, and its cost-based KPIs where the cost is known. */
export interface SideBySideRow {
  channel: string;
  cost: number | null;
  models: Partial<
    Record<ModelName, { conversions: number; value: number; cpa: number | null; roas: number | null }>
  >;
}

const ratio = (a: number, b: number | null): number | null => (b === null || b === 0 ? null : a / b);

/**
 * Models side by side per label: conversions and value (revenue) each model credits, and with a cost
 * per label CPA = cost / conversions and ROAS = value / cost (PRODUCT.md's KPI table; a zero
 * denominator gives null). Rows are sorted by label.
 */
export function sideBySide(
  results: readonly ModelResult[],
  cost: ReadonlyMap<string, number> = new Map(),
): SideBySideRow[] {
  const labels = new Set<string>();
  for (const r of results) for (const c of r.channels) labels.add(c.channel);
  for (const l of cost.keys()) labels.add(l);
  return [...labels].sort().map((channel) => {
    const spend = cost.get(channel) ?? null;
    const row: SideBySideRow = { channel, cost: spend, models: {} };
    for (const r of results) {
      const c = r.channels.find((x) => x.channel === channel) ?? { conversions: 0, value: 0 };
      row.models[r.model] = {
        conversions: c.conversions,
        value: c.value,
        cpa: ratio(spend ?? 0, spend === null ? null : c.conversions),
        roas: ratio(c.value, spend),
      };
    }
    return row;
  });
}

export interface TopPath {
  path: string[];
  conversions: number;
  value: number;
  nulls: number;
  /** conversions / (conversions + nulls); null with no journeys. */
  conversion_rate: number | null;
}

/** The `limit` paths with the most conversions (ties: more value, then the path text). */
export function topPaths(paths: readonly AggregatedPath[], limit = 20): TopPath[] {
  return paths
    .filter((p) => p.conversions > 0)
    .map((p) => ({
      path: p.channels.length ? p.channels : [DIRECT],
      conversions: p.conversions,
      value: p.value,
      nulls: p.nulls,
      conversion_rate: ratio(p.conversions, p.conversions + p.nulls),
    }))
    .sort(
      (a, b) =>
        b.conversions - a.conversions || b.value - a.value || (a.path.join('>') < b.path.join('>') ? -1 : 1),
    )
    .slice(0, limit);
}

export interface DistributionRow {
  bucket: string;
  conversions: number;
  value: number;
}

/** Conversions and value by number of touchpoints on the path (0 = no touchpoint; `maxLength`+ grouped). */
export function pathLengthDistribution(paths: readonly AggregatedPath[], maxLength = 10): DistributionRow[] {
  const rows = Array.from({ length: maxLength + 1 }, (_, i) => ({
    bucket: i === maxLength ? `${maxLength}+` : String(i),
    conversions: 0,
    value: 0,
  }));
  for (const p of paths) {
    const r = rows[Math.min(p.channels.length, maxLength)]!;
    r.conversions += p.conversions;
    r.value += p.value;
  }
  return rows;
}

/** Days from first touch to conversion, in the buckets analytics tools use. */
export const TIME_BUCKETS: ReadonlyArray<{ bucket: string; upToDays: number }> = [
  { bucket: '< 1 day', upToDays: 1 },
  { bucket: '1–3 days', upToDays: 4 },
  { bucket: '4–7 days', upToDays: 8 },
  { bucket: '8–14 days', upToDays: 15 },
  { bucket: '15–30 days', upToDays: 31 },
  { bucket: '> 30 days', upToDays: Infinity },
];

/**
 * Conversions and value by time from the path's first touch to the conversion (bucket [a, b) in whole
 * days of 24 h); conversions without touchpoint are counted under `no touchpoint`.
 */
export function timeToConversionDistribution(conversions: Iterable<ConversionPath>): DistributionRow[] {
  const rows = [
    { bucket: 'no touchpoint', conversions: 0, value: 0 },
    ...TIME_BUCKETS.map((b) => ({ bucket: b.bucket, conversions: 0, value: 0 })),
  ];
  for (const c of conversions) {
    let r = rows[0]!;
    if (c.touchpoints.length) {
      const first = Math.min(...c.touchpoints.map((t) => t.timestamp));
      const days = (c.timestamp - first) / 86_400_000;
      r = rows[1 + TIME_BUCKETS.findIndex((b) => days < b.upToDays)]!;
    }
    r.conversions += 1;
    r.value += c.value;
  }
  return rows;
}

export interface AssistRow {
  channel: string;
  /** Conversions whose last touch is this label. */
  last_click: number;
  /** Conversions where the label is on the path but not the last touch. */
  assisted: number;
  /** assisted / last_click; null when last_click = 0. */
  assist_ratio: number | null;
}

/** Assisted vs last-click conversions per label (Google Analytics' "assisted conversions" report). */
export function assistedConversions(paths: readonly AggregatedPath[]): AssistRow[] {
  const m = new Map<string, AssistRow>();
  const row = (channel: string): AssistRow => {
    let r = m.get(channel);
    if (!r) m.set(channel, (r = { channel, last_click: 0, assisted: 0, assist_ratio: null }));
    return r;
  };
  for (const p of paths) {
    if (p.conversions === 0) continue;
    if (p.channels.length === 0) {
      row(DIRECT).last_click += p.conversions;
      continue;
    }
    const last = p.channels[p.channels.length - 1]!;
    row(last).last_click += p.conversions;
    for (const c of new Set(p.channels)) if (c !== last) row(c).assisted += p.conversions;
  }
  return [...m.values()]
    .map((r) => ({ ...r, assist_ratio: ratio(r.assisted, r.last_click) }))
    .sort((a, b) => (a.channel < b.channel ? -1 : 1));
}

/** Labels of one conversion's touches on a dimension, for reports keyed by source, campaign or partner. */
export const pathLabels = (c: ConversionPath, by: PathDimension = 'channel'): string[] =>
  c.touchpoints.map((t) => touchLabel(t, by));
