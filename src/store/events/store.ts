import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  encodeCost,
  encodeIdentity,
  encodeTouchpoint,
  type CostRowConstants,
  type EncodedTable,
} from '../row-codec.js';
import type {
  ConversionChangeRow,
  ConversionRow,
  CostRow,
  IdentityRow,
  TouchpointRow,
} from '../../core/records.js';
import { toClickHouseDateTime } from '../../core/time.js';
import type {
  AttributionPathQuery,
  CohortFactQuery,
  CreditRowsQuery,
  ExperimentFactQuery,
  CostQuery,
  EventStore,
  KpiFactQuery,
  ExportRecord,
  FxRate,
  StoredConversion,
  TouchpointQuery,
} from '../ports.js';
import * as costs from './costs.js';
import { attributionPaths } from './attribution-paths.js';
import { creditRows } from './credit-rows.js';
import { cohortFacts } from './cohorts.js';
import { experimentFacts, visitorsEntering } from './experiments.js';
import { kpiFacts } from './kpis.js';
import { invalidateRollups } from './traffic-daily.js';
import type { EventsConnection } from './connect.js';
import { migrateEvents } from './migrate.js';
import { plainStructure } from './input-structure.js';
import {
  changeFromDb,
  changeToDb,
  conversionFromDb,
  conversionToDb,
  identityFromDb,
  touchpointFromDb,
  trimDecimal,
} from './rows.js';

const EPOCH_START = 0;
const FAR_FUTURE = Date.UTC(2200, 0, 1);
/** The engine accepts large inserts, but bounded chunks keep memory and request size flat. */
const INSERT_CHUNK = 50_000;

/** The current version of every conversion of a workspace (see 001_initial.sql on why not FINAL). */
const CURRENT_CONVERSIONS = `
  SELECT * FROM conversions WHERE workspace_id = {ws:String}
  ORDER BY version DESC LIMIT 1 BY conversion_id`;

/**
 * `EventStore` over ClickHouse SQL. The same statements run on embedded chDB and on a server;
 * every statement binds its values as `{name:Type}` parameters and filters on `workspace_id`.
 */
export class ClickHouseEventStore implements EventStore {
  private readonly client: ClickHouseClient;
  readonly embedded: boolean;
  private readonly structures: Partial<Record<EncodedTable, Promise<string>>> = {};

  constructor(private readonly conn: EventsConnection) {
    this.client = conn.client;
    this.embedded = conn.embedded;
  }

  async migrate(): Promise<void> {
    await migrateEvents(this.client);
  }

  private async insert(table: string, values: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      await this.client.insert({ table, values: values.slice(i, i + INSERT_CHUNK), format: 'JSONEachRow' });
    }
  }

  private async rows<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    const rs = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  insertTouchpoints(rows: TouchpointRow[]): Promise<void> {
    return this.insertLines('touchpoints', rows.map(encodeTouchpoint));
  }

  private async insertLines(table: EncodedTable, lines: string[]): Promise<void> {
    for (let i = 0; i < lines.length; i += INSERT_CHUNK)
      await this.insertEncoded(table, lines.slice(i, i + INSERT_CHUNK).join('\n'));
  }

  async insertEncoded(table: EncodedTable, body: Buffer | string): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    if (this.conn.rawInsert) return this.conn.rawInsert(table, bytes, 'JSONCompactEachRow');
    // exec with a byte stream: the lines are already JSONCompactEachRow, the client must not encode them again.
    const res = await this.client.exec({
      query: `INSERT INTO ${table} FORMAT JSONCompactEachRow`,
      values: Readable.from([bytes], { objectMode: false }),
    });
    res.stream.resume();
  }

  async insertEncodedFile(table: EncodedTable, path: string): Promise<void> {
    if (!this.embedded) return this.insertEncoded(table, await readFile(path));
    // The engine reads the file itself, and parses it into plain columns: parsed straight into
    // LowCardinality columns, a row format costs a dictionary lookup per value; converting the
    // parsed column at once is cheaper (bench/engine-insert: 80k → 147k rows per CPU-second).
    if (!this.structures[table]) {
      const structure = plainStructure(this.client, table);
      // A failed lookup is asked again next time rather than remembered.
      structure.catch(() => delete this.structures[table]);
      this.structures[table] = structure;
    }
    await this.client.command({
      query: `INSERT INTO ${table} SELECT * FROM file({path:String}, 'JSONCompactEachRow', {structure:String})`,
      query_params: { path, structure: await this.structures[table] },
    });
  }

  insertIdentities(rows: IdentityRow[]): Promise<void> {
    return this.insertLines('identities', rows.map(encodeIdentity));
  }

  insertCosts(rows: CostRow[]): Promise<void> {
    return this.insertLines('costs', rows.map(encodeCost));
  }

  insertCostLines(fixed: CostRowConstants, chunks: Buffer[]): Promise<void> {
    return costs.insertCostLines(this.client, this.embedded, fixed, chunks);
  }

  async getConversions(workspaceId: string, ids: string[]): Promise<Map<string, StoredConversion>> {
    const out = new Map<string, StoredConversion>();
    if (ids.length === 0) return out;
    const rows = await this.rows<Record<string, unknown>>(
      `SELECT * FROM conversions
       WHERE workspace_id = {ws:String} AND conversion_id IN {ids:Array(String)}
       ORDER BY version DESC LIMIT 1 BY conversion_id`,
      { ws: workspaceId, ids },
    );
    for (const r of rows) out.set(String(r.conversion_id), conversionFromDb(r));
    return out;
  }

  async writeConversions(rows: ConversionRow[], changes: ConversionChangeRow[]): Promise<void> {
    // History first: a crash between the two leaves a change entry whose version is missing, and the
    // resend (same id) then writes the version again; the reverse order could lose the history entry.
    if (changes.length) await this.insert('conversion_changes', changes.map(changeToDb));
    if (rows.length) await this.insert('conversions', rows.map(conversionToDb));
  }

  async recentEventIds(
    sinceMs: number,
    limitPerWorkspace = 300_000,
  ): Promise<Array<{ workspace_id: string; event_id: string }>> {
    // Bounded: the collector's dedup window holds this many ids per workspace, and an hour of a busy
    // site could be far more than start-up should load.
    return this.rows(
      `SELECT workspace_id, event_id FROM touchpoints WHERE received_at >= {since:DateTime64(3, 'UTC')}
       ORDER BY received_at DESC LIMIT {n:UInt32} BY workspace_id`,
      { since: toClickHouseDateTime(sinceMs), n: limitPerWorkspace },
    );
  }

  async listTouchpoints(workspaceId: string, q: TouchpointQuery = {}): Promise<TouchpointRow[]> {
    const rows = await this.rows<Record<string, unknown>>(
      `SELECT * FROM touchpoints FINAL
       WHERE workspace_id = {ws:String} AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
         AND ({visitor:String} = '' OR visitor_id = {visitor:String})
       ORDER BY ts DESC, event_id LIMIT {limit:UInt32}`,
      {
        ws: workspaceId,
        from: toClickHouseDateTime(q.from ?? EPOCH_START),
        to: toClickHouseDateTime(q.to ?? FAR_FUTURE),
        visitor: q.visitorId ?? '',
        limit: q.limit ?? 1000,
      },
    );
    return rows.map(touchpointFromDb);
  }

  async listConversions(
    workspaceId: string,
    q: { from?: number; to?: number } = {},
  ): Promise<ConversionRow[]> {
    const rows = await this.rows<Record<string, unknown>>(
      `SELECT * FROM (${CURRENT_CONVERSIONS})
       WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} ORDER BY ts, conversion_id`,
      {
        ws: workspaceId,
        from: toClickHouseDateTime(q.from ?? EPOCH_START),
        to: toClickHouseDateTime(q.to ?? FAR_FUTURE),
      },
    );
    return rows.map(conversionFromDb);
  }

  async conversionHistory(workspaceId: string, conversionId: string): Promise<ConversionChangeRow[]> {
    const rows = await this.rows<Record<string, unknown>>(
      `SELECT * FROM conversion_changes WHERE workspace_id = {ws:String} AND conversion_id = {id:String}
       ORDER BY changed_at`,
      { ws: workspaceId, id: conversionId },
    );
    return rows.map(changeFromDb);
  }

  async listIdentities(workspaceId: string): Promise<IdentityRow[]> {
    const rows = await this.rows<Record<string, unknown>>(
      `SELECT workspace_id, visitor_id, customer_id, min(ts) AS ts FROM identities
       WHERE workspace_id = {ws:String} GROUP BY workspace_id, visitor_id, customer_id ORDER BY ts`,
      { ws: workspaceId },
    );
    return rows.map(identityFromDb);
  }

  async listCosts(workspaceId: string, q: { from?: string; to?: string } = {}): Promise<CostRow[]> {
    const rows = await this.rows<Record<string, unknown>>(
      `SELECT * EXCEPT (line_id) FROM costs WHERE workspace_id = {ws:String} AND cost_type != 'coverage'
         AND date >= {from:Date} AND date <= {to:Date} ORDER BY date, platform, campaign`,
      { ws: workspaceId, from: q.from ?? '1970-01-01', to: q.to ?? '2149-06-06' },
    );
    return rows.map((r) => ({
      ...(r as unknown as CostRow),
      amount: trimDecimal(r.amount),
      platform_conversion_value: trimDecimal(r.platform_conversion_value),
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
      platform_conversions: Number(r.platform_conversions),
    }));
  }

  effectiveCosts(workspaceId: string, q?: CostQuery) {
    return costs.effectiveCosts(this.client, workspaceId, q);
  }
  costsInBase(workspaceId: string, baseCurrency: string, q?: CostQuery) {
    return costs.costsInBase(this.client, workspaceId, baseCurrency, q);
  }
  setFxRates(workspaceId: string, rates: FxRate[]) {
    return costs.setFxRates(this.client, workspaceId, rates);
  }
  listFxRates(workspaceId: string) {
    return costs.listFxRates(this.client, workspaceId);
  }
  costCampaigns(workspaceId: string, q: CostQuery) {
    return costs.costCampaigns(this.client, workspaceId, q);
  }
  trafficCampaigns(workspaceId: string, q: { from: number; to: number; channels: string[] }) {
    return costs.trafficCampaigns(this.client, workspaceId, q);
  }

  kpiFacts(workspaceId: string, q: KpiFactQuery) {
    return kpiFacts(this.client, workspaceId, q);
  }
  creditRows(workspaceId: string, q: CreditRowsQuery) {
    return creditRows(this.client, workspaceId, q);
  }
  attributionPaths(workspaceId: string, q: AttributionPathQuery) {
    return attributionPaths(this.client, workspaceId, q);
  }
  invalidateRollups() {
    return invalidateRollups(this.client);
  }
  cohortFacts(workspaceId: string, q: CohortFactQuery) {
    return cohortFacts(this.client, workspaceId, q);
  }
  experimentFacts(workspaceId: string, q: ExperimentFactQuery) {
    return experimentFacts(this.client, workspaceId, q);
  }
  visitorsEntering(workspaceId: string, q: { from: number; to: number }) {
    return visitorsEntering(this.client, workspaceId, q);
  }

  async *exportEvents(workspaceId: string, from: number, to: number): AsyncIterable<ExportRecord> {
    const params = { ws: workspaceId, from: toClickHouseDateTime(from), to: toClickHouseDateTime(to) };
    const tp = await this.client.query({
      query: `SELECT * EXCEPT (workspace_id) FROM touchpoints FINAL
              WHERE workspace_id = {ws:String} AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
              ORDER BY ts, event_id`,
      query_params: params,
      format: 'JSONEachRow',
    });
    for await (const batch of tp.stream<Record<string, unknown>>()) {
      for (const row of batch) {
        const { workspace_id: _ws, ...t } = touchpointFromDb({ ...row.json(), workspace_id: workspaceId });
        yield { kind: 'touchpoint', ...t };
      }
    }
    const cv = await this.client.query({
      query: `SELECT * EXCEPT (workspace_id, version, body_hash) FROM (${CURRENT_CONVERSIONS})
              WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} ORDER BY ts, conversion_id`,
      query_params: params,
      format: 'JSONEachRow',
    });
    for await (const batch of cv.stream<Record<string, unknown>>()) {
      for (const row of batch) {
        const {
          workspace_id: _ws,
          version: _v,
          body_hash: _h,
          ...c
        } = conversionFromDb({ ...row.json(), workspace_id: workspaceId, version: 0, body_hash: '' });
        yield { kind: 'conversion', ...c };
      }
    }
  }

  async diskBytes(): Promise<number> {
    const [row] = await this.rows<{ bytes: string }>(
      `SELECT sum(bytes_on_disk) AS bytes FROM system.parts
       WHERE active AND database = currentDatabase()`,
      {},
    );
    return Number(row?.bytes ?? 0);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
