import type { ChannelRule } from '../core/channel-rules.js';
import { newClickId } from '../core/ids.js';
import type { IdentityRow } from '../core/records.js';
import type { EventStore, TrackingLink } from '../store/ports.js';
import { encodeIdentity } from '../store/row-codec.js';
import { ConversionIngest } from './conversions.js';
import { DEDUP_WINDOW } from './dedup.js';
import type { ClientContext } from './enrich.js';
import type { EnvelopeError } from './pipeline.js';
import type { BatchResult } from './result.js';
import { Spool, type SegmentFiles, type SpoolBatch } from './spool.js';
import { WorkerClient } from './worker-client.js';
import { insertSegment, SpoolWriter, type WriterOptions } from './writer.js';

export type { EnvelopeError } from './pipeline.js';

export interface CollectorOptions {
  events: EventStore;
  spoolDir: string;
  /** Workspace channel rules, evaluated before the default grouping. */
  rulesFor?: (workspaceId: string) => ChannelRule[];
  writer?: WriterOptions;
  /** How far back to reload event ids into the dedup window at start-up. */
  dedupWarmupMs?: number;
}

/**
 * The collector: events go to its worker thread (pipeline + fsync'd spool, see
 * `collector-worker.ts`), conversions are checked against the store here, and the writer moves
 * closed spool segments into the event store.
 */
export class Collector {
  readonly conversions: ConversionIngest;
  private writer!: SpoolWriter;

  private constructor(
    private readonly opts: CollectorOptions,
    private readonly worker: WorkerClient,
  ) {
    this.conversions = new ConversionIngest(opts.events, (rows) => this.writeIdentities(rows));
  }

  /** Start the worker, replay what an earlier run acknowledged but did not store, start the writer. */
  static async start(opts: CollectorOptions): Promise<{ collector: Collector; replayed: number }> {
    let collector: Collector | null = null;
    const worker = new WorkerClient(() => void collector?.writer.flush().catch(() => undefined));
    collector = new Collector(opts, worker);
    const since = Date.now() - (opts.dedupWarmupMs ?? 3600_000);
    const warm = (await opts.events.recentEventIds(since, DEDUP_WINDOW)).map(
      (r) => [r.workspace_id, r.event_id] as [string, string],
    );
    const leftover = await worker.request<SegmentFiles[]>({ t: 'init', spoolDir: opts.spoolDir, warm });
    let replayed = 0;
    for (const seg of leftover) {
      await insertSegment(opts.events, seg);
      Spool.discard(seg);
      replayed += seg.rows;
    }
    collector.writer = new SpoolWriter(
      () => worker.request<SegmentFiles>({ t: 'rotate' }),
      opts.events,
      opts.writer,
    );
    collector.writer.start();
    return { collector, replayed };
  }

  /** `POST /v1/events` with its raw JSON body: resolves once accepted events are durable. */
  ingestEvents(
    workspaceId: string,
    body: string,
    client: ClientContext,
    receivedAt = Date.now(),
  ): Promise<BatchResult | EnvelopeError> {
    return this.worker.request({
      t: 'events',
      ws: workspaceId,
      body,
      client,
      rules: this.opts.rulesFor?.(workspaceId) ?? [],
      receivedAt,
    });
  }

  /** `GET /r/:slug`: record the click durably; returns the redirect location. */
  recordLinkClick(
    link: TrackingLink,
    client: ClientContext & { referrer: string },
    receivedAt = Date.now(),
  ): Promise<string> {
    return this.worker.request({
      t: 'click',
      link,
      clickId: newClickId(),
      client,
      rules: this.opts.rulesFor?.(link.workspace_id) ?? [],
      receivedAt,
    });
  }

  private async writeIdentities(rows: IdentityRow[]): Promise<void> {
    const batch: SpoolBatch = { touchpoints: [], identities: rows.map(encodeIdentity) };
    await this.worker.request({ t: 'append', batch });
  }

  /** Wait until everything acknowledged so far is in the event store. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  async close(): Promise<void> {
    await this.writer.stop();
    await this.worker.request({ t: 'close' });
    await this.worker.terminate();
  }
}
