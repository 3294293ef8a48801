import { z } from 'zod';
import { amount, clientId, currency, fieldErrors, type FieldError } from '../../core/schemas/index.js';
import { COST_TYPES, type CostRow } from '../../core/records.js';
import { isIsoDate } from '../../core/time.js';
import type { EventStore, Workspace } from '../../store/ports.js';
import { currencyDigits } from './decimal.js';
import { timeOrderedId } from './ids.js';
import { datesBetween, hoursTimesRate, spreadAmount } from './spread.js';

const MAX_SPREAD_DAYS = 3660;
const date = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');
const decimalText = z.union([z.number(), z.string()]).transform((v) => String(v).trim());
const label = z.string().trim().max(256, 'must be at most 256 characters').optional();

/**
 * One non-media (or manual media) cost line of `POST /v1/costs`: an amount — or, for team hours,
 * hours × rate — for one day or spread over a date range, assigned to a channel, campaign or partner.
 */
export const costLineSchema = z
  .object({
    id: clientId(128).optional(),
    type: z.enum(COST_TYPES, { message: `must be one of ${COST_TYPES.join(', ')}` }),
    amount: amount.optional(),
    hours: decimalText.optional(),
    rate: decimalText.optional(),
    currency: currency.optional(),
    date: date.optional(),
    from: date.optional(),
    to: date.optional(),
    channel: label,
    campaign: label,
    partner: label,
    platform: label,
    description: z.string().max(1000, 'must be at most 1000 characters').optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (l.type === 'team_hours') {
      if (l.amount !== undefined) issue('amount', 'team_hours lines give hours and rate, not amount');
      if (l.hours === undefined) issue('hours', 'is required for team_hours');
      else if (!/^\d+(\.\d{1,2})?$/.test(l.hours)) issue('hours', 'must be a number of hours, e.g. 7.5');
      if (l.rate === undefined) issue('rate', 'is required for team_hours');
      else if (!/^\d+(\.\d{1,4})?$/.test(l.rate)) issue('rate', 'must be an hourly rate, e.g. 85 or 85.50');
    } else {
      if (l.amount === undefined) issue('amount', 'is required');
      if (l.hours !== undefined || l.rate !== undefined)
        issue(l.hours !== undefined ? 'hours' : 'rate', 'only team_hours lines take hours and rate');
    }
    if (l.date && (l.from || l.to)) issue('date', 'give either date or from and to, not both');
    else if (!l.date) {
      if (!l.from) issue(l.to ? 'from' : 'date', 'is required (a date, or a from–to range)');
      if (!l.to)
        issue(l.from ? 'to' : 'date', l.from ? 'is required with from' : 'or from and to is required');
      if (l.from && l.to) {
        if (l.from > l.to) issue('from', `must not be after to (${l.to})`);
        else if (datesBetween(l.from, l.to).length > MAX_SPREAD_DAYS)
          issue('to', `a range may span at most ${MAX_SPREAD_DAYS} days`);
      }
    }
    if (!l.channel && !l.campaign && !l.partner)
      issue('channel', 'assign the cost to a channel, a campaign or a partner');
  });

export type CostLineInput = z.output<typeof costLineSchema>;

export interface CostLinesResult {
  accepted: number;
  /** Day rows written for the accepted lines. */
  rows: number;
  rejected: Array<{ index: number; errors: FieldError[] }>;
}

/** The day rows of one valid line: the amount (or hours × rate) spread evenly over its days. */
export function lineToRows(ws: Workspace, l: CostLineInput, writeId: string, lineId: string): CostRow[] {
  const cur = l.currency ?? ws.base_currency;
  const total = l.type === 'team_hours' ? hoursTimesRate(l.hours!, l.rate!)! : l.amount!;
  const days = l.date ? [l.date] : datesBetween(l.from!, l.to!);
  const parts = spreadAmount(total, days.length, currencyDigits(cur));
  const description =
    l.type === 'team_hours'
      ? `${l.hours} h × ${l.rate}${l.description ? ` — ${l.description}` : ''}`
      : (l.description ?? '');
  return days.map((d, i) => ({
    workspace_id: ws.id,
    date: d,
    cost_type: l.type,
    platform: l.platform ?? '',
    account_id: '',
    channel: l.channel ?? '',
    source: '',
    medium: '',
    campaign: l.campaign ?? '',
    campaign_id: '',
    ad_group: '',
    ad: '',
    partner: l.partner ?? '',
    amount: parts[i]!,
    currency: cur,
    impressions: 0,
    clicks: 0,
    platform_conversions: 0,
    platform_conversion_value: '0',
    import_id: writeId,
    description,
    line_id: lineId,
  }));
}

/**
 * Write cost lines (`{"costs": [...]}`): good lines are kept, each bad one is reported by index.
 * A line with a client `id` replaces the earlier write of that id (never doubles): every write gets a
 * time-ordered write id and the store counts only the newest per line id.
 */
export async function writeCostLines(
  events: EventStore,
  ws: Workspace,
  body: unknown,
): Promise<CostLinesResult | { envelope: FieldError[] }> {
  const list = (body as { costs?: unknown } | null)?.costs;
  if (!Array.isArray(list))
    return { envelope: [{ field: 'costs', reason: 'must be an array of cost lines' }] };
  if (list.length > 10_000)
    return { envelope: [{ field: 'costs', reason: 'at most 10000 lines per request' }] };
  const writeId = timeOrderedId('man');
  const rows: CostRow[] = [];
  const rejected: CostLinesResult['rejected'] = [];
  const seen = new Set<string>();
  let accepted = 0;
  list.forEach((item, index) => {
    const parsed = costLineSchema.safeParse(item);
    if (!parsed.success) return rejected.push({ index, errors: fieldErrors(parsed.error) });
    const lineId = parsed.data.id ?? `${writeId}:${index}`;
    if (seen.has(lineId))
      return rejected.push({ index, errors: [{ field: 'id', reason: 'appears twice in the batch' }] });
    seen.add(lineId);
    rows.push(...lineToRows(ws, parsed.data, writeId, lineId));
    accepted += 1;
  });
  if (rows.length) await events.insertCosts(rows);
  return { accepted, rows: rows.length, rejected };
}
