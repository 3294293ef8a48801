/**
 * The shop's partners: affiliates (a comparison site, a cashback site, a blog) reached through
 * tracking links, and influencers with a tracking link, a personal discount code, fees, product
 * samples and a posting schedule.
 */

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

export const AFFILIATES: Affiliate[] = [
  {
    partner: 'fietsvergelijker',
    slug: 'fv-ebikes',
    site: 'www.fietsvergelijker.be',
    campaign: 'affiliate_vergelijker',
  },
  {
    partner: 'cashbackplaza',
    slug: 'cbp-fietsenco',
    site: 'www.cashbackplaza.nl',
    campaign: 'affiliate_cashback',
  },
  { partner: 'wielerblog', slug: 'wb-gids-2026', site: 'www.wielerblog.be', campaign: 'affiliate_content' },
];

export const INFLUENCERS: Influencer[] = [
  {
    partner: 'lotte',
    slug: 'lotte',
    handle: 'lotte.fietst',
    utmSource: 'instagram',
    campaign: 'influencer_lotte_lente',
    code: 'LOTTE10',
    feePerPost: 650,
    samples: 1150,
    posts: [0.17, 0.44, -1],
    reach: 1.3,
  },
  {
    partner: 'jens',
    slug: 'jens-rijdt',
    handle: 'jens_rijdt',
    utmSource: 'youtube',
    campaign: 'influencer_jens_review',
    code: 'JENS15',
    feePerPost: 950,
    samples: 1650,
    posts: [0.29, 0.74],
    reach: 1.6,
  },
  {
    partner: 'emma',
    slug: 'emma',
    handle: 'emmaopdefiets',
    utmSource: 'tiktok',
    campaign: 'influencer_emma_pendel',
    code: 'EMMA10',
    feePerPost: 350,
    samples: 240,
    posts: [0.11, 0.37, 0.57, 0.86],
    reach: 0.9,
  },
  {
    partner: 'noah',
    slug: 'noah',
    handle: 'noahcycling',
    utmSource: 'instagram',
    campaign: 'influencer_noah_micro',
    code: 'NOAH10',
    feePerPost: 140,
    samples: 90,
    posts: [0.24, 0.51, 0.8],
    reach: 0.35,
  },
];
