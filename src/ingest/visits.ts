import { BoundedMap } from './bounded-set.js';
import type { TouchpointRow } from '../core/records.js';

/** A visit ends after 30 minutes without activity (PRODUCT.md, "Touchpoints"). */
export const VISIT_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * The campaign source of an event, or '' when it has none of its own (internal navigation, no
 * referrer). A new non-empty source starts a new visit even within 30 minutes.
 */
export function sourceKey(e: TouchpointRow): string {
  let clickIds = '';
  for (const k in e.click_ids)
    clickIds += `${clickIds ? '&' : ''}${k}=${e.click_ids[k as keyof typeof e.click_ids]}`;
  if (e.utm_source || e.utm_medium || e.utm_campaign || clickIds || e.click_id) {
    return `c:${e.utm_source}|${e.utm_medium}|${e.utm_campaign}|${clickIds}|${e.click_id}`;
  }
  if (e.referrer_host && e.referrer_host !== e.host) return `r:${e.referrer_host}`;
  return '';
}

/**
 * Marks which events are marketing contacts (path steps): a visit's landing pageview, a tracking-link
 * click, an ad impression. Keeps the last activity and source per visitor in a bounded window; a
 * visitor unseen for longer than the window starts a new visit anyway, which is the right answer.
 */
export class VisitTracker {
  private readonly state = new BoundedMap<string, { last: number; source: string }>(200_000);

  touch(e: TouchpointRow): 0 | 1 {
    if (e.type === 'click' || e.type === 'impression') return 1;
    const key = `${e.workspace_id}\u0000${e.visitor_id}`;
    const prev = this.state.get(key);
    const src = sourceKey(e);
    if (e.type !== 'pageview') {
      // add-to-cart and custom events extend a visit but never start one.
      if (prev) this.state.set(key, { last: Math.max(prev.last, e.ts), source: prev.source });
      return 0;
    }
    const starts =
      !prev ||
      e.ts - prev.last > VISIT_TIMEOUT_MS ||
      e.ts < prev.last - VISIT_TIMEOUT_MS ||
      (src !== '' && src !== prev.source);
    this.state.set(key, {
      last: prev && !starts ? Math.max(prev.last, e.ts) : e.ts,
      source: starts ? src : (prev?.source ?? src),
    });
    return starts ? 1 : 0;
  }
}
