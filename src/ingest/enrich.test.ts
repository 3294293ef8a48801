import { describe, expect, it } from 'vitest';
import { Enricher } from './enrich.js';

const enricher = new Enricher();
const ctx = (userAgent: string) => ({ userAgent, ip: '81.82.14.77', country: 'be' });

describe('Enricher', () => {
  it.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      { device: 'mobile', os: 'iOS', browser: 'Mobile Safari', is_bot: 0 },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      { device: 'desktop', os: 'Windows', browser: 'Chrome', is_bot: 0 },
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
      { device: 'tablet', os: 'iOS', is_bot: 0 },
    ],
    [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      { device: 'bot', is_bot: 1 },
    ],
    ['curl/8.5.0', { is_bot: 1 }],
    ['', { device: 'bot', is_bot: 1 }],
  ])('%s', (ua, expected) => {
    expect(enricher.enrich(ctx(ua))).toMatchObject(expected);
  });

  it('truncates the IP and keeps a valid country', () => {
    expect(enricher.enrich(ctx('x'))).toMatchObject({ ip: '81.82.14.0', country: 'BE' });
    expect(enricher.enrich({ userAgent: 'x', ip: '', country: 'XX' }).country).toBe('');
    expect(enricher.enrich({ userAgent: 'x', ip: '', country: 'Belgium' }).country).toBe('');
  });
});
