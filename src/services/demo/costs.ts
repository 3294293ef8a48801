/**
 * Cost lines per local day: media spend per platform/campaign/ad group/ad, derived from the tracked
 * paid visits of that day (platform clicks ≥ tracked visits; CTR, CPC and CPM in each platform's
 * usual range; platform-reported conversions generous, as platforms are), plus the costs besides
 * media — influencer fees, product samples and their shipping, a creative shoot, the agency's
 * monthly fee and the e-mail platform's subscription, spread over the days of the month.
 */
import { classifyChannel } from '../../core/channels.js';
import type { CostRow, CostType } from '../../core/records.js';
import type { Day } from './calendar.js';
import type { PaidCampaign } from './campaigns.js';
import { SOURCES } from './catalog.js';
import { adKey, fatigueFactor } from './landing.js';
import { INFLUENCERS } from './partners.js';
import { isActive, type Plan } from './plan.js';
import type { Rng } from './random.js';

/** What the day's tracked traffic and conversions tell the cost model, keyed by `adKey`. */
export interface DayTally {
  visits: Map<string, number>;
  claims: Map<string, { n: number; value: number }>;
}

export const emptyTally = (): DayTally => ({ visits: new Map(), claims: new Map() });

interface CostContext {
  workspaceId: string;
  siteHost: string;
  plan: Plan;
  rng: Rng;
}

const AGENCY_FEE_PER_MONTH = 1850;
const EMAIL_TOOL_PER_MONTH = 149;

const classified = new Map<string, { channel: string; source: string; medium: string }>();
function channelOf(c: PaidCampaign, siteHost: string): { channel: string; source: string; medium: string } {
  let hit = classified.get(c.id);
  if (!hit) {
    hit = classifyChannel({
      type: 'pageview',
      utm_source: c.utmSources[0] ?? '',
      utm_medium: c.utmMedium,
      utm_campaign: c.name.toLowerCase(),
      click_ids: { [c.clickParam]: 'x' },
      referrer_host: '',
      site_host: siteHost,
      partner: '',
      link_slug: '',
    });
    classified.set(c.id, hit);
  }
  return hit;
}

const blank = (ctx: CostContext, date: string, costType: CostType): CostRow => ({
  workspace_id: ctx.workspaceId,
  date,
  cost_type: costType,
  platform: '',
  account_id: '',
  channel: '',
  source: '',
  medium: '',
  campaign: '',
  campaign_id: '',
  ad_group: '',
  ad: '',
  partner: '',
  amount: '0.00',
  currency: 'EUR',
  impressions: 0,
  clicks: 0,
  platform_conversions: 0,
  platform_conversion_value: '0.00',
  import_id: 'demo',
  description: '',
});

/** Media cost rows of one day: one per ad of every campaign running that day. */
export function mediaCosts(ctx: CostContext, day: Day, tally: DayTally): CostRow[] {
  const { rng, plan } = ctx;
  const rows: CostRow[] = [];
  for (const s of SOURCES) {
    const c = s.campaign;
    if (!c || !isActive(plan, s, day.index)) continue;
    const cls = channelOf(c, ctx.siteHost);
    const cpx = rng.uniform(c.pricing.min, c.pricing.max); // the day's auction price for the campaign
    for (const g of c.adGroups) {
      for (const a of g.ads) {
        const key = adKey(c, g, a);
        const tracked = tally.visits.get(key) ?? 0;
        const clicks =
          tracked > 0
            ? Math.max(tracked, Math.round((tracked / c.trackRate) * rng.uniform(0.96, 1.08)))
            : rng.poisson(0.4);
        const ctr = c.ctr * fatigueFactor(a, plan, day.index) * rng.lognormal(1, 0.12);
        const impressions =
          clicks > 0 ? Math.max(clicks, Math.round(clicks / ctr)) : Math.round(rng.uniform(0.3, 1.2) / ctr);
        const price = cpx * rng.lognormal(1, 0.06);
        const amount = c.pricing.model === 'cpc' ? clicks * price : (impressions * price) / 1000;
        const claim = tally.claims.get(key);
        const conversions = claim ? claim.n + rng.poisson(claim.n * (c.platformFactor - 1)) : 0;
        const value = claim && claim.n > 0 ? (claim.value * conversions) / claim.n : 0;
        rows.push({
          ...blank(ctx, day.date, 'media'),
          platform: c.platform,
          account_id: c.accountId,
          channel: cls.channel,
          source: cls.source,
          medium: cls.medium,
          campaign: c.name,
          campaign_id: c.id,
          ad_group: g.name,
          ad: a.name,
          amount: amount.toFixed(2),
          impressions,
          clicks,
          platform_conversions: conversions,
          platform_conversion_value: value.toFixed(2),
        });
      }
    }
  }
  return rows;
}

function daysInMonth(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Costs besides media on one day: fees spread over the month, influencer costs on their dates. */
export function otherCosts(ctx: CostContext, day: Day): CostRow[] {
  const rows: CostRow[] = [];
  const dim = daysInMonth(day.date);
  rows.push({
    ...blank(ctx, day.date, 'agency_fee'),
    amount: (AGENCY_FEE_PER_MONTH / dim).toFixed(2),
    description: `Performancebureau, maandfee €${AGENCY_FEE_PER_MONTH} gespreid over ${dim} dagen`,
  });
  rows.push({
    ...blank(ctx, day.date, 'tool_subscription'),
    channel: 'Email',
    medium: 'email',
    amount: (EMAIL_TOOL_PER_MONTH / dim).toFixed(2),
    description: `E-mailplatform, abonnement €${EMAIL_TOOL_PER_MONTH}/maand`,
  });
  for (const inf of INFLUENCERS) {
    const posts = ctx.plan.posts.get(inf.partner) ?? [];
    const first = Math.min(...posts);
    const base = {
      ...blank(ctx, day.date, 'influencer_fee'),
      channel: 'Influencer',
      source: inf.utmSource,
      medium: 'influencer',
      campaign: inf.campaign,
      partner: inf.partner,
    };
    if (posts.includes(day.index)) {
      rows.push({ ...base, amount: inf.feePerPost.toFixed(2), description: `Post @${inf.handle}` });
    }
    if (day.index === first - 5) {
      rows.push({
        ...base,
        cost_type: 'product_samples',
        amount: inf.samples.toFixed(2),
        description: `Productstalen voor @${inf.handle} (kostprijs)`,
      });
      rows.push({
        ...base,
        cost_type: 'shipping',
        amount: (inf.samples > 500 ? 39 : 8.95).toFixed(2),
        description: `Verzending stalen naar @${inf.handle}`,
      });
    }
  }
  if (day.index === ctx.plan.promoStart - 10) {
    rows.push({
      ...blank(ctx, day.date, 'production'),
      channel: 'Paid Social',
      source: 'facebook',
      medium: 'paid_social',
      campaign: 'Meta_Promo_Fietsweek',
      amount: '1250.00',
      description: 'Fotoshoot en video voor de Fietsweek',
    });
  }
  return rows;
}
