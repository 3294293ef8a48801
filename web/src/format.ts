import type { Lang } from './i18n';

/** The Intl locale of each interface language: Belgian conventions for Dutch and French. */
export const INTL_LOCALE: Record<Lang, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function nf(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `n${locale}${JSON.stringify(opts)}`;
  let f = cache.get(k) as Intl.NumberFormat | undefined;
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

const dash = '–';

/** Money in the workspace's currency: `€ 1.234,56` (nl-BE), `1 234,56 €` (fr-BE), `€1,234.56` (en). */
export function money(
  lang: Lang,
  value: number | string | null | undefined,
  currency: string,
  digits = 2,
): string {
  const n = typeof value === 'string' ? Number(value) : value;
  if (n === null || n === undefined || !Number.isFinite(n)) return dash;
  return nf(INTL_LOCALE[lang], {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

export function num(lang: Lang, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return dash;
  return nf(INTL_LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
}

export function pct(lang: Lang, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return dash;
  return nf(INTL_LOCALE[lang], {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A ratio such as ROAS: `4,25×`. */
export function ratio(lang: Lang, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return dash;
  return `${num(lang, value, 2)}×`;
}

/** A local date `YYYY-MM-DD` shown in the language's style, without moving it through a time zone. */
export function date(lang: Lang, ymd: string | null | undefined): string {
  if (!ymd) return dash;
  const [y, m, d] = ymd.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, d));
}

export function dateTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return dash;
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
