import { describe, expect, it } from 'vitest';
import type { CostRow } from '../core/records.js';
import { costTsvEncoder, encodeCostTsv } from './row-codec.js';

const cost: CostRow & { line_id?: string } = {
  workspace_id: 'ws_1',
  date: '2026-03-01',
  cost_type: 'media',
  platform: 'meta',
  account_id: 'act 1',
  channel: 'Paid Social',
  source: 'facebook',
  medium: 'paid_social',
  campaign: 'Tab\there',
  campaign_id: 'c\\1',
  ad_group: 'two\nlines\r',
  ad: 'Soldes été – 1%',
  partner: '',
  amount: '12.5',
  currency: 'EUR',
  impressions: 1000,
  clicks: 40,
  platform_conversions: 2.5,
  platform_conversion_value: '80',
  import_id: 'imp_x',
  description: '',
};

describe('encodeCostTsv', () => {
  // The expected line is written out by hand from ClickHouse's TabSeparated escaping rules.
  it('writes the columns in table order, escaping backslash, tab and line breaks', () => {
    expect(encodeCostTsv(cost)).toBe(
      'ws_1\t2026-03-01\tmedia\tmeta\tact 1\tPaid Social\tfacebook\tpaid_social\tTab\\there\tc\\\\1\ttwo\\nlines\\r\tSoldes été – 1%\t\t12.5\tEUR\t1000\t40\t2.5\t80\timp_x\t\t',
    );
    expect(encodeCostTsv({ ...cost, line_id: 'l1' }).endsWith('\timp_x\t\tl1')).toBe(true);
  });

  it('is what the per-import encoder writes for the same row', () => {
    const line = costTsvEncoder(cost)(
      cost.date,
      cost.account_id,
      cost.campaign,
      cost.campaign_id,
      cost.ad_group,
      cost.ad,
      cost.amount,
      cost.currency,
      cost.impressions,
      cost.clicks,
      cost.platform_conversions,
      cost.platform_conversion_value,
    );
    expect(line).toBe(encodeCostTsv(cost));
    expect(line.split('\t')).toHaveLength(22);
  });
});
