import { describe, expect, it } from 'vitest';
import { stripLowCardinality } from './input-structure.js';

describe('stripLowCardinality', () => {
  it('reads every LowCardinality(T) as T, nested or not', () => {
    expect(stripLowCardinality('LowCardinality(String)')).toBe('String');
    expect(stripLowCardinality('Map(LowCardinality(String), String)')).toBe('Map(String, String)');
    expect(stripLowCardinality('LowCardinality(Nullable(String))')).toBe('Nullable(String)');
    expect(stripLowCardinality('Array(LowCardinality(String))')).toBe('Array(String)');
    expect(stripLowCardinality('Tuple(a LowCardinality(String), b LowCardinality(String))')).toBe(
      'Tuple(a String, b String)',
    );
  });

  it('leaves other types alone', () => {
    expect(stripLowCardinality("DateTime64(3, 'UTC')")).toBe("DateTime64(3, 'UTC')");
    expect(stripLowCardinality('Decimal(18, 4)')).toBe('Decimal(18, 4)');
  });
});
