import { AttributionInputError } from './errors.js';
import type { ConversionPath, NonConvertingPath, Touchpoint } from './types.js';

const DAY_MS = 86_400_000;

export interface PathOptions {
  /** Clicks older than this before the conversion are not on its path (default 30 days). */
  clickLookbackDays?: number;
  /** Impressions older than this are not on its path (default 1 day). */
  impressionLookbackDays?: number;
  /** Keep at most this many touches, the newest (default 50). */
  maxLength?: number;
  /** Merge consecutive touches of the same channel into the first of them (default false). */
  collapseRepeats?: boolean;
}

export const DEFAULT_PATH_OPTIONS: Required<PathOptions> = {
  clickLookbackDays: 30,
  impressionLookbackDays: 1,
  maxLength: 50,
  collapseRepeats: false,
};

/** One person's history: touchpoints and conversions (visitor ids already stitched through customer ids). */
export interface PersonHistory {
  touchpoints: readonly Touchpoint[];
  conversions: ReadonlyArray<{ conversionId: string; timestamp: number; value: number }>;
}

/** The options with their defaults filled in; throws an AttributionInputError naming a bad one. */
export function checkPathOptions(o: PathOptions): Required<PathOptions> {
  const r = { ...DEFAULT_PATH_OPTIONS, ...o };
  for (const k of ['clickLookbackDays', 'impressionLookbackDays'] as const)
    if (!Number.isFinite(r[k]) || r[k] < 0)
      throw new AttributionInputError(
        k === 'clickLookbackDays' ? 'click_lookback_days' : 'impression_lookback_days',
        `must be a number of days ≥ 0 (got ${r[k]})`,
      );
  if (!Number.isInteger(r.maxLength) || r.maxLength < 1)
    throw new AttributionInputError('max_length', `must be an integer ≥ 1 (got ${r.maxLength})`);
  return r;
}

/**
 * The touches on the path to a moment `at`: those at or before it and within their kind's lookback
 * (clicks 30 days, impressions 1 day by default), oldest first (ties keep input order), consecutive
 * repeats of a channel collapsed to the first when asked, then the newest `maxLength` kept — the
 * touches nearest the conversion are the ones every model weighs most.
 */
export function pathTo(
  touchpoints: readonly Touchpoint[],
  at: number,
  options: PathOptions = {},
): Touchpoint[] {
  const o = checkPathOptions(options);
  const clickFrom = at - o.clickLookbackDays * DAY_MS;
  const viewFrom = at - o.impressionLookbackDays * DAY_MS;
  let path = touchpoints
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.timestamp <= at && t.timestamp >= (t.kind === 'impression' ? viewFrom : clickFrom))
    .sort((a, b) => a.t.timestamp - b.t.timestamp || a.i - b.i)
    .map(({ t }) => t);
  if (o.collapseRepeats) path = path.filter((t, i) => i === 0 || path[i - 1]!.channel !== t.channel);
  return path.length > o.maxLength ? path.slice(path.length - o.maxLength) : path;
}

/**
 * A person's conversion paths and non-converting path. Each conversion gets pathTo(its timestamp);
 * touches may serve several conversions, as in Google Analytics. The touches after the person's last
 * conversion form the non-converting path, windowed as if a conversion happened at the newest of them.
 */
export function buildPaths(
  person: PersonHistory,
  options: PathOptions = {},
): { conversions: ConversionPath[]; nonConverting: NonConvertingPath | null } {
  const conversions = person.conversions.map((c) => ({
    conversionId: c.conversionId,
    timestamp: c.timestamp,
    value: c.value,
    touchpoints: pathTo(person.touchpoints, c.timestamp, options),
  }));
  const lastConversion = person.conversions.reduce((m, c) => Math.max(m, c.timestamp), -Infinity);
  const after = person.touchpoints.filter((t) => t.timestamp > lastConversion);
  if (after.length === 0) return { conversions, nonConverting: null };
  const newest = after.reduce((m, t) => Math.max(m, t.timestamp), -Infinity);
  return { conversions, nonConverting: { touchpoints: pathTo(after, newest, options) } };
}
