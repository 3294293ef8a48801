import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUrl } from '../core/url.js';
import { parsePageUrl } from './page-url.js';

describe('parsePageUrl', () => {
  it('reads host, path and the campaign parameters', () => {
    const p = parsePageUrl(
      'https://Shop.Example.be./fietsen?utm_source=Google&utm_campaign=Zomer%20Sale&x=1&utm_source=dup&gclid=abc+def&rdm_click=c_1',
    );
    expect(p?.host).toBe('shop.example.be');
    expect(p?.path).toBe('/fietsen');
    expect(Object.fromEntries(p!.params)).toEqual({
      utm_source: 'Google',
      utm_campaign: 'Zomer Sale',
      gclid: 'abc def',
      rdm_click: 'c_1',
    });
  });

  it('keeps a malformed escape as written and rejects non-URLs', () => {
    expect(parsePageUrl('https://s.be/?utm_source=caf%E9')!.params.get('utm_source')).toBe('caf%E9');
    expect(parsePageUrl('/relative')).toBeNull();
    expect(parsePageUrl('mailto:x@y.be')).toBeNull();
  });

  it('agrees with URLSearchParams for well-formed queries', () => {
    const value = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(value, value, (a, b) => {
        const url = `https://s.be/p?utm_source=${encodeURIComponent(a)}&gclid=${encodeURIComponent(b)}`;
        const ours = parsePageUrl(url)!;
        const ref = parseUrl(url)!;
        expect(ours.params.get('utm_source')).toBe(ref.params.utm_source);
        expect(ours.params.get('gclid')).toBe(ref.params.gclid);
      }),
    );
  });

  it('agrees with URLSearchParams on any mix of pairs: bare names, empty pairs, repeats', () => {
    const names = fc.constantFrom('utm_source', 'utm_medium', 'gclid', 'rdm_click', 'x', '', 'utm%5Fid');
    const pair = fc.record({ name: names, value: fc.string({ maxLength: 6 }), eq: fc.boolean() });
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), fc.boolean(), (pairs, trailing) => {
        const query = pairs
          .map((p) => (p.eq ? `${p.name}=${encodeURIComponent(p.value)}` : p.name))
          .join('&');
        const url = `https://s.be/p?${query}${trailing ? '&' : ''}`;
        const ref = new URL(url).searchParams;
        const ours = parsePageUrl(url)!.params;
        for (const name of ['utm_source', 'utm_medium', 'utm_id', 'gclid', 'rdm_click'])
          expect(ours.get(name)).toBe(ref.get(name) ?? undefined);
      }),
    );
  });
});
