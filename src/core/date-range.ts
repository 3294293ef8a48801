import type { FieldError } from './schemas/index.js';
import { isIsoDate, nextDate, zonedDayStart } from './time.js';

/**
 * A report or export period: `from`/`to` are local dates (`YYYY-MM-DD`) in the workspace's time
 * zone, `to` inclusive. Answers the instants [start of `from`, start of the day after `to`) in ms,
 * or the fields at fault (a bad date, `from` after `to`).
 */
export function dateRange(
  q: { from?: unknown; to?: unknown },
  timeZone: string,
): { from: number; to: number } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const f of ['from', 'to'] as const) {
    const v = q[f];
    if (typeof v !== 'string' || !isIsoDate(v))
      errors.push({ field: f, reason: 'must be a date as YYYY-MM-DD' });
  }
  if (errors.length) return { errors };
  const from = q.from as string;
  const to = q.to as string;
  if (from > to) return { errors: [{ field: 'from', reason: `must not be after to (${to})` }] };
  return { from: zonedDayStart(from, timeZone), to: zonedDayStart(nextDate(to), timeZone) };
}
