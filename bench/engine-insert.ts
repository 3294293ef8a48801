/**
 * bench/engine-insert — how fast the embedded engine alone stores collector rows: touchpoints
 * encoded as the spool holds them (row-codec.ts), in 20,000-row batches, with no HTTP and no
 * pipeline. Three ways in, each into its own fresh copy of the touchpoints table:
 *   - `bytes`: the segment's bytes handed to the engine (chDB's raw insert), parsed straight
 *     into the table's LowCardinality columns — what the collector did before;
 *   - `file`: the engine reads the segment file itself into plain columns and converts them
 *     (`EventStore.insertEncodedFile`) — what the collector does now;
 *   - `native`: the same rows from files in the engine's own columnar format, which need no
 *     parsing: the cost of storing a row at all (sort, compress, write, fsync), a floor no input
 *     format can go below.
 * Figures per way: rows per wall second, per CPU-second of this process (the engine runs in it)
 * and CPU microseconds per row. One JSON line. BENCH_INSERT_ROWS overrides the 400,000 rows.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectEvents } from '../src/store/events/connect.js';
import { ClickHouseEventStore } from '../src/store/events/store.js';
import { encodeTouchpoint } from '../src/store/row-codec.js';
import { touchpoint } from '../test/fixtures/rows.js';

const ROWS = Number(process.env.BENCH_INSERT_ROWS ?? 400_000);
const BATCH = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'rdm-bench-insert-'));
const conn = connectEvents({ dataDir: dir });
const events = new ClickHouseEventStore(conn);
await events.migrate();
const start = Date.UTC(2026, 10, 1);
const lines = Array.from({ length: ROWS }, (_, i) =>
  encodeTouchpoint(
    touchpoint({
      workspace_id: 'ws_bench',
      event_id: `e${i}`,
      visitor_id: `v${i % 5000}`,
      ts: start + i * 10,
      url: `https://shop.example.be/fietsen/${i}?utm_source=google&utm_medium=cpc&utm_campaign=brand&gclid=Cj0K${i}`,
    }),
  ),
);
const batches: string[] = [];
for (let i = 0; i < ROWS; i += BATCH) {
  const file = join(dir, `seg-${i}.touchpoints.ndjson`);
  writeFileSync(file, lines.slice(i, i + BATCH).join('\n') + '\n');
  batches.push(file);
}

async function timed(insert: (batch: number) => Promise<void>) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let b = 0; b < batches.length; b++) await insert(b);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return {
    rows_per_s: Math.round(ROWS / wallS),
    rows_per_cpu_s: Math.round(ROWS / cpuS),
    cpu_us_per_row: +((cpuS * 1e6) / ROWS).toFixed(2),
    cores_used: +(cpuS / wallS).toFixed(2),
  };
}

/** A fresh copy of the touchpoints table (same engine, sort key and fsync settings). */
async function freshTable(name: string): Promise<string> {
  await conn.client.command({ query: `CREATE TABLE ${name} AS touchpoints` });
  return name;
}

const bytesTable = await freshTable('tp_bytes');
const bytes = await timed(async (b) => {
  await conn.rawInsert!(
    bytesTable,
    Buffer.from(lines.slice(b * BATCH, (b + 1) * BATCH).join('\n') + '\n'),
    'JSONCompactEachRow',
  );
});
const file = await timed((b) => events.insertEncodedFile('touchpoints', batches[b]!));

const nativeFiles = batches.map((f) => f.replace('.ndjson', '.native'));
for (let b = 0; b < batches.length; b++)
  await conn.client.command({
    query: `INSERT INTO FUNCTION file({path:String}, 'Native')
      SELECT * FROM tp_bytes WHERE event_id IN (SELECT concat('e', toString(number)) FROM numbers({from:UInt64}, {n:UInt64}))`,
    query_params: { path: nativeFiles[b]!, from: b * BATCH, n: BATCH },
  });
const nativeTable = await freshTable('tp_native');
const native = await timed(async (b) => {
  await conn.client.command({
    query: `INSERT INTO ${nativeTable} SELECT * FROM file({path:String}, 'Native')`,
    query_params: { path: nativeFiles[b]! },
  });
});

const counts = await (
  await conn.client.query({
    query: `SELECT (SELECT count() FROM tp_bytes) AS bytes, (SELECT count() FROM touchpoints) AS file,
      (SELECT count() FROM tp_native) AS native`,
    format: 'JSONEachRow',
  })
).json<Record<string, string>>();
console.log(
  JSON.stringify({
    bench: 'engine-insert',
    rows: ROWS,
    batch: BATCH,
    segment_bytes: statSync(batches[0]!).size,
    bytes,
    file,
    native,
    file_vs_bytes_cpu: +(bytes.cpu_us_per_row / file.cpu_us_per_row).toFixed(2),
    stored: Object.fromEntries(Object.entries(counts[0]!).map(([k, v]) => [k, Number(v)])),
    node: process.version,
  }),
);
await events.close();
rmSync(dir, { recursive: true, force: true });
