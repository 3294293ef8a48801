import { StatsInputError } from './errors.js';

export type VerdictLanguage = 'en' | 'nl' | 'fr';

/** What a verdict says about one variant and one metric. */
export interface VerdictInput {
  /** BCP 47 tag (`en`, `nl-BE`, `fr-BE`, …): the language picks the sentence, the tag the number format. */
  locale: string;
  variant: string;
  /** A known metric key (`conversion_rate`, `value_per_unit`, `ctr`, `revenue_per_visitor`, `aov`) or any label. */
  metric: string;
  relativeLift: number | null;
  relativeCi: [number, number] | null;
  /** The p-value the decision uses (adjusted for multiple comparisons when there are several). */
  pValue: number | null;
  chanceToBeatControl: number | null;
  alpha: number;
}

interface Label {
  /** With its article where the language needs one (`le taux de conversion`). */
  def: string;
  bare: string;
}

const LABELS: Record<string, Record<VerdictLanguage, Label>> = {
  conversion_rate: {
    en: { def: 'the conversion rate', bare: 'conversion rate' },
    nl: { def: 'de conversieratio', bare: 'conversieratio' },
    fr: { def: 'le taux de conversion', bare: 'taux de conversion' },
  },
  ctr: {
    en: { def: 'the click-through rate', bare: 'click-through rate' },
    nl: { def: 'de doorklikratio', bare: 'doorklikratio' },
    fr: { def: 'le taux de clics', bare: 'taux de clics' },
  },
  value_per_unit: {
    en: { def: 'the value per visitor', bare: 'value per visitor' },
    nl: { def: 'de waarde per bezoeker', bare: 'waarde per bezoeker' },
    fr: { def: 'la valeur par visiteur', bare: 'valeur par visiteur' },
  },
  revenue_per_visitor: {
    en: { def: 'the revenue per visitor', bare: 'revenue per visitor' },
    nl: { def: 'de omzet per bezoeker', bare: 'omzet per bezoeker' },
    fr: { def: 'le revenu par visiteur', bare: 'revenu par visiteur' },
  },
  aov: {
    en: { def: 'the average order value', bare: 'average order value' },
    nl: { def: 'de gemiddelde orderwaarde', bare: 'gemiddelde orderwaarde' },
    fr: { def: 'le panier moyen', bare: 'panier moyen' },
  },
};

/** The language of a locale tag, or a StatsInputError for a language Rendement does not speak. */
export function verdictLanguage(locale: string): VerdictLanguage {
  const lang = locale.toLowerCase().split(/[-_]/)[0];
  if (lang === 'en' || lang === 'nl' || lang === 'fr') return lang;
  throw new StatsInputError(
    'locale',
    `must be en, nl or fr (optionally with a region, e.g. nl-BE); got "${locale}"`,
  );
}

interface Formats {
  pct: Intl.NumberFormat;
  signed: Intl.NumberFormat;
  num: Intl.NumberFormat;
}

// Building an Intl.NumberFormat costs tens of microseconds; an analysis writes one verdict per
// variant and metric, so keep one set per locale tag.
const formatCache = new Map<string, Formats>();

function formats(tag: string): Formats {
  let f = formatCache.get(tag);
  if (!f) {
    try {
      new Intl.NumberFormat(tag);
    } catch {
      throw new StatsInputError('locale', `is not a valid locale tag (got "${tag}")`);
    }
    f = {
      pct: new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }),
      signed: new Intl.NumberFormat(tag, {
        style: 'percent',
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
      }),
      num: new Intl.NumberFormat(tag, { maximumSignificantDigits: 2 }),
    };
    formatCache.set(tag, f);
  }
  return f;
}

/**
 * A plain-language verdict in English, Dutch or French: "Variant B raises the conversion rate by
 * 12% (95% CI 4% – 20%); the probability it is better is 99%." It calls a difference real only
 * when the (adjusted) p-value is below alpha; otherwise it says there is no significant
 * difference yet and still gives the estimate, its interval and the Bayesian chance. Percentages
 * go through Intl.NumberFormat with the full locale tag (nl-BE writes 12,5%, fr-BE 12,5 %).
 */
export function verdict(v: VerdictInput): string {
  const lang = verdictLanguage(v.locale);
  const tag = v.locale.replace('_', '-');
  const { pct, signed, num } = formats(tag);
  const known = LABELS[v.metric]?.[lang];
  const label = known ?? { def: v.metric, bare: v.metric };
  const conf = pct.format(1 - v.alpha);
  const ci = v.relativeCi ? `${signed.format(v.relativeCi[0])} – ${signed.format(v.relativeCi[1])}` : '—';
  const prob = v.chanceToBeatControl === null ? null : pct.format(v.chanceToBeatControl);
  const p =
    v.pValue === null
      ? 'p = —'
      : v.pValue < 0.001
        ? `p < ${num.format(0.001)}`
        : `p = ${num.format(v.pValue)}`;
  const rel = v.relativeLift;
  const different = v.pValue !== null && v.pValue < v.alpha;
  const significant = different && rel !== null;
  // Significant but no relative lift: the control's value is 0 (a percentage of 0 means nothing).
  const noBase = different && rel === null;
  if (lang === 'en') {
    const tail = prob === null ? '.' : `; the probability it is better is ${prob}.`;
    if (noBase)
      return `Variant ${v.variant} differs significantly from control in ${label.bare} (${p}); the control's is 0, so there is no relative lift${tail}`;
    if (significant)
      return `Variant ${v.variant} ${rel! > 0 ? 'raises' : 'lowers'} ${label.def} by ${pct.format(Math.abs(rel!))} (${conf} CI ${ci})${tail}`;
    return `No significant difference in ${label.bare} between variant ${v.variant} and control yet (${rel === null ? '—' : signed.format(rel)}, ${conf} CI ${ci}, ${p})${tail}`;
  }
  if (lang === 'nl') {
    const tail = prob === null ? '.' : `; de kans dat deze variant beter is, is ${prob}.`;
    if (noBase)
      return `Variant ${v.variant} verschilt significant van de controle in ${label.bare} (${p}); bij de controle is die 0, dus er is geen relatieve stijging${tail}`;
    if (significant)
      return `Variant ${v.variant} ${rel! > 0 ? 'verhoogt' : 'verlaagt'} ${label.def} met ${pct.format(Math.abs(rel!))} (${conf}-BI ${ci})${tail}`;
    return `Nog geen significant verschil in ${label.bare} tussen variant ${v.variant} en de controle (${rel === null ? '—' : signed.format(rel)}, ${conf}-BI ${ci}, ${p})${tail}`;
  }
  const tail = prob === null ? '.' : ` ; la probabilité qu’elle soit meilleure est de ${prob}.`;
  if (noBase)
    return `La variante ${v.variant} diffère significativement du contrôle en ${label.bare} (${p}) ; celui du contrôle est nul, il n’y a donc pas de hausse relative${tail}`;
  if (significant)
    return `La variante ${v.variant} ${rel! > 0 ? 'augmente' : 'diminue'} ${label.def} de ${pct.format(Math.abs(rel!))} (IC à ${conf} : ${ci})${tail}`;
  return `Pas encore de différence significative de ${label.bare} entre la variante ${v.variant} et le contrôle (${rel === null ? '—' : signed.format(rel)}, IC à ${conf} : ${ci}, ${p})${tail}`;
}
