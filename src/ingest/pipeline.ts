import type { ChannelRule } from '../core/channel-rules.js';
import type { IdentityRow, TouchpointRow } from '../core/records.js';
import { eventBatchSchema, fieldErrors, wireEventSchema, type FieldError } from '../core/schemas/index.js';
import { parseUrl } from '../core/url.js';
import type { TrackingLink } from '../store/ports.js';
import { encodeIdentity, encodeTouchpoint } from '../store/row-codec.js';
import { ChannelClassifier } from './classify.js';
import { EventDedup } from './dedup.js';
import { Enricher, type ClientContext, type Enrichment } from './enrich.js';
import { normaliseEvent } from './normalise.js';
import { emptyResult, type BatchResult } from './result.js';
import { emptyBatch, type SpoolBatch } from './spool.js';
import { validateItems } from './validate.js';
import { VisitTracker } from './visits.js';

export type EnvelopeError = { envelope: FieldError[] };

/**
 * The collector's steps before the durable write: validate → normalise → dedup → classify →
 * enrich → mark visits → encode. Each step is its own module; this class wires them and owns the
 * state they share (dedup window, visit state, caches). No I/O: it runs in the collector's worker
 * thread, beside the spool.
 */
export class EventPipeline {
  private readonly dedup = new EventDedup();
  private readonly visits = new VisitTracker();
  private readonly enricher = new Enricher();
  private readonly classifier = new ChannelClassifier();
  private readonly identityPairs = new Set<string>();

  remember(workspaceId: string, eventId: string): void {
    this.dedup.remember(workspaceId, eventId);
  }

  /** One `POST /v1/events` body: per-item results and the encoded rows to spool. */
  process(
    workspaceId: string,
    body: unknown,
    client: ClientContext,
    rules: ChannelRule[],
    receivedAt: number,
  ): { result: BatchResult; batch: SpoolBatch } | EnvelopeError {
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
    // One enrichment per request: the events of a batch come from the same client unless a
    // server-side sender names each visitor's own user agent or IP.
    const shared = this.enricher.enrich(client);
    for (const { row, ua, ip } of fresh) {
      const e =
        ua || ip
          ? this.enricher.enrich({
              userAgent: ua || client.userAgent,
              ip: ip || client.ip,
              country: client.country,
            })
          : shared;
      this.complete(row, rules, e);
      batch.touchpoints.push(encodeTouchpoint(row));
      const id = this.identityFor(row);
      if (id) batch.identities.push(encodeIdentity(id));
    }
    return { result, batch };
  }

  /**
   * The click a tracking link records, and where it redirects: the stored destination with the
   * link's UTM parameters and `rdm_click` appended. The visitor is not known yet on the collector's
   * domain, so the click id stands in for the visitor until the landing page (or the order) brings
   * it back.
   */
  linkClick(
    link: TrackingLink,
    clickId: string,
    client: ClientContext & { referrer: string },
    rules: ChannelRule[],
    receivedAt: number,
  ): { location: string; line: string } {
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
    const row = normaliseEvent(
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
    row.click_id = clickId;
    row.link_slug = link.slug;
    row.partner = (link.partner ?? '').trim().toLowerCase();
    row.host = parseUrl(link.destination)?.host ?? '';
    this.complete(row, rules, this.enricher.enrich(client));
    return { location: target.toString(), line: encodeTouchpoint(row) };
  }

  /** Fill the classification, enrichment and visit fields of a normalised row (in place). */
  private complete(row: TouchpointRow, rules: ChannelRule[], e: Enrichment): void {
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
  }

  /** visitor ↔ customer links, each pair written once per window (identities are append-only). */
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
}
