import { describe, expect, it } from 'vitest';
import { verdict } from './verdict.js';

const base = {
  variant: 'B',
  metric: 'conversion_rate',
  relativeLift: 0.12,
  relativeCi: [0.04, 0.2] as [number, number],
  pValue: 0.002,
  chanceToBeatControl: 0.99,
  alpha: 0.05,
};

describe('plain-language verdicts', () => {
  // Intl writes French percentages with a no-break space (U+00A0 or U+202F, by ICU version): the
  // test folds both to a plain space. The CI bounds carry their sign.
  const fold = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  it.each([
    [
      'en',
      'Variant B raises the conversion rate by 12% (95% CI +4% – +20%); the probability it is better is 99%.',
    ],
    [
      'nl-BE',
      'Variant B verhoogt de conversieratio met 12% (95%-BI +4% – +20%); de kans dat deze variant beter is, is 99%.',
    ],
    [
      'fr-BE',
      'La variante B augmente le taux de conversion de 12 % (IC à 95 % : +4 % – +20 %) ; la probabilité qu’elle soit meilleure est de 99 %.',
    ],
  ])('%s, significant rise', (locale, want) => {
    expect(fold(verdict({ ...base, locale }))).toBe(want);
  });
  it('a significant fall says lowers / verlaagt / diminue', () => {
    const v = {
      ...base,
      relativeLift: -0.085,
      relativeCi: [-0.15, -0.02] as [number, number],
      chanceToBeatControl: 0.01,
    };
    expect(verdict({ ...v, locale: 'en' })).toMatch(/^Variant B lowers the conversion rate by 8.5% /);
    expect(verdict({ ...v, locale: 'nl' })).toMatch(/^Variant B verlaagt de conversieratio met 8,5% /);
    expect(fold(verdict({ ...v, locale: 'fr' }))).toMatch(
      /^La variante B diminue le taux de conversion de 8,5 % /,
    );
  });
  it('not significant: says so, with the estimate, interval and p', () => {
    expect(
      verdict({
        ...base,
        locale: 'en',
        pValue: 0.21,
        relativeLift: 0.03,
        relativeCi: [-0.02, 0.08],
        chanceToBeatControl: 0.84,
      }),
    ).toBe(
      'No significant difference in conversion rate between variant B and control yet (+3%, 95% CI -2% – +8%, p = 0.21); the probability it is better is 84%.',
    );
  });
  it('significant with a control of 0: no percentage, says why', () => {
    const v = { ...base, relativeLift: null, relativeCi: null, pValue: 0.0004, chanceToBeatControl: null };
    expect(verdict({ ...v, locale: 'en' })).toBe(
      "Variant B differs significantly from control in conversion rate (p < 0.001); the control's is 0, so there is no relative lift.",
    );
    expect(verdict({ ...v, locale: 'nl' })).toMatch(
      /^Variant B verschilt significant van de controle in conversieratio/,
    );
    expect(verdict({ ...v, locale: 'fr' })).toMatch(
      /^La variante B diffère significativement du contrôle en taux de conversion/,
    );
  });
  it('refuses an unknown language', () => {
    expect(() => verdict({ ...base, locale: 'de' })).toThrow(/locale: must be en, nl or fr/);
  });
});
