import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversionRow, CostRow, IdentityRow, TouchpointRow } from '../../core/records.js';
import { localDate } from '../../core/time.js';
import { VisitTracker } from '../../ingest/visits.js';
import { generateDemo, type DemoBatch, type DemoOptions } from './generate.js';
import { Rng } from './random.js';

const TZ = 'Europe/Brussels';
const END = Date.parse('2026-05-20T13:45:00Z');
const OPTS: DemoOptions = {
  workspaceId: 'ws_demo',
  seed: 20260520,
  days: 90,
  end: END,
  timeZone: TZ,
  siteHost: 'shop.example.be',
  visitorsPerDay: 250,
};

interface All {
  batches: DemoBatch[];
  touchpoints: TouchpointRow[];
  conversions: ConversionRow[];
  identities: IdentityRow[];
  costs: CostRow[];
}

function collect(opts: DemoOptions): All {
  const all: All = { batches: [], touchpoints: [], conversions: [], identities: [], costs: [] };
  for (const b of generateDemo(opts)) {
    all.batches.push(b);
    all.touchpoints.push(...b.touchpoints);
    all.conversions.push(...b.conversions);
    all.identities.push(...b.identities);
    all.costs.push(...b.costs);
  }
  return all;
}

/** A digest of every row, to compare runs without holding two copies in memory. */
function digest(opts: DemoOptions): string {
  let h = 0x811c9dc5;
  let n = 0;
  for (const b of generateDemo(opts)) {
    const text = JSON.stringify(b);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    n += text.length;
  }
  return `${n}:${(h >>> 0).toString(16)}`;
}

/** `localDate` with one formatter (core's builds one per call: too slow for 50k rows). */
const fmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const dateOf = (ms: number): string => fmt.format(ms);

let data: All;
beforeAll(() => {
  data = collect(OPTS);
});

const landings = () =>
  data.touchpoints.filter((t) => t.touch === 1 && t.type === 'pageview' && t.is_bot === 0);
const purchasesCreated = () => {
  const first = new Map<string, ConversionRow>();
  for (const c of data.conversions)
    if (c.type === 'purchase' && !first.has(c.conversion_id)) first.set(c.conversion_id, c);
  return [...first.values()];
};

describe('random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const seq = (seed: number) =>
      Array.from(
        { length: 5 },
        (() => {
          const r = new Rng(seed);
          return () => r.uint32();
        })(),
      );
    expect(seq(1)).toEqual(seq(1));
    expect(seq(1)).not.toEqual(seq(2));
  });

  it('draws distributions with the right means', () => {
    const r = new Rng(99);
    const mean = (f: () => number) => Array.from({ length: 20000 }, f).reduce((a, b) => a + b, 0) / 20000;
    expect(mean(() => r.next())).toBeCloseTo(0.5, 1);
    expect(mean(() => r.normal(10, 2))).toBeCloseTo(10, 1);
    expect(mean(() => r.poisson(3.5))).toBeCloseTo(3.5, 1);
    expect(mean(() => r.geometric(0.435))).toBeCloseTo(2.3, 1);
    expect(mean(() => r.weightedIndex([1, 0, 3]))).toBeCloseTo(1.5, 1);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('generateDemo', () => {
  it('is deterministic for a seed', () => {
    const small = { ...OPTS, visitorsPerDay: 40 };
    expect(digest(small)).toBe(digest(small));
    expect(digest(small)).not.toBe(digest({ ...small, seed: small.seed + 1 }));
  });

  it('refuses windows shorter than 90 days and unknown time zones', () => {
    expect(() => generateDemo({ ...OPTS, days: 30 }).next()).toThrow(/days/);
    expect(() => generateDemo({ ...OPTS, timeZone: 'Mars/Olympus' }).next()).toThrow(/time zone/);
  });

  it('yields one batch per local day, oldest first, ending with the day of `end`', () => {
    expect(data.batches).toHaveLength(90);
    expect(data.batches.at(-1)?.date).toBe(localDate(END, TZ));
    const dates = data.batches.map((b) => b.date);
    expect([...dates].sort()).toEqual(dates);
    expect(data.batches.flatMap((b) => b.touchpoints.filter((t) => dateOf(t.ts) !== b.date))).toEqual([]);
    expect(dateOf(END)).toBe(localDate(END, TZ));
  });

  it('covers at least 90 distinct local days, all within the window', () => {
    const days = new Set(data.touchpoints.map((t) => dateOf(t.ts)));
    expect(days.size).toBeGreaterThanOrEqual(90);
    const first = data.batches[0]?.date ?? '';
    expect(data.touchpoints.filter((t) => t.ts > END || dateOf(t.ts) < first)).toEqual([]);
    expect(data.conversions.filter((c) => c.ts > END || dateOf(c.ts) < first)).toEqual([]);
  });

  it('has unique event ids and unique conversion versions', () => {
    expect(new Set(data.touchpoints.map((t) => t.event_id)).size).toBe(data.touchpoints.length);
    expect(new Set(data.conversions.map((c) => `${c.conversion_id}@${c.version}`)).size).toBe(
      data.conversions.length,
    );
  });

  it('classifies landings into at least 8 channels, the main ones included', () => {
    const channels = new Set(data.touchpoints.filter((t) => t.touch === 1).map((t) => t.channel));
    expect(channels.size).toBeGreaterThanOrEqual(8);
    for (const c of [
      'Paid Search',
      'Paid Social',
      'Email',
      'Affiliate',
      'Influencer',
      'Organic Search',
      'Direct',
      'Referral',
      'Organic Social',
      'Display',
    ])
      expect(channels, c).toContain(c);
  });

  it('tags paid visits with click ids and partner visits with links and click ids', () => {
    const l = landings();
    expect(l.some((t) => t.click_ids.gclid && t.utm_medium === 'cpc')).toBe(true);
    expect(l.some((t) => t.click_ids.fbclid && t.utm_medium === 'paid_social')).toBe(true);
    for (const p of ['ttclid', 'msclkid', 'li_fat_id'] as const)
      expect(
        l.some((t) => t.click_ids[p]),
        p,
      ).toBe(true);
    const partners = l.filter((t) => t.partner !== '');
    expect(partners.length).toBeGreaterThan(0);
    expect(
      partners.filter(
        (t) => t.link_slug === '' || !/^c_/.test(t.click_id) || !t.url.includes(`rdm_click=${t.click_id}`),
      ),
    ).toEqual([]);
    expect(data.touchpoints.some((t) => t.type === 'impression' && t.touch === 1)).toBe(true);
    expect(data.touchpoints.some((t) => t.type === 'add_to_cart' && t.touch === 0)).toBe(true);
  });

  it('marks visit starts exactly as the collector does (30 minutes, new source, impressions)', () => {
    const tracker = new VisitTracker();
    const disagree = data.touchpoints.filter((t) => {
      const e = { ...t, user_agent: '', client_ip: '' };
      return tracker.touch(e) !== t.touch;
    });
    expect(disagree).toEqual([]);
  });

  it('runs an A/B test on product pages with both variants exposed', () => {
    const exposures = data.touchpoints.filter((t) => t.experiment !== '');
    expect(new Set(exposures.map((t) => t.experiment))).toEqual(new Set(['productpagina-reviews']));
    expect(new Set(exposures.map((t) => t.variant))).toEqual(new Set(['A', 'B']));
    expect(exposures.every((t) => t.path.startsWith('/p/'))).toBe(true);
  });

  it('has multi-touch paths: 30–80% of buyers had two or more touches', () => {
    const touches = new Map<string, number[]>();
    for (const t of data.touchpoints) {
      if (t.touch !== 1) continue;
      const list = touches.get(t.visitor_id);
      if (list) list.push(t.ts);
      else touches.set(t.visitor_id, [t.ts]);
    }
    const buyers = purchasesCreated();
    const multi = buyers.filter(
      (c) => (touches.get(c.visitor_id) ?? []).filter((ts) => ts <= c.ts).length >= 2,
    ).length;
    const share = multi / buyers.length;
    expect(buyers.length).toBeGreaterThan(100);
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.8);
    const longest = Math.max(...[...touches.values()].map((x) => x.length));
    expect(longest).toBeGreaterThanOrEqual(8);
  });

  it('shows weekly seasonality: weekend and weekday visits differ by more than 10%', () => {
    const perDay = new Map<string, number>();
    for (const t of landings()) perDay.set(dateOf(t.ts), (perDay.get(dateOf(t.ts)) ?? 0) + 1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const weekend: number[] = [];
    const weekday: number[] = [];
    for (const [date, n] of perDay)
      ([0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()) ? weekend : weekday).push(n);
    expect(Math.abs(mean(weekend) - mean(weekday)) / mean(weekday)).toBeGreaterThan(0.1);
  });

  it('writes conversions in EUR with decimal-string amounts', () => {
    const decimal = /^\d+(\.\d{1,2})?$/;
    const bad = data.conversions.filter(
      (c) =>
        c.currency !== 'EUR' ||
        ![c.value, c.refunded_value, c.tax, c.shipping, c.discount].every((v) => decimal.test(v)) ||
        Number(c.refunded_value) > Number(c.value) ||
        (c.type === 'purchase' &&
          ((c.margin ?? 0) < 0.25 ||
            (c.margin ?? 1) > 0.45 ||
            !/^[0-9a-f]{64}$/.test(c.email_sha256) ||
            c.customer_id === '')),
    );
    expect(bad).toEqual([]);
    const values = purchasesCreated().map((c) => Number(c.value));
    expect(values.some((v) => v > 1000)).toBe(true);
    const sorted = [...values].sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeGreaterThan(50);
    expect(sorted[sorted.length >> 1]).toBeLessThan(130);
    expect(data.conversions.some((c) => c.type === 'lead' && c.value === '0')).toBe(true);
  });

  it('refunds 2–8% of purchases later, as a newer version never above the original value', () => {
    const purchases = purchasesCreated();
    const refunds = data.conversions.filter((c) => c.status === 'refunded');
    const share = new Set(refunds.map((c) => c.conversion_id)).size / purchases.length;
    expect(share).toBeGreaterThanOrEqual(0.02);
    expect(share).toBeLessThanOrEqual(0.08);
    const original = new Map(purchases.map((c) => [c.conversion_id, c]));
    for (const r of refunds) {
      const o = original.get(r.conversion_id);
      expect(o, r.conversion_id).toBeDefined();
      expect(r.version).toBeGreaterThan(o?.version ?? Infinity);
      expect(Number(r.refunded_value)).toBeGreaterThan(0);
      expect(Number(r.refunded_value)).toBeLessThanOrEqual(Number(o?.value));
    }
    const changes = data.batches.flatMap((b) => b.conversionChanges);
    expect(changes.filter((c) => c.change === 'updated' && c.status === 'refunded')).toHaveLength(
      refunds.length,
    );
    expect(changes.filter((c) => c.change === 'created')).toHaveLength(
      new Set(data.conversions.map((c) => c.conversion_id)).size,
    );
    expect(data.conversions.some((c) => c.status === 'cancelled')).toBe(true);
    expect(data.conversions.some((c) => c.status === 'pending')).toBe(true);
  });

  it('has repeat customers, identity links, discount codes and affiliate click ids on orders', () => {
    const purchases = purchasesCreated();
    expect(purchases.some((c) => c.new_customer === 0)).toBe(true);
    expect(purchases.some((c) => c.new_customer === 1)).toBe(true);
    expect(purchases.some((c) => /^(LOTTE10|JENS15|EMMA10|NOAH10)$/.test(c.discount_code))).toBe(true);
    expect(purchases.some((c) => c.click_id.startsWith('c_'))).toBe(true);
    const links = new Set(data.identities.map((i) => `${i.visitor_id}>${i.customer_id}`));
    expect(
      purchases
        .filter((c) => c.new_customer === 1)
        .every((c) => links.has(`${c.visitor_id}>${c.customer_id}`)),
    ).toBe(true);
  });

  it('has cost rows for every paid channel on every day', () => {
    const dates = data.batches.map((b) => b.date);
    const media = data.costs.filter((c) => c.cost_type === 'media');
    for (const channel of ['Paid Search', 'Paid Social', 'Display']) {
      const days = new Set(media.filter((c) => c.channel === channel).map((c) => c.date));
      expect(days.size, channel).toBe(dates.length);
    }
    for (const platform of ['google-ads', 'meta', 'tiktok', 'linkedin', 'microsoft'])
      expect(media.some((c) => c.platform === platform)).toBe(true);
    expect(
      data.costs.filter(
        (c) =>
          !/^\d+\.\d{2}$/.test(c.amount) ||
          c.currency !== 'EUR' ||
          c.import_id !== 'demo' ||
          !/^\d{4}-\d{2}-\d{2}$/.test(c.date),
      ),
    ).toEqual([]);
    for (const t of ['influencer_fee', 'product_samples', 'shipping', 'agency_fee', 'tool_subscription'])
      expect(
        data.costs.some((c) => c.cost_type === t),
        t,
      ).toBe(true);
  });

  it('prices media in each platform’s usual range, with platform clicks ≥ tracked visits', () => {
    const sum = (rows: CostRow[], f: (c: CostRow) => number) => rows.reduce((a, c) => a + f(c), 0);
    const by = (p: string) => data.costs.filter((c) => c.cost_type === 'media' && c.platform === p);
    const cpc = (rows: CostRow[]) => sum(rows, (c) => Number(c.amount)) / sum(rows, (c) => c.clicks);
    const cpm = (rows: CostRow[]) =>
      (sum(rows, (c) => Number(c.amount)) / sum(rows, (c) => c.impressions)) * 1000;
    const search = by('google-ads').filter((c) => c.medium === 'cpc');
    expect(cpc(search)).toBeGreaterThan(0.4);
    expect(cpc(search)).toBeLessThan(1.5);
    expect(cpm(by('meta'))).toBeGreaterThan(6);
    expect(cpm(by('meta'))).toBeLessThan(12);
    expect(cpc(by('linkedin'))).toBeGreaterThan(4);
    expect(cpc(by('linkedin'))).toBeLessThan(8);
    const visits = new Map<string, number>();
    for (const t of landings()) {
      const key = `${dateOf(t.ts)}|${t.utm_campaign}`;
      if (t.utm_campaign) visits.set(key, (visits.get(key) ?? 0) + 1);
    }
    const clicks = new Map<string, number>();
    for (const c of data.costs)
      if (c.cost_type === 'media')
        clicks.set(
          `${c.date}|${c.campaign.toLowerCase()}`,
          (clicks.get(`${c.date}|${c.campaign.toLowerCase()}`) ?? 0) + c.clicks,
        );
    expect([...clicks].filter(([key, n]) => n < (visits.get(key) ?? 0))).toEqual([]);
    expect(
      [...visits.keys()].filter(
        (k) =>
          !k.includes('|affiliate_') &&
          !k.includes('|influencer_') &&
          !clicks.has(k) &&
          /\|(search|shopping|display|ms|meta|tiktok|linkedin)_/.test(k),
      ),
    ).toEqual([]);
  });

  it('names every costed campaign in some touchpoint’s utm_campaign (case-insensitively)', () => {
    const tagged = new Set(data.touchpoints.map((t) => t.utm_campaign.toLowerCase()));
    // Costs without a campaign (agency fee, tool subscription) are shared overheads: nothing to join.
    const campaigns = new Set(data.costs.filter((c) => c.campaign !== '').map((c) => c.campaign));
    expect(campaigns.size).toBeGreaterThan(10);
    for (const c of campaigns) expect(tagged, c).toContain(c.toLowerCase());
  });
});
