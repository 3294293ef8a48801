import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', 'web', 'src', 'i18n');
const load = (lang: string) =>
  JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')) as Record<string, unknown>;

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
function leaves(o: unknown): string[] {
  if (typeof o === 'string') return [o];
  return typeof o === 'object' && o !== null ? Object.values(o).flatMap(leaves) : [];
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('dashboard messages', () => {
  const en = load('en');
  it.each(['nl', 'fr'])('%s has exactly the English keys, none empty, same placeholders', (lang) => {
    const other = load(lang);
    expect(keys(other).sort()).toEqual(keys(en).sort());
    expect(leaves(other).filter((s) => !s.trim())).toEqual([]);
    for (const k of keys(en)) {
      const get = (o: unknown) =>
        k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o);
      expect(placeholders(String(get(other))), `${lang} ${k}`).toEqual(placeholders(String(get(en))));
    }
  });

  it('the Dutch texts use the marketing words of the seed articles', () => {
    const nl = JSON.stringify(load('nl'));
    for (const word of [
      'Kosten',
      'Omzet',
      'Conversies',
      'Conversieratio',
      'Kanalen',
      'campagnes',
      'Trackinglinks',
    ])
      expect(nl).toContain(word);
  });
});
