import { CLICK_ID_PARAMS, RDM_CLICK_PARAM } from '../core/click-ids.js';
import type { ClickIds, TouchpointRow } from '../core/records.js';
import type { WireEvent } from '../core/schemas/index.js';
import { flagTimestamp } from '../core/time.js';
import { hostOf, normaliseUtm } from '../core/url.js';
import { BoundedMap } from './bounded-set.js';
import { parsePageUrl } from './page-url.js';

/** Referrers repeat (search engines, social apps, the site itself): their hosts are worth caching. */
const referrerHosts = new BoundedMap<string, string>(20_000);
function cachedHost(url: string): string {
  let host = referrerHosts.get(url);
  if (host === undefined) {
    host = hostOf(url);
    referrerHosts.set(url, host);
  }
  return host;
}

/**
 * Normalise one validated event into the stored row: UTM values trimmed and lower-cased (fields win
 * over the URL's query), click ids from fields or URL, host/path of page and referrer, consent
 * flags, and the timestamp checked against the receive time (a clock far off is flagged and the
 * receive time used). Channel, device and visit fields start neutral: the classify, enrich and
 * visit steps fill them in place (one object per event on the collector's hot path).
 */
export function normaliseEvent(e: WireEvent, workspaceId: string, receivedAt: number): TouchpointRow {
  const page = e.url ? parsePageUrl(e.url) : null;
  const q = page?.params;
  const click_ids: ClickIds = {};
  for (const p of CLICK_ID_PARAMS) {
    const v = (e[p] ?? q?.get(p) ?? '').trim();
    if (v) click_ids[p] = v.slice(0, 512);
  }
  const sent = e.timestamp ?? receivedAt;
  const ts_flag = flagTimestamp(sent, receivedAt);
  return {
    workspace_id: workspaceId,
    event_id: e.event_id,
    type: e.type,
    ts: ts_flag === 'ok' ? sent : receivedAt,
    received_at: receivedAt,
    ts_flag,
    visitor_id: e.visitor_id,
    customer_id: e.customer_id ?? '',
    touch: 0,
    url: e.url ?? '',
    host: page?.host ?? '',
    path: page?.path ?? '',
    referrer: e.referrer ?? '',
    referrer_host: e.referrer ? cachedHost(e.referrer) : '',
    utm_source: normaliseUtm(e.utm_source ?? q?.get('utm_source')),
    utm_medium: normaliseUtm(e.utm_medium ?? q?.get('utm_medium')),
    utm_campaign: normaliseUtm(e.utm_campaign ?? q?.get('utm_campaign')),
    utm_term: normaliseUtm(e.utm_term ?? q?.get('utm_term')),
    utm_content: normaliseUtm(e.utm_content ?? q?.get('utm_content')),
    utm_id: normaliseUtm(e.utm_id ?? q?.get('utm_id')),
    click_ids,
    click_id: (e.click_id ?? q?.get(RDM_CLICK_PARAM) ?? '').trim(),
    link_slug: '',
    partner: '',
    channel: 'Other',
    source: '',
    medium: '',
    name: e.name ?? '',
    props: e.props ? JSON.stringify(e.props) : '',
    experiment: e.experiment ?? '',
    variant: e.variant ?? '',
    device: '',
    browser: '',
    os: '',
    is_bot: 0,
    ip: '',
    country: '',
    consent_analytics: e.consent?.analytics ? 1 : 0,
    consent_marketing: e.consent?.marketing ? 1 : 0,
  };
}
