import { CLICK_ID_PARAMS, RDM_CLICK_PARAM, UTM_PARAMS } from '../core/click-ids.js';
import type { ClickIds, TouchpointRow } from '../core/records.js';
import type { WireEvent } from '../core/schemas/index.js';
import { flagTimestamp } from '../core/time.js';
import { hostOf, normaliseUtm, parseUrl } from '../core/url.js';
import { BoundedMap } from './bounded-set.js';

/** The part of a stored touchpoint that normalisation fills in (classification and enrichment follow). */
export type NormalisedEvent = Omit<
  TouchpointRow,
  'channel' | 'source' | 'medium' | 'device' | 'browser' | 'os' | 'is_bot' | 'ip' | 'country' | 'touch'
> & { user_agent: string; client_ip: string };

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
 * Normalise one validated event: UTM values trimmed and lower-cased (fields win over the URL's
 * query), click ids from fields or URL, host/path of page and referrer, consent flags, and the
 * timestamp checked against the receive time (a clock far off is flagged and the receive time used).
 */
export function normaliseEvent(e: WireEvent, workspaceId: string, receivedAt: number): NormalisedEvent {
  const page = e.url ? parseUrl(e.url) : null;
  const referrerHost = e.referrer ? cachedHost(e.referrer) : '';
  const params = page?.params ?? {};
  const utm = Object.fromEntries(UTM_PARAMS.map((p) => [p, normaliseUtm(e[p] ?? params[p] ?? '')])) as Record<
    (typeof UTM_PARAMS)[number],
    string
  >;
  const click_ids: ClickIds = {};
  for (const p of CLICK_ID_PARAMS) {
    const v = (e[p] ?? params[p] ?? '').trim();
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
    url: e.url ?? '',
    host: page?.host ?? '',
    path: page?.path ?? '',
    referrer: e.referrer ?? '',
    referrer_host: referrerHost,
    ...utm,
    click_ids,
    click_id: (e.click_id ?? params[RDM_CLICK_PARAM] ?? '').trim(),
    link_slug: '',
    partner: '',
    name: e.name ?? '',
    props: e.props ? JSON.stringify(e.props) : '',
    experiment: e.experiment ?? '',
    variant: e.variant ?? '',
    consent_analytics: e.consent?.analytics ? 1 : 0,
    consent_marketing: e.consent?.marketing ? 1 : 0,
    user_agent: e.user_agent ?? '',
    client_ip: e.ip ?? '',
  };
}
