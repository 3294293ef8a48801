/**
 * Visitor profiles (device, browser, country, truncated IP, consent) and the touchpoint rows a
 * visit leaves behind, classified exactly as the collector would: `classifyChannel` on the
 * normalised UTM tags, click ids, referrer host and partner link of each event.
 */
import { classifyChannel, type ChannelInput, type ChannelResult } from '../../core/channels.js';
import { CLICK_ID_PARAMS, type ClickIdParam } from '../../core/click-ids.js';
import type { ClickIds, TouchpointRow, TouchpointType } from '../../core/records.js';
import { hostOf } from '../../core/url.js';
import type { Rng } from './random.js';

export interface VisitorProfile {
  visitorId: string;
  device: 'desktop' | 'mobile' | 'tablet';
  browser: string;
  os: string;
  ip: string;
  country: string;
  consentAnalytics: 0 | 1;
  consentMarketing: 0 | 1;
}

/** Browser/OS pairs as ua-parser-js 1.x names them, with their share per device type. */
const AGENTS: Record<VisitorProfile['device'], Array<[string, string, number]>> = {
  desktop: [
    ['Chrome', 'Windows', 50],
    ['Edge', 'Windows', 17],
    ['Safari', 'Mac OS', 14],
    ['Chrome', 'Mac OS', 9],
    ['Firefox', 'Windows', 7],
    ['Chrome', 'Linux', 3],
  ],
  mobile: [
    ['Mobile Safari', 'iOS', 47],
    ['Chrome', 'Android', 38],
    ['Samsung Browser', 'Android', 9],
    ['Facebook', 'iOS', 6],
  ],
  tablet: [
    ['Mobile Safari', 'iOS', 68],
    ['Chrome', 'Android', 32],
  ],
};

/** Share of visitors per country, and /24 prefixes of consumer ISPs there (Proximus, Telenet, KPN, Orange, POST). */
const COUNTRIES: Array<[string, number, string[]]> = [
  ['BE', 62, ['81.82', '81.83', '84.194', '91.180', '109.128', '178.116', '94.224']],
  ['NL', 28, ['31.151', '84.84', '145.53', '77.161', '82.168', '86.83']],
  ['FR', 6, ['90.45', '86.245', '92.184', '176.159']],
  ['LU', 4, ['85.93', '188.42', '94.252']],
];

export function newProfile(rng: Rng, opts: { mobileShare: number; country?: string }): VisitorProfile {
  const r = rng.next();
  const tablet = (1 - opts.mobileShare) * 0.14;
  const device: VisitorProfile['device'] =
    r < opts.mobileShare ? 'mobile' : r < opts.mobileShare + tablet ? 'tablet' : 'desktop';
  const [browser, os] = rng.weighted(AGENTS[device], (a) => a[2]);
  const entry =
    (opts.country && COUNTRIES.find((c) => c[0] === opts.country)) || rng.weighted(COUNTRIES, (c) => c[1]);
  const analytics = rng.chance(0.94) ? 1 : 0;
  return {
    visitorId: rng.uuid(),
    device,
    browser,
    os,
    ip: `${rng.pick(entry[2])}.${rng.int(0, 255)}.0`,
    country: entry[0],
    consentAnalytics: analytics,
    consentMarketing: analytics && rng.chance(0.88) ? 1 : 0,
  };
}

/** Click ids shaped like each platform's (lengths and prefixes as seen in landing URLs). */
export function platformClickId(rng: Rng, param: ClickIdParam): string {
  switch (param) {
    case 'gclid':
    case 'gbraid':
    case 'wbraid':
      return `Cj0KCQjw${rng.base62(62)}_BwE`;
    case 'fbclid':
      return `IwAR${rng.base62(55)}`;
    case 'ttclid':
      return `E.C.P.${rng.base62(60)}`;
    case 'msclkid':
      return rng.hex(32);
    case 'li_fat_id':
      return rng.uuid();
    default:
      return rng.base62(40);
  }
}

/** Rendement's own click id, as a tracking-link redirect would mint it (`newClickId` in core/ids). */
export const linkClickId = (rng: Rng): string => `c_${rng.base62(20)}`;

/** What a page event carries besides the visitor: where it is, where it came from, how it was tagged. */
export interface PageEvent {
  type: TouchpointType;
  ts: number;
  touch: 0 | 1;
  path: string;
  /** Query parameters of the page URL (UTM tags, click ids, `rdm_click`); lower-case tags. */
  params?: Record<string, string>;
  referrer?: string;
  customerId?: string;
  clickId?: string;
  linkSlug?: string;
  partner?: string;
  name?: string;
  props?: string;
  experiment?: string;
  variant?: string;
}

/** Build the stored touchpoint for a page event, classifying it on its own fields. */
const hosts = new Map<string, string>();
/** Host of a referrer URL, memoised: a demo repeats a few hundred referrers millions of times. */
function referrerHostOf(url: string): string {
  const slash = url.indexOf('/', 8);
  const base = slash < 0 ? url : url.slice(0, slash);
  let h = hosts.get(base);
  if (h === undefined) {
    h = hostOf(url);
    if (hosts.size < 10_000) hosts.set(base, h);
  }
  return h;
}

const classes = new Map<string, ChannelResult>();
/** `classifyChannel`, memoised on what it reads (click ids by name: their values never matter). */
function classify(input: ChannelInput): ChannelResult {
  const ids = Object.keys(input.click_ids).join(',');
  const key = [
    input.type,
    input.utm_source,
    input.utm_medium,
    input.utm_campaign,
    ids,
    input.referrer_host,
    input.site_host,
    input.partner,
    input.link_slug,
  ].join('\u0001');
  let hit = classes.get(key);
  if (!hit) {
    hit = classifyChannel(input);
    if (classes.size < 50_000) classes.set(key, hit);
  }
  return hit;
}

/** Build the stored touchpoint for a page event, classifying it on its own fields. */
export function touchpointRow(
  workspaceId: string,
  siteHost: string,
  v: VisitorProfile,
  e: PageEvent,
  rng: Rng,
): TouchpointRow {
  const params = e.params;
  const query = params ? new URLSearchParams(params).toString() : '';
  const url = `https://${siteHost}${e.path}${query ? `?${query}` : ''}`;
  const referrer = e.referrer ?? '';
  const referrerHost =
    referrer === '' ? '' : referrer.startsWith(`https://${siteHost}/`) ? siteHost : referrerHostOf(referrer);
  const utm = {
    utm_source: params?.utm_source ?? '',
    utm_medium: params?.utm_medium ?? '',
    utm_campaign: params?.utm_campaign ?? '',
    utm_term: params?.utm_term ?? '',
    utm_content: params?.utm_content ?? '',
    utm_id: params?.utm_id ?? '',
  };
  const clickIds: ClickIds = {};
  if (params) for (const k of CLICK_ID_PARAMS) if (params[k]) clickIds[k] = params[k];
  const cls = classify({
    type: e.type,
    utm_source: utm.utm_source,
    utm_medium: utm.utm_medium,
    utm_campaign: utm.utm_campaign,
    click_ids: clickIds,
    referrer_host: referrerHost,
    site_host: siteHost,
    partner: e.partner ?? '',
    link_slug: e.linkSlug ?? '',
  });
  return {
    workspace_id: workspaceId,
    event_id: rng.uuid(),
    type: e.type,
    ts: e.ts,
    received_at: e.ts + rng.int(40, 1600),
    ts_flag: 'ok',
    visitor_id: v.visitorId,
    customer_id: e.customerId ?? '',
    touch: e.touch,
    url,
    host: siteHost,
    path: e.path,
    referrer,
    referrer_host: referrerHost,
    ...utm,
    click_ids: clickIds,
    click_id: e.clickId ?? '',
    link_slug: e.linkSlug ?? '',
    partner: e.partner ?? '',
    channel: cls.channel,
    source: cls.source,
    medium: cls.medium,
    name: e.name ?? '',
    props: e.props ?? '',
    experiment: e.experiment ?? '',
    variant: e.variant ?? '',
    device: v.device,
    browser: v.browser,
    os: v.os,
    is_bot: 0,
    ip: v.ip,
    country: v.country,
    consent_analytics: v.consentAnalytics,
    consent_marketing: v.consentMarketing,
  };
}

/** A crawler or uptime bot: one Direct pageview from a data-centre address, flagged as a bot. */
export function botRow(workspaceId: string, siteHost: string, ts: number, rng: Rng): TouchpointRow {
  const v: VisitorProfile = {
    visitorId: rng.uuid(),
    device: 'desktop',
    browser: rng.pick(['HeadlessChrome', 'Chrome', '']),
    os: rng.pick(['Linux', 'Linux', 'Windows']),
    ip: `${rng.pick(['34.76', '35.195', '52.28', '157.55', '66.249'])}.${rng.int(0, 255)}.0`,
    country: rng.pick(['US', 'IE', 'DE', 'NL']),
    consentAnalytics: 0,
    consentMarketing: 0,
  };
  const path = rng.pick(['/', '/robots.txt', '/fietsen/e-bikes', '/p/kettingslot-art3', '/sitemap.xml']);
  return {
    ...touchpointRow(workspaceId, siteHost, v, { type: 'pageview', ts, touch: 1, path }, rng),
    device: 'bot',
    is_bot: 1,
  };
}
