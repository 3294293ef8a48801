/**
 * The default channel grouping (PRODUCT.md, "Default channel grouping"): every touchpoint gets one of
 * the 13 channels, plus the `source` and `medium` that reports show beside it. Modelled on Google
 * Analytics 4's default channel group, adapted to Rendement's channels (no Shopping, Audio, Mobile
 * Push, Cross-network or Organic Video; Affiliate and Influencer from partner links) and to its
 * inputs (click ids, partner links, impressions). Workspace rules (channel-rules.ts) go first.
 */
import { firstMatchingRule, type ChannelRule } from './channel-rules.js';
import { CLICK_ID_PARAMS, CLICK_ID_PLATFORM, type ClickIdParam } from './click-ids.js';
import type { Channel, ClickIds, TouchpointType } from './records.js';
import { referrerKind, referrerSourceName, utmSourceKind, type SourceKind } from './referrers.js';
import { bareHost } from './url.js';

/** What the grouping reads from a touchpoint; strings already normalised and lower-cased, `''` = absent. */
export interface ChannelInput {
  type: TouchpointType;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  click_ids: ClickIds;
  referrer_host: string;
  /** The host of the page itself, to tell internal navigation from a referral. */
  site_host: string;
  partner: string;
  link_slug: string;
}

export interface ChannelResult {
  channel: Channel;
  source: string;
  medium: string;
}

/**
 * utm_medium spellings by meaning, compared with spaces, `-` and `_` removed (`paid_social`,
 * `paid-social` and `paid social` are one). Dutch and French spellings our users write are included.
 */
const media = (...names: string[]): ReadonlySet<string> => new Set(names);
const DISPLAY = media(
  ...[
    'display',
    'banner',
    'banners',
    'cpm',
    'programmatic',
    'native',
    'nativeads',
    'expandable',
    'interstitial',
  ],
  ...['gdn', 'dv360', 'rtb', 'paiddisplay', 'displayads'],
);
const AFFILIATE = media('affiliate', 'affiliates', 'affiliation', 'affiliatie', 'partner', 'partners');
const INFLUENCER = media(
  ...[
    'influencer',
    'influencers',
    'influenceur',
    'influenceurs',
    'creator',
    'creators',
    'influencermarketing',
  ],
  'kol',
);
const EMAIL = media(
  ...['email', 'emails', 'mail', 'newsletter', 'newsletters', 'nieuwsbrief', 'emailing', 'mailing'],
  'emailmarketing',
);
const SMS = media('sms', 'text', 'txt', 'textmessage', 'mms');
const PAID_SOCIAL = media(
  ...['paidsocial', 'socialpaid', 'paidsocialmedia', 'socialmediapaid', 'socialads', 'socialad', 'socialcpc'],
  'cpcsocial',
);
// `sea` (search engine advertising) is what Dutch and Belgian marketers call paid search.
const PAID_SEARCH = media(
  'paidsearch',
  'searchpaid',
  'sem',
  'sea',
  'searchads',
  'searchad',
  'cpcsearch',
  'searchcpc',
);
const PAID_VIDEO = media(
  ...['cpv', 'video', 'paidvideo', 'videopaid', 'videoads', 'videoad', 'youtubeads', 'preroll', 'ctv', 'ott'],
);
const ORGANIC_SOCIAL = media(
  'social',
  'socialmedia',
  'socialnetwork',
  'sm',
  'organicsocial',
  'socialorganic',
);
const ORGANIC = media('organic', 'organicsearch', 'seo');
const REFERRAL = media('referral', 'referal', 'link', 'links', 'app');
/** GA4's paid test `^(.*cp.*|ppc|retargeting|paid.*)$`, plus remarketing and bare `ads`. */
const PAID = /cp|^ppc$|^paid|retargeting|remarketing|^ads?$/;
/** Values that mean "no medium" (GA4 writes `(none)` for direct and `(not set)` for missing). */
const NO_MEDIUM = new Set(['', '(none)', 'none', '(not set)']);

const canon = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');

/** The paid channel for a kind of source (GA4's Paid Search / Paid Social / Paid Video split). */
function paidChannel(kind: SourceKind | null): Channel | null {
  if (kind === 'search') return 'Paid Search';
  if (kind === 'social') return 'Paid Social';
  if (kind === 'video') return 'Paid Video';
  return null;
}

/**
 * The unpaid channel for a kind of source. Video sites go to Organic Social: GA4 has an Organic Video
 * channel, PRODUCT.md's 13 have not, and a YouTube visit is unpaid reach on a platform with feeds,
 * subscriptions and comments — closer to social than to search or a plain referral.
 */
function unpaidChannel(kind: SourceKind | null): Channel | null {
  if (kind === 'search') return 'Organic Search';
  if (kind === 'social' || kind === 'video') return 'Organic Social';
  if (kind === 'email') return 'Email';
  if (kind === 'sms') return 'SMS';
  return null;
}

/** The conventional medium for an unpaid channel decided without a utm_medium. */
function unpaidMedium(channel: Channel): string {
  if (channel === 'Email') return 'email';
  if (channel === 'SMS') return 'sms';
  return 'organic';
}

/**
 * The channel a utm_medium names. `contextKind` is the kind of the utm_source, else of the click id,
 * else of the referrer; `taggedKind` the same without the referrer (GA4 reads only the source there).
 * Explicit media first (`organic` split by context: social/video → Organic Social, else Organic
 * Search); then GA4's generic paid test, split by the kind of source (`cpc` from google → Paid Search, from facebook → Paid Social, from youtube → Paid
 * Video; GA4 calls the rest "Paid Other", which we lack, so → Other); then, as GA4 does, a medium we
 * do not know still yields to a known `utm_source` (`utm_source=instagram&utm_medium=bio` → Organic
 * Social, `utm_source=newsletter&utm_medium=june` → Email); else Other.
 */
function channelForMedium(m: string, contextKind: SourceKind | null, taggedKind: SourceKind | null): Channel {
  if (DISPLAY.has(m)) return 'Display';
  if (AFFILIATE.has(m)) return 'Affiliate';
  if (INFLUENCER.has(m)) return 'Influencer';
  if (EMAIL.has(m)) return 'Email';
  if (SMS.has(m)) return 'SMS';
  if (PAID_SOCIAL.has(m)) return 'Paid Social';
  if (PAID_SEARCH.has(m)) return 'Paid Search';
  if (PAID_VIDEO.has(m)) return 'Paid Video';
  if (ORGANIC_SOCIAL.has(m)) return 'Organic Social';
  if (ORGANIC.has(m))
    return contextKind === 'social' || contextKind === 'video' ? 'Organic Social' : 'Organic Search';
  if (REFERRAL.has(m)) return 'Referral';
  if (PAID.test(m)) return paidChannel(contextKind) ?? 'Other';
  return unpaidChannel(taggedKind) ?? 'Other';
}

/**
 * The first paid click id present, in `CLICK_ID_PARAMS` order (gclid first). `fbclid` is never one:
 * Meta appends it to every outbound link from Facebook and Instagram, organic posts, bios and
 * comments included, so on its own it proves a Meta origin, not an ad. The others (gclid, gbraid,
 * wbraid, msclkid, ttclid, li_fat_id, twclid) are added only to ad clicks by auto-tagging.
 */
function paidClickId(ids: ClickIds | undefined): ClickIdParam | null {
  if (!ids) return null;
  for (const p of CLICK_ID_PARAMS) if (p !== 'fbclid' && ids[p]) return p;
  return null;
}

/** Internal navigation: the referrer is the site itself, a subdomain of it, or its parent domain. */
function isInternal(referrer: string, site: string): boolean {
  const a = bareHost(referrer);
  const b = bareHost(site);
  if (a === '' || b === '') return false;
  if (a === b) return true;
  return a.includes('.') && b.includes('.') && (a.endsWith(`.${b}`) || b.endsWith(`.${a}`));
}

/**
 * Classify one touchpoint into a channel of the default grouping, with its `source` and `medium`.
 * Order, first decisive step wins:
 * 1. workspace `rules` (first matching rule sets the channel; source and medium stay the default ones);
 * 2. a partner link → Affiliate, or Influencer when utm_medium says influencer/creator — the partner
 *    relationship (and its commission) outranks how the partner placed the link;
 * 3. a utm_medium (other than `(none)`/`(not set)`) decides — see `channelForMedium`: display, affiliate,
 *    influencer, email, sms, paid social/search/video, social, organic, referral, generic paid split by
 *    source kind (utm_source, else click-id platform, else referrer), unknown → by utm_source or Other;
 * 4. a paid click id → Paid Search (gclid, gbraid, wbraid, msclkid) or Paid Social (ttclid, li_fat_id,
 *    twclid) with medium `cpc`: auto-tagged ads carry no UTM;
 * 5. an ad impression with none of the above → the paid channel of its utm_source or referrer kind, else
 *    Display: an impression is a served ad, never an organic visit, and its referrer is the page the ad
 *    was on;
 * 6. `fbclid` alone → Organic Social (Meta tags organic links too; paid Meta traffic is recognised by
 *    its utm_medium, which step 3 already read);
 * 7. a utm_source without medium naming a known source → Organic Search / Organic Social / Email / SMS
 *    (GA4 classifies by source category the same way);
 * 8. an external referrer → Organic Search (search engine), Organic Social (social network or video
 *    site), Email (webmail), else Referral;
 * 9. nothing else: Other when the visit was tagged (a utm_source) or came through a tracking link
 *    (someone clicked a link somewhere; it is not a direct visit), else Direct — an empty referrer or
 *    internal navigation (same host, a subdomain or the parent domain).
 * `source` is the utm_source, else the click id's platform (`google`, `bing`, `facebook`, …), else the
 * referrer's clean name (`referrerSourceName`) or bare host, else `(direct)` for Direct and
 * `(not set)` otherwise. `medium` is the utm_medium, else `affiliate`/`influencer` for partner links,
 * `cpc` for paid click ids, `organic` for search, social and video, `email`, `sms`, `referral`,
 * `(none)` for Direct and `(not set)` where nothing says. Never throws on odd input; only a workspace
 * rule that cannot be compiled throws (`ChannelRuleError`, see `firstMatchingRule`).
 */
export function classifyChannel(input: ChannelInput, rules?: readonly ChannelRule[]): ChannelResult {
  const result = defaultChannel(input);
  if (rules && rules.length > 0) {
    const rule = firstMatchingRule(input, rules);
    if (rule) return { ...result, channel: rule.channel };
  }
  return result;
}

function defaultChannel(input: ChannelInput): ChannelResult {
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const utmSource = str(input.utm_source);
  const utmMedium = NO_MEDIUM.has(str(input.utm_medium).trim()) ? '' : str(input.utm_medium);
  const referrer = str(input.referrer_host);
  const partner = str(input.partner);

  const paidId = paidClickId(input.click_ids);
  const fbclid = Boolean(input.click_ids?.fbclid);
  const external = referrer !== '' && !isInternal(referrer, str(input.site_host));
  const refKind = external ? referrerKind(referrer) : null;
  const refName = external ? (referrerSourceName(referrer) ?? bareHost(referrer)) : '';
  const sourceKind = utmSourceKind(utmSource);
  const clickKind: SourceKind | null = paidId ? CLICK_ID_PLATFORM[paidId].kind : fbclid ? 'social' : null;
  // fbclid says "Meta": name the app when the referrer does (instagram, threads, …), else facebook.
  const fbSource =
    refKind === 'social' && /^(facebook|instagram|threads)$/.test(refName) ? refName : 'facebook';
  const clickSource = paidId ? CLICK_ID_PLATFORM[paidId].source : fbclid ? fbSource : '';

  const done = (channel: Channel, medium: string): ChannelResult => ({
    channel,
    source: utmSource || clickSource || refName || (channel === 'Direct' ? '(direct)' : '(not set)'),
    medium: utmMedium || medium,
  });

  if (partner !== '') {
    return INFLUENCER.has(canon(utmMedium))
      ? done('Influencer', 'influencer')
      : done('Affiliate', 'affiliate');
  }
  if (utmMedium !== '') {
    const channel = channelForMedium(
      canon(utmMedium),
      sourceKind ?? clickKind ?? refKind,
      sourceKind ?? clickKind,
    );
    return done(channel, utmMedium);
  }
  if (paidId) return done(CLICK_ID_PLATFORM[paidId].kind === 'search' ? 'Paid Search' : 'Paid Social', 'cpc');
  if (input.type === 'impression') {
    const kind = sourceKind ?? clickKind ?? refKind;
    return done(
      paidChannel(kind) ?? (kind === 'email' ? 'Email' : kind === 'sms' ? 'SMS' : 'Display'),
      '(not set)',
    );
  }
  if (fbclid) return done('Organic Social', 'organic');
  const bySource = unpaidChannel(sourceKind);
  if (bySource) return done(bySource, unpaidMedium(bySource));
  if (external) {
    const byReferrer = unpaidChannel(refKind);
    return byReferrer ? done(byReferrer, unpaidMedium(byReferrer)) : done('Referral', 'referral');
  }
  if (utmSource !== '' || str(input.link_slug) !== '') return done('Other', '(not set)');
  return done('Direct', '(none)');
}
