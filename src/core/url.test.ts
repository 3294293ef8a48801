import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareHost, hostOf, isHttpUrl, normaliseUtm, parseUrl } from './url.js';

describe('parseUrl', () => {
  it('splits an http URL into scheme, host, path and decoded params', () => {
    const u = parseUrl('https://WWW.Shop.be:8443/nl/product?utm_source=Google&utm_medium=cpc&q=a+b%20c#top');
    expect(u).not.toBeNull();
    expect(u?.scheme).toBe('https');
    expect(u?.host).toBe('www.shop.be');
    expect(u?.path).toBe('/nl/product');
    expect({ ...u?.params }).toEqual({ utm_source: 'Google', utm_medium: 'cpc', q: 'a b c' });
  });

  it('keeps the first value of a repeated parameter', () => {
    expect(parseUrl('https://a.be/?utm_source=one&utm_source=two')?.params.utm_source).toBe('one');
  });

  it('gives a prototype-free params record (no __proto__ pollution)', () => {
    const u = parseUrl('https://a.be/?__proto__=x&constructor=y&toString=z');
    expect(u?.params.__proto__).toBe('x');
    expect(u?.params.constructor).toBe('y');
    expect(Object.getPrototypeOf(u?.params)).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps a malformed percent escape as written', () => {
    expect(parseUrl('https://a.be/?utm_campaign=50%off')?.params.utm_campaign).toBe('50%off');
  });

  it('reads the host of an app referrer', () => {
    expect(parseUrl('android-app://com.google.android.gm/')?.host).toBe('com.google.android.gm');
  });

  it('drops a trailing dot from the host', () => {
    expect(parseUrl('https://www.google.com./search')?.host).toBe('www.google.com');
  });

  it.each([
    '',
    'not a url',
    '/relative/path',
    'mailto:a@b.be',
    'data:text/plain,hi',
    'http://',
    'https://exa mple.com',
  ])('returns null for %j', (s) => {
    expect(parseUrl(s)).toBeNull();
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const u = parseUrl(s);
        if (u) expect(u.host).not.toBe('');
      }),
    );
  });
});

describe('hostOf', () => {
  it.each([
    ['https://www.example.com/a?b=c', 'www.example.com'],
    ['http://EXAMPLE.com:8080', 'example.com'],
    ['https://l.facebook.com/l.php?u=x', 'l.facebook.com'],
    ['nonsense', ''],
    ['', ''],
  ])('%j → %j', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });
});

describe('isHttpUrl', () => {
  it.each([
    ['https://shop.be/product', true],
    ['http://localhost:8080/x', true],
    ['HTTPS://SHOP.BE', true],
    ['https://192.168.1.1/', true],
    ['ftp://shop.be', false],
    ['javascript:alert(1)', false],
    ['mailto:a@shop.be', false],
    ['http:shop.be', false],
    ['http:/shop.be', false],
    [' https://shop.be', false],
    ['https://shop.be ', false],
    ['https://', false],
    ['shop.be', false],
    ['', false],
  ])('%j → %s', (s, ok) => {
    expect(isHttpUrl(s)).toBe(ok);
  });
});

describe('normaliseUtm', () => {
  it.each([
    ['  Google ', 'google'],
    ['Paid   Social', 'paid social'],
    ['Spring\u00a0\tSale\n2026', 'spring sale 2026'],
    ['CPC', 'cpc'],
    ['   ', ''],
    ['', ''],
    [null, ''],
    [undefined, ''],
    ['Cafe\u0301', 'café'],
  ])('%j → %j', (input, out) => {
    expect(normaliseUtm(input)).toBe(out);
  });

  it('is idempotent and leaves no outer or doubled whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const n = normaliseUtm(s);
        expect(normaliseUtm(n)).toBe(n);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s\s/);
        expect(n).toBe(n.toLowerCase());
      }),
    );
  });
});

describe('bareHost', () => {
  it.each([
    ['www.example.com', 'example.com'],
    ['WWW2.Example.com.', 'example.com'],
    ['example.com:443', 'example.com'],
    ['m.example.com', 'm.example.com'],
    ['shop.example.com', 'shop.example.com'],
    ['', ''],
  ])('%j → %j', (h, out) => {
    expect(bareHost(h)).toBe(out);
  });
});
