import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostFileResult, CostFileRow } from '../src/imports/types.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { importCostFile, importCostRows } from '../src/services/costs/index.js';
import { createWorkspaceWithKeys, type CreatedWorkspace } from '../src/services/workspaces.js';
import type { Workspace } from '../src/store/ports.js';
import { touchpoint } from './fixtures/rows.js';
import { tempConfig } from './helpers.js';

const cfg = tempConfig();
let rt: Runtime;
let A: CreatedWorkspace;
let B: CreatedWorkspace;
let wsA: Workspace;
let wsB: Workspace;

beforeAll(async () => {
  rt = await openRuntime(cfg);
  const a = await createWorkspaceWithKeys(rt.app, { name: 'Shop A' });
  const b = await createWorkspaceWithKeys(rt.app, { name: 'Shop B' });
  if ('error' in a || 'error' in b) throw new Error('workspace setup failed');
  A = a;
  B = b;
  wsA = a.workspace;
  wsB = b.workspace;
});
afterAll(async () => {
  await rt?.close();
});

async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  key: string,
  body?: unknown,
  type = 'application/json',
) {
  const res = await rt.server.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': type }) },
    payload:
      body === undefined
        ? undefined
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? body
          : JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

const row = (date: string, cost: string, over: Partial<CostFileRow> = {}): CostFileRow => ({
  line: 2,
  date,
  campaign: 'Brand BE',
  campaign_id: '111',
  ad_group: '',
  ad: '',
  account_id: '123-456-7890',
  impressions: 1000,
  clicks: 40,
  cost,
  currency: 'EUR',
  conversions: 2,
  conversion_value: '80',
  ...over,
});

const file = (rows: CostFileRow[], errors: CostFileResult['errors'] = []): CostFileResult => {
  const dates = rows.map((r) => r.date).sort();
  return {
    platform: 'google-ads',
    language: 'nl',
    encoding: 'utf-8',
    delimiter: ',',
    headerLine: 1,
    dateRange: dates.length ? [dates[0]!, dates.at(-1)!] : null,
    rows: rows.map((r, i) => ({ ...r, line: i + 2 })),
    errors,
    skipped: 0,
  };
};

const stores = () => ({ app: rt.app, events: rt.events });
const effective = async (ws: Workspace, from = '2026-03-01', to = '2026-03-31') =>
  (
    await rt.events.effectiveCosts(ws.id, {
      from,
      to,
      undoneImports: await rt.app.undoneCostImportIds(ws.id),
    })
  ).map((c) => [c.date, c.amount]);

describe('cost-file imports (service on the real stores)', () => {
  it('re-importing the same report replaces its rows, never doubles them', async () => {
    const f = file([row('2026-03-01', '10'), row('2026-03-02', '20')]);
    const first = await importCostFile(stores(), wsA, f, { fileName: 'g.csv', by: 'cli' });
    expect(first).toMatchObject({ status: 'imported', rows_read: 2, rows_imported: 2, rows_rejected: 0 });
    const again = await importCostFile(stores(), wsA, f, { fileName: 'g.csv', by: 'cli' });
    expect(again.replaces).toEqual([first.import_id]);
    expect(again.import_id! > first.import_id!).toBe(true);
    expect(await effective(wsA)).toEqual([
      ['2026-03-01', '10'],
      ['2026-03-02', '20'],
    ]);
  });

  it('an overlapping date range replaces the overlap; undo restores the previous import', async () => {
    const next = await importCostFile(
      stores(),
      wsA,
      file([row('2026-03-02', '25'), row('2026-03-03', '30')]),
      {
        fileName: 'g2.csv',
        by: 'key_x',
      },
    );
    expect(await effective(wsA)).toEqual([
      ['2026-03-01', '10'],
      ['2026-03-02', '25'],
      ['2026-03-03', '30'],
    ]);
    // Another account of the same platform is not replaced.
    await importCostFile(stores(), wsA, file([row('2026-03-02', '5', { account_id: '999' })]), {
      fileName: 'other.csv',
      by: 'cli',
    });
    expect(await effective(wsA, '2026-03-02', '2026-03-02')).toEqual([
      ['2026-03-02', '25'],
      ['2026-03-02', '5'],
    ]);
    const res = await call('POST', `/v1/costs/imports/${next.import_id}/undo`, A.secret_key);
    expect(res.status).toBe(200);
    expect(res.body.import).toMatchObject({ id: next.import_id, undone_at: expect.any(String) });
    expect(await effective(wsA, '2026-03-01', '2026-03-03')).toEqual([
      ['2026-03-01', '10'],
      ['2026-03-02', '20'],
      ['2026-03-02', '5'],
    ]);
    const list = await call('GET', '/v1/costs/imports', A.secret_key);
    expect(list.body.imports).toHaveLength(4);
    expect(list.body.imports[1]).toMatchObject({
      id: next.import_id,
      file_name: 'g2.csv',
      platform: 'google-ads',
      account_ids: ['123-456-7890'],
      date_from: '2026-03-02',
      date_to: '2026-03-03',
      rows_read: 2,
      rows_imported: 2,
      created_by: 'key_x',
    });
  });

  it('a newer report replaces the days of its range that it has no row for (no spend that day)', async () => {
    const acct = { account_id: '555-555-5555' };
    await importCostFile(
      stores(),
      wsA,
      file([row('2026-04-10', '7', acct), row('2026-04-11', '7', acct), row('2026-04-12', '7', acct)]),
      { fileName: 'apr-a.csv', by: 'cli' },
    );
    const newer = await importCostFile(
      stores(),
      wsA,
      file([row('2026-04-10', '8', acct), row('2026-04-12', '9', acct)]),
      { fileName: 'apr-b.csv', by: 'cli' },
    );
    expect(newer.message).toBe('Imported 2 row(s) from apr-b.csv.');
    expect(await effective(wsA, '2026-04-10', '2026-04-12')).toEqual([
      ['2026-04-10', '8'],
      ['2026-04-12', '9'],
    ]);
    await call('POST', `/v1/costs/imports/${newer.import_id}/undo`, A.secret_key);
    expect(await effective(wsA, '2026-04-10', '2026-04-12')).toEqual([
      ['2026-04-10', '7'],
      ['2026-04-11', '7'],
      ['2026-04-12', '7'],
    ]);
  });
  it('a bad row imports nothing unless skipping; a dry run writes nothing', async () => {
    const bad = file(
      [row('2026-03-10', '7')],
      [{ file: 'bad.csv', line: 3, column: 'Kosten', value: 'abc', reason: 'is not a number' }],
    );
    const before = (await rt.app.listCostImports(wsA.id)).length;
    const rejected = await importCostFile(stores(), wsA, bad, { fileName: 'bad.csv', by: 'cli' });
    expect(rejected).toMatchObject({ status: 'rejected', import_id: null, rows_read: 2, rows_rejected: 1 });
    expect(rejected.errors[0]).toMatchObject({ line: 3, column: 'Kosten', value: 'abc' });
    const dry = await importCostFile(stores(), wsA, bad, {
      fileName: 'bad.csv',
      by: 'cli',
      dryRun: true,
      skipBadRows: true,
    });
    expect(dry).toMatchObject({ status: 'dry_run', rows_imported: 1, rows_rejected: 1, import_id: null });
    expect(await effective(wsA, '2026-03-10', '2026-03-10')).toEqual([]);
    expect(await rt.app.listCostImports(wsA.id)).toHaveLength(before);
    const skipped = await importCostFile(stores(), wsA, bad, {
      fileName: 'bad.csv',
      by: 'cli',
      skipBadRows: true,
    });
    expect(skipped).toMatchObject({ status: 'imported', rows_imported: 1, rows_rejected: 1 });
    expect(await effective(wsA, '2026-03-10', '2026-03-10')).toEqual([['2026-03-10', '7']]);
  });

  it('stores text exactly through the bulk path, spreads a period, and sums amounts exactly', async () => {
    const r = await importCostFile(
      stores(),
      wsA,
      file([
        row('2027-02-01', '0.1', { campaign: 'Tab\there \\ "q"', ad_group: 'two\nlines', ad: 'été – 1%' }),
        row('2027-02-01', '0.2', { campaign: 'B' }),
        row('2027-02-02', '99999999999.9999', { campaign: 'C', date_end: '2027-02-04' }),
      ]),
      { fileName: 'text.csv', by: 'cli' },
    );
    // 0.1 + 0.2 + 99999999999.9999, summed in ten-thousandths (no float noise).
    expect(r.amounts).toEqual([{ currency: 'EUR', amount: '100000000000.2999' }]);
    const stored = await rt.events.listCosts(wsA.id, { from: '2027-02-01', to: '2027-02-31' });
    expect(stored.map((c) => [c.date, c.campaign, c.ad_group, c.ad, c.amount])).toEqual([
      ['2027-02-01', 'B', '', '', '0.2'],
      ['2027-02-01', 'Tab\there \\ "q"', 'two\nlines', 'été – 1%', '0.1'],
      // 99999999999.9999 over 3 days in cents, the last day taking the remainder (spreadAmount).
      ['2027-02-02', 'C', '', '', '33333333333.33'],
      ['2027-02-03', 'C', '', '', '33333333333.33'],
      ['2027-02-04', 'C', '', '', '33333333333.3399'],
    ]);
    expect(stored[0]).toMatchObject({
      platform: 'google-ads',
      channel: 'Paid Search',
      import_id: r.import_id,
    });
  });

  it('a reader that starts its rows over (a repeated onHeader) imports only the second run', async () => {
    const f = file([row('2027-03-01', '4')]);
    const r = await importCostRows(
      stores(),
      wsA,
      (onRow, onHeader) => {
        onHeader({ platform: 'google-ads' });
        onRow(row('2027-03-01', '999'));
        onHeader({ platform: 'google-ads' });
        onRow(f.rows[0]!);
        return f;
      },
      { fileName: 'again.csv', by: 'cli' },
    );
    expect(r).toMatchObject({
      status: 'imported',
      rows_read: 1,
      amounts: [{ currency: 'EUR', amount: '4' }],
    });
    expect(await effective(wsA, '2027-03-01', '2027-03-31')).toEqual([['2027-03-01', '4']]);
  });

  it('a file-level error names the file and writes nothing', async () => {
    const r = await importCostFile(
      stores(),
      wsA,
      file([], [{ file: 'x.csv', line: 0, column: '', value: '', reason: 'unknown layout: no date column' }]),
      { fileName: 'x.csv', by: 'cli', skipBadRows: true },
    );
    expect(r).toMatchObject({ status: 'rejected', message: 'x.csv: unknown layout: no date column' });
  });

  it('keeps workspaces apart', async () => {
    expect(await effective(wsB)).toEqual([]);
    const res = await call('GET', '/v1/costs/imports', B.secret_key);
    expect(res.body.imports).toEqual([]);
    const undo = await call(
      'POST',
      `/v1/costs/imports/${(await rt.app.listCostImports(wsA.id))[0]!.id}/undo`,
      B.secret_key,
    );
    expect(undo.status).toBe(404);
  });
});

describe('POST /v1/costs/import', () => {
  it('answers 400 naming the bad parameters', async () => {
    const r = await call(
      'POST',
      '/v1/costs/import?platform=myspace&currency=EURO&dry_run=perhaps',
      A.secret_key,
      'a,b\n',
      'text/csv',
    );
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['platform', 'currency', 'dry_run']);
    const empty = await call('POST', '/v1/costs/import', A.secret_key, { rows: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('(body)');
    const noKey = await call('POST', '/v1/costs/import', '', 'a', 'text/csv');
    expect(noKey.status).toBe(401);
  });
});

describe('POST /v1/costs (cost lines)', () => {
  it('spreads a range exactly, computes team hours, and replaces a re-posted id', async () => {
    const lines = {
      costs: [
        {
          id: 'agency-q2',
          type: 'agency_fee',
          amount: 1000,
          from: '2026-05-01',
          to: '2026-05-03',
          channel: 'Paid Social',
        },
        {
          id: 'hours-1',
          type: 'team_hours',
          hours: '7.5',
          rate: '85',
          date: '2026-05-02',
          campaign: 'Lente',
        },
        { type: 'shipping', amount: '12.40', date: '2026-05-02', partner: 'fietsfan' },
      ],
    };
    const r = await call('POST', '/v1/costs', A.secret_key, lines);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ accepted: 3, rows: 5, rejected: [] });
    const again = await call('POST', '/v1/costs', A.secret_key, { costs: [lines.costs[0], lines.costs[1]] });
    expect(again.body.accepted).toBe(2);
    const rows = await rt.events.effectiveCosts(wsA.id, { from: '2026-05-01', to: '2026-05-31' });
    expect(rows.map((c) => [c.date, c.cost_type, c.amount])).toEqual([
      ['2026-05-01', 'agency_fee', '333.33'],
      ['2026-05-02', 'agency_fee', '333.33'],
      ['2026-05-02', 'shipping', '12.4'],
      ['2026-05-02', 'team_hours', '637.5'],
      ['2026-05-03', 'agency_fee', '333.34'],
    ]);
    // Re-posted over fewer days: the old days do not linger.
    await call('POST', '/v1/costs', A.secret_key, {
      costs: [{ ...lines.costs[0], from: '2026-05-01', to: '2026-05-02' }],
    });
    const agency = (await rt.events.effectiveCosts(wsA.id, { from: '2026-05-01', to: '2026-05-31' })).filter(
      (c) => c.cost_type === 'agency_fee',
    );
    expect(agency.map((c) => [c.date, c.amount])).toEqual([
      ['2026-05-01', '500'],
      ['2026-05-02', '500'],
    ]);
  });

  it('rejects bad lines by index, naming fields', async () => {
    const r = await call('POST', '/v1/costs', A.secret_key, {
      costs: [
        { type: 'catering', amount: 5, date: '2026-05-01', channel: 'x' },
        { type: 'team_hours', amount: 5, date: '2026-05-01', channel: 'x' },
        { type: 'production', amount: 5, from: '2026-05-03', to: '2026-05-01' },
      ],
    });
    expect(r.status).toBe(400);
    const fields = r.body.rejected.map((x: { errors: Array<{ field: string }> }) =>
      x.errors.map((e) => e.field),
    );
    expect(fields[0]).toEqual(['type']);
    expect(fields[1]).toEqual(expect.arrayContaining(['amount', 'hours', 'rate']));
    expect(fields[2]).toEqual(expect.arrayContaining(['from', 'channel']));
    const env = await call('POST', '/v1/costs', A.secret_key, { lines: [] });
    expect(env.body.errors).toEqual([{ field: 'costs', reason: 'must be an array of cost lines' }]);
  });
});

describe('FX rates and costs in the base currency', () => {
  it('converts at the rate of the date or the latest earlier one, and reports a missing rate', async () => {
    const put = await call('PUT', '/v1/fx-rates', B.secret_key, {
      rates: [
        { currency: 'USD', date: '2026-06-01', rate: '0.9' },
        { currency: 'USD', date: '2026-06-03', rate: 0.8 },
        { currency: 'EUR', date: '2026-06-01', rate: 1 },
        { currency: 'usd', date: 'June', rate: -1 },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.accepted).toBe(2);
    expect(put.body.rejected.map((r: { index: number }) => r.index)).toEqual([2, 3]);
    await call('PUT', '/v1/fx-rates', B.secret_key, {
      rates: [{ currency: 'USD', date: '2026-06-03', rate: '0.85' }],
    });
    const listed = await call('GET', '/v1/fx-rates', B.secret_key);
    expect(listed.body).toEqual({
      base_currency: 'EUR',
      rates: [
        { currency: 'USD', date: '2026-06-01', rate: '0.9' },
        { currency: 'USD', date: '2026-06-03', rate: '0.85' },
      ],
    });
    await call('POST', '/v1/costs', B.secret_key, {
      costs: [
        { type: 'tool_subscription', amount: 100, currency: 'USD', date: '2026-06-02', channel: 'Email' },
        { type: 'tool_subscription', amount: 100, currency: 'USD', date: '2026-06-05', channel: 'Email' },
        { type: 'production', amount: '50.5', date: '2026-06-02', channel: 'Email' },
        { type: 'production', amount: 1000, currency: 'GBP', date: '2026-06-02', channel: 'Email' },
        { type: 'production', amount: 10, currency: 'USD', date: '2026-05-31', channel: 'Email' },
      ],
    });
    const res = await call('GET', '/v1/costs?from=2026-05-01&to=2026-06-30', B.secret_key);
    expect(res.status).toBe(200);
    expect(
      res.body.rows.map((r: { date: string; currency: string; amount_base: string | null }) => [
        r.date,
        r.currency,
        r.amount_base,
      ]),
    ).toEqual([
      ['2026-05-31', 'USD', null],
      ['2026-06-02', 'USD', '90'],
      ['2026-06-02', 'EUR', '50.5'],
      ['2026-06-02', 'GBP', null],
      ['2026-06-05', 'USD', '85'],
    ]);
    expect(res.body.total).toBe('225.5');
    expect(res.body.missing_rates).toEqual([
      { currency: 'GBP', first_date: '2026-06-02', last_date: '2026-06-02', rows: 1, amount: '1000' },
      { currency: 'USD', first_date: '2026-05-31', last_date: '2026-05-31', rows: 1, amount: '10' },
    ]);
    // Workspace A has no rates.
    expect((await call('GET', '/v1/fx-rates', A.secret_key)).body.rates).toEqual([]);
  });
});

describe('costs without traffic and traffic without costs', () => {
  it('matches normalised names, utm_id and mapping rules', async () => {
    const ts = Date.UTC(2026, 6, 2, 10);
    await rt.events.insertTouchpoints([
      touchpoint({
        workspace_id: wsA.id,
        event_id: 'u1',
        ts,
        channel: 'Paid Search',
        utm_campaign: 'brand  be ',
        touch: 1,
      }),
      touchpoint({
        workspace_id: wsA.id,
        event_id: 'u2',
        ts,
        channel: 'Paid Social',
        utm_campaign: 'spring_x',
        utm_id: '777',
        touch: 1,
      }),
      touchpoint({
        workspace_id: wsA.id,
        event_id: 'u3',
        ts,
        channel: 'Paid Social',
        utm_campaign: 'orphan',
        touch: 1,
      }),
      touchpoint({
        workspace_id: wsA.id,
        event_id: 'u4',
        ts,
        channel: 'Paid Search',
        utm_campaign: 'mapped_utm',
        touch: 1,
      }),
      touchpoint({
        workspace_id: wsA.id,
        event_id: 'u5',
        ts,
        channel: 'Email',
        utm_campaign: 'newsletter',
        touch: 1,
      }),
    ]);
    await importCostFile(
      stores(),
      wsA,
      file([
        row('2026-07-02', '10', { campaign: 'Brand BE' }),
        row('2026-07-02', '11', { campaign: 'Lente Social', campaign_id: '777' }),
        row('2026-07-02', '12', { campaign: 'No Traffic', campaign_id: '888' }),
        row('2026-07-02', '13', { campaign: 'Mapped Cost', campaign_id: '999' }),
      ]),
      { fileName: 'july.csv', by: 'cli' },
    );
    const map = await call('POST', '/v1/costs/campaign-map', A.secret_key, {
      cost_campaign: '  MAPPED   cost',
      utm_campaign: 'mapped_utm',
    });
    expect(map.status).toBe(201);
    const bad = await call('POST', '/v1/costs/campaign-map', A.secret_key, { cost_campaign: 'x' });
    expect(bad.body.errors).toEqual([{ field: 'utm_campaign', reason: expect.any(String) }]);
    const res = await call('GET', '/v1/costs/unmatched?from=2026-07-01&to=2026-07-31', A.secret_key);
    expect(res.status).toBe(200);
    expect(res.body.unmatched_costs.map((c: { campaign: string }) => c.campaign)).toEqual(['No Traffic']);
    expect(res.body.unmatched_traffic.map((t: { utm_campaign: string }) => t.utm_campaign)).toEqual([
      'orphan',
    ]);
    const badRange = await call('GET', '/v1/costs/unmatched?from=x', A.secret_key);
    expect(badRange.body.errors.map((e: { field: string }) => e.field)).toEqual(['from', 'to']);
  });
});

const GOOGLE_CSV = [
  'Campaign performance report',
  '"1 March 2026 - 2 March 2026"',
  'Day,Campaign,Campaign ID,Customer ID,Currency code,Impr.,Clicks,Cost,Conversions,Conv. value',
  '2026-08-01,Brand BE,111,123-456-7890,EUR,"1,000",40,12.50,2.00,80.00',
  '2026-08-02,Brand BE,111,123-456-7890,EUR,900,30,oops,1.00,40.00',
  '2026-08-02,Generic,222,123-456-7890,EUR,500,20,7.25,0.00,0.00',
  'Total: Account,,,,,2400,90,19.75,3.00,120.00',
].join('\n');

describe('POST /v1/costs/import with the real readers', () => {
  it('refuses a file with a bad row (400, each error located), then imports the good rows when asked', async () => {
    const url = '/v1/costs/import?file_name=google.csv';
    const bad = await call('POST', url, B.secret_key, GOOGLE_CSV, 'text/csv');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_file');
    expect(bad.body.errors).toEqual([
      {
        field: 'line 5, Cost',
        file: 'google.csv',
        line: 5,
        column: 'Cost',
        value: 'oops',
        reason: expect.any(String),
      },
    ]);
    const dry = await call(
      'POST',
      `${url}&skip_bad_rows=true&dry_run=true`,
      B.secret_key,
      GOOGLE_CSV,
      'text/csv',
    );
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'dry_run', rows_imported: 2, rows_rejected: 1 });
    expect((await call('GET', '/v1/costs/imports', B.secret_key)).body.imports).toEqual([]);
    const ok = await call('POST', `${url}&skip_bad_rows=1`, B.secret_key, GOOGLE_CSV, 'text/csv');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      status: 'imported',
      platform: 'google-ads',
      language: 'en',
      rows_read: 3,
      rows_imported: 2,
      rows_rejected: 1,
      amounts: [{ currency: 'EUR', amount: '19.75' }],
    });
    const imports = (await call('GET', '/v1/costs/imports', B.secret_key)).body.imports;
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({
      file_name: 'google.csv',
      created_by: expect.not.stringMatching(/^cli$/),
    });
    const costs = await rt.events.effectiveCosts(wsB.id, { from: '2026-08-01', to: '2026-08-31' });
    expect(costs.map((c) => [c.date, c.campaign, c.amount, c.channel, c.impressions])).toEqual([
      ['2026-08-01', 'Brand BE', '12.5', 'Paid Search', 1000],
      ['2026-08-02', 'Generic', '7.25', 'Paid Search', 0 + 500],
    ]);
  });

  it('names the file when its layout is unknown', async () => {
    const r = await call(
      'POST',
      '/v1/costs/import?file_name=notes.txt',
      B.secret_key,
      'hello\nworld\n',
      'application/octet-stream',
    );
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^notes\.txt: /);
  });
});

describe('a fixture export end to end', () => {
  it('spreads Meta period rows (Start/Einde rapportage) over their days exactly', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(new URL('./fixtures/costs/meta-nl.csv', import.meta.url));
    const ws = (await createWorkspaceWithKeys(rt.app, { name: 'Meta period shop' })) as CreatedWorkspace;
    const res = await call(
      'POST',
      '/v1/costs/import?file_name=meta-nl.csv',
      ws.secret_key,
      bytes,
      'text/csv',
    );
    expect(res.status).toBe(201);
    const rows = await rt.events.effectiveCosts(ws.workspace.id, { undoneImports: [] });
    // 31 + 31 days for the two March rows, 1 for the single-day row.
    expect(rows).toHaveLength(63);
    const vrouwen = rows.filter((r) => r.ad_group === 'Vrouwen 25-44');
    // €412.35 over 31 days: 30 × 13.30 + 13.35 (the last day takes the remainder); 12,450 impressions: 30 × 401 + 420.
    expect(vrouwen.map((r) => r.amount)).toEqual([...Array(30).fill('13.3'), '13.35']);
    expect(vrouwen.map((r) => r.impressions)).toEqual([...Array(30).fill(401), 420]);
    expect(vrouwen[0]!.date).toBe('2026-03-01');
    expect(vrouwen[30]!.date).toBe('2026-03-31');
    const cents = rows.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
    expect(cents).toBe(51925);
  });

  it('imports test/fixtures/costs/google-ads-nl.csv, then re-imports it without doubling', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(new URL('./fixtures/costs/google-ads-nl.csv', import.meta.url));
    const ws = (await createWorkspaceWithKeys(rt.app, { name: 'Fixture shop' })) as CreatedWorkspace;
    const url = '/v1/costs/import?file_name=google-ads-nl.csv&skip_bad_rows=true';
    const first = await call('POST', url, ws.secret_key, bytes, 'text/csv');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'imported', platform: 'google-ads', language: 'nl' });
    expect(first.body.rows_imported).toBeGreaterThan(0);
    const q = { undoneImports: await rt.app.undoneCostImportIds(ws.workspace.id) };
    const once = await rt.events.effectiveCosts(ws.workspace.id, q);
    const second = await call('POST', url, ws.secret_key, bytes, 'text/csv');
    expect(second.body.replaces).toEqual([first.body.import_id]);
    expect(await rt.events.effectiveCosts(ws.workspace.id, q)).toHaveLength(once.length);
  });
});
