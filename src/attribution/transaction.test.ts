import { describe, expect, it } from 'vitest';
import { attributeConversions } from './models.js';
import { transactionCredit } from './transaction.js';
import type { ConversionPath } from './types.js';

const DAY = 86_400_000;
const conv = (id: string, channels: string[], value: number): ConversionPath => ({
  conversionId: id,
  timestamp: 10 * DAY,
  value,
  touchpoints: channels.map((channel, i) => ({
    channel,
    timestamp: (10 - channels.length + i) * DAY,
    kind: 'click',
  })),
});

describe('transaction-level credit', () => {
  it('one row per touchpoint and model; a conversion without touchpoint → one Direct row', () => {
    const conversions = [conv('o1', ['A', 'B', 'A'], 90), conv('o2', [], 10)];
    // Markov (order 1) with one non-converting journey "B": start→A 1/2, start→B 1/2, A→B 1/2,
    // A→conv 1/2, B→A 1/2, B→null 1/2. x(A) = 1/2 + x(B)/2, x(B) = x(A)/2 → x(A) = 2/3, x(B) = 1/3,
    // P = 1/2. Without A: B can only reach A → P = 0, RE(A) = 1. Without B: P = 1/2·1/2 = 1/4,
    // RE(B) = 1/2. o1: A gets 1/(1 + 1/2) = 2/3, split over its two touches (1/3 each), B 1/3.
    const fitted = attributeConversions(
      conversions,
      [{ touchpoints: [conv('x', ['B'], 0).touchpoints[0]!] }],
      ['position_based', 'markov'],
    );
    const rows = [...transactionCredit(conversions, fitted)];
    expect(
      rows.map((r) => [
        r.conversion_id,
        r.model,
        r.touchpoint_index,
        r.channel,
        +r.conversions.toFixed(12),
        +r.value.toFixed(10),
      ]),
    ).toEqual([
      ['o1', 'position_based', 0, 'A', 0.4, 36],
      ['o1', 'position_based', 1, 'B', 0.2, 18],
      ['o1', 'position_based', 2, 'A', 0.4, 36],
      ['o1', 'markov', 0, 'A', +(1 / 3).toFixed(12), 30],
      ['o1', 'markov', 1, 'B', +(1 / 3).toFixed(12), 30],
      ['o1', 'markov', 2, 'A', +(1 / 3).toFixed(12), 30],
      ['o2', 'position_based', -1, 'Direct', 1, 10],
      ['o2', 'markov', -1, 'Direct', 1, 10],
    ]);
  });
});
