import { describe, expect, it } from 'vitest';
import { attributeAggregated } from './models.js';
import {
  assistedConversions,
  pathLengthDistribution,
  sideBySide,
  timeToConversionDistribution,
  topPaths,
} from './reports.js';
import type { AggregatedPath, ConversionPath } from './types.js';

const paths: AggregatedPath[] = [
  { channels: ['Email', 'Paid Search'], conversions: 3, value: 300, nulls: 1 },
  { channels: ['Paid Search'], conversions: 2, value: 100, nulls: 8 },
  { channels: [], conversions: 1, value: 40, nulls: 0 },
  { channels: ['Display'], conversions: 0, value: 0, nulls: 5 },
];

describe('report helpers (hand-counted)', () => {
  it('models side by side with CPA and ROAS; no cost or zero conversions → null', () => {
    const results = attributeAggregated(paths, ['last_click', 'linear']);
    const rows = sideBySide(
      results,
      new Map([
        ['Paid Search', 50],
        ['Email', 0],
      ]),
    );
    const ps = rows.find((r) => r.channel === 'Paid Search')!;
    // last click: 5 conversions, 400 → CPA 10, ROAS 8; linear: 1.5 + 2 = 3.5, 150 + 100 = 250 → CPA 50/3.5, ROAS 5
    expect(ps.models.last_click).toEqual({ conversions: 5, value: 400, cpa: 10, roas: 8 });
    expect(ps.models.linear!.cpa).toBeCloseTo(50 / 3.5, 12);
    expect(ps.models.linear!.roas).toBeCloseTo(5, 12);
    const email = rows.find((r) => r.channel === 'Email')!;
    expect(email.models.last_click).toEqual({ conversions: 0, value: 0, cpa: null, roas: null });
    expect(email.models.linear).toEqual({ conversions: 1.5, value: 150, cpa: 0, roas: null });
    expect(rows.find((r) => r.channel === 'Direct')!.models.linear).toEqual({
      conversions: 1,
      value: 40,
      cpa: null,
      roas: null,
    });
  });
  it('top paths by conversions', () => {
    expect(topPaths(paths, 2)).toEqual([
      { path: ['Email', 'Paid Search'], conversions: 3, value: 300, nulls: 1, conversion_rate: 0.75 },
      { path: ['Paid Search'], conversions: 2, value: 100, nulls: 8, conversion_rate: 0.2 },
    ]);
    expect(topPaths(paths)[2]).toMatchObject({ path: ['Direct'], conversion_rate: 1 });
  });
  it('path-length distribution', () => {
    expect(pathLengthDistribution(paths, 2)).toEqual([
      { bucket: '0', conversions: 1, value: 40 },
      { bucket: '1', conversions: 2, value: 100 },
      { bucket: '2+', conversions: 3, value: 300 },
    ]);
  });
  it('time to conversion from the first touch', () => {
    const H = 3_600_000;
    const c = (id: string, hoursBefore: number[], value: number): ConversionPath => ({
      conversionId: id,
      timestamp: 1000 * H,
      value,
      touchpoints: hoursBefore.map((h) => ({ channel: 'Email', timestamp: (1000 - h) * H, kind: 'click' })),
    });
    const rows = timeToConversionDistribution([
      c('a', [23.9, 1], 10),
      c('b', [24], 20),
      c('c', [], 5),
      c('d', [24 * 40], 1),
    ]);
    expect(rows.map((r) => [r.bucket, r.conversions, r.value])).toEqual([
      ['no touchpoint', 1, 5],
      ['< 1 day', 1, 10],
      ['1–3 days', 1, 20],
      ['4–7 days', 0, 0],
      ['8–14 days', 0, 0],
      ['15–30 days', 0, 0],
      ['> 30 days', 1, 1],
    ]);
  });
  it('assisted vs last-click conversions', () => {
    expect(assistedConversions(paths)).toEqual([
      { channel: 'Direct', last_click: 1, assisted: 0, assist_ratio: 0 },
      { channel: 'Email', last_click: 0, assisted: 3, assist_ratio: null },
      { channel: 'Paid Search', last_click: 5, assisted: 0, assist_ratio: 0 },
    ]);
  });
});
