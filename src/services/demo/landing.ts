/**
 * How a visit from each source arrives: the landing path, the URL's tags and click ids, the
 * referrer the browser sends, and — for partner links — the tracking link and its click id.
 */
import type { Day } from './calendar.js';
import type { Ad, AdGroup, PaidCampaign } from './campaigns.js';
import {
  ORGANIC_SEARCH_REFERRERS,
  PROMO_PAGE,
  REFERRAL_SITES,
  SOCIAL_REFERRERS,
  type TrafficSource,
} from './catalog.js';
import { AFFILIATES, INFLUENCERS, type Influencer } from './partners.js';
import { inPromo, newsletterCampaign, type Plan } from './plan.js';
import type { Rng } from './random.js';
import { linkClickId, platformClickId, type PageEvent } from './rows.js';

export interface Landing {
  event: Omit<PageEvent, 'ts' | 'customerId'>;
  /** Cost-row key of the ad behind a paid visit (campaign id, ad group, ad). */
  adKey?: string;
  campaign?: PaidCampaign;
  influencer?: Influencer;
  /** Rendement click id minted by a tracking-link redirect. */
  linkClick?: string;
}

export const adKey = (c: PaidCampaign, g: AdGroup, a: Ad): string => `${c.id}\t${g.name}\t${a.name}`;

/** An ad's weight falls as its creative wears out over the window (ad fatigue). */
export const fatigueFactor = (ad: Ad, plan: Plan, index: number): number =>
  1 - (ad.fatigue ?? 0) * Math.min(1, Math.max(0, index / Math.max(1, plan.days - 1)));

const GOOGLE: Record<string, string> = {
  BE: 'www.google.be',
  NL: 'www.google.nl',
  FR: 'www.google.fr',
  LU: 'www.google.lu',
};
/** News sites where the display remarketing banners are shown. */
const PUBLISHERS = ['www.hln.be', 'www.nieuwsblad.be', 'www.demorgen.be', 'www.nu.nl', 'www.lesoir.be'];
const FLOW_CONTENT = ['hero', 'product-1', 'product-2', 'cta-knop', 'footer'];

function paidLanding(
  rng: Rng,
  plan: Plan,
  day: Day,
  s: TrafficSource,
  c: PaidCampaign,
  country: string,
  view: boolean,
): Landing {
  const group = rng.weighted(c.adGroups, (g) => g.weight);
  const ad = rng.weighted(group.ads, (a) => a.weight * fatigueFactor(a, plan, day.index));
  const utmSource = rng.pick(c.utmSources);
  const params: Record<string, string> = {
    utm_source: utmSource,
    utm_medium: c.utmMedium,
    utm_campaign: c.name.toLowerCase(),
    utm_content: ad.name.toLowerCase(),
  };
  if (group.term) params.utm_term = group.term;
  if (!view) params[c.clickParam] = platformClickId(rng, c.clickParam);
  let referrer = '';
  if (!view) {
    if (c.platform === 'google-ads' && c.utmMedium === 'cpc')
      referrer = `https://${GOOGLE[country] ?? 'www.google.be'}/`;
    else if (c.platform === 'google-ads') referrer = `https://${rng.pick(PUBLISHERS)}/`;
    else if (c.platform === 'microsoft') referrer = 'https://www.bing.com/';
    else if (c.platform === 'meta')
      referrer = rng.chance(0.5)
        ? ''
        : utmSource === 'instagram'
          ? 'https://l.instagram.com/'
          : 'https://l.facebook.com/';
    else if (c.platform === 'tiktok') referrer = rng.chance(0.7) ? '' : 'https://www.tiktok.com/';
    else referrer = 'https://www.linkedin.com/';
  }
  const path =
    s.promoOnly || (inPromo(plan, day.index) && rng.chance(0.3)) ? PROMO_PAGE : rng.pick(s.landing);
  return {
    event: { type: view ? 'impression' : 'pageview', touch: 1, path, params, referrer },
    adKey: adKey(c, group, ad),
    campaign: c,
  };
}

function flowCampaign(ctx: LandingContext): string {
  if (ctx.cartOpen) return 'verlaten-winkelmand';
  if (ctx.newSubscriber) return 'welkomstreeks';
  if (ctx.customer) return 'na-aankoop';
  return 'heractivatie';
}

export interface LandingContext {
  country: string;
  cartOpen: boolean;
  newSubscriber: boolean;
  customer: boolean;
}

/** The landing event of a visit from `s` (or, with `view`, the ad impression of a paid campaign). */
export function landingFor(
  rng: Rng,
  plan: Plan,
  day: Day,
  s: TrafficSource,
  ctx: LandingContext,
  view = false,
): Landing {
  if (s.campaign) return paidLanding(rng, plan, day, s, s.campaign, ctx.country, view);
  const pv = (path: string, referrer: string, params?: Record<string, string>): Landing => ({
    event: { type: 'pageview', touch: 1, path, referrer, ...(params ? { params } : {}) },
  });
  const webmail = (): string =>
    rng.chance(0.7) ? '' : rng.pick(['https://mail.google.com/', 'https://outlook.live.com/']);
  switch (s.kind) {
    case 'email_newsletter': {
      const campaign = newsletterCampaign(plan, day);
      const path = campaign.startsWith('fietsweek') ? PROMO_PAGE : rng.pick(s.landing);
      return pv(path, webmail(), {
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: campaign,
        utm_content: rng.pick(FLOW_CONTENT),
      });
    }
    case 'email_flow': {
      const campaign = flowCampaign(ctx);
      const path = campaign === 'verlaten-winkelmand' ? '/winkelmand' : rng.pick(s.landing);
      return pv(path, webmail(), { utm_source: 'automation', utm_medium: 'email', utm_campaign: campaign });
    }
    case 'affiliate': {
      const a = s.affiliate ?? (AFFILIATES[0] as NonNullable<TrafficSource['affiliate']>);
      const click = linkClickId(rng);
      const referrer = `https://${a.site}/${rng.pick(['', 'vergelijk/e-bikes', 'beste-deals', 'gids/stadsfiets-kiezen'])}`;
      const params = {
        utm_source: a.partner,
        utm_medium: 'affiliate',
        utm_campaign: a.campaign,
        rdm_click: click,
      };
      return {
        event: {
          type: 'pageview',
          touch: 1,
          path: rng.pick(s.landing),
          params,
          referrer,
          clickId: click,
          linkSlug: a.slug,
          partner: a.partner,
        },
        linkClick: click,
      };
    }
    case 'influencer': {
      const inf = s.influencer ?? (INFLUENCERS[0] as Influencer);
      const click = linkClickId(rng);
      const referrer =
        inf.utmSource === 'youtube'
          ? 'https://www.youtube.com/'
          : inf.utmSource === 'instagram' && rng.chance(0.5)
            ? 'https://l.instagram.com/'
            : '';
      const params = {
        utm_source: inf.utmSource,
        utm_medium: 'influencer',
        utm_campaign: inf.campaign,
        utm_content: inf.handle,
        rdm_click: click,
      };
      const event = {
        type: 'pageview' as const,
        touch: 1 as const,
        path: rng.pick(s.landing),
        params,
        referrer,
        clickId: click,
        linkSlug: inf.slug,
        partner: inf.partner,
      };
      return { event, influencer: inf, linkClick: click };
    }
    case 'organic_search': {
      const engines = ORGANIC_SEARCH_REFERRERS[ctx.country] ?? ORGANIC_SEARCH_REFERRERS.BE ?? [];
      return pv(rng.pick(s.landing), `https://${rng.weighted(engines, (e) => e[1])[0]}/`);
    }
    case 'organic_social': {
      const r = rng.next();
      if (r < 0.25)
        return pv('/', 'https://l.instagram.com/', {
          utm_source: 'instagram',
          utm_medium: 'social',
          utm_campaign: 'linkinbio',
        });
      if (r < 0.45)
        return pv(rng.pick(s.landing), 'https://l.facebook.com/', { fbclid: platformClickId(rng, 'fbclid') });
      return pv(rng.pick(s.landing), `https://${rng.pick(SOCIAL_REFERRERS)}/`);
    }
    case 'referral': {
      const site = rng.pick(REFERRAL_SITES);
      return pv(
        rng.pick(s.landing),
        `https://${site}/${rng.pick(['', 'artikel/fietsen-test-2026', 'forum/topic/e-bike-advies', 'reviews/fietsen-co'])}`,
      );
    }
    default:
      return pv(rng.pick(s.landing), '');
  }
}
