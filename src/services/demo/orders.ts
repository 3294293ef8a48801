/**
 * Orders and leads: basket values (mostly accessories, a tail of bikes above €1,000), VAT by
 * country, shipping, discount codes, margin, and what happens afterwards — payment pending, orders
 * cancelled, refunds in full or in part — as versioned conversion rows with their change history.
 */
import { toDecimalString } from '../../core/money.js';
import type { ConversionChangeRow, ConversionRow, ConversionStatus } from '../../core/records.js';
import { PRODUCTS } from './catalog.js';
import type { Rng } from './random.js';

const VAT: Record<string, number> = { BE: 0.21, NL: 0.21, FR: 0.2, LU: 0.17 };
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface OrderUpdate {
  ts: number;
  status: ConversionStatus;
  refundedValue: number;
}

export interface Order {
  /** Assigned when the order's day is written, so that order numbers rise with time. */
  id: string;
  type: 'purchase' | 'lead';
  name: string;
  ts: number;
  receivedAt: number;
  status: ConversionStatus;
  value: number;
  tax: number;
  shipping: number;
  discount: number;
  margin: number | null;
  visitorId: string;
  customerId: string;
  emailSha256: string;
  clickId: string;
  discountCode: string;
  newCustomer: 0 | 1 | null;
  /** Later status changes (payment received, cancellation, refund), in time order. */
  updates: OrderUpdate[];
  /** Ad keys whose platform claims this conversion (each platform counts it on its own). */
  claims: string[];
}

export interface PurchaseInput {
  ts: number;
  country: string;
  visitorId: string;
  customerId: string;
  emailSha256: string;
  newCustomer: 0 | 1;
  clickId: string;
  code: { code: string; rate: number } | null;
  /** >1 when the visit came for bikes (e-bike campaigns), <1 for accessories. */
  bikeAffinity: number;
  claims: string[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const BIKES = PRODUCTS.filter((p) => p.bike);

/** A purchase with its basket, taxes and fate (most complete; some pending, cancelled or refunded later). */
export function makePurchase(rng: Rng, p: PurchaseInput): Order {
  const bike = rng.chance(Math.min(0.5, 0.045 * p.bikeAffinity));
  let gross = 0;
  let bikeGross = 0;
  if (bike) {
    const b = rng.weighted(BIKES, (x) => (x.price > 2000 ? 3 : x.price > 1000 ? 2 : 1.5));
    bikeGross = b.price * rng.pick([1, 1, 1, 1, 0.9, 0.95]); // occasional in-store-matched price
    gross += bikeGross;
    if (rng.chance(0.55)) gross += rng.lognormal(70, 0.5);
  } else {
    gross += Math.max(9.95, rng.lognormal(98, 0.58));
  }
  const vat = VAT[p.country] ?? 0.21;
  const discountGross = p.code ? gross * p.code.rate : 0;
  const value = round2((gross - discountGross) / (1 + vat));
  const bikeShare = bikeGross / gross;
  const margin = Math.min(
    0.45,
    Math.max(0.25, bikeShare * rng.uniform(0.25, 0.3) + (1 - bikeShare) * rng.uniform(0.38, 0.45)),
  );
  const order: Order = {
    id: '',
    type: 'purchase',
    name: '',
    ts: p.ts,
    receivedAt: p.ts + rng.int(300, 4000),
    status: 'completed',
    value,
    tax: round2(value * vat),
    shipping: gross - discountGross >= 50 ? 0 : 4.95,
    discount: round2(discountGross / (1 + vat)),
    margin: Math.round(margin * 1000) / 1000,
    visitorId: p.visitorId,
    customerId: p.customerId,
    emailSha256: p.emailSha256,
    clickId: p.clickId,
    discountCode: p.code?.code ?? '',
    newCustomer: p.newCustomer,
    updates: [],
    claims: p.claims,
  };
  const fate = rng.next();
  if (fate < 0.03) {
    // Bank transfer: pending until paid; one in six is never paid.
    order.status = 'pending';
    const paid = rng.chance(0.84);
    order.updates.push({
      ts: p.ts + Math.round(rng.uniform(4 * HOUR, 3 * DAY)),
      status: paid ? 'completed' : 'cancelled',
      refundedValue: 0,
    });
  } else if (fate < 0.042) {
    order.updates.push({
      ts: p.ts + Math.round(rng.uniform(HOUR, 30 * HOUR)),
      status: 'cancelled',
      refundedValue: 0,
    });
  }
  const paidInFull = order.updates.every((u) => u.status === 'completed');
  if (paidInFull && rng.chance(bike ? 0.065 : 0.045)) {
    const after =
      Math.max(p.ts, order.updates[0]?.ts ?? p.ts) + Math.round(rng.logUniform(2 * DAY, 28 * DAY));
    const refunded = rng.chance(0.65) ? value : round2(value * rng.uniform(0.15, 0.6));
    order.updates.push({ ts: after, status: 'refunded', refundedValue: refunded });
  }
  return order;
}

export function makeLead(
  rng: Rng,
  p: {
    ts: number;
    b2b: boolean;
    visitorId: string;
    customerId: string;
    emailSha256: string;
    clickId: string;
    claims: string[];
  },
): Order {
  return {
    id: '',
    type: 'lead',
    name: p.b2b ? 'offerte_bedrijfsfietsen' : 'nieuwsbrief',
    ts: p.ts,
    receivedAt: p.ts + rng.int(200, 2500),
    status: 'completed',
    value: 0,
    tax: 0,
    shipping: 0,
    discount: 0,
    margin: null,
    visitorId: p.visitorId,
    customerId: p.customerId,
    emailSha256: p.emailSha256,
    clickId: p.clickId,
    discountCode: '',
    newCustomer: null,
    updates: [],
    claims: p.claims,
  };
}

const money = (x: number): string => toDecimalString(round2(x)) ?? '0';

/** A 64-bit FNV-1a hash of the business fields (hex): equal bodies ⇒ equal hashes, for idempotency. */
export function bodyHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193 + 0x2000);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

function row(
  workspaceId: string,
  o: Order,
  status: ConversionStatus,
  refundedValue: number,
  receivedAt: number,
): ConversionRow {
  const base: Omit<ConversionRow, 'body_hash' | 'version' | 'received_at'> = {
    workspace_id: workspaceId,
    conversion_id: o.id,
    type: o.type,
    status,
    ts: o.ts,
    ts_flag: 'ok',
    value: money(o.value),
    refunded_value: money(refundedValue),
    tax: money(o.tax),
    shipping: money(o.shipping),
    discount: money(o.discount),
    currency: 'EUR',
    margin: o.margin,
    customer_id: o.customerId,
    email_sha256: o.emailSha256,
    visitor_id: o.visitorId,
    click_id: o.clickId,
    discount_code: o.discountCode,
    new_customer: o.newCustomer,
    backfill: 0,
    name: o.name,
  };
  const { workspace_id: _ws, ...body } = base;
  return {
    ...base,
    received_at: receivedAt,
    version: receivedAt * 1000,
    body_hash: bodyHash(JSON.stringify(body)),
  };
}

/** The first version of a conversion and its `created` history entry. */
export function createdRows(
  workspaceId: string,
  o: Order,
): { row: ConversionRow; change: ConversionChangeRow } {
  const r = row(workspaceId, o, o.status, 0, o.receivedAt);
  return { row: r, change: change(r, 'created', '') };
}

/** The version written when the order's `i`-th update arrives, and its `updated` history entry. */
export function updatedRows(
  workspaceId: string,
  o: Order,
  i: number,
): { row: ConversionRow; change: ConversionChangeRow } {
  const u = o.updates[i] as OrderUpdate;
  const previous = i === 0 ? o.status : (o.updates[i - 1] as OrderUpdate).status;
  const r = row(workspaceId, o, u.status, u.refundedValue, Math.round(u.ts));
  return { row: r, change: change(r, 'updated', previous) };
}

function change(
  r: ConversionRow,
  kind: 'created' | 'updated',
  previous: ConversionStatus | '',
): ConversionChangeRow {
  return {
    workspace_id: r.workspace_id,
    conversion_id: r.conversion_id,
    changed_at: r.received_at,
    change: kind,
    status: r.status,
    previous_status: previous,
    value: r.value,
    refunded_value: r.refunded_value,
    body_hash: r.body_hash,
  };
}
