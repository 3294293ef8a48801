/**
 * The state a simulation shares: who the visitors are (devices, intent, whether the shop knows
 * their e-mail address), where rows go, and the helpers that write a touchpoint or an identity link.
 */
import type { IdentityRow, TouchpointRow } from '../../core/records.js';
import type { Day } from './calendar.js';
import type { Order } from './orders.js';
import type { Plan, SourceMix } from './plan.js';
import type { Influencer } from './partners.js';
import type { Rng } from './random.js';
import { newProfile, touchpointRow, type PageEvent, type VisitorProfile } from './rows.js';

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
  /** When the person's latest journey ends: a customer is not sent on a second journey meanwhile. */
  activeUntil: number;
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

/** A new visitor (or, with `customer`, one who bought before the window: known, often subscribed). */
export function newPerson(
  w: World,
  mobileShare: number,
  opts: { b2b?: boolean; customer?: boolean } = {},
): Person {
  const { rng } = w;
  const profile = newProfile(rng, {
    mobileShare,
    ...(opts.b2b ? { country: rng.chance(0.85) ? 'BE' : 'NL' } : {}),
  });
  const customer = opts.customer === true;
  return {
    profiles: [profile],
    current: 0,
    country: profile.country,
    intent: rng.lognormal(customer ? 0.95 : 0.58, 0.75),
    b2b: opts.b2b === true,
    customerId: customer ? w.nextCustomer() : '',
    emailSha256: rng.hex(64),
    known: customer,
    subscribed: customer && rng.chance(0.7),
    preexisting: customer,
    purchases: 0,
    linked: new Set(),
    variant: rng.chance(0.5) ? 'A' : 'B',
    activeUntil: 0,
  };
}

/** What a journey remembers between visits. */
export interface JourneyState {
  index: number;
  cartOpen: boolean;
  newSubscriber: boolean;
  influencer: { inf: Influencer; ts: number } | null;
  linkClick: { id: string; ts: number } | null;
  /** Latest ad contact per platform: what each platform will claim a conversion for. */
  contacts: Map<string, { key: string; ts: number; view: boolean; matched: boolean }>;
  lastEnd: number;
}

/** Write a page event of the person's current device as a classified touchpoint. */
export function emit(w: World, p: Person, e: PageEvent): TouchpointRow {
  const row = touchpointRow(w.workspaceId, w.siteHost, p.profiles[p.current] as VisitorProfile, e, w.rng);
  w.sink.touch(row);
  return row;
}

/** Link a visitor id of the person (their current device by default) to their customer id, once. */
export function link(w: World, p: Person, ts: number, visitorId?: string): void {
  const v = visitorId ?? (p.profiles[p.current] as VisitorProfile).visitorId;
  if (p.linked.has(v)) return;
  p.linked.add(v);
  w.sink.identity({ workspace_id: w.workspaceId, visitor_id: v, customer_id: p.customerId, ts });
}
