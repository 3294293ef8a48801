import { z } from 'zod';
import { currency, fieldErrors, type FieldError } from '../../core/schemas/index.js';
import { isIsoDate } from '../../core/time.js';
import type { EventStore, FxRate, Workspace } from '../../store/ports.js';

const rateSchema = z
  .object({
    currency,
    date: z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD'),
    rate: z
      .union([z.number(), z.string()])
      .transform((v) => String(v).trim())
      .refine(
        (s) => /^\d+(\.\d{1,8})?$/.test(s) && Number(s) > 0,
        'must be a positive number with at most 8 decimals (units of the base currency per unit of this currency)',
      ),
  })
  .strict();

export interface FxResult {
  accepted: number;
  rejected: Array<{ index: number; errors: FieldError[] }>;
}

/** Validate and store FX rates (`{"rates": [{currency, date, rate}]}`); a rate for the base currency is refused. */
export async function setFxRates(
  events: EventStore,
  ws: Workspace,
  input: unknown,
): Promise<FxResult | { envelope: FieldError[] }> {
  const list = (input as { rates?: unknown } | null)?.rates;
  if (!Array.isArray(list))
    return { envelope: [{ field: 'rates', reason: 'must be an array of {currency, date, rate}' }] };
  const good: FxRate[] = [];
  const rejected: FxResult['rejected'] = [];
  list.forEach((item, index) => {
    const p = rateSchema.safeParse(item);
    if (!p.success) return rejected.push({ index, errors: fieldErrors(p.error) });
    if (p.data.currency === ws.base_currency)
      return rejected.push({
        index,
        errors: [
          {
            field: 'currency',
            reason: `${ws.base_currency} is the workspace's base currency (its rate is always 1)`,
          },
        ],
      });
    good.push(p.data);
  });
  await events.setFxRates(ws.id, good);
  return { accepted: good.length, rejected };
}

/**
 * Read an FX file: a header naming `date`, `currency` and `rate` (any order), then one rate a line;
 * `,`, `;` or tab separated. Rows come back as plain objects for `setFxRates` to validate, with
 * their 1-based line numbers.
 */
export function parseFxFile(text: string): {
  rates: Array<Record<string, string>>;
  lines: number[];
  error?: string;
} {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return { rates: [], lines: [], error: 'the file is empty' };
  const header = lines[headerAt]!;
  const sep = header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
  const cols = header.split(sep).map((c) => c.trim().toLowerCase().replace(/^"|"$/g, ''));
  const need = ['date', 'currency', 'rate'];
  const missing = need.filter((n) => !cols.includes(n));
  if (missing.length)
    return {
      rates: [],
      lines: [],
      error: `the header must name date, currency and rate (missing: ${missing.join(', ')})`,
    };
  const rates: Array<Record<string, string>> = [];
  const lineNos: number[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = lines[i]!.split(sep).map((c) => c.trim().replace(/^"|"$/g, ''));
    const row: Record<string, string> = {};
    for (const n of need) row[n] = cells[cols.indexOf(n)] ?? '';
    // A decimal comma (0,92) from a European spreadsheet, when the separator is not a comma.
    if (sep !== ',') row.rate = row.rate!.replace(',', '.');
    rates.push(row);
    lineNos.push(i + 1);
  }
  return { rates, lines: lineNos };
}
