/**
 * bench/engine-insert — how fast the embedded engine alone stores collector rows: touchpoints
 * encoded as the spool holds them (row-codec.ts) and inserted in 20,000-row batches, the size of a
 * closed spool segment, with no HTTP and no pipeline. The ceiling bench/ingest is bounded by:
 * rows per wall second and per CPU-second of this process (the engine runs in it). One JSON line.
 * BENCH_INSERT_ROWS overrides the 400,000 rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < ROWS; i += BATCH)
  await conn.rawInsert!(
    'touchpoints',
    Buffer.from(lines.slice(i, i + BATCH).join('\n') + '\n'),
    'JSONCompactEachRow',
  );
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    bench: 'engine-insert',
    rows: ROWS,
    batch: BATCH,
    rows_per_s: Math.round(ROWS / wallS),
    cpu_s: +cpuS.toFixed(2),
    cores_used: +(cpuS / wallS).toFixed(2),
    rows_per_cpu_s: Math.round(ROWS / cpuS),
    node: process.version,
  }),
);
await events.close();
rmSync(dir, { recursive: true, force: true });
