import { describe, expect, it } from 'vitest';
import { COST_VARYING_COLUMNS, encodeCostConstantsTsv, encodeCostVaryingTsv } from './row-codec.js';

describe('encodeCostVaryingTsv', () => {
  // The expected line is written out by hand from ClickHouse's TabSeparated escaping rules.
  it('writes the varying columns in table order, escaping backslash, tab and line breaks', () => {
    const line = encodeCostVaryingTsv(
      '2026-03-01',
      'act 1',
      'Tab\there',
      'c\\1',
      'two\nlines\r',
      'Soldes été – 1%',
      '12.5',
      'EUR',
      1000,
      40,
      2.5,
      '80',
    );
    expect(line).toBe(
      '2026-03-01\tact 1\tTab\\there\tc\\\\1\ttwo\\nlines\\r\tSoldes été – 1%\t12.5\tEUR\t1000\t40\t2.5\t80',
    );
    expect(line.split('\t')).toHaveLength(COST_VARYING_COLUMNS.length);
  });
});

describe('encodeCostConstantsTsv', () => {
  it('writes the constant columns as an escaped tab-led tail, in the order asked', () => {
    const fixed = {
      workspace_id: 'ws_1',
      cost_type: 'media',
      platform: 'meta',
      channel: 'Paid Social',
      source: 'facebook',
      medium: 'paid_social',
      partner: '',
      import_id: 'imp_1',
      description: 'a\tb',
    } as const;
    expect(encodeCostConstantsTsv(fixed, ['import_id', 'description', 'line_id', 'workspace_id'])).toBe(
      '\timp_1\ta\\tb\t\tws_1',
    );
  });
});
