/**
 * Visitor journeys: a person arrives from some source, comes back over the following days or weeks
 * through other sources (later visits lean towards Direct, e-mail, organic and brand search), sees
 * the odd ad impression in between, browses, fills a cart, subscribes, asks for a quote, buys —
 * sometimes more than once, sometimes on another device.
 */
import { dayPosition, timeInDay, type Day } from './calendar.js';
import {
  B2B_PAGE,
  CATEGORIES,
  CONTENT,
  PRODUCTS,
  SOURCES,
  sourceByKey,
  type TrafficSource,
} from './catalog.js';
import { landingFor, type Landing } from './landing.js';
import { leadFor, purchase } from './outcomes.js';
import { promoLift, type Audience } from './plan.js';
import type { Rng } from './random.js';
import { newProfile, type PageEvent, type VisitorProfile } from './rows.js';
import { emit, link, type JourneyState, type Person, type World } from './world.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const IMPRESSION_SOURCES = {
  prospecting: ['meta_prosp', 'tiktok', 'meta_promo'],
  retargeting: ['meta_retarg', 'g_display', 'meta_promo'],
};
function pickSource(w: World, day: Day, audience: Audience, p: Person, st: JourneyState): TrafficSource {
  if (st.cartOpen && p.known && w.rng.chance(0.35)) return sourceByKey('email_flow');
  const weights = w.mix.weights(day)[audience].map((x, i) => {
    const s = SOURCES[i] as TrafficSource;
    if (s.key === 'linkedin') return p.b2b ? x * 12 : audience === 'first' ? x : x * 0.1;
    if (s.kind === 'email_newsletter' || s.kind === 'email_flow')
      return p.known ? x * (p.subscribed ? 1.6 : 0.6) : x * 0.25;
    return x;
  });
  return SOURCES[w.rng.weightedIndex(weights)] as TrafficSource;
}

function dayAt(w: World, ts: number): Day | null {
  const pos = dayPosition(w.days, ts);
  return pos < 0 ? null : (w.days[pos] as Day);
}

/** Simulate one journey from its first visit at `start` until the person stops coming back. */
export function runJourney(w: World, p: Person, start: number, audience: Audience): void {
  const { rng } = w;
  const st: JourneyState = {
    index: 0,
    cartOpen: false,
    newSubscriber: false,
    influencer: null,
    linkClick: null,
    contacts: new Map(),
    lastEnd: 0,
  };
  let t = start;
  for (;;) {
    const day = dayAt(w, t);
    if (!day) break;
    const aud: Audience = p.customerId ? 'customer' : st.index === 0 ? audience : 'returning';
    const source = pickSource(w, day, aud, p, st);
    if (st.index > 0 && p.profiles.length === 1 && rng.chance(0.1)) {
      p.profiles.push(
        newProfile(rng, { mobileShare: p.profiles[0]?.device === 'mobile' ? 0.1 : 0.9, country: p.country }),
      );
    }
    if (p.profiles.length > 1) p.current = rng.chance(0.7) ? p.current : 1 - p.current;
    if (rng.chance(st.index === 0 ? 0.06 : 0.1))
      impression(w, p, st, day, t, aud === 'first' ? 'prospecting' : 'retargeting');
    const bought = visit(w, p, st, day, source, t);
    st.index++;
    const stop = p.b2b ? 0.5 : bought ? 0.6 : 0.435;
    if (rng.chance(stop)) break;
    t = nextVisit(w, st.lastEnd);
  }
  p.activeUntil = Math.max(st.lastEnd, t);
}

/** When the next visit starts: minutes to three weeks later, on a day the weekly rhythm favours. */
function nextVisit(w: World, after: number): number {
  const { rng } = w;
  for (let attempt = 0; ; attempt++) {
    const r = rng.next();
    const lag =
      r < 0.22
        ? rng.logUniform(35 * MIN, 8 * HOUR)
        : r < 0.68
          ? rng.logUniform(8 * HOUR, 4 * DAY)
          : rng.logUniform(4 * DAY, 22 * DAY);
    let t = after + Math.round(lag);
    const day = dayAt(w, t);
    if (!day) return t;
    if (lag >= 8 * HOUR) t = Math.max(after + 35 * MIN, timeInDay(rng, day));
    const pull = w.mix.firstVisitPull(day) * (day.weekday === 0 || day.weekday === 6 ? 0.8 : 1.05);
    if (attempt >= 3 || rng.chance(Math.min(1, pull))) return t;
  }
}

function impression(
  w: World,
  p: Person,
  st: JourneyState,
  day: Day,
  before: number,
  kind: keyof typeof IMPRESSION_SOURCES,
): void {
  const { rng } = w;
  const ts = before - Math.round(rng.logUniform(3 * MIN, 20 * HOUR));
  if (ts <= st.lastEnd) return;
  const candidates = IMPRESSION_SOURCES[kind].map(sourceByKey);
  const mix = w.mix.weights(day)[kind === 'prospecting' ? 'first' : 'returning'];
  const weights = candidates.map((s) => mix[SOURCES.indexOf(s)] ?? 0);
  if (!weights.some((x) => x > 0)) return;
  const s = candidates[rng.weightedIndex(weights)] as TrafficSource;
  const landing = landingFor(
    rng,
    w.plan,
    day,
    s,
    { country: p.country, cartOpen: false, newSubscriber: false, customer: false },
    true,
  );
  emit(w, p, { ...landing.event, ts });
  if (landing.campaign && landing.adKey)
    st.contacts.set(landing.campaign.platform, {
      key: landing.adKey,
      ts,
      view: true,
      matched: rng.chance(0.5),
    });
}

const productOf = (path: string) => PRODUCTS.find((x) => x.path === path);

function browsePath(rng: Rng, p: Person, bikes: boolean): string {
  const r = rng.next();
  if (p.b2b && r < 0.3) return rng.pick([B2B_PAGE, '/zakelijk/offerte', '/fietsen/e-bikes']);
  if (r < 0.45) return rng.weighted(PRODUCTS, (x) => (x.bike === bikes ? 3 : 1)).path;
  if (r < 0.75) return rng.pick(CATEGORIES);
  if (r < 0.85) return rng.pick(CONTENT);
  return '/';
}

/** One visit: landing, browsing, maybe cart, lead or order. Returns whether it ended in a purchase. */
function visit(
  w: World,
  p: Person,
  st: JourneyState,
  day: Day,
  source: TrafficSource,
  start: number,
): boolean {
  const { rng, plan } = w;
  const landing: Landing = landingFor(rng, plan, day, source, {
    country: p.country,
    cartOpen: st.cartOpen,
    newSubscriber: st.newSubscriber,
    customer: p.customerId !== '',
  });
  const profile = p.profiles[p.current] as VisitorProfile;
  const loggedIn = p.customerId !== '' && rng.chance(0.45);
  const customerId = loggedIn ? p.customerId : '';
  if (loggedIn) link(w, p, start);
  const exp = plan.experiment;
  const inExperiment = day.index >= exp.start && day.index < exp.end;

  const bikes = /e-bike|fietsen|speed|pedelec|racefiets|mtb|stadsfiets/.test(landing.event.path);
  const deviceFactor = profile.device === 'mobile' ? 0.75 : profile.device === 'desktop' ? 1.3 : 1;
  const indexFactor = st.index === 0 ? 1 : st.index === 1 ? 1.05 : 1.1;
  let pBuy =
    source.cvr * p.intent * deviceFactor * indexFactor * promoLift(plan, day.index) * (p.b2b ? 0.15 : 1);
  if (p.purchases > 0) pBuy *= 0.35;
  if (inExperiment && p.variant === 'B') pBuy *= exp.lift;
  const buys = rng.chance(Math.min(0.6, pBuy));
  const lead =
    !buys &&
    (p.b2b
      ? !p.known && rng.chance(Math.max(source.leadRate, 0.025))
      : !p.subscribed && rng.chance(0.008 + source.leadRate));
  const cart = buys || rng.chance(Math.min(0.5, pBuy * 2.8 + 0.025));

  let t = start;
  let prev = emit(w, p, { ...landing.event, ts: t, customerId }).url;
  if (landing.campaign && landing.adKey) {
    w.sink.paidVisit(landing.adKey, t);
    st.contacts.set(landing.campaign.platform, { key: landing.adKey, ts: t, view: false, matched: true });
  }
  if (landing.influencer) st.influencer = { inf: landing.influencer, ts: t };
  if (landing.linkClick) st.linkClick = { id: landing.linkClick, ts: t };

  const bounce =
    !cart && !lead && rng.chance(source.kind === 'direct' || source.key === 'g_brand' ? 0.3 : 0.45);
  const pages: string[] = [];
  if (!bounce) {
    const n = Math.min(5, 1 + rng.poisson(1.4));
    for (let i = 0; i < n; i++) pages.push(browsePath(rng, p, bikes));
  }
  let product = productOf(landing.event.path);
  if (cart && !product && !pages.some((x) => productOf(x)))
    pages.push(rng.weighted(PRODUCTS, (x) => (x.bike === bikes ? 3 : 1)).path);
  if (lead && p.b2b) pages.push('/zakelijk/offerte');
  let exposed = inExperiment && product !== undefined;
  const step = (path: string, extra: Partial<PageEvent> = {}) => {
    t += Math.round(Math.min(8 * MIN, rng.lognormal(40_000, 0.8)));
    const row = emit(w, p, { type: 'pageview', ts: t, touch: 0, path, referrer: prev, customerId, ...extra });
    prev = row.url;
  };
  for (const path of pages) {
    const prod = productOf(path);
    if (prod) product = prod;
    if (inExperiment && prod && !exposed) {
      exposed = true;
      step(path, { experiment: exp.name, variant: p.variant });
    } else step(path);
  }
  if (cart && product) {
    t += Math.round(rng.uniform(5_000, 90_000));
    const props = JSON.stringify({
      sku: product.path.slice(3),
      price: product.price,
      quantity: 1,
      currency: 'EUR',
    });
    emit(w, p, {
      type: 'add_to_cart',
      ts: t,
      touch: 0,
      path: product.path,
      referrer: prev,
      customerId,
      name: 'add_to_cart',
      props,
    });
    st.cartOpen = true;
  }
  if (buys) {
    step('/winkelmand');
    step('/afrekenen');
    if (!p.customerId) p.customerId = w.nextCustomer();
    step('/bedankt', { customerId: p.customerId });
    purchase(w, p, st, day, t, bikes);
    st.cartOpen = false;
  } else if (lead) {
    t += Math.round(rng.uniform(10_000, 120_000));
    leadFor(w, p, st, t);
  }
  st.lastEnd = t;
  return buys;
}
