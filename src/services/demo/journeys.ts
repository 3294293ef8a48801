/**
 * Visitor journeys: a person arrives from some source, comes back over the following days or weeks
 * through other sources (later visits lean towards Direct, e-mail, organic and brand search), sees
 * the odd ad impression in between, browses, fills a cart, subscribes, asks for a quote, buys —
 * sometimes more than once, sometimes on another device.
 */
import type { IdentityRow, TouchpointRow } from '../../core/records.js';
import { dayPosition, timeInDay, type Day } from './calendar.js';
import { CATEGORIES, CONTENT, PRODUCTS, PROMO_CODE, B2B_PAGE, SOURCES, WELCOME_CODE, INFLUENCERS, sourceByKey, type Influencer, type TrafficSource } from './catalog.js';
import { landingFor, type Landing } from './landing.js';
import { makeLead, makePurchase, type Order } from './orders.js';
import { inPromo, postPull, promoLift, type Audience, type Plan, type SourceMix } from './plan.js';
import type { Rng } from './random.js';
import { newProfile, touchpointRow, type PageEvent, type VisitorProfile } from './rows.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface Person {
  profiles: VisitorProfile[];
  current: number;
  country: string;
  /** Purchase propensity relative to the average visitor (log-normal). */
  intent: number;
  b2b: boolean;
  customerId: string;
  emailSha256: string;
  /** The shop knows the e-mail address (subscriber, lead or customer): e-mail can bring them back. */
  known: boolean;
  subscribed: boolean;
  preexisting: boolean;
  purchases: number;
  /** Visitor ids already linked to the customer id (an identity row was written). */
  linked: Set<string>;
  variant: 'A' | 'B';
}

export interface Sink {
  touch(row: TouchpointRow): void;
  order(o: Order): void;
  identity(row: IdentityRow): void;
  /** A tracked visit from a paid ad (cost rows derive platform clicks from these). */
  paidVisit(adKey: string, ts: number): void;
}

export interface World {
  workspaceId: string;
  siteHost: string;
  rng: Rng;
  days: readonly Day[];
  plan: Plan;
  mix: SourceMix;
  sink: Sink;
  /** Known customers who may come back (pre-existing ones and those won in the window). */
  customers: Person[];
  nextCustomer: () => string;
}

export function newPerson(w: World, mobileShare: number, opts: { b2b?: boolean; customer?: boolean } = {}): Person {
  const { rng } = w;
  const profile = newProfile(rng, { mobileShare, ...(opts.b2b ? { country: rng.chance(0.85) ? 'BE' : 'NL' } : {}) });
  const customer = opts.customer === true;
  return {
    profiles: [profile],
    current: 0,
    country: profile.country,
    intent: rng.lognormal(customer ? 1.25 : 0.8, 0.75),
    b2b: opts.b2b === true,
    customerId: customer ? w.nextCustomer() : '',
    emailSha256: rng.hex(64),
    known: customer,
    subscribed: customer && rng.chance(0.7),
    preexisting: customer,
    purchases: 0,
    linked: new Set(),
    variant: rng.chance(0.5) ? 'A' : 'B',
  };
}

interface JourneyState {
  index: number;
  cartOpen: boolean;
  newSubscriber: boolean;
  influencer: { inf: Influencer; ts: number } | null;
  linkClick: { id: string; ts: number } | null;
  /** Latest ad contact per platform: what each platform will claim a conversion for. */
  contacts: Map<string, { key: string; ts: number; view: boolean }>;
  lastEnd: number;
}

const IMPRESSION_SOURCES = { prospecting: ['meta_prosp', 'tiktok', 'meta_promo'], retargeting: ['meta_retarg', 'g_display', 'meta_promo'] };
const CLICK_WINDOW: Record<string, number> = { 'google-ads': 30, microsoft: 30, meta: 7, tiktok: 7, linkedin: 30 };

function pickSource(w: World, day: Day, audience: Audience, p: Person, st: JourneyState): TrafficSource {
  if (st.cartOpen && p.known && w.rng.chance(0.35)) return sourceByKey('email_flow');
  const weights = w.mix.weights(day)[audience].map((x, i) => {
    const s = SOURCES[i] as TrafficSource;
    if (s.key === 'linkedin') return p.b2b ? x * 12 : audience === 'first' ? x : x * 0.1;
    if (s.kind === 'email_newsletter' || s.kind === 'email_flow') return p.known ? x * (p.subscribed ? 1.6 : 0.6) : x * 0.25;
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
  const st: JourneyState = { index: 0, cartOpen: false, newSubscriber: false, influencer: null, linkClick: null, contacts: new Map(), lastEnd: 0 };
  let t = start;
  for (;;) {
    const day = dayAt(w, t);
    if (!day) return;
    const aud: Audience = p.customerId ? 'customer' : st.index === 0 ? audience : 'returning';
    const source = pickSource(w, day, aud, p, st);
    if (st.index > 0 && p.profiles.length === 1 && rng.chance(0.1)) {
      p.profiles.push(newProfile(rng, { mobileShare: p.profiles[0]?.device === 'mobile' ? 0.1 : 0.9, country: p.country }));
    }
    if (p.profiles.length > 1) p.current = rng.chance(0.7) ? p.current : 1 - p.current;
    if (rng.chance(st.index === 0 ? 0.09 : 0.13)) impression(w, p, st, day, t, aud === 'first' ? 'prospecting' : 'retargeting');
    const bought = visit(w, p, st, day, source, t);
    st.index++;
    const stop = p.b2b ? 0.5 : bought ? 0.6 : 0.435;
    if (rng.chance(stop)) return;
    t = nextVisit(w, st.lastEnd);
  }
}

/** When the next visit starts: minutes to three weeks later, on a day the weekly rhythm favours. */
function nextVisit(w: World, after: number): number {
  const { rng } = w;
  for (let attempt = 0; ; attempt++) {
    const r = rng.next();
    const lag = r < 0.22 ? rng.logUniform(35 * MIN, 8 * HOUR) : r < 0.68 ? rng.logUniform(8 * HOUR, 4 * DAY) : rng.logUniform(4 * DAY, 22 * DAY);
    let t = after + Math.round(lag);
    const day = dayAt(w, t);
    if (!day) return t;
    if (lag >= 8 * HOUR) t = Math.max(after + 35 * MIN, timeInDay(rng, day));
    const pull = w.mix.firstVisitPull(day) * (day.weekday === 0 || day.weekday === 6 ? 0.8 : 1.05);
    if (attempt >= 3 || rng.chance(Math.min(1, pull))) return t;
  }
}

function impression(w: World, p: Person, st: JourneyState, day: Day, before: number, kind: keyof typeof IMPRESSION_SOURCES): void {
  const { rng } = w;
  const ts = before - Math.round(rng.logUniform(3 * MIN, 20 * HOUR));
  if (ts <= st.lastEnd) return;
  const candidates = IMPRESSION_SOURCES[kind].map(sourceByKey);
  const mix = w.mix.weights(day)[kind === 'prospecting' ? 'first' : 'returning'];
  const weights = candidates.map((s) => mix[SOURCES.indexOf(s)] ?? 0);
  if (!weights.some((x) => x > 0)) return;
  const s = candidates[rng.weightedIndex(weights)] as TrafficSource;
  const landing = landingFor(rng, w.plan, day, s, { country: p.country, cartOpen: false, newSubscriber: false, customer: false }, true);
  emit(w, p, { ...landing.event, ts });
  if (landing.campaign && landing.adKey) st.contacts.set(landing.campaign.platform, { key: landing.adKey, ts, view: true });
}

function emit(w: World, p: Person, e: PageEvent): TouchpointRow {
  const row = touchpointRow(w.workspaceId, w.siteHost, p.profiles[p.current] as VisitorProfile, e, w.rng);
  w.sink.touch(row);
  return row;
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
function visit(w: World, p: Person, st: JourneyState, day: Day, source: TrafficSource, start: number): boolean {
  const { rng, plan } = w;
  const landing: Landing = landingFor(rng, plan, day, source, { country: p.country, cartOpen: st.cartOpen, newSubscriber: st.newSubscriber, customer: p.customerId !== '' });
  const profile = p.profiles[p.current] as VisitorProfile;
  const loggedIn = p.customerId !== '' && rng.chance(0.45);
  const customerId = loggedIn ? p.customerId : '';
  if (loggedIn) link(w, p, start);
  const exp = plan.experiment;
  const inExperiment = day.index >= exp.start && day.index < exp.end;

  const bikes = /e-bike|fietsen|speed|pedelec|racefiets|mtb|stadsfiets/.test(landing.event.path);
  const deviceFactor = profile.device === 'mobile' ? 0.75 : profile.device === 'desktop' ? 1.3 : 1;
  const indexFactor = st.index === 0 ? 0.7 : st.index === 1 ? 1.15 : 1.35;
  let pBuy = source.cvr * p.intent * deviceFactor * indexFactor * promoLift(plan, day.index) * (p.b2b ? 0.15 : 1);
  if (p.purchases > 0) pBuy *= 0.35;
  if (inExperiment && p.variant === 'B') pBuy *= exp.lift;
  const buys = rng.chance(Math.min(0.6, pBuy));
  const lead = !buys && (p.b2b ? !p.known && rng.chance(Math.max(source.leadRate, 0.025)) : !p.subscribed && rng.chance(0.008 + source.leadRate));
  const cart = buys || rng.chance(Math.min(0.5, pBuy * 2.8 + 0.025));

  let t = start;
  let prev = emit(w, p, { ...landing.event, ts: t, customerId }).url;
  if (landing.campaign && landing.adKey) {
    w.sink.paidVisit(landing.adKey, t);
    st.contacts.set(landing.campaign.platform, { key: landing.adKey, ts: t, view: false });
  }
  if (landing.influencer) st.influencer = { inf: landing.influencer, ts: t };
  if (landing.linkClick) st.linkClick = { id: landing.linkClick, ts: t };

  const bounce = !cart && !lead && rng.chance(source.kind === 'direct' || source.key === 'g_brand' ? 0.3 : 0.45);
  const pages: string[] = [];
  if (!bounce) {
    const n = Math.min(5, 1 + rng.poisson(1.4));
    for (let i = 0; i < n; i++) pages.push(browsePath(rng, p, bikes));
  }
  let product = productOf(landing.event.path);
  if (cart && !product && !pages.some((x) => productOf(x))) pages.push(rng.weighted(PRODUCTS, (x) => (x.bike === bikes ? 3 : 1)).path);
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
    const props = JSON.stringify({ sku: product.path.slice(3), price: product.price, quantity: 1, currency: 'EUR' });
    emit(w, p, { type: 'add_to_cart', ts: t, touch: 0, path: product.path, referrer: prev, customerId, name: 'add_to_cart', props });
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

function link(w: World, p: Person, ts: number): void {
  const v = (p.profiles[p.current] as VisitorProfile).visitorId;
  if (p.linked.has(v)) return;
  p.linked.add(v);
  w.sink.identity({ workspace_id: w.workspaceId, visitor_id: v, customer_id: p.customerId, ts });
}

function claims(st: JourneyState, ts: number): string[] {
  const out: string[] = [];
  for (const [platform, c] of st.contacts) {
    const windowDays = c.view ? 1 : (CLICK_WINDOW[platform] ?? 7);
    if (ts - c.ts <= windowDays * DAY) out.push(c.key);
  }
  return out;
}

function discountCode(w: World, p: Person, st: JourneyState, day: Day, ts: number): { code: string; rate: number } | null {
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

function purchase(w: World, p: Person, st: JourneyState, day: Day, ts: number, bikes: boolean): void {
  const { rng } = w;
  p.known = true;
  for (let i = 0; i < p.profiles.length; i++) {
    const keep = p.current;
    p.current = i;
    if (i === keep || rng.chance(0.6)) link(w, p, ts);
    p.current = keep;
  }
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

function leadFor(w: World, p: Person, st: JourneyState, ts: number): void {
  p.known = true;
  if (!p.b2b) {
    p.subscribed = true;
    st.newSubscriber = true;
  }
  const v = (p.profiles[p.current] as VisitorProfile).visitorId;
  const clickId = st.linkClick && ts - st.linkClick.ts < 30 * DAY ? st.linkClick.id : '';
  w.sink.order(makeLead(w.rng, { ts, b2b: p.b2b, visitorId: v, customerId: p.customerId, emailSha256: p.emailSha256, clickId, claims: claims(st, ts) }));
}
