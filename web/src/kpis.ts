import type { KpiReport } from '../../src/services/reports/kpis.js';
import { money, num, pct, ratio } from './format';
import type { Lang } from './i18n';

/** The answer of `GET /v1/reports/kpis` (PRODUCT.md "Reports"): the server's own type, imported as a type only. */
export type { KpiReport };

export const MODELS = [
  'last_non_direct',
  'last_click',
  'first_click',
  'linear',
  'position_based',
  'time_decay',
];

type Kind = 'money' | 'count' | 'ratio' | 'percent' | 'money4';
export const KPI_KIND: Record<string, Kind> = {
  cost: 'money',
  revenue: 'money',
  all_revenue: 'money',
  cpa: 'money',
  cpc: 'money',
  cpm: 'money',
  cpl: 'money',
  aov: 'money',
  impressions: 'count',
  clicks: 'count',
  visits: 'count',
  conversions: 'count',
  leads: 'count',
  orders: 'count',
  roas: 'ratio',
  mer: 'ratio',
  ctr: 'percent',
  cvr: 'percent',
  cvr_visits: 'percent',
};

/** Lower is better for costs per result: a fall is good news and shows green. */
export const LOWER_IS_BETTER = new Set(['cpa', 'cpc', 'cpm', 'cpl']);
/** More or less spend is neither good nor bad news by itself: no colour. */
export const NEUTRAL = new Set(['cost', 'impressions']);

/** Whether a relative change is good news (green), bad news (red) or neither (null). */
export function goodNews(name: string, rel: number | null): boolean | null {
  if (rel === null || rel === 0 || NEUTRAL.has(name)) return null;
  return LOWER_IS_BETTER.has(name) ? rel < 0 : rel > 0;
}

export function formatKpi(lang: Lang, name: string, value: unknown, currency: string): string {
  const v = typeof value === 'number' ? value : null;
  switch (KPI_KIND[name] ?? 'count') {
    case 'money':
      return money(lang, v, currency);
    case 'ratio':
      return ratio(lang, v);
    case 'percent':
      return pct(lang, v, 2);
    default:
      return num(lang, v);
  }
}

export async function fetchKpis(
  api: <T>(m: 'GET', p: string) => Promise<T>,
  params: Record<string, string | string[] | undefined>,
): Promise<KpiReport> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  }
  return api<KpiReport>('GET', `/v1/reports/kpis?${q}`);
}
