/**
 * The marketing calendar of the simulated window: weekly rhythm, a mild growth trend, the promotion
 * week, the weekly newsletter, influencer posts and an A/B test. Everything is a function of the
 * day index, so the same window always gets the same calendar.
 */
import { addDays, type Day } from './calendar.js';
import { SHOP_WEEKDAY, SOURCES, type TrafficSource } from './catalog.js';
import { INFLUENCERS, type Influencer } from './partners.js';

export interface Plan {
  days: number;
  /** First day of the promotion week and the day after it (indices from the window start). */
  promoStart: number;
  promoEnd: number;
  /** Influencer post days by partner. */
  posts: Map<string, number[]>;
  experiment: { name: string; start: number; end: number; lift: number };
}

export function makePlan(days: number): Plan {
  const promoStart = Math.round(days * 0.62);
  const posts = new Map<string, number[]>();
  for (const inf of INFLUENCERS)
    posts.set(
      inf.partner,
      inf.posts.map((f) => (f < 0 ? promoStart : Math.round(f * days))),
    );
  const expStart = Math.round(days * 0.3);
  return {
    days,
    promoStart,
    promoEnd: promoStart + 7,
    posts,
    experiment: { name: 'productpagina-reviews', start: expStart, end: expStart + 28, lift: 1.12 },
  };
}

export const inPromo = (plan: Plan, index: number): boolean =>
  index >= plan.promoStart && index < plan.promoEnd;

/** Traffic multiplier of the whole shop on a day: weekday rhythm × growth (+20% over the window) × promotion. */
export function shopVolume(plan: Plan, day: Day): number {
  const weekday = SHOP_WEEKDAY[day.weekday] ?? 1;
  const trend = 0.9 + (0.2 * day.index) / Math.max(1, plan.days - 1);
  return weekday * trend * (inPromo(plan, day.index) ? 1.3 : 1);
}

/** Conversion-rate multiplier on a day (the promotion's discount converts hesitant visitors). */
export const promoLift = (plan: Plan, index: number): number => (inPromo(plan, index) ? 1.35 : 1);

/** Days since the latest Thursday newsletter (0 on the send day). */
const sinceNewsletter = (day: Day): number => (day.weekday - 4 + 7) % 7;
const NEWSLETTER_DECAY = [3.2, 1.6, 0.9, 0.6, 0.45, 0.4, 0.4];

/** The newsletter a visit on `day` most likely came from, as its `utm_campaign` (dated by send day). */
export function newsletterCampaign(plan: Plan, day: Day): string {
  if (day.index >= plan.promoStart && day.index < plan.promoStart + 3) return 'fietsweek_aankondiging';
  return `nieuwsbrief_${addDays(day.date, -sinceNewsletter(day))}`;
}

/** A post's traffic halves every 1.2 days; before the post there is only the link in bio. */
export function postPull(plan: Plan, inf: Influencer, index: number): number {
  let pull = 0;
  for (const p of plan.posts.get(inf.partner) ?? []) if (index >= p) pull += Math.pow(0.5, (index - p) / 1.2);
  return pull;
}

/** Whether a source runs on a day (promotion-only campaigns, channels started mid-window). */
export function isActive(plan: Plan, s: TrafficSource, index: number): boolean {
  if (s.promoOnly && !(index >= plan.promoStart - 4 && index < plan.promoEnd)) return false;
  if (s.startsAt !== undefined && index < Math.round(s.startsAt * plan.days)) return false;
  return true;
}

/** Day-specific multiplier of a source's base weight. */
export function sourceFactor(plan: Plan, s: TrafficSource, day: Day): number {
  if (!isActive(plan, s, day.index)) return 0;
  let f = 1;
  if (s.weekday) f *= (s.weekday[day.weekday] ?? 1) / (SHOP_WEEKDAY[day.weekday] ?? 1);
  if (s.kind === 'email_newsletter') {
    f *= NEWSLETTER_DECAY[sinceNewsletter(day)] ?? 1;
    if (day.index >= plan.promoStart && day.index < plan.promoStart + 3) f *= 2.5;
  }
  if (s.influencer) f *= 1 + 28 * postPull(plan, s.influencer, day.index);
  if (s.promoOnly && day.index < plan.promoStart) f *= 0.5; // teaser days before the week starts
  return f;
}

export type Audience = 'first' | 'returning' | 'customer';

/** Source weights per audience for every day, computed once per day. */
export class SourceMix {
  private readonly cache = new Map<number, Record<Audience, number[]>>();

  constructor(private readonly plan: Plan) {}

  weights(day: Day): Record<Audience, number[]> {
    let w = this.cache.get(day.index);
    if (!w) {
      const f = SOURCES.map((s) => sourceFactor(this.plan, s, day));
      w = {
        first: SOURCES.map((s, i) => s.first * (f[i] ?? 0)),
        returning: SOURCES.map((s, i) => s.returning * (f[i] ?? 0)),
        customer: SOURCES.map((s, i) => s.customer * (f[i] ?? 0)),
      };
      this.cache.set(day.index, w);
      if (this.cache.size > 64) this.cache.delete(this.cache.keys().next().value as number);
    }
    return w;
  }

  /** Sum of first-visit weights relative to an ordinary day: extra arrivals from spikes. */
  firstVisitPull(day: Day): number {
    return this.weights(day).first.reduce((a, b) => a + b, 0) / BASE_FIRST;
  }
}

/** First-visit weight of the sources that always run (promotion-only and late-starting ones excluded). */
const BASE_FIRST = SOURCES.reduce((a, s) => a + (s.promoOnly || s.startsAt !== undefined ? 0 : s.first), 0);
