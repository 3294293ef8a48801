import { describe, expect, it } from 'vitest';
import { truncateIp } from './ip.js';

describe('truncateIp', () => {
  it.each([
    ['81.82.14.77', '81.82.14.0'],
    ['::ffff:81.82.14.77', '81.82.14.0'],
    ['2a02:1810:4d02:7f00::1', '2a02:1810:4d02::'],
    ['2a02:1810::1', '2a02:1810:0::'],
    ['::1', '0:0:0::'],
    ['2001:0db8:0001:0002:0003:0004:0005:0006', '2001:db8:1::'],
    ['not-an-ip', ''],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(truncateIp(input)).toBe(expected);
  });
});
