import type { ChannelRule } from '../core/channel-rules.js';
import { newClickId } from '../core/ids.js';
import type { IdentityRow, TouchpointRow } from '../core/records.js';
import { eventBatchSchema, fieldErrors, wireEventSchema, type FieldError } from '../core/schemas/index.js';
import { parseUrl } from '../core/url.js';
import type { EventStore, TrackingLink } from '../store/ports.js';
import { ChannelClassifier } from './classify.js';
import { ConversionIngest } from './conversions.js';
import { EventDedup } from './dedup.js';
import { Enricher, type ClientContext, type Enrichment } from './enrich.js';
import { normaliseEvent } from './normalise.js';
import { emptyResult, type BatchResult } from './result.js';
import { emptyBatch, Spool } from './spool.js';
import { validateItems } from './validate.js';
import { VisitTracker } from './visits.js';
import { insertSegment, SpoolWriter, type WriterOptions } from './writer.js';
import { encodeIdentity, encodeTouchpoint } from '../store/row-codec.js';

export interface CollectorOptions {
  events: EventStore;
  spoolDir: string;
  /** Workspace channel rules, evaluated before the default grouping. */
  rulesFor?: (workspaceId: string) => ChannelRule[];
  writer?: WriterOptions;
  /** How far back to reload event ids into the dedup window at start-up. */
  dedupWarmupMs?: number;
}

export type EnvelopeError = { envelope: FieldError[] };

/**
 * The collector pipeline: validate → normalise → dedup → classify → enrich → mark visits →
 * durable write (spool, fsync'd) → acknowledged. Each step is its own module; this class only
 * wires them and owns the state they share.
 */
export class Collector {
  private readonly dedup = new EventDedup();
  private readonly visits = new VisitTracker();
  private readonly enricher = new Enricher();
  private readonly classifier = new ChannelClassifier();
  private readonly identityPairs = new Set<string>();
  readonly conversions: ConversionIngest;

  private constructor(
    private readonly opts: CollectorOptions,
    private readonly spool: Spool,
    private readonly writer: SpoolWriter,
  ) {
    this.conversions = new ConversionIngest(opts.events, (rows) => this.writeIdentities(rows));
  }

  /** Open the spool, replay what an earlier run acknowledged but did not store, start the writer. */
  static async start(opts: CollectorOptions): Promise<{ collector: Collector; replayed: number }> {
    const { spool, leftover } = await Spool.open(opts.spoolDir);
    let replayed = 0;
    for (const seg of leftover) {
      await insertSegment(opts.events, seg);
      Spool.discard(seg);
      replayed += seg.rows;
    }
    const writer = new SpoolWriter(spool, opts.events, opts.writer);
    const collector = new Collector(opts, spool, writer);
    const since = Date.now() - (opts.dedupWarmupMs ?? 3600_000);
    for (const r of await opts.events.recentEventIds(since))
      collector.dedup.remember(r.workspace_id, r.event_id);
    writer.start();
    return { collector, replayed };
  }

  /** `POST /v1/events`: returns per-item results; resolves once accepted events are durable. */
  async ingestEvents(
    workspaceId: string,
    body: unknown,
    client: ClientContext,
    receivedAt = Date.now(),
  ): Promise<BatchResult | EnvelopeError> {
    const env = eventBatchSchema.safeParse(body);
    if (!env.success) return { envelope: fieldErrors(env.error) };
    const { valid, rejected } = validateItems(env.data.events, wireEventSchema);
    const result = emptyResult();
    result.rejected = rejected;
    const fresh: Array<{ row: TouchpointRow; ua: string; ip: string }> = [];
    for (const { index, item } of valid) {
      const n = normaliseEvent(item, workspaceId, receivedAt);
      result.accepted += 1;
      if (n.ts_flag !== 'ok')
        result.warnings.push({
          index,
          field: 'timestamp',
          reason: `is too far in the ${n.ts_flag} of the receive time; the receive time was used`,
        });
      if (!this.dedup.firstSeen(workspaceId, n.event_id)) {
        result.duplicates += 1;
        continue;
      }
      fresh.push({ row: n, ua: item.user_agent ?? '', ip: item.ip ?? '' });
    }
    // Visits are decided in time order per visitor, whatever order the batch came in.
    fresh.sort((a, b) => a.row.ts - b.row.ts);
    const batch = emptyBatch();
    const rules = this.opts.rulesFor?.(workspaceId) ?? [];
    // One enrichment per request: the events of a batch come from the same client unless a
    // server-side sender names each visitor's own user agent or IP.
    const shared = this.enricher.enrich(client);
    for (const { row: n, ua, ip } of fresh) {
      const e =
        ua || ip
          ? this.enricher.enrich({
              userAgent: ua || client.userAgent,
              ip: ip || client.ip,
              country: client.country,
            })
          : shared;
      const row = this.complete(n, rules, e);
      batch.touchpoints.push(encodeTouchpoint(row));
      const id = this.identityFor(row);
      if (id) batch.identities.push(encodeIdentity(id));
    }
    await this.spool.append(batch);
    this.writer.nudge();
    return result;
  }

  /** Fill the classification, enrichment and visit fields of a normalised row (in place). */
  private complete(row: TouchpointRow, rules: ChannelRule[], e: Enrichment): TouchpointRow {
    const c = this.classifier.classify(row, rules);
    row.channel = c.channel;
    row.source = c.source;
    row.medium = c.medium;
    row.device = e.device;
    row.browser = e.browser;
    row.os = e.os;
    row.is_bot = e.is_bot;
    row.ip = e.ip;
    row.country = e.country;
    row.touch = this.visits.touch(row);
    return row;
  }

  private identityFor(row: TouchpointRow): IdentityRow | null {
    if (!row.customer_id) return null;
    const key = `${row.workspace_id}\u0000${row.visitor_id}\u0000${row.customer_id}`;
    if (this.identityPairs.has(key)) return null;
    if (this.identityPairs.size > 100_000) this.identityPairs.clear();
    this.identityPairs.add(key);
    return {
      workspace_id: row.workspace_id,
      visitor_id: row.visitor_id,
      customer_id: row.customer_id,
      ts: row.ts,
    };
  }

  private async writeIdentities(rows: IdentityRow[]): Promise<void> {
    await this.spool.append({ touchpoints: [], identities: rows.map(encodeIdentity) });
  }

  /**
   * `GET /r/:slug`: record the click (durably) and return the destination with the link's UTM
   * parameters and `rdm_click` appended. The visitor is not known yet on the collector's domain, so
   * the click id stands in for the visitor until the landing page (or the order) brings it back.
   */
  async recordLinkClick(
    link: TrackingLink,
    client: ClientContext & { referrer: string },
    receivedAt = Date.now(),
  ): Promise<string> {
    const clickId = newClickId();
    const target = new URL(link.destination);
    const utm: Array<[string, string | null]> = [
      ['utm_source', link.utm_source],
      ['utm_medium', link.utm_medium],
      ['utm_campaign', link.utm_campaign],
      ['utm_term', link.utm_term],
      ['utm_content', link.utm_content],
    ];
    for (const [k, v] of utm) if (v && !target.searchParams.has(k)) target.searchParams.set(k, v);
    target.searchParams.set('rdm_click', clickId);
    const n = normaliseEvent(
      {
        type: 'click',
        event_id: clickId,
        visitor_id: clickId,
        url: target.toString(),
        referrer: client.referrer || undefined,
      },
      link.workspace_id,
      receivedAt,
    );
    n.click_id = clickId;
    n.link_slug = link.slug;
    n.partner = (link.partner ?? '').trim().toLowerCase();
    // The click happens on the redirect, not on the destination site: keep the landing host for context.
    n.host = parseUrl(link.destination)?.host ?? '';
    const row = this.complete(n, this.opts.rulesFor?.(link.workspace_id) ?? [], this.enricher.enrich(client));
    await this.spool.append({ touchpoints: [encodeTouchpoint(row)], identities: [] });
    this.writer.nudge();
    return target.toString();
  }

  /** Wait until everything acknowledged so far is in the event store. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  async close(): Promise<void> {
    await this.writer.stop();
    await this.spool.close();
  }
}
