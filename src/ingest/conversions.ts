import { createHash } from 'node:crypto';
import type { ConversionChangeRow, ConversionRow, IdentityRow } from '../core/records.js';
import {
  conversionBatchSchema,
  fieldErrors,
  wireConversionSchema,
  type WireConversion,
} from '../core/schemas/index.js';
import { flagTimestamp } from '../core/time.js';
import type { EventStore } from '../store/ports.js';
import { emptyResult, type BatchResult } from './result.js';
import { validateItems } from './validate.js';

/** SHA-256 of the trimmed, lower-cased address: the form ad platforms' conversion APIs expect. */
export const hashEmail = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** The business fields of a conversion; what a resend is compared on (not receive time or version). */
const BUSINESS_FIELDS = [
  'type',
  'status',
  'ts',
  'value',
  'refunded_value',
  'tax',
  'shipping',
  'discount',
  'currency',
  'margin',
  'customer_id',
  'email_sha256',
  'visitor_id',
  'click_id',
  'discount_code',
  'new_customer',
  'backfill',
  'name',
] as const;

export function bodyHash(row: Omit<ConversionRow, 'version' | 'body_hash'>): string {
  const h = createHash('sha256');
  for (const f of BUSINESS_FIELDS) h.update(`${f}=${JSON.stringify(row[f])};`);
  return h.digest('hex').slice(0, 32);
}

const blank = (s: string | undefined) => s ?? '';

/**
 * Merge a wire conversion onto its stored state (or defaults for a new one). Fields the message
 * leaves out keep their stored values, so `{id, status: "refunded"}` is a full refund of the stored
 * value. Returns the errors that only apply to a new conversion (type, currency).
 */
export function mergeConversion(
  w: WireConversion,
  prev: ConversionRow | undefined,
  ctx: { workspaceId: string; receivedAt: number; baseCurrency: string },
):
  | { row: Omit<ConversionRow, 'version' | 'body_hash'> }
  | { errors: Array<{ field: string; reason: string }> } {
  const errors: Array<{ field: string; reason: string }> = [];
  if (!prev && !w.type) errors.push({ field: 'type', reason: 'is required for a new conversion' });
  if (!prev && w.value !== undefined && Number(w.value) > 0 && !w.currency)
    errors.push({ field: 'currency', reason: 'is required when value is given' });
  if (errors.length) return { errors };
  const status = w.status ?? prev?.status ?? 'completed';
  const value = w.value ?? prev?.value ?? '0';
  // A refund without an amount refunds everything; any other status clears a stale refund amount.
  let refunded =
    w.refunded_value ?? (w.status && w.status !== 'refunded' ? '0' : (prev?.refunded_value ?? '0'));
  if (status === 'refunded' && w.refunded_value === undefined && (!prev || prev.status !== 'refunded'))
    refunded = value;
  if (Number(refunded) > Number(value))
    return { errors: [{ field: 'refunded_value', reason: 'must not exceed value' }] };
  const sentTs = w.timestamp ?? prev?.ts ?? ctx.receivedAt;
  const backfill = w.backfill ?? prev?.backfill === 1;
  const ts_flag =
    w.timestamp === undefined && prev ? prev.ts_flag : flagTimestamp(sentTs, ctx.receivedAt, backfill);
  return {
    row: {
      workspace_id: ctx.workspaceId,
      conversion_id: w.id,
      type: w.type ?? prev!.type,
      status,
      ts: ts_flag === 'future' ? ctx.receivedAt : sentTs,
      received_at: prev?.received_at ?? ctx.receivedAt,
      ts_flag,
      value,
      refunded_value: refunded,
      tax: w.tax ?? prev?.tax ?? '0',
      shipping: w.shipping ?? prev?.shipping ?? '0',
      discount: w.discount ?? prev?.discount ?? '0',
      currency: w.currency ?? prev?.currency ?? ctx.baseCurrency,
      margin: w.margin ?? prev?.margin ?? null,
      customer_id: blank(w.customer_id ?? prev?.customer_id),
      email_sha256: w.email ? hashEmail(w.email) : blank(w.email_sha256 ?? prev?.email_sha256),
      visitor_id: blank(w.visitor_id ?? prev?.visitor_id),
      click_id: blank(w.click_id ?? prev?.click_id),
      discount_code: blank(w.discount_code ?? prev?.discount_code)
        .trim()
        .toUpperCase(),
      new_customer: w.new_customer === undefined ? (prev?.new_customer ?? null) : w.new_customer ? 1 : 0,
      backfill: backfill ? 1 : 0,
      name: blank(w.name ?? prev?.name),
    },
  };
}

/**
 * Server-side conversions: validate, merge with the stored state, skip exact resends, write new
 * versions with their history. Writes for one workspace are serialised so two requests carrying
 * the same order id cannot both think it is new.
 */
export class ConversionIngest {
  private readonly locks = new Map<string, Promise<unknown>>();
  private lastVersion = 0;

  constructor(
    private readonly store: EventStore,
    private readonly onIdentities: (rows: IdentityRow[]) => Promise<void>,
  ) {}

  /** Versions must grow even when two writes share a millisecond: µs since epoch, made monotonic. */
  private nextVersion(now: number): number {
    this.lastVersion = Math.max(this.lastVersion + 1, now * 1000);
    return this.lastVersion;
  }

  async ingest(
    body: unknown,
    ws: { id: string; base_currency: string },
    receivedAt = Date.now(),
  ): Promise<BatchResult | { envelope: Array<{ field: string; reason: string }> }> {
    const env = conversionBatchSchema.safeParse(body);
    if (!env.success) return { envelope: fieldErrors(env.error) };
    const { valid, rejected } = validateItems(env.data.conversions, wireConversionSchema);
    const run = async (): Promise<BatchResult> => {
      const result = emptyResult();
      result.rejected = rejected;
      const stored = await this.store.getConversions(ws.id, [...new Set(valid.map((v) => v.item.id))]);
      const rows: ConversionRow[] = [];
      const changes: ConversionChangeRow[] = [];
      const identities: IdentityRow[] = [];
      for (const { index, item } of valid) {
        const prev = stored.get(item.id);
        const merged = mergeConversion(item, prev, {
          workspaceId: ws.id,
          receivedAt,
          baseCurrency: ws.base_currency,
        });
        if ('errors' in merged) {
          result.rejected.push({ index, errors: merged.errors });
          continue;
        }
        result.accepted += 1;
        if (merged.row.ts_flag !== 'ok')
          result.warnings.push({
            index,
            field: 'timestamp',
            reason: `is too far in the ${merged.row.ts_flag}; set backfill: true for past orders`,
          });
        const hash = bodyHash(merged.row);
        if (prev && prev.body_hash === hash) {
          result.duplicates += 1;
          continue;
        }
        const row: ConversionRow = { ...merged.row, version: this.nextVersion(receivedAt), body_hash: hash };
        rows.push(row);
        // Later items in the same batch with the same id merge onto this one.
        stored.set(row.conversion_id, row);
        changes.push({
          workspace_id: ws.id,
          conversion_id: row.conversion_id,
          changed_at: receivedAt,
          change: prev ? 'updated' : 'created',
          status: row.status,
          previous_status: prev?.status ?? '',
          value: row.value,
          refunded_value: row.refunded_value,
          body_hash: hash,
        });
        if (row.visitor_id && row.customer_id)
          identities.push({
            workspace_id: ws.id,
            visitor_id: row.visitor_id,
            customer_id: row.customer_id,
            ts: row.ts,
          });
      }
      result.rejected.sort((a, b) => a.index - b.index);
      if (rows.length) await this.store.writeConversions(rows, changes);
      if (identities.length) await this.onIdentities(identities);
      return result;
    };
    const prev = this.locks.get(ws.id) ?? Promise.resolve();
    const next = prev.then(run, run);
    this.locks.set(
      ws.id,
      next.catch(() => undefined),
    );
    return next;
  }
}
