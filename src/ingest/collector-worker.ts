import { parentPort } from 'node:worker_threads';
import { EventPipeline } from './pipeline.js';
import { Spool } from './spool.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/**
 * The collector's worker thread: parses, validates and encodes events and owns the spool, so the
 * main thread only speaks HTTP and inserts closed segments into the engine. On a small machine
 * this is what lets the two halves use two cores.
 */
// A segment this full is inserted at once, before the writer's next tick. Few large inserts make
// few parts for the engine to merge: at 1 s / 100,000 rows (was 250 ms / 20,000) the merges took
// 5 % of a core instead of 31 % under bench/ingest, and the batched rate rose about 10 %.
const FULL_AT = 100_000;
const pipeline = new EventPipeline();
let spool: Spool | null = null;
const port = parentPort!;

const reply = (m: WorkerReply) => port.postMessage(m);

async function handle(m: WorkerRequest): Promise<unknown> {
  switch (m.t) {
    case 'init': {
      const opened = await Spool.open(m.spoolDir);
      spool = opened.spool;
      for (const [ws, id] of m.warm) pipeline.remember(ws, id);
      return opened.leftover;
    }
    case 'events': {
      let body: unknown;
      try {
        body = JSON.parse(m.body);
      } catch {
        return { envelope: [{ field: '(body)', reason: 'is not valid JSON' }] };
      }
      const out = pipeline.process(m.ws, body, m.client, m.rules, m.receivedAt);
      if ('envelope' in out) return out;
      await spool!.append(out.batch);
      if (spool!.pending >= FULL_AT) reply({ id: 0, t: 'full' });
      return out.result;
    }
    case 'click': {
      const { location, line } = pipeline.linkClick(m.link, m.clickId, m.client, m.rules, m.receivedAt);
      await spool!.append({ touchpoints: [line], identities: [] });
      return location;
    }
    case 'append':
      await spool!.append(m.batch);
      return null;
    case 'rotate':
      return spool!.rotate();
    case 'close':
      await spool?.close();
      return null;
  }
}

port.on('message', (m: WorkerRequest) => {
  handle(m).then(
    (value) => reply({ id: m.id, ok: true, value }),
    (e: unknown) => reply({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
