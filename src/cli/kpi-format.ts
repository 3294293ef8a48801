import { kpiUnit, type KpiName } from '../core/kpis.js';

/**
 * Localised text for KPI values in CLI tables: money in the report's currency, shares as
 * percentages, ROAS-like multiples with "×", counts with grouping — `€ 1.234,56` in nl-BE,
 * `€1,234.56` in en. A missing value (zero denominator) reads as an em dash.
 */
export function kpiFormatter(locale: string, currency: string): (name: KpiName, v: unknown) => string {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 });
  const percent = shareFormatter(locale);
  const multiple = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (name, v) => {
    if (typeof v !== 'number') return '—';
    switch (kpiUnit(name)) {
      case 'money':
        return money.format(v);
      case 'percent':
        return percent(v);
      case 'multiple':
        return `${multiple.format(v)}×`;
      case 'count':
        return count.format(v);
    }
  };
}

/**
 * A share as a percentage with two fixed decimals, so that a column of them lines up (3,20 % under
 * 4,67 %, not 3,2 %); an em dash when missing.
 */
export function shareFormatter(locale: string): (v: unknown) => string {
  const f = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return (v) => (typeof v === 'number' ? f.format(v) : '—');
}

/**
 * A relative change as a signed percentage (+12,5 % / −3.1%), with at most one decimal — or
 * exactly one with `fixed` (a table column that should line up).
 */
export function changeFormatter(locale: string, fixed = false): (v: unknown) => string {
  const f = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: fixed ? 1 : 0,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  return (v) => (typeof v === 'number' ? f.format(v) : '—');
}
