/**
 * What "Fietsen & Co" (a Belgian/Dutch bike and accessories webshop) sells and where its traffic
 * comes from: pages and products, and every traffic source with its share of first visits, later
 * visits and customers' visits, its conversion rate and where it lands. Paid campaigns are in
 * `campaigns.ts`, affiliates and influencers in `partners.ts`.
 */
import { campaignNamed, type PaidCampaign } from './campaigns.js';
import { AFFILIATES, INFLUENCERS, type Affiliate, type Influencer } from './partners.js';

export type SourceKind =
  | 'paid'
  | 'email_newsletter'
  | 'email_flow'
  | 'affiliate'
  | 'influencer'
  | 'organic_search'
  | 'organic_social'
  | 'referral'
  | 'direct';

export interface TrafficSource {
  key: string;
  kind: SourceKind;
  /** Relative weights for a first visit, a later visit of an anonymous visitor, a known customer's visit. */
  first: number;
  returning: number;
  customer: number;
  /** Purchase and lead probability per visit (before intent and promotion effects). */
  cvr: number;
  leadRate: number;
  /** Share of visits on a phone (the rest split desktop/tablet). */
  mobile: number;
  landing: string[];
  /** Traffic by weekday (Sunday first), when it differs from the shop's. */
  weekday?: number[];
  campaign?: PaidCampaign;
  affiliate?: Affiliate;
  influencer?: Influencer;
  /** The source only runs around the promotion week. */
  promoOnly?: boolean;
  /** First day it runs, as a fraction of the window (a channel being tried out). */
  startsAt?: number;
}

export const SHOP_NAME = 'Fietsen & Co';

export const CATEGORIES = [
  '/fietsen/e-bikes',
  '/fietsen/stadsfietsen',
  '/fietsen/racefietsen',
  '/fietsen/mountainbikes',
  '/fietsen/kinderfietsen',
  '/accessoires/helmen',
  '/accessoires/sloten',
  '/accessoires/verlichting',
  '/accessoires/fietstassen',
  '/onderhoud/werkplaats',
];

/** Products with their price incl. VAT; bikes are the expensive tail of the order values. */
export const PRODUCTS: Array<{ path: string; price: number; bike: boolean }> = [
  { path: '/p/e-bike-cityline-500wh', price: 2299, bike: true },
  { path: '/p/e-bike-trekking-625wh', price: 2999, bike: true },
  { path: '/p/speed-pedelec-s45', price: 4499, bike: true },
  { path: '/p/stadsfiets-amsterdam-7v', price: 649, bike: true },
  { path: '/p/racefiets-carbon-105', price: 1899, bike: true },
  { path: '/p/mtb-hardtail-29', price: 1099, bike: true },
  { path: '/p/kinderfiets-20-inch', price: 329, bike: true },
  { path: '/p/helm-urban-mips', price: 89.95, bike: false },
  { path: '/p/kettingslot-art3', price: 74.95, bike: false },
  { path: '/p/led-verlichtingsset', price: 39.95, bike: false },
  { path: '/p/dubbele-fietstas-waterdicht', price: 119, bike: false },
  { path: '/p/fietspomp-digitaal', price: 44.95, bike: false },
  { path: '/p/regenponcho', price: 29.95, bike: false },
  { path: '/p/bidonhouder-carbon', price: 19.95, bike: false },
];

export const CONTENT = [
  '/blog/e-bike-kopen-waar-op-letten',
  '/blog/fietsleasing-uitgelegd',
  '/blog/fiets-onderhoud-checklist',
  '/over-ons',
  '/klantenservice/levering',
];

export const B2B_PAGE = '/zakelijk/fietsleasing';
export const PROMO_PAGE = '/acties/fietsweek';
export const PROMO_CODE = 'FIETSWEEK15';
export const WELCOME_CODE = 'WELKOM10';

const paid = (
  key: string,
  name: string,
  s: Omit<TrafficSource, 'key' | 'kind' | 'campaign' | 'leadRate'> & { leadRate?: number },
): TrafficSource => ({
  key,
  kind: 'paid',
  campaign: campaignNamed(name),
  leadRate: 0.004,
  ...s,
});

const SHOP_WEEK = [0.95, 1.12, 1.06, 1.02, 1.0, 0.88, 0.72];
const B2B_WEEK = [0.25, 1.75, 1.35, 1.2, 1.05, 0.7, 0.2];

export const SOURCES: TrafficSource[] = [
  paid('g_brand', 'Search_Brand_BE-NL', {
    first: 0.045,
    returning: 0.13,
    customer: 0.1,
    cvr: 0.06,
    mobile: 0.5,
    landing: ['/'],
  }),
  paid('g_ebikes', 'Search_Generic_E-bikes', {
    first: 0.075,
    returning: 0.03,
    customer: 0.01,
    cvr: 0.013,
    mobile: 0.5,
    landing: ['/fietsen/e-bikes', '/p/e-bike-cityline-500wh'],
  }),
  paid('g_access', 'Search_Generic_Accessoires', {
    first: 0.05,
    returning: 0.015,
    customer: 0.015,
    cvr: 0.02,
    mobile: 0.55,
    landing: ['/accessoires/helmen', '/accessoires/sloten', '/accessoires/verlichting'],
  }),
  paid('g_shopping', 'Shopping_Alle_Producten', {
    first: 0.06,
    returning: 0.03,
    customer: 0.02,
    cvr: 0.024,
    mobile: 0.6,
    landing: PRODUCTS.map((p) => p.path),
  }),
  paid('g_display', 'Display_Remarketing_BE', {
    first: 0.006,
    returning: 0.03,
    customer: 0.01,
    cvr: 0.012,
    mobile: 0.6,
    landing: ['/', '/winkelmand'],
  }),
  paid('ms_brand', 'MS_Search_Brand', {
    first: 0.007,
    returning: 0.018,
    customer: 0.015,
    cvr: 0.055,
    mobile: 0.2,
    landing: ['/'],
  }),
  paid('ms_generic', 'MS_Search_Generic', {
    first: 0.018,
    returning: 0.005,
    customer: 0,
    cvr: 0.013,
    mobile: 0.2,
    landing: ['/fietsen/e-bikes', '/accessoires/sloten'],
  }),
  paid('meta_prosp', 'Meta_Prospecting_E-bikes', {
    first: 0.1,
    returning: 0.02,
    customer: 0.005,
    cvr: 0.006,
    mobile: 0.85,
    landing: ['/fietsen/e-bikes', '/p/e-bike-cityline-500wh', '/p/e-bike-trekking-625wh'],
  }),
  paid('meta_retarg', 'Meta_Retargeting_DPA', {
    first: 0.004,
    returning: 0.06,
    customer: 0.02,
    cvr: 0.03,
    mobile: 0.85,
    landing: PRODUCTS.map((p) => p.path),
  }),
  paid('meta_promo', 'Meta_Promo_Fietsweek', {
    first: 0.16,
    returning: 0.05,
    customer: 0.04,
    cvr: 0.022,
    mobile: 0.85,
    landing: [PROMO_PAGE],
    promoOnly: true,
  }),
  paid('tiktok', 'TikTok_Spark_Woon-werk', {
    first: 0.05,
    returning: 0.008,
    customer: 0,
    cvr: 0.004,
    mobile: 0.96,
    landing: ['/fietsen/e-bikes', '/p/speed-pedelec-s45'],
    startsAt: 0.15,
  }),
  paid('linkedin', 'LinkedIn_LeadGen_Bedrijfsfietsen', {
    first: 0.012,
    returning: 0.006,
    customer: 0,
    cvr: 0.002,
    leadRate: 0.07,
    mobile: 0.3,
    landing: [B2B_PAGE],
    weekday: B2B_WEEK,
  }),
  {
    key: 'email_news',
    kind: 'email_newsletter',
    first: 0.004,
    returning: 0.05,
    customer: 0.16,
    cvr: 0.045,
    leadRate: 0,
    mobile: 0.6,
    landing: ['/nieuw', PROMO_PAGE, '/fietsen/e-bikes', '/accessoires/fietstassen'],
  },
  {
    key: 'email_flow',
    kind: 'email_flow',
    first: 0,
    returning: 0.01,
    customer: 0.03,
    cvr: 0.06,
    leadRate: 0,
    mobile: 0.6,
    landing: ['/winkelmand', '/'],
  },
  ...AFFILIATES.map<TrafficSource>((a, i) => ({
    key: `aff_${a.partner}`,
    kind: 'affiliate',
    affiliate: a,
    leadRate: 0.002,
    mobile: 0.55,
    first: [0.025, 0.012, 0.015][i] ?? 0.01,
    returning: [0.02, 0.035, 0.004][i] ?? 0.01,
    customer: [0.01, 0.03, 0][i] ?? 0,
    cvr: [0.026, 0.05, 0.012][i] ?? 0.02,
    landing: [['/fietsen/e-bikes'], ['/'], ['/blog/e-bike-kopen-waar-op-letten']][i] ?? ['/'],
  })),
  ...INFLUENCERS.map<TrafficSource>((inf) => ({
    key: `inf_${inf.partner}`,
    kind: 'influencer',
    influencer: inf,
    first: 0.002 * inf.reach,
    returning: 0.003,
    customer: 0.002,
    cvr: 0.022,
    leadRate: 0.01,
    mobile: 0.9,
    landing: ['/fietsen/e-bikes', '/accessoires/helmen', PROMO_PAGE],
  })),
  {
    key: 'organic_search',
    kind: 'organic_search',
    first: 0.22,
    returning: 0.14,
    customer: 0.12,
    cvr: 0.022,
    leadRate: 0.006,
    mobile: 0.55,
    landing: [...CATEGORIES, ...CONTENT.slice(0, 3), '/'],
  },
  {
    key: 'organic_social',
    kind: 'organic_social',
    first: 0.04,
    returning: 0.02,
    customer: 0.02,
    cvr: 0.007,
    leadRate: 0.006,
    mobile: 0.88,
    landing: ['/', '/fietsen/e-bikes', ...CONTENT.slice(0, 2)],
  },
  {
    key: 'referral',
    kind: 'referral',
    first: 0.035,
    returning: 0.01,
    customer: 0.01,
    cvr: 0.016,
    leadRate: 0.004,
    mobile: 0.45,
    landing: ['/', '/fietsen/e-bikes', '/fietsen/stadsfietsen', B2B_PAGE],
  },
  {
    key: 'direct',
    kind: 'direct',
    first: 0.09,
    returning: 0.22,
    customer: 0.3,
    cvr: 0.035,
    leadRate: 0.003,
    mobile: 0.5,
    landing: ['/', '/', '/winkelmand', '/fietsen/e-bikes'],
  },
];

export const SHOP_WEEKDAY = SHOP_WEEK;

/** Search engines by country with their rough market share (Google ≈ 90%). */
export const ORGANIC_SEARCH_REFERRERS: Record<string, Array<[string, number]>> = {
  BE: [
    ['www.google.be', 80],
    ['www.google.com', 8],
    ['www.bing.com', 7],
    ['www.ecosia.org', 3],
    ['duckduckgo.com', 2],
  ],
  NL: [
    ['www.google.nl', 82],
    ['www.google.com', 6],
    ['www.bing.com', 7],
    ['duckduckgo.com', 3],
    ['www.ecosia.org', 2],
  ],
  FR: [
    ['www.google.fr', 86],
    ['www.bing.com', 8],
    ['www.qwant.com', 6],
  ],
  LU: [
    ['www.google.lu', 70],
    ['www.google.com', 18],
    ['www.bing.com', 12],
  ],
};
export const SOCIAL_REFERRERS = [
  'l.facebook.com',
  'm.facebook.com',
  'l.instagram.com',
  'www.linkedin.com',
  'lm.facebook.com',
  'www.pinterest.com',
];
export const REFERRAL_SITES = [
  'www.fietsersbond.be',
  'www.hln.be',
  'www.nieuwsblad.be',
  'www.trustpilot.com',
  'forum.fok.nl',
  'www.reddit.com',
  'www.wielerrevue.nl',
];

/** Sources named by key (journeys pick follow-up sources such as the abandoned-cart e-mail). */
export function sourceByKey(key: string): TrafficSource {
  const s = SOURCES.find((x) => x.key === key);
  if (!s) throw new Error(`unknown demo source ${key}`);
  return s;
}
