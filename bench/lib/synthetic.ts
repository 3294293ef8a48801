/**
 * The synthetic year of a large shop shared by bench/kpis and bench/attribution: 10,000,000
 * touchpoints, 1,000,000 conversions and a year of daily costs (50 campaigns × 5 ad groups × 4 ads,
 * 5 paid channels; 12 channels in all), generated inside the engine from seeded hashes (cityHash64
 * of the row number: every run builds the same data). `scale` multiplies the row counts; `dir`
 * keeps the store (and reuses it when it already holds the data).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { ClickHouseClient } from '@clickhouse/client';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspaceWithKeys } from '../../src/services/workspaces.js';
import { openAppStore } from '../../src/store/app/index.js';
import { connectEvents } from '../../src/store/events/connect.js';
import { ClickHouseEventStore } from '../../src/store/events/store.js';
import type { AppStore, Workspace } from '../../src/store/ports.js';

export interface Synthetic {
  app: AppStore;
  events: ClickHouseEventStore;
  /** The engine itself, for figures about the store (rollup sizes) that no port gives. */
  client: ClickHouseClient;
  ws: Workspace;
  touchpoints: number;
  conversions: number;
  generateS: number;
  close(): Promise<void>;
}

export async function openSynthetic(opts: {
  scale?: number;
  dir?: string;
  name: string;
}): Promise<Synthetic> {
  const SCALE = opts.scale ?? 1;
  const TOUCHPOINTS = Math.round(10_000_000 * SCALE);
  const CONVERSIONS = Math.round(1_000_000 * SCALE);
  const VISITORS = Math.round(2_000_000 * SCALE);
  const START = Date.UTC(2025, 0, 1) / 1000;
  const keep = opts.dir;
  const reuse = keep !== undefined && existsSync(join(keep, 'app.sqlite'));
  const dir = keep ?? mkdtempSync(join(tmpdir(), `rdm-bench-${opts.name}-`));
  const conn = connectEvents({ dataDir: dir });
  const events = new ClickHouseEventStore(conn);
  await events.migrate();
  const app = await openAppStore({ dataDir: dir });
  await app.migrate();
  const ws = reuse
    ? (await app.findWorkspaceByName('bench'))!
    : await (async () => {
        const created = await createWorkspaceWithKeys(app, { name: 'bench', time_zone: 'Europe/Brussels' });
        if ('error' in created) throw new Error(created.message);
        return created.workspace;
      })();
  // Channel of a row from a hash in [0, 100): shares roughly like a mid-size European shop.
  const CHANNEL = (
    h: string,
  ) => `multiIf(${h} < 25, 'Paid Search', ${h} < 40, 'Paid Social', ${h} < 45, 'Display',
    ${h} < 50, 'Paid Video', ${h} < 55, 'Affiliate', ${h} < 58, 'Influencer', ${h} < 66, 'Email', ${h} < 68, 'SMS',
    ${h} < 80, 'Organic Search', ${h} < 85, 'Organic Social', ${h} < 88, 'Referral', 'Direct')`;
  const PAID = `('Paid Search', 'Paid Social', 'Display', 'Paid Video', 'Affiliate')`;
  // A visitor is active for ~25 days from a day of the year of its own; it converts in that window.
  const VISIT_DAY = `(cityHash64(v, 7) % 335)`;

  const p = { ws: ws.id, start: START, visitors: VISITORS };
  const t0 = performance.now();
  if (!reuse) await generate();
  async function generate() {
    await conn.client.command({
      query: `INSERT INTO touchpoints (workspace_id, event_id, type, ts, received_at, ts_flag, visitor_id, touch,
        url, host, path, utm_source, utm_medium, utm_campaign, utm_term, utm_content, channel, source, medium,
        device, country, is_bot)
      SELECT {ws:String}, toString(number), 'pageview',
        toDateTime64({start:UInt32} + ${VISIT_DAY} * 86400 + cityHash64(number, 2) % (25 * 86400), 3, 'UTC') AS t,
        t, 'ok', concat('v', toString(v)), 1, '', 'shop.example.be', concat('/p/', toString(cityHash64(number, 5) % 200)),
        '', '', if(ch IN ${PAID}, concat(replaceAll(lower(ch), ' ', '_'), '_', toString(cityHash64(number, 4) % 10)), ''),
        concat('adgroup_', toString(cityHash64(number, 8) % 5)), concat('ad_', toString(cityHash64(number, 9) % 4)),
        ch, lower(ch), '', ['mobile', 'mobile', 'desktop', 'tablet'][cityHash64(number, 6) % 4 + 1],
        ['BE', 'NL', 'FR', 'DE'][cityHash64(number, 10) % 4 + 1], 0
      FROM (SELECT number, cityHash64(number, 1) % {visitors:UInt64} AS v, ${CHANNEL('cityHash64(number, 3) % 100')} AS ch
            FROM numbers({n:UInt64}))`,
      query_params: { ...p, n: TOUCHPOINTS },
    });
    await conn.client.command({
      query: `INSERT INTO conversions (workspace_id, conversion_id, type, status, ts, received_at, ts_flag, value,
        refunded_value, tax, shipping, discount, currency, margin, customer_id, email_sha256, visitor_id, click_id,
        discount_code, new_customer, backfill, name, version, body_hash)
      SELECT {ws:String}, concat('o', toString(number)), if(cityHash64(number, 12) % 10 < 8, 'purchase', 'lead') AS type,
        if(cityHash64(number, 13) % 50 = 0, 'refunded', 'completed') AS status,
        toDateTime64({start:UInt32} + ${VISIT_DAY} * 86400 + 10 * 86400 + cityHash64(number, 14) % (15 * 86400), 3, 'UTC') AS t,
        t, 'ok', if(type = 'purchase', toDecimal64(20 + cityHash64(number, 15) % 20000 / 100, 4), toDecimal64(0, 4)) AS value,
        if(status = 'refunded', value, toDecimal64(0, 4)), 0, 0, 0, 'EUR', NULL,
        if(cityHash64(number, 16) % 3 = 0, concat('c', toString(v)), ''), '', concat('v', toString(v)), '', '', NULL, 0, '', 1, ''
      FROM (SELECT number, cityHash64(number, 11) % {visitors:UInt64} AS v FROM numbers({n:UInt64}))`,
      query_params: { ...p, n: CONVERSIONS },
    });
    await conn.client.command({
      query: `INSERT INTO identities (workspace_id, visitor_id, customer_id, ts)
      SELECT DISTINCT workspace_id, visitor_id, customer_id, ts FROM conversions
      WHERE workspace_id = {ws:String} AND customer_id != ''`,
      query_params: p,
    });
    // 365 days × 5 paid channels × 10 campaigns × 5 ad groups × 4 ads.
    await conn.client.command({
      query: `INSERT INTO costs (workspace_id, date, cost_type, platform, account_id, channel, source, medium, campaign,
        campaign_id, ad_group, ad, partner, amount, currency, impressions, clicks, platform_conversions,
        platform_conversion_value, import_id, description, line_id)
      SELECT {ws:String}, toDate('2025-01-01') + intDiv(number, 1000) AS d, 'media', 'bench', 'acc',
        ['Paid Search', 'Paid Social', 'Display', 'Paid Video', 'Affiliate'][intDiv(number % 1000, 200) + 1] AS ch,
        lower(ch), '', concat(replaceAll(lower(ch), ' ', '_'), '_', toString(intDiv(number % 200, 20))), '',
        concat('adgroup_', toString(intDiv(number % 20, 4))), concat('ad_', toString(number % 4)), '',
        toDecimal64(1 + cityHash64(number, 21) % 5000 / 100, 4), 'EUR',
        1000 + cityHash64(number, 22) % 20000 AS imp, intDiv(imp, 50 + cityHash64(number, 23) % 100), 0, 0, 'bench', '', ''
      FROM numbers(365 * 1000)`,
      query_params: p,
    });
  }

  const generateS = Math.round((performance.now() - t0) / 100) / 10;
  return {
    app,
    events,
    client: conn.client,
    ws,
    touchpoints: TOUCHPOINTS,
    conversions: CONVERSIONS,
    generateS,
    async close() {
      await events.close();
      await app.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
