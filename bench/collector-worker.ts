/**
 * bench/collector-worker — the collector's worker thread alone: `POST /v1/events` bodies (100
 * events each) posted to it as the HTTP route does, 32 in flight, through JSON parsing, the
 * pipeline (validate, normalise, dedup, classify, enrich, visits, encode) and the fsync'd spool,
 * with no HTTP and no engine. Its events/s bound what bench/ingest can reach with one pipeline
 * thread, however fast the rest. Prints one JSON line: events/s, CPU microseconds per event of
 * this process (worker plus the loop that posts), and the worker thread's share of a core.
 * BENCH_DURATION_S overrides the 8 seconds.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerClient } from '../src/ingest/worker-client.js';
import type { SegmentFiles } from '../src/ingest/spool.js';
import { BENCH_USER_AGENT, bodyFactory } from './lib/event-bodies.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_S ?? 8) * 1000;
const PER_REQUEST = 100;
const IN_FLIGHT = 32;

const nextBody = bodyFactory(PER_REQUEST);
const client = {
  userAgent: BENCH_USER_AGENT,
  ip: '81.82.14.33',
  country: '',
};

const spoolDir = mkdtempSync(join(tmpdir(), 'rdm-bench-worker-'));
// Full segments are closed and dropped, as the writer would after inserting them.
const worker: WorkerClient = new WorkerClient(() => {
  void worker.request<SegmentFiles>({ t: 'rotate' }).then((seg) => {
    for (const f of Object.values(seg.files)) rmSync(f, { force: true });
  });
});
await worker.request({ t: 'init', spoolDir, warm: [] });

/** CPU ticks of this process's threads named like the worker (node:worker_threads names it "node"). */
function threadTicks(): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      const st = readFileSync(`/proc/${process.pid}/task/${t}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      out.set(t, Number(f[11]) + Number(f[12]));
    } catch {
      // the thread ended
    }
  }
  return out;
}

let accepted = 0;
const post = () =>
  worker.request<{ accepted: number }>({
    t: 'events',
    ws: 'ws_bench',
    body: nextBody(),
    client,
    rules: [],
    receivedAt: Date.now(),
  });
// Warm-up: JIT, caches.
for (let i = 0; i < 200; i++) await post();

const ticks0 = threadTicks();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (performance.now() - t0 < DURATION_MS) {
      // Not `accepted += await …`: that reads `accepted` before the await and loses updates.
      const r = await post();
      accepted += r.accepted;
    }
  }),
);
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const ticks1 = threadTicks();
// The busiest thread other than this one (the main thread's tid is the pid) is the worker.
const busiest = Math.max(
  ...[...ticks1].filter(([t]) => t !== String(process.pid)).map(([t, v]) => v - (ticks0.get(t) ?? 0)),
);
await worker.request({ t: 'close' });
await worker.terminate();
rmSync(spoolDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'collector-worker',
    duration_s: +wallS.toFixed(1),
    events_per_request: PER_REQUEST,
    in_flight: IN_FLIGHT,
    events_per_s: Math.round(accepted / wallS),
    cpu_us_per_event: +(((cpu.user + cpu.system) / accepted) * 1).toFixed(2),
    worker_core_share: +(busiest / 100 / wallS).toFixed(2),
    node: process.version,
  }),
);
