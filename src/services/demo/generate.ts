/**
 * The demo-data generator behind `rendement demo`: a seeded simulation of a Belgian/Dutch bike
 * webshop's marketing — multi-touch journeys over a dozen channels, orders and leads with refunds,
 * and the costs that paid for them — yielded one local day at a time so memory stays flat.
 * Pure: no clock, no I/O; the same options give the same rows.
 */
import type {
  ConversionChangeRow,
  ConversionRow,
  CostRow,
  IdentityRow,
  TouchpointRow,
} from '../../core/records.js';
import { isTimeZone, localDate } from '../../core/time.js';
import { addDays, buildDays, dayPosition, timeInDay, type Day } from './calendar.js';
import { SOURCES } from './catalog.js';
import { emptyTally, mediaCosts, otherCosts, type DayTally } from './costs.js';
import { runJourney } from './journeys.js';
import { newPerson, type Person, type Sink, type World } from './world.js';
import { createdRows, updatedRows, type Order } from './orders.js';
import { makePlan, shopVolume, SourceMix, type Plan } from './plan.js';
import { Rng } from './random.js';
import { botRow, newProfile } from './rows.js';

export interface DemoOptions {
  workspaceId: string;
  seed: number;
  /** Length of the window in local days, ending with the day of `end` (default 120, at least 90). */
  days?: number;
  /** The window's last instant (epoch ms), normally "now" as the caller's clock says. */
  end: number;
  timeZone: string;
  /** The shop's host name, e.g. `shop.example.be`. */
  siteHost: string;
  /** Average visits (≈ daily visitors) on an ordinary weekday before trend and promotions (default 1500). */
  visitorsPerDay?: number;
}

export interface DemoBatch {
  /** The local date the batch holds. */
  date: string;
  touchpoints: TouchpointRow[];
  /** Conversion versions written that day; `conversionChanges[i]` is the history entry of `conversions[i]`. */
  conversions: ConversionRow[];
  conversionChanges: ConversionChangeRow[];
  identities: IdentityRow[];
  costs: CostRow[];
}

export const DEFAULT_DAYS = 120;
export const MIN_DAYS = 90;
export const DEFAULT_VISITORS_PER_DAY = 1500;
/** Journeys start this many days before the window so that its first days already have returning visitors. */
const WARM_UP_DAYS = 21;
/** Average visits per journey (geometric, stop probability ≈ 0.435). */
const VISITS_PER_JOURNEY = 2.3;
const BOT_SHARE = 0.012;
/** A visit ends after 30 minutes without activity: a new journey starts later than that. */
const VISIT_GAP = 31 * 60_000;

interface Bucket {
  touchpoints: TouchpointRow[];
  created: Order[];
  updates: Array<{ order: Order; index: number }>;
  identities: IdentityRow[];
  tally: DayTally;
}

const emptyBucket = (): Bucket => ({
  touchpoints: [],
  created: [],
  updates: [],
  identities: [],
  tally: emptyTally(),
});

/** Validate options and fill defaults; throws on a window shorter than 90 days or an unknown zone. */
export function resolveDemoOptions(opts: DemoOptions): Required<DemoOptions> {
  const days = opts.days ?? DEFAULT_DAYS;
  const visitorsPerDay = opts.visitorsPerDay ?? DEFAULT_VISITORS_PER_DAY;
  if (!Number.isInteger(days) || days < MIN_DAYS)
    throw new RangeError(`days must be an integer ≥ ${MIN_DAYS} (got ${days})`);
  if (!(visitorsPerDay > 0)) throw new RangeError(`visitorsPerDay must be positive (got ${visitorsPerDay})`);
  if (!Number.isFinite(opts.end)) throw new RangeError('end must be an epoch-milliseconds instant');
  if (!isTimeZone(opts.timeZone)) throw new RangeError(`unknown time zone ${opts.timeZone}`);
  return { ...opts, days, visitorsPerDay };
}

/**
 * Generate the demo workspace's data, one batch per local day of the window (oldest first). Rows
 * of a day are complete when its batch is yielded: touchpoints sorted by time, the conversions
 * created that day and the later versions (payment, cancellation, refund) written that day, the
 * identity links made that day, and the day's cost lines.
 */
export function* generateDemo(options: DemoOptions): Generator<DemoBatch> {
  const opts = resolveDemoOptions(options);
  const rng = new Rng(opts.seed);
  const lastDate = localDate(opts.end, opts.timeZone);
  const firstDate = addDays(lastDate, -(opts.days - 1));
  const days = buildDays(firstDate, -WARM_UP_DAYS, opts.days - 1, opts.timeZone);
  const windowStart = (days[WARM_UP_DAYS] as Day).start;
  const windowEnd = Math.min(opts.end, (days[days.length - 1] as Day).end - 1);
  const plan = makePlan(opts.days);
  const mix = new SourceMix(plan);

  const buckets = new Map<number, Bucket>();
  const bucketAt = (ts: number): Bucket | null => {
    if (ts < windowStart || ts > windowEnd) return null;
    const pos = dayPosition(days, ts);
    if (pos < 0) return null;
    let b = buckets.get(pos);
    if (!b) {
      b = emptyBucket();
      buckets.set(pos, b);
    }
    return b;
  };
  const sink: Sink = {
    touch: (row) => bucketAt(row.ts)?.touchpoints.push(row),
    identity: (row) => bucketAt(row.ts)?.identities.push(row),
    paidVisit: (key, ts) => {
      const b = bucketAt(ts);
      if (b) b.tally.visits.set(key, (b.tally.visits.get(key) ?? 0) + 1);
    },
    order: (o) => {
      const b = bucketAt(o.ts);
      if (!b) return; // before the window (warm-up) or after its end: never happened as far as the data knows
      b.created.push(o);
      for (const key of o.claims) {
        const c = b.tally.claims.get(key) ?? { n: 0, value: 0 };
        c.n++;
        c.value += o.value;
        b.tally.claims.set(key, c);
      }
      o.updates.forEach((u, index) => bucketAt(u.ts)?.updates.push({ order: o, index }));
    },
  };
  let customerSeq = 10_000;
  const world: World = {
    workspaceId: opts.workspaceId,
    siteHost: opts.siteHost,
    rng,
    days,
    plan,
    mix,
    sink,
    customers: [],
    nextCustomer: () => `C${++customerSeq}`,
  };
  const dayRng = rng.fork();
  const costRng = rng.fork();
  const seq = { purchase: 100_000, lead: 5_000 };
  const baseJourneys = opts.visitorsPerDay / VISITS_PER_JOURNEY;
  const poolTarget = opts.visitorsPerDay * 2;

  for (let pos = 0; pos < days.length; pos++) {
    const day = days[pos] as Day;
    const volume = shopVolume(plan, day) * mix.firstVisitPull(day) * dayRng.lognormal(1, 0.06);
    const journeys = rng.poisson(baseJourneys * volume);
    const firstWeights = mix.weights(day).first;
    for (let j = 0; j < journeys; j++) {
      const start = timeInDay(rng, day);
      if (rng.chance(0.2)) {
        // A known customer coming back: from the pool, or one won before the window.
        const pool = world.customers;
        const picked =
          pool.length > 0 && (pool.length >= poolTarget || rng.chance(0.5))
            ? (rng.pick(pool) as Person)
            : null;
        let person = picked && picked.activeUntil + VISIT_GAP < start ? picked : null;
        if (!person) pool.push((person = newPerson(world, 0.55, { customer: true })));
        else if (rng.chance(0.35)) {
          // Cookies cleared or a new phone: the customer comes back under a new visitor id.
          person.profiles = [newProfile(rng, { mobileShare: 0.55, country: person.country })];
          person.current = 0;
        }
        runJourney(world, person, start, 'customer');
      } else {
        const source = SOURCES[rng.weightedIndex(firstWeights)];
        const b2b = source?.key === 'linkedin' || rng.chance(0.015);
        runJourney(world, newPerson(world, source?.mobile ?? 0.55, { b2b }), start, 'first');
      }
    }
    for (let k = rng.poisson(opts.visitorsPerDay * BOT_SHARE * volume); k > 0; k--)
      sink.touch(botRow(opts.workspaceId, opts.siteHost, timeInDay(rng, day), rng));
    if (day.index < 0) continue;

    const bucket = buckets.get(pos) ?? emptyBucket();
    buckets.delete(pos);
    yield flush(opts, plan, costRng, day, bucket, seq);
  }
}

function flush(
  opts: Required<DemoOptions>,
  plan: Plan,
  rng: Rng,
  day: Day,
  b: Bucket,
  seq: { purchase: number; lead: number },
): DemoBatch {
  b.touchpoints.sort((x, y) => x.ts - y.ts);
  b.identities.sort((x, y) => x.ts - y.ts);
  b.created.sort((x, y) => x.ts - y.ts);
  const conversions: ConversionRow[] = [];
  const conversionChanges: ConversionChangeRow[] = [];
  for (const o of b.created) {
    o.id = o.type === 'purchase' ? `FC-${++seq.purchase}` : `LD-${++seq.lead}`;
    const { row, change } = createdRows(opts.workspaceId, o);
    conversions.push(row);
    conversionChanges.push(change);
  }
  b.updates.sort((x, y) => (x.order.updates[x.index]?.ts ?? 0) - (y.order.updates[y.index]?.ts ?? 0));
  for (const { order, index } of b.updates) {
    const { row, change } = updatedRows(opts.workspaceId, order, index);
    conversions.push(row);
    conversionChanges.push(change);
  }
  const ctx = { workspaceId: opts.workspaceId, siteHost: opts.siteHost, plan, rng };
  return {
    date: day.date,
    touchpoints: b.touchpoints,
    conversions,
    conversionChanges,
    identities: b.identities,
    costs: [...mediaCosts(ctx, day, b.tally), ...otherCosts(ctx, day)],
  };
}
