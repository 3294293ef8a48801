import { describe, expect, it } from 'vitest';
import {
  attributeAggregated,
  attributeConversions,
  checkParams,
  MODELS,
  parseModel,
  parseModels,
  type ModelName,
} from './models.js';
import type { ConversionPath, Touchpoint } from './types.js';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 20, 9, 30);
const touch = (channel: string, daysBefore: number): Touchpoint => ({
  channel,
  timestamp: T - daysBefore * DAY,
  kind: 'click',
});

// Three conversions, worked by hand:
//  o1 (100): Paid Search 2 days before, Email 1 day before, Direct at the conversion
//  o2 (50):  no touchpoint → Direct
//  o3 (30):  Paid Social only (a single-touch path)
const conversions: ConversionPath[] = [
  {
    conversionId: 'o1',
    timestamp: T,
    value: 100,
    touchpoints: [touch('Paid Search', 2), touch('Email', 1), touch('Direct', 0)],
  },
  { conversionId: 'o2', timestamp: T, value: 50, touchpoints: [] },
  { conversionId: 'o3', timestamp: T, value: 30, touchpoints: [touch('Paid Social', 3)] },
];
// time_decay, h = 7 days: raw 2^(−2/7), 2^(−1/7), 1
const td = [2 ** (-2 / 7), 2 ** (-1 / 7), 1];
const tdSum = td[0]! + td[1]! + td[2]!;
// Markov: no non-converting journeys, so P = 1 and removing any channel of o1's path (or Paid Social)
// leaves 1/2: every removal effect is 1/2 and o1 splits equally over its three channels.
// Shapley: rate({PS, Email, Direct}) = 1 and rate({Paid Social}) = 1 → φ = 1/3, 1/3, 1/3 and 1.
const third = 1 / 3;
const expected: Record<ModelName, Record<string, number>> = {
  first_click: { 'Paid Search': 1, Email: 0, Direct: 1, 'Paid Social': 1 },
  last_click: { 'Paid Search': 0, Email: 0, Direct: 2, 'Paid Social': 1 },
  last_non_direct: { 'Paid Search': 0, Email: 1, Direct: 1, 'Paid Social': 1 },
  linear: { 'Paid Search': third, Email: third, Direct: 1 + third, 'Paid Social': 1 },
  time_decay: {
    'Paid Search': td[0]! / tdSum,
    Email: td[1]! / tdSum,
    Direct: 1 + 1 / tdSum,
    'Paid Social': 1,
  },
  position_based: { 'Paid Search': 0.4, Email: 0.2, Direct: 1.4, 'Paid Social': 1 },
  markov: { 'Paid Search': third, Email: third, Direct: 1 + third, 'Paid Social': 1 },
  shapley: { 'Paid Search': third, Email: third, Direct: 1 + third, 'Paid Social': 1 },
};
// Value: o1's 100 follows o1's weights, o2's 50 goes to Direct, o3's 30 to Paid Social.
const o1Share = (model: ModelName, ch: string) =>
  ch === 'Direct' ? expected[model][ch]! - 1 : expected[model][ch]!;
const expectedValue = (model: ModelName, ch: string) =>
  ch === 'Direct' ? 50 + 100 * o1Share(model, ch) : ch === 'Paid Social' ? 30 : 100 * o1Share(model, ch);

describe('every model on a hand-worked set (single touch, no touchpoint, direct last; 1e-12)', () => {
  const results = attributeConversions(conversions, [], [...MODELS]);
  it.each(MODELS.map((m) => [m]))('%s', (model) => {
    const r = results.find((x) => x.model === model)!;
    const got = Object.fromEntries(r.channels.map((c) => [c.channel, c]));
    for (const [ch, conv] of Object.entries(expected[model])) {
      expect(got[ch]?.conversions ?? 0).toBeCloseTo(conv, 12);
      expect(got[ch]?.value ?? 0).toBeCloseTo(expectedValue(model, ch), 10);
    }
  });
  it('aggregated paths with positional credit give time_decay and last_non_direct the same answers', () => {
    // The store's form of o1 and o3: per position the credit summed over the path's conversions.
    const o1 = ['Paid Search', 'Email', 'Direct'];
    const paths = [
      {
        channels: o1,
        conversions: 1,
        value: 100,
        nulls: 0,
        positional: {
          time_decay: { conversions: td.map((w) => w / tdSum), value: td.map((w) => (100 * w) / tdSum) },
          last_non_direct: { conversions: [0, 1, 0], value: [0, 100, 0] },
        },
      },
      { channels: [], conversions: 1, value: 50, nulls: 0 },
      {
        channels: ['Paid Social'],
        conversions: 1,
        value: 30,
        nulls: 0,
        positional: {
          time_decay: { conversions: [1], value: [30] },
          last_non_direct: { conversions: [1], value: [30] },
        },
      },
    ];
    for (const r of attributeAggregated(paths, ['time_decay', 'last_non_direct'])) {
      const got = Object.fromEntries(r.channels.map((c) => [c.channel, c]));
      for (const [ch, conv] of Object.entries(expected[r.model])) {
        expect(got[ch]?.conversions ?? 0).toBeCloseTo(conv, 12);
        expect(got[ch]?.value ?? 0).toBeCloseTo(expectedValue(r.model, ch), 10);
      }
    }
    // Positional last-non-direct credit wins over the labels: here sources, where "(direct)" is
    // not the Direct channel's label; the store marks the second touch as the last non-direct one.
    const [lnd] = attributeAggregated(
      [
        {
          channels: ['google', 'newsletter', '(direct)'],
          conversions: 2,
          value: 10,
          nulls: 0,
          positional: { last_non_direct: { conversions: [0, 2, 0], value: [0, 10, 0] } },
        },
      ],
      ['last_non_direct'],
    );
    expect(lnd!.channels).toEqual([
      { channel: '(direct)', conversions: 0, value: 0 },
      { channel: 'google', conversions: 0, value: 0 },
      { channel: 'newsletter', conversions: 2, value: 10 },
    ]);
  });
  it('a direct-only path credits Direct under every model that takes aggregated paths', () => {
    const models = MODELS.filter((m) => m !== 'time_decay');
    for (const r of attributeAggregated(
      [{ channels: ['Direct', 'Direct'], conversions: 2, value: 8, nulls: 1 }],
      models,
    ))
      expect(r.channels).toEqual([{ channel: 'Direct', conversions: 2, value: 8 }]);
  });
});

describe('bad models and parameters are refused with the field named', () => {
  it.each([
    [() => parseModel('u_shaped'), /model: unknown model "u_shaped"; one of first_click, .*shapley or all/],
    [() => parseModels(' , '), /model: names no model/],
    [() => checkParams({ halfLifeDays: 0 }), /half_life_days: must be a number of days > 0 \(got 0\)/],
    [() => checkParams({ halfLifeDays: -3 }), /half_life_days/],
    [() => checkParams({ order: 0 }), /order: must be an integer from 1 to 4 \(got 0\)/],
    [() => checkParams({ order: 5 }), /order: must be an integer from 1 to 4 \(got 5\)/],
    [
      () => checkParams({ positionShares: { first: 0.4, middle: 0.4, last: 0.4 } }),
      /position_shares: first \+ middle \+ last must sum to 1/,
    ],
    [
      () => attributeAggregated([{ channels: ['A'], conversions: 1, value: 1, nulls: 0 }], ['time_decay']),
      /time_decay needs touchpoint timestamps; aggregated paths have none/,
    ],
    [
      () => attributeAggregated([{ channels: ['A'], conversions: -1, value: 0, nulls: 0 }], ['linear']),
      /paths\[0\]\.conversions/,
    ],
  ])('%#', (f, msg) => expect(f).toThrow(msg));

  it('parses all, one name and lists', () => {
    expect(parseModels('all')).toEqual([...MODELS]);
    expect(parseModels('markov, linear,markov')).toEqual(['markov', 'linear']);
  });
});

describe('attribution by another dimension of the touches', () => {
  it('campaign labels; a touch without campaign reads (none)', () => {
    const c: ConversionPath = {
      conversionId: 'x',
      timestamp: T,
      value: 60,
      touchpoints: [
        { ...touch('Paid Search', 2), campaign: 'zomer' },
        { ...touch('Email', 1), campaign: 'nieuwsbrief' },
        touch('Direct', 0),
      ],
    };
    const [r] = attributeConversions([c], [], ['linear'], {}, 'campaign');
    expect(r!.channels).toEqual([
      { channel: '(none)', conversions: 1 / 3, value: 20 },
      { channel: 'nieuwsbrief', conversions: 1 / 3, value: 20 },
      { channel: 'zomer', conversions: 1 / 3, value: 20 },
    ]);
  });
});
