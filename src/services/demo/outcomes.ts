/**
 * What a visit ends in: an order (with the discount code, tracking-link click id and platform
 * claims it carries) or a lead (newsletter subscription, B2B quote request).
 */
import type { Day } from './calendar.js';
import { PROMO_CODE, WELCOME_CODE } from './catalog.js';
import { makeLead, makePurchase } from './orders.js';
import { INFLUENCERS, type Influencer } from './partners.js';
import { inPromo, postPull } from './plan.js';
import type { VisitorProfile } from './rows.js';
import { link, type JourneyState, type Person, type World } from './world.js';

const DAY = 86_400_000;

/** Click-through attribution windows (days) each platform reports with by default. */
const CLICK_WINDOW: Record<string, number> = {
  'google-ads': 30,
  microsoft: 30,
  meta: 7,
  tiktok: 7,
  linkedin: 30,
};

/** Ad keys whose platform will count a conversion at `ts`: last click within its window, or a matched view within a day. */
function claims(st: JourneyState, ts: number): string[] {
  const out: string[] = [];
  for (const [platform, c] of st.contacts) {
    const windowDays = c.view ? 1 : (CLICK_WINDOW[platform] ?? 7);
    // Platforms see a view only when they can match the viewer to the buyer (about half the time).
    if (c.matched && ts - c.ts <= windowDays * DAY) out.push(c.key);
  }
  return out;
}

/** The code an order uses: the influencer's it came through, the promotion's, the welcome code, or a code that travelled. */
function discountCode(
  w: World,
  p: Person,
  st: JourneyState,
  day: Day,
  ts: number,
): { code: string; rate: number } | null {
  const { rng, plan } = w;
  if (st.influencer && ts - st.influencer.ts < 14 * DAY && rng.chance(0.75)) {
    const code = st.influencer.inf.code;
    return { code, rate: code.endsWith('15') ? 0.15 : 0.1 };
  }
  if (inPromo(plan, day.index) && rng.chance(0.55)) return { code: PROMO_CODE, rate: 0.15 };
  if (st.newSubscriber && p.purchases === 0 && rng.chance(0.4)) return { code: WELCOME_CODE, rate: 0.1 };
  // Codes travel beyond the link: someone saw the story and typed the shop's address.
  const pulls = INFLUENCERS.map((inf) => postPull(plan, inf, day.index) * inf.reach);
  if (pulls.some((x) => x > 0.05) && rng.chance(0.03)) {
    const inf = INFLUENCERS[rng.weightedIndex(pulls)] as Influencer;
    return { code: inf.code, rate: inf.code.endsWith('15') ? 0.15 : 0.1 };
  }
  return null;
}

/** Place an order for the person at the end of a visit (customer id set by the caller). */
export function purchase(w: World, p: Person, st: JourneyState, day: Day, ts: number, bikes: boolean): void {
  const { rng } = w;
  p.known = true;
  // Checkout links the buying device; the other device when the customer also logs in there.
  p.profiles.forEach((profile, i) => {
    if (i === p.current || rng.chance(0.6)) link(w, p, ts, profile.visitorId);
  });
  const order = makePurchase(rng, {
    ts,
    country: p.country,
    visitorId: (p.profiles[p.current] as VisitorProfile).visitorId,
    customerId: p.customerId,
    emailSha256: p.emailSha256,
    newCustomer: p.preexisting || p.purchases > 0 ? 0 : 1,
    clickId: st.linkClick && ts - st.linkClick.ts < 30 * DAY ? st.linkClick.id : '',
    code: discountCode(w, p, st, day, ts),
    bikeAffinity: bikes ? 2.4 : 0.6,
    claims: claims(st, ts),
  });
  if (p.purchases === 0 && !p.preexisting) w.customers.push(p);
  p.purchases++;
  w.sink.order(order);
}

/** A newsletter subscription, or a quote request from a B2B visitor. */
export function leadFor(w: World, p: Person, st: JourneyState, ts: number): void {
  p.known = true;
  if (!p.b2b) {
    p.subscribed = true;
    st.newSubscriber = true;
  }
  const v = (p.profiles[p.current] as VisitorProfile).visitorId;
  const clickId = st.linkClick && ts - st.linkClick.ts < 30 * DAY ? st.linkClick.id : '';
  w.sink.order(
    makeLead(w.rng, {
      ts,
      b2b: p.b2b,
      visitorId: v,
      customerId: p.customerId,
      emailSha256: p.emailSha256,
      clickId,
      claims: claims(st, ts),
    }),
  );
}
