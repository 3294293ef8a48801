/**
 * What "Fietsen & Co" (a Belgian/Dutch bike and accessories webshop) sells and where its traffic
 * comes from: pages, paid campaigns with their ad groups and ads, affiliates, influencers and the
 * unpaid sources. Campaign names are written the way ad platforms show them (mixed case); the
 * landing URLs carry them lower-cased in `utm_campaign`, so costs join traffic after lower-casing.
 */
import type { ClickIdParam } from '../../core/click-ids.js';

export type Platform = 'google-ads' | 'meta' | 'tiktok' | 'linkedin' | 'microsoft';

export interface Ad {
  name: string;
  weight: number;
  /** Share of its click-through rate an ad loses by the end of the window (creative fatigue). */
  fatigue?: number;
}

export interface AdGroup {
  name: string;
  weight: number;
  /** Keyword (search) sent as `utm_term`; '' for social and display. */
  term: string;
  ads: Ad[];
}

export interface PaidCampaign {
  platform: Platform;
  accountId: string;
  id: string;
  name: string;
  /** `utm_source` values the ads use (Meta: per placement). */
  utmSources: string[];
  utmMedium: string;
  clickParam: ClickIdParam;
  adGroups: AdGroup[];
  /** Price per click (search, LinkedIn) or per thousand impressions (social, display), in EUR. */
  pricing: { model: 'cpc' | 'cpm'; min: number; max: number };
  ctr: number;
  /** Share of platform clicks that arrive as a tracked visit (consent, bounces before the snippet). */
  trackRate: number;
  /** How generously the platform counts its own conversions relative to tracked last clicks. */
  platformFactor: number;
  /** The platform also reports ad impressions per visitor (view-through touchpoints). */
  impressions: boolean;
}

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

export interface Affiliate {
  partner: string;
  slug: string;
  site: string;
  campaign: string;
}

export interface Influencer {
  partner: string;
  slug: string;
  handle: string;
  utmSource: string;
  campaign: string;
  code: string;
  /** Fee per post (EUR), samples sent before the first post (cost price), shipping per parcel. */
  feePerPost: number;
  samples: number;
  /** When the influencer posts, as fractions of the window. */
  posts: number[];
  /** Size of the traffic spike a post makes, relative to the other influencers. */
  reach: number;
}

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

const hook = 'Video hook woon-werk';

const PAID: PaidCampaign[] = [
  {
    platform: 'google-ads', accountId: '482-117-3096', id: '20418873521', name: 'Search_Brand_BE-NL',
    utmSources: ['google'], utmMedium: 'cpc', clickParam: 'gclid',
    pricing: { model: 'cpc', min: 0.4, max: 0.62 }, ctr: 0.19, trackRate: 0.9, platformFactor: 1.1, impressions: false,
    adGroups: [
      { name: 'Merknaam exact', weight: 3, term: 'fietsen en co', ads: [{ name: 'RSA merk 1', weight: 2 }, { name: 'RSA merk 2', weight: 1 }] },
      { name: 'Merk + product', weight: 1, term: 'fietsen en co e-bike', ads: [{ name: 'RSA merk e-bike', weight: 1 }] },
    ],
  },
  {
    platform: 'google-ads', accountId: '482-117-3096', id: '20418873688', name: 'Search_Generic_E-bikes',
    utmSources: ['google'], utmMedium: 'cpc', clickParam: 'gclid',
    pricing: { model: 'cpc', min: 0.95, max: 1.5 }, ctr: 0.055, trackRate: 0.85, platformFactor: 1.15, impressions: false,
    adGroups: [
      { name: 'E-bike kopen', weight: 3, term: 'e-bike kopen', ads: [{ name: 'RSA e-bike prijs', weight: 1 }, { name: 'RSA e-bike proefrit', weight: 1 }] },
      { name: 'Elektrische fiets', weight: 2, term: 'elektrische fiets', ads: [{ name: 'RSA elektrische fiets', weight: 1 }] },
      { name: 'Speed pedelec', weight: 1, term: 'speed pedelec', ads: [{ name: 'RSA speed pedelec', weight: 1 }] },
    ],
  },
  {
    platform: 'google-ads', accountId: '482-117-3096', id: '20418874102', name: 'Search_Generic_Accessoires',
    utmSources: ['google'], utmMedium: 'cpc', clickParam: 'gclid',
    pricing: { model: 'cpc', min: 0.42, max: 0.8 }, ctr: 0.062, trackRate: 0.85, platformFactor: 1.15, impressions: false,
    adGroups: [
      { name: 'Fietshelmen', weight: 2, term: 'fietshelm', ads: [{ name: 'RSA helm MIPS', weight: 1 }] },
      { name: 'Fietssloten', weight: 2, term: 'fietsslot kopen', ads: [{ name: 'RSA slot ART3', weight: 1 }] },
      { name: 'Fietsverlichting', weight: 1, term: 'fietsverlichting led', ads: [{ name: 'RSA verlichting', weight: 1 }] },
    ],
  },
  {
    platform: 'google-ads', accountId: '482-117-3096', id: '20418875530', name: 'Shopping_Alle_Producten',
    utmSources: ['google'], utmMedium: 'cpc', clickParam: 'gclid',
    pricing: { model: 'cpc', min: 0.35, max: 0.7 }, ctr: 0.013, trackRate: 0.87, platformFactor: 1.2, impressions: false,
    adGroups: [
      { name: 'Fietsen', weight: 1, term: '', ads: [{ name: 'Productadvertentie fietsen', weight: 1 }] },
      { name: 'Accessoires', weight: 2, term: '', ads: [{ name: 'Productadvertentie accessoires', weight: 1 }] },
    ],
  },
  {
    platform: 'google-ads', accountId: '482-117-3096', id: '20418876017', name: 'Display_Remarketing_BE',
    utmSources: ['google'], utmMedium: 'display', clickParam: 'gclid',
    pricing: { model: 'cpm', min: 1.6, max: 3.2 }, ctr: 0.0045, trackRate: 0.75, platformFactor: 1.6, impressions: true,
    adGroups: [
      { name: 'Bezoekers 30 dagen', weight: 2, term: '', ads: [{ name: 'Banner 300x250 lente', weight: 1 }, { name: 'Banner 728x90 lente', weight: 1 }] },
      { name: 'Winkelmandverlaters', weight: 1, term: '', ads: [{ name: 'Responsive winkelmand', weight: 1 }] },
    ],
  },
  {
    platform: 'microsoft', accountId: '151203477', id: '413950221', name: 'MS_Search_Brand',
    utmSources: ['bing'], utmMedium: 'cpc', clickParam: 'msclkid',
    pricing: { model: 'cpc', min: 0.25, max: 0.48 }, ctr: 0.16, trackRate: 0.9, platformFactor: 1.1, impressions: false,
    adGroups: [{ name: 'Merknaam', weight: 1, term: 'fietsen en co', ads: [{ name: 'RSA merk', weight: 1 }] }],
  },
  {
    platform: 'microsoft', accountId: '151203477', id: '413950388', name: 'MS_Search_Generic',
    utmSources: ['bing'], utmMedium: 'cpc', clickParam: 'msclkid',
    pricing: { model: 'cpc', min: 0.5, max: 1.0 }, ctr: 0.042, trackRate: 0.85, platformFactor: 1.2, impressions: false,
    adGroups: [
      { name: 'E-bikes', weight: 2, term: 'e-bike', ads: [{ name: 'RSA e-bike', weight: 1 }] },
      { name: 'Accessoires', weight: 1, term: 'fietsslot', ads: [{ name: 'RSA accessoires', weight: 1 }] },
    ],
  },
  {
    platform: 'meta', accountId: 'act_1029384756', id: '120210448812030017', name: 'Meta_Prospecting_E-bikes',
    utmSources: ['facebook', 'instagram', 'instagram'], utmMedium: 'paid_social', clickParam: 'fbclid',
    pricing: { model: 'cpm', min: 6, max: 9.5 }, ctr: 0.011, trackRate: 0.78, platformFactor: 1.7, impressions: true,
    adGroups: [
      {
        name: 'Interesses fietsen 25-54', weight: 3, term: '',
        ads: [{ name: hook, weight: 3, fatigue: 0.55 }, { name: 'Carrousel e-bikes', weight: 2 }, { name: 'UGC review Lotte', weight: 2 }],
      },
      { name: 'Lookalike kopers 1%', weight: 2, term: '', ads: [{ name: hook, weight: 2, fatigue: 0.5 }, { name: 'Statisch lente-aanbod', weight: 1 }] },
    ],
  },
  {
    platform: 'meta', accountId: 'act_1029384756', id: '120210448812030544', name: 'Meta_Retargeting_DPA',
    utmSources: ['facebook', 'instagram'], utmMedium: 'paid_social', clickParam: 'fbclid',
    pricing: { model: 'cpm', min: 8.5, max: 12 }, ctr: 0.014, trackRate: 0.8, platformFactor: 1.6, impressions: true,
    adGroups: [
      { name: 'Winkelmandverlaters 7d', weight: 1, term: '', ads: [{ name: 'DPA carrousel', weight: 1 }] },
      { name: 'Websitebezoekers 30d', weight: 2, term: '', ads: [{ name: 'DPA carrousel', weight: 2 }, { name: 'Review-ad 4,8 sterren', weight: 1 }] },
    ],
  },
  {
    platform: 'meta', accountId: 'act_1029384756', id: '120210448812031290', name: 'Meta_Promo_Fietsweek',
    utmSources: ['facebook', 'instagram'], utmMedium: 'paid_social', clickParam: 'fbclid',
    pricing: { model: 'cpm', min: 7, max: 11 }, ctr: 0.016, trackRate: 0.8, platformFactor: 1.8, impressions: true,
    adGroups: [
      { name: 'Breed BE-NL 18-65', weight: 1, term: '', ads: [{ name: 'Fietsweek -15% video', weight: 2 }, { name: 'Fietsweek -15% statisch', weight: 1 }] },
    ],
  },
  {
    platform: 'tiktok', accountId: '7290011223344556677', id: '1779012345678901', name: 'TikTok_Spark_Woon-werk',
    utmSources: ['tiktok'], utmMedium: 'paid_social', clickParam: 'ttclid',
    pricing: { model: 'cpm', min: 4, max: 7 }, ctr: 0.0085, trackRate: 0.72, platformFactor: 2.1, impressions: true,
    adGroups: [
      { name: 'Gen Z 18-24', weight: 1, term: '', ads: [{ name: 'Spark Emma pendelt', weight: 1 }] },
      { name: 'Millennials 25-34', weight: 2, term: '', ads: [{ name: 'Spark Emma pendelt', weight: 1 }, { name: 'Hook 3 redenen e-bike', weight: 1, fatigue: 0.4 }] },
    ],
  },
  {
    platform: 'linkedin', accountId: '508877123', id: '284715530', name: 'LinkedIn_LeadGen_Bedrijfsfietsen',
    utmSources: ['linkedin'], utmMedium: 'paid_social', clickParam: 'li_fat_id',
    pricing: { model: 'cpc', min: 4.2, max: 7.8 }, ctr: 0.0065, trackRate: 0.85, platformFactor: 1.3, impressions: false,
    adGroups: [
      { name: 'HR-managers BE', weight: 2, term: '', ads: [{ name: 'Fietsleasing voor je team', weight: 1 }, { name: 'Case 40 bedienden', weight: 1 }] },
      { name: 'Zaakvoerders KMO', weight: 1, term: '', ads: [{ name: 'Fiscaal voordeel fietsleasing', weight: 1 }] },
    ],
  },
];

export const PAID_CAMPAIGNS: readonly PaidCampaign[] = PAID;

const campaign = (name: string): PaidCampaign => {
  const c = PAID.find((p) => p.name === name);
  if (!c) throw new Error(`unknown demo campaign ${name}`);
  return c;
};

export const AFFILIATES: Affiliate[] = [
  { partner: 'fietsvergelijker', slug: 'fv-ebikes', site: 'www.fietsvergelijker.be', campaign: 'affiliate_vergelijker' },
  { partner: 'cashbackplaza', slug: 'cbp-fietsenco', site: 'www.cashbackplaza.nl', campaign: 'affiliate_cashback' },
  { partner: 'wielerblog', slug: 'wb-gids-2026', site: 'www.wielerblog.be', campaign: 'affiliate_content' },
];

export const INFLUENCERS: Influencer[] = [
  { partner: 'lotte', slug: 'lotte', handle: 'lotte.fietst', utmSource: 'instagram', campaign: 'influencer_lotte_lente', code: 'LOTTE10', feePerPost: 650, samples: 1150, posts: [0.17, 0.44, -1], reach: 1.3 },
  { partner: 'jens', slug: 'jens-rijdt', handle: 'jens_rijdt', utmSource: 'youtube', campaign: 'influencer_jens_review', code: 'JENS15', feePerPost: 950, samples: 1650, posts: [0.29, 0.74], reach: 1.6 },
  { partner: 'emma', slug: 'emma', handle: 'emmaopdefiets', utmSource: 'tiktok', campaign: 'influencer_emma_pendel', code: 'EMMA10', feePerPost: 350, samples: 240, posts: [0.11, 0.37, 0.57, 0.86], reach: 0.9 },
  { partner: 'noah', slug: 'noah', handle: 'noahcycling', utmSource: 'instagram', campaign: 'influencer_noah_micro', code: 'NOAH10', feePerPost: 140, samples: 90, posts: [0.24, 0.51, 0.8], reach: 0.35 },
];

const paid = (key: string, name: string, s: Omit<TrafficSource, 'key' | 'kind' | 'campaign' | 'leadRate'> & { leadRate?: number }): TrafficSource => ({
  key,
  kind: 'paid',
  campaign: campaign(name),
  leadRate: 0.004,
  ...s,
});

const SHOP_WEEK = [0.95, 1.12, 1.06, 1.02, 1.0, 0.88, 0.72];
const B2B_WEEK = [0.25, 1.75, 1.35, 1.2, 1.05, 0.7, 0.2];

export const SOURCES: TrafficSource[] = [
  paid('g_brand', 'Search_Brand_BE-NL', { first: 0.045, returning: 0.13, customer: 0.1, cvr: 0.06, mobile: 0.5, landing: ['/'] }),
  paid('g_ebikes', 'Search_Generic_E-bikes', { first: 0.075, returning: 0.03, customer: 0.01, cvr: 0.013, mobile: 0.5, landing: ['/fietsen/e-bikes', '/p/e-bike-cityline-500wh'] }),
  paid('g_access', 'Search_Generic_Accessoires', { first: 0.05, returning: 0.015, customer: 0.015, cvr: 0.02, mobile: 0.55, landing: ['/accessoires/helmen', '/accessoires/sloten', '/accessoires/verlichting'] }),
  paid('g_shopping', 'Shopping_Alle_Producten', { first: 0.06, returning: 0.03, customer: 0.02, cvr: 0.024, mobile: 0.6, landing: PRODUCTS.map((p) => p.path) }),
  paid('g_display', 'Display_Remarketing_BE', { first: 0.006, returning: 0.03, customer: 0.01, cvr: 0.012, mobile: 0.6, landing: ['/', '/winkelmand'] }),
  paid('ms_brand', 'MS_Search_Brand', { first: 0.007, returning: 0.018, customer: 0.015, cvr: 0.055, mobile: 0.2, landing: ['/'] }),
  paid('ms_generic', 'MS_Search_Generic', { first: 0.018, returning: 0.005, customer: 0, cvr: 0.013, mobile: 0.2, landing: ['/fietsen/e-bikes', '/accessoires/sloten'] }),
  paid('meta_prosp', 'Meta_Prospecting_E-bikes', { first: 0.085, returning: 0.02, customer: 0.005, cvr: 0.006, mobile: 0.85, landing: ['/fietsen/e-bikes', '/p/e-bike-cityline-500wh', '/p/e-bike-trekking-625wh'] }),
  paid('meta_retarg', 'Meta_Retargeting_DPA', { first: 0.004, returning: 0.06, customer: 0.02, cvr: 0.03, mobile: 0.85, landing: PRODUCTS.map((p) => p.path) }),
  paid('meta_promo', 'Meta_Promo_Fietsweek', { first: 0.16, returning: 0.05, customer: 0.04, cvr: 0.022, mobile: 0.85, landing: [PROMO_PAGE], promoOnly: true }),
  paid('tiktok', 'TikTok_Spark_Woon-werk', { first: 0.05, returning: 0.008, customer: 0, cvr: 0.004, mobile: 0.96, landing: ['/fietsen/e-bikes', '/p/speed-pedelec-s45'], startsAt: 0.15 }),
  paid('linkedin', 'LinkedIn_LeadGen_Bedrijfsfietsen', { first: 0.012, returning: 0.006, customer: 0, cvr: 0.002, leadRate: 0.07, mobile: 0.3, landing: [B2B_PAGE], weekday: B2B_WEEK }),
  { key: 'email_news', kind: 'email_newsletter', first: 0.004, returning: 0.05, customer: 0.16, cvr: 0.045, leadRate: 0, mobile: 0.6, landing: ['/nieuw', PROMO_PAGE, '/fietsen/e-bikes', '/accessoires/fietstassen'] },
  { key: 'email_flow', kind: 'email_flow', first: 0, returning: 0.01, customer: 0.03, cvr: 0.06, leadRate: 0, mobile: 0.6, landing: ['/winkelmand', '/'] },
  ...AFFILIATES.map<TrafficSource>((a, i) => ({
    key: `aff_${a.partner}`, kind: 'affiliate', affiliate: a, leadRate: 0.002, mobile: 0.55,
    first: [0.025, 0.012, 0.015][i] ?? 0.01, returning: [0.02, 0.035, 0.004][i] ?? 0.01, customer: [0.01, 0.03, 0][i] ?? 0,
    cvr: [0.026, 0.07, 0.012][i] ?? 0.02, landing: [['/fietsen/e-bikes'], ['/'], ['/blog/e-bike-kopen-waar-op-letten']][i] ?? ['/'],
  })),
  ...INFLUENCERS.map<TrafficSource>((inf) => ({
    key: `inf_${inf.partner}`, kind: 'influencer', influencer: inf, first: 0.002 * inf.reach, returning: 0.003, customer: 0.002,
    cvr: 0.022, leadRate: 0.01, mobile: 0.9, landing: ['/fietsen/e-bikes', '/accessoires/helmen', PROMO_PAGE],
  })),
  { key: 'organic_search', kind: 'organic_search', first: 0.22, returning: 0.14, customer: 0.12, cvr: 0.022, leadRate: 0.006, mobile: 0.55, landing: [...CATEGORIES, ...CONTENT.slice(0, 3), '/'] },
  { key: 'organic_social', kind: 'organic_social', first: 0.04, returning: 0.02, customer: 0.02, cvr: 0.007, leadRate: 0.006, mobile: 0.88, landing: ['/', '/fietsen/e-bikes', ...CONTENT.slice(0, 2)] },
  { key: 'referral', kind: 'referral', first: 0.035, returning: 0.01, customer: 0.01, cvr: 0.016, leadRate: 0.004, mobile: 0.45, landing: ['/', '/fietsen/e-bikes', '/fietsen/stadsfietsen', B2B_PAGE] },
  { key: 'direct', kind: 'direct', first: 0.09, returning: 0.22, customer: 0.3, cvr: 0.035, leadRate: 0.003, mobile: 0.5, landing: ['/', '/', '/winkelmand', '/fietsen/e-bikes'] },
];

export const SHOP_WEEKDAY = SHOP_WEEK;

export const ORGANIC_SEARCH_REFERRERS: Record<string, string[]> = {
  BE: ['www.google.be', 'www.google.be', 'www.google.be', 'www.google.com', 'www.bing.com', 'www.ecosia.org'],
  NL: ['www.google.nl', 'www.google.nl', 'www.google.nl', 'www.google.com', 'www.bing.com', 'duckduckgo.com'],
  FR: ['www.google.fr', 'www.google.fr', 'www.qwant.com', 'www.bing.com'],
  LU: ['www.google.lu', 'www.google.com', 'www.bing.com'],
};
export const SOCIAL_REFERRERS = ['l.facebook.com', 'm.facebook.com', 'l.instagram.com', 'www.linkedin.com', 'lm.facebook.com', 'www.pinterest.com'];
export const REFERRAL_SITES = ['www.fietsersbond.be', 'www.hln.be', 'www.nieuwsblad.be', 'www.trustpilot.com', 'forum.fok.nl', 'www.reddit.com', 'www.wielerrevue.nl'];

/** Sources named by key (journeys pick follow-up sources such as the abandoned-cart e-mail). */
export function sourceByKey(key: string): TrafficSource {
  const s = SOURCES.find((x) => x.key === key);
  if (!s) throw new Error(`unknown demo source ${key}`);
  return s;
}
