import { describe, expect, it } from 'vitest';
import { parseKpiParams } from './report-params.js';

const ok = { from: '2026-04-01', to: '2026-04-30' };
const errors = (q: Record<string, unknown>) => {
  const r = parseKpiParams(q);
  return 'errors' in r ? r.errors : [];
};

describe('KPI report parameters', () => {
  it('defaults: all metrics, last non-direct click, no grain or comparison', () => {
    const r = parseKpiParams({
      ...ok,
      by: 'channel,campaign',
      filter: ['channel:Paid Search', 'channel:Email'],
    });
    if (!('params' in r)) throw new Error('expected params');
    expect(r.params).toMatchObject({ by: ['channel', 'campaign'], grain: null, compare: null });
    expect(r.params.attribution).toMatchObject({
      model: 'last_non_direct',
      half_life_days: 7,
      click_lookback_days: 30,
    });
    expect(r.params.filters).toEqual([{ dimension: 'channel', values: ['Paid Search', 'Email'] }]);
    expect(r.params.metrics).toContain('roas');
  });

  it.each([
    [{ from: '2026-13-01', to: '2026-04-30' }, 'from', 'YYYY-MM-DD'],
    [{ from: '2026-04-01' }, 'to', 'YYYY-MM-DD'],
    [{ from: '2026-05-01', to: '2026-04-30' }, 'from', 'must not be after to'],
    [{ ...ok, by: 'channel,weather' }, 'by', 'unknown dimension "weather"; allowed: channel, source'],
    [{ ...ok, metrics: 'roas,happiness' }, 'metrics', 'unknown metric "happiness"; allowed: cost'],
    [{ ...ok, grain: 'year' }, 'grain', 'must be one of: day, week, month, quarter'],
    [{ ...ok, model: 'magic' }, 'model', 'must be one of: last_non_direct'],
    [{ ...ok, compare: 'yesterday' }, 'compare', 'previous, last_year'],
    [{ ...ok, filter: 'weather:sunny' }, 'filter', 'dimension:value'],
    [{ ...ok, half_life: '0' }, 'half_life', 'greater than 0'],
    [{ ...ok, first_share: '0.7', last_share: '0.5' }, 'first_share', 'must not exceed 1'],
    [{ ...ok, lookback: '400' }, 'lookback', '1 to 365'],
  ])('%j → %s', (q, field, reason) => {
    const e = errors(q);
    expect(e.find((x) => x.field === field)?.reason).toContain(reason);
  });
});
