import { describe, expect, it } from 'vitest';
import { buildPaths, pathTo } from './prepare.js';
import type { Touchpoint } from './types.js';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 1);
const touch = (channel: string, daysBefore: number, kind: 'click' | 'impression' = 'click'): Touchpoint => ({
  channel,
  timestamp: T - daysBefore * DAY,
  kind,
});

describe('pathTo: lookback windows, order, collapse, cap', () => {
  it('clicks 30 days back (inclusive), impressions 1 day; nothing after the conversion', () => {
    const ts = [
      touch('Email', 30.0001),
      touch('Paid Search', 30),
      touch('Display', 1.5, 'impression'),
      touch('Paid Social', 1, 'impression'),
      touch('Affiliate', -0.1),
    ];
    expect(pathTo(ts, T).map((t) => t.channel)).toEqual(['Paid Search', 'Paid Social']);
    expect(pathTo(ts, T, { clickLookbackDays: 31, impressionLookbackDays: 2 }).map((t) => t.channel)).toEqual(
      ['Email', 'Paid Search', 'Display', 'Paid Social'],
    );
  });
  it('sorts by time; equal timestamps keep input order (ties)', () => {
    const ts = [touch('B', 1), touch('A', 2), touch('C', 1)];
    expect(pathTo(ts, T).map((t) => t.channel)).toEqual(['A', 'B', 'C']);
  });
  it('collapses consecutive repeats and keeps the newest maxLength touches', () => {
    const ts = ['A', 'A', 'B', 'A', 'C', 'C'].map((c, i) => touch(c, 10 - i));
    expect(pathTo(ts, T, { collapseRepeats: true }).map((t) => t.channel)).toEqual(['A', 'B', 'A', 'C']);
    expect(pathTo(ts, T, { maxLength: 2 }).map((t) => t.channel)).toEqual(['C', 'C']);
    expect(pathTo(ts, T, { collapseRepeats: true, maxLength: 3 }).map((t) => t.channel)).toEqual([
      'B',
      'A',
      'C',
    ]);
  });
  it.each([
    [{ clickLookbackDays: -1 }, /click_lookback_days/],
    [{ impressionLookbackDays: Number.NaN }, /impression_lookback_days/],
    [{ maxLength: 0 }, /max_length/],
  ])('refuses %j', (o, msg) => expect(() => pathTo([], T, o)).toThrow(msg));
});

describe('buildPaths', () => {
  it('a path per conversion, and the touches after the last conversion as the non-converting path', () => {
    const r = buildPaths({
      touchpoints: [touch('A', 5), touch('B', 3), touch('C', -2), touch('D', -3)],
      conversions: [
        { conversionId: 'o1', timestamp: T - 4 * DAY, value: 10 },
        { conversionId: 'o2', timestamp: T, value: 20 },
      ],
    });
    expect(r.conversions.map((c) => [c.conversionId, c.touchpoints.map((t) => t.channel)])).toEqual([
      ['o1', ['A']],
      ['o2', ['A', 'B']],
    ]);
    expect(r.nonConverting?.touchpoints.map((t) => t.channel)).toEqual(['C', 'D']);
  });
  it('a conversion without touchpoints has an empty path; no touches → no non-converting path', () => {
    const r = buildPaths({ touchpoints: [], conversions: [{ conversionId: 'o', timestamp: T, value: 1 }] });
    expect(r.conversions[0]!.touchpoints).toEqual([]);
    expect(r.nonConverting).toBeNull();
  });
});
