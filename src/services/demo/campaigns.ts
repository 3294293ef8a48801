/**
 * The paid campaigns of the demo shop, per ad platform, with their ad groups (ad sets) and ads,
 * prices and click-through rates. Names are written the way the platforms show them (mixed case);
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
  /** How generously the platform counts conversions beyond the ones its clicks and views can claim. */
  platformFactor: number;
}

/** Ad: [name, weight, fatigue?]. Ad group: [name, weight, keyword, ads]. */
type AdSpec = [string, number, number?];
type GroupSpec = [string, number, string, AdSpec[]];

const groups = (specs: GroupSpec[]): AdGroup[] =>
  specs.map(([name, weight, term, ads]) => ({
    name,
    weight,
    term,
    ads: ads.map(([n, w, fatigue]) => ({ name: n, weight: w, ...(fatigue ? { fatigue } : {}) })),
  }));

const ACCOUNTS: Record<Platform, string> = {
  'google-ads': '482-117-3096',
  microsoft: '151203477',
  meta: 'act_1029384756',
  tiktok: '7290011223344556677',
  linkedin: '508877123',
};
const CLICK_PARAM: Record<Platform, ClickIdParam> = {
  'google-ads': 'gclid',
  microsoft: 'msclkid',
  meta: 'fbclid',
  tiktok: 'ttclid',
  linkedin: 'li_fat_id',
};

type Spec = Omit<PaidCampaign, 'accountId' | 'clickParam' | 'adGroups' | 'pricing'> & {
  price: ['cpc' | 'cpm', number, number];
  groups: GroupSpec[];
};

const make = (s: Spec): PaidCampaign => {
  const { price, groups: g, ...rest } = s;
  return {
    ...rest,
    accountId: ACCOUNTS[s.platform],
    clickParam: CLICK_PARAM[s.platform],
    adGroups: groups(g),
    pricing: { model: price[0], min: price[1], max: price[2] },
  };
};

const google = { platform: 'google-ads' as const, utmSources: ['google'] };
const meta = { platform: 'meta' as const, utmMedium: 'paid_social' };
const HOOK = 'Video hook woon-werk';

export const PAID_CAMPAIGNS: readonly PaidCampaign[] = [
  make({
    ...google,
    id: '20418873521',
    name: 'Search_Brand_BE-NL',
    utmMedium: 'cpc',
    price: ['cpc', 0.4, 0.62],
    ctr: 0.19,
    trackRate: 0.9,
    platformFactor: 1.05,
    groups: [
      [
        'Merknaam exact',
        3,
        'fietsen en co',
        [
          ['RSA merk 1', 2],
          ['RSA merk 2', 1],
        ],
      ],
      ['Merk + product', 1, 'fietsen en co e-bike', [['RSA merk e-bike', 1]]],
    ],
  }),
  make({
    ...google,
    id: '20418873688',
    name: 'Search_Generic_E-bikes',
    utmMedium: 'cpc',
    price: ['cpc', 0.95, 1.5],
    ctr: 0.055,
    trackRate: 0.85,
    platformFactor: 1.05,
    groups: [
      [
        'E-bike kopen',
        3,
        'e-bike kopen',
        [
          ['RSA e-bike prijs', 1],
          ['RSA e-bike proefrit', 1],
        ],
      ],
      ['Elektrische fiets', 2, 'elektrische fiets', [['RSA elektrische fiets', 1]]],
      ['Speed pedelec', 1, 'speed pedelec', [['RSA speed pedelec', 1]]],
    ],
  }),
  make({
    ...google,
    id: '20418874102',
    name: 'Search_Generic_Accessoires',
    utmMedium: 'cpc',
    price: ['cpc', 0.42, 0.8],
    ctr: 0.062,
    trackRate: 0.85,
    platformFactor: 1.05,
    groups: [
      ['Fietshelmen', 2, 'fietshelm', [['RSA helm MIPS', 1]]],
      ['Fietssloten', 2, 'fietsslot kopen', [['RSA slot ART3', 1]]],
      ['Fietsverlichting', 1, 'fietsverlichting led', [['RSA verlichting', 1]]],
    ],
  }),
  make({
    ...google,
    id: '20418875530',
    name: 'Shopping_Alle_Producten',
    utmMedium: 'cpc',
    price: ['cpc', 0.35, 0.7],
    ctr: 0.013,
    trackRate: 0.87,
    platformFactor: 1.05,
    groups: [
      ['Fietsen', 1, '', [['Productadvertentie fietsen', 1]]],
      ['Accessoires', 2, '', [['Productadvertentie accessoires', 1]]],
    ],
  }),
  make({
    ...google,
    id: '20418876017',
    name: 'Display_Remarketing_BE',
    utmMedium: 'display',
    price: ['cpm', 1.6, 3.2],
    ctr: 0.0045,
    trackRate: 0.75,
    platformFactor: 1.2,
    groups: [
      [
        'Bezoekers 30 dagen',
        2,
        '',
        [
          ['Banner 300x250 lente', 1],
          ['Banner 728x90 lente', 1],
        ],
      ],
      ['Winkelmandverlaters', 1, '', [['Responsive winkelmand', 1]]],
    ],
  }),
  make({
    platform: 'microsoft',
    id: '413950221',
    name: 'MS_Search_Brand',
    utmSources: ['bing'],
    utmMedium: 'cpc',
    price: ['cpc', 0.25, 0.48],
    ctr: 0.16,
    trackRate: 0.9,
    platformFactor: 1.05,
    groups: [['Merknaam', 1, 'fietsen en co', [['RSA merk', 1]]]],
  }),
  make({
    platform: 'microsoft',
    id: '413950388',
    name: 'MS_Search_Generic',
    utmSources: ['bing'],
    utmMedium: 'cpc',
    price: ['cpc', 0.5, 1.0],
    ctr: 0.042,
    trackRate: 0.85,
    platformFactor: 1.05,
    groups: [
      ['E-bikes', 2, 'e-bike', [['RSA e-bike', 1]]],
      ['Accessoires', 1, 'fietsslot', [['RSA accessoires', 1]]],
    ],
  }),
  make({
    ...meta,
    id: '120210448812030017',
    name: 'Meta_Prospecting_E-bikes',
    utmSources: ['facebook', 'instagram', 'instagram'],
    price: ['cpm', 7, 10],
    ctr: 0.011,
    trackRate: 0.78,
    platformFactor: 1.15,
    groups: [
      [
        'Interesses fietsen 25-54',
        3,
        '',
        [
          [HOOK, 3, 0.55],
          ['Carrousel e-bikes', 2],
          ['UGC review Lotte', 2],
        ],
      ],
      [
        'Lookalike kopers 1%',
        2,
        '',
        [
          [HOOK, 2, 0.5],
          ['Statisch lente-aanbod', 1],
        ],
      ],
    ],
  }),
  make({
    ...meta,
    id: '120210448812030544',
    name: 'Meta_Retargeting_DPA',
    utmSources: ['facebook', 'instagram'],
    price: ['cpm', 8.5, 12],
    ctr: 0.014,
    trackRate: 0.8,
    platformFactor: 1.15,
    groups: [
      ['Winkelmandverlaters 7d', 1, '', [['DPA carrousel', 1]]],
      [
        'Websitebezoekers 30d',
        2,
        '',
        [
          ['DPA carrousel', 2],
          ['Review-ad 4,8 sterren', 1],
        ],
      ],
    ],
  }),
  make({
    ...meta,
    id: '120210448812031290',
    name: 'Meta_Promo_Fietsweek',
    utmSources: ['facebook', 'instagram'],
    price: ['cpm', 7, 11],
    ctr: 0.016,
    trackRate: 0.8,
    platformFactor: 1.2,
    groups: [
      [
        'Breed BE-NL 18-65',
        1,
        '',
        [
          ['Fietsweek -15% video', 2],
          ['Fietsweek -15% statisch', 1],
        ],
      ],
    ],
  }),
  make({
    platform: 'tiktok',
    id: '1779012345678901',
    name: 'TikTok_Spark_Woon-werk',
    utmSources: ['tiktok'],
    utmMedium: 'paid_social',
    price: ['cpm', 4, 7],
    ctr: 0.0085,
    trackRate: 0.72,
    platformFactor: 1.25,
    groups: [
      ['Gen Z 18-24', 1, '', [['Spark Emma pendelt', 1]]],
      [
        'Millennials 25-34',
        2,
        '',
        [
          ['Spark Emma pendelt', 1],
          ['Hook 3 redenen e-bike', 1, 0.4],
        ],
      ],
    ],
  }),
  make({
    platform: 'linkedin',
    id: '284715530',
    name: 'LinkedIn_LeadGen_Bedrijfsfietsen',
    utmSources: ['linkedin'],
    utmMedium: 'paid_social',
    price: ['cpc', 4.2, 7.8],
    ctr: 0.0065,
    trackRate: 0.85,
    platformFactor: 1.1,
    groups: [
      [
        'HR-managers BE',
        2,
        '',
        [
          ['Fietsleasing voor je team', 1],
          ['Case 40 bedienden', 1],
        ],
      ],
      ['Zaakvoerders KMO', 1, '', [['Fiscaal voordeel fietsleasing', 1]]],
    ],
  }),
];

export function campaignNamed(name: string): PaidCampaign {
  const c = PAID_CAMPAIGNS.find((p) => p.name === name);
  if (!c) throw new Error(`unknown demo campaign ${name}`);
  return c;
}
