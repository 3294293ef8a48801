/** Matching a header row against the platform column maps. */
import { isCurrencyCode } from '../core/money.js';
import { repairMojibake } from './decode.js';
import { COLUMN_MAPS, GENERIC } from './platforms/index.js';
import type { ColumnMap, CostField, HeaderLanguage } from './platforms/index.js';
import type { CostPlatform } from './types.js';

export interface HeaderCell {
  /** Lower-cased, whitespace- and quote-normalised text without a currency suffix. */
  key: string;
  /** ISO 4217 code from a `(EUR)` suffix, else null. */
  currency: string | null;
}

/**
 * Normalise a header cell for matching. Rule: repair UTF-8-as-Latin-1 mojibake, NFKC, U+00A0,
 * U+202F and other spaces → space, U+2019/U+2018/U+02BC/backtick → `'`, `_` and `-` → space,
 * lower case, collapse spaces, and take off a trailing `(XXX)` when XXX is an ISO 4217 code (the
 * file's currency, as in `Amount spent (EUR)`).
 */
export function normalizeHeader(raw: string): HeaderCell {
  let t = repairMojibake(raw)
    .normalize('NFKC')
    .replace(/[\s\u00a0\u202f\u2007\u2009\ufeff]+/g, ' ')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .trim();
  let currency: string | null = null;
  const m = /\s*\(([A-Z]{3})\)$/.exec(t);
  if (m && isCurrencyCode(m[1] as string)) {
    currency = m[1] as string;
    t = t.slice(0, m.index);
  }
  const key = t.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return { key, currency };
}

export interface HeaderMatch {
  platform: CostPlatform;
  /** Column index per field. */
  columns: Partial<Record<CostField, number>>;
  /** Fields found through the platform's own aliases (not the generic fallback). */
  own: number;
  language: HeaderLanguage | 'unknown';
  /** Currency named in the headers (`Amount spent (EUR)`), cost column first. */
  currency: string | null;
  /** Required fields that are missing (empty when the row can be read). */
  missing: CostField[];
}

function resolve(
  map: ColumnMap,
  keys: readonly string[],
  taken: Set<number>,
  field: CostField,
  votes: Record<HeaderLanguage, number> | null,
): number | undefined {
  const aliases = map.fields[field];
  if (!aliases) return undefined;
  const ordered: [HeaderLanguage, string][] = [];
  const longest = Math.max(...(['en', 'nl', 'fr'] as const).map((l) => aliases[l]?.length ?? 0));
  for (let rank = 0; rank < longest; rank++) {
    for (const lang of ['en', 'nl', 'fr'] as const) {
      const a = aliases[lang]?.[rank];
      if (a !== undefined) ordered.push([lang, normalizeHeader(a).key]);
    }
  }
  for (const [, alias] of ordered) {
    const idx = keys.findIndex((k, i) => k === alias && !taken.has(i));
    if (idx < 0) continue;
    taken.add(idx);
    if (votes) {
      for (const [lang, a] of ordered) if (a === alias && votes[lang] !== undefined) votes[lang]++;
    }
    return idx;
  }
  return undefined;
}

const FIELD_ORDER: CostField[] = [
  'report_start',
  'report_end',
  'date',
  'campaign_id',
  'campaign',
  'ad_group',
  'ad',
  'account_id',
  'impressions',
  'clicks',
  'cost',
  'currency',
  'conversion_value',
  'conversions',
  'channel',
  'partner',
];

/**
 * Match one header row against one column map. Rule: per field, the map's aliases in order of
 * preference (each language's first alias, then each one's second, …), compared after `normalizeHeader`; a column serves one
 * field only. Fields the map lacks or whose header is not found fall back to the generic map's
 * words (tolerance for UI languages without evidence). The language is the one with the most
 * matched own aliases (an alias shared by two languages votes for both), `unknown` on a tie.
 * Required: a cost column under one of the map's own names (the most platform-specific header),
 * a date (or Meta's `Reporting starts`) and a campaign — for `generic`, a channel or partner
 * column may stand in for the campaign.
 */
export function matchHeader(cells: readonly string[], map: ColumnMap): HeaderMatch {
  const norm = cells.map(normalizeHeader);
  const keys = norm.map((c) => c.key);
  const taken = new Set<number>();
  const votes: Record<HeaderLanguage, number> = { en: 0, nl: 0, fr: 0 };
  const columns: Partial<Record<CostField, number>> = {};
  let own = 0;
  for (const f of FIELD_ORDER) {
    const idx = resolve(map, keys, taken, f, votes);
    if (idx !== undefined) {
      columns[f] = idx;
      own++;
    }
  }
  const ownCost = columns.cost !== undefined;
  if (map !== GENERIC) {
    for (const f of FIELD_ORDER) {
      if (columns[f] !== undefined || (f === 'date' && columns.report_start !== undefined)) continue;
      const idx = resolve(GENERIC, keys, taken, f, null);
      if (idx !== undefined) columns[f] = idx;
    }
  }
  const missing: CostField[] = [];
  if (!ownCost) missing.push('cost');
  if (columns.date === undefined && columns.report_start === undefined) missing.push('date');
  const hasCampaign =
    columns.campaign !== undefined ||
    (map === GENERIC && (columns.channel !== undefined || columns.partner !== undefined));
  if (!hasCampaign) missing.push('campaign');
  const ranked = (Object.entries(votes) as [HeaderLanguage, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked as [[HeaderLanguage, number], [HeaderLanguage, number]];
  const language = first[1] > 0 && first[1] > second[1] ? first[0] : 'unknown';
  const costIdx = columns.cost;
  const currency =
    (costIdx !== undefined ? norm[costIdx]?.currency : null) ??
    norm.find((c) => c.currency)?.currency ??
    null;
  return { platform: map.platform, columns, own, language, currency, missing };
}

/**
 * Match a header row against every map and pick the platform. Rule: among the maps with no
 * required field missing, the one with the most fields found through its own aliases, plus
 * `bonus` (layout evidence from the preamble, see layout.ts); `generic` scores half a point less
 * so that a tie goes to the ad platform. With `only`, just that map is tried. Null when none fits.
 */
export function bestMatch(
  cells: readonly string[],
  only: CostPlatform | null,
  bonus: Partial<Record<CostPlatform, number>> = {},
): { match: HeaderMatch; score: number } | null {
  let best: { match: HeaderMatch; score: number } | null = null;
  for (const map of Object.values(COLUMN_MAPS)) {
    if (only && map.platform !== only) continue;
    const match = matchHeader(cells, map);
    if (match.missing.length > 0) continue;
    const score = match.own + (bonus[map.platform] ?? 0) - (map === GENERIC ? 0.5 : 0);
    if (!best || score > best.score) best = { match, score };
  }
  return best;
}
