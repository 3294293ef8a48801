/**
 * Known referrer hosts and source names, for the default channel grouping: which hosts are search
 * engines, social networks, video sites and webmail, and the clean source name each stands for
 * (`l.facebook.com` → `facebook`, `www.google.co.uk` → `google`). Modelled on the source
 * categories behind Google Analytics 4's default channel group, trimmed to the sources that matter
 * to Dutch, Belgian, French and English-speaking advertisers.
 */
import { bareHost } from './url.js';

/** What a referrer host is: the part of the channel grouping that a referrer alone can decide. */
export type ReferrerKind = 'search' | 'social' | 'video' | 'email';
/** What a `utm_source` value stands for; `sms` has no referrer (text messages open links directly). */
export type SourceKind = ReferrerKind | 'sms';

interface Known {
  name: string;
  /** null: a known host that is *not* a search/social/video/email source (e.g. `docs.google.com`). */
  kind: ReferrerKind | null;
}

const entries = (kind: ReferrerKind | null, table: Record<string, string>): Array<[string, Known]> =>
  Object.entries(table).map(([host, name]) => [host, { name, kind }]);

/**
 * Hosts (and all their subdomains) by exact domain. A lookup walks a host's suffixes from the longest,
 * so the most specific entry wins: `mail.google.com` (email) before the `google` brand (search).
 */
const DOMAINS = new Map<string, Known>([
  ...entries('search', {
    'bing.com': 'bing',
    'duckduckgo.com': 'duckduckgo',
    'ecosia.org': 'ecosia',
    'qwant.com': 'qwant',
    'baidu.com': 'baidu',
    'ya.ru': 'yandex',
    'startpage.com': 'startpage',
    'search.brave.com': 'brave',
    'ask.com': 'ask',
    'search.aol.com': 'aol',
    'naver.com': 'naver',
    'seznam.cz': 'seznam',
    'so.com': '360',
    'sogou.com': 'sogou',
    'go.mail.ru': 'mail.ru',
    'mojeek.com': 'mojeek',
    'kagi.com': 'kagi',
    'search.lilo.org': 'lilo',
    'metager.org': 'metager',
    'metager.de': 'metager',
    // The Google app on Android (Search and Discover) sends `android-app://<package>/` as referrer.
    'com.google.android.googlequicksearchbox': 'google',
  }),
  // Google hosts that are not its search engine: a visit from a shared doc or a sign-in redirect is a
  // referral, not organic search.
  ...entries(null, {
    'accounts.google.com': 'google',
    'docs.google.com': 'google',
    'drive.google.com': 'google',
    'sites.google.com': 'google',
    'calendar.google.com': 'google',
    'meet.google.com': 'google',
    'classroom.google.com': 'google',
    'support.google.com': 'google',
    'analytics.google.com': 'google',
    'ads.google.com': 'google',
    'tagassistant.google.com': 'google',
    'translate.google.com': 'google',
    'news.google.com': 'google',
  }),
  ...entries('social', {
    'facebook.com': 'facebook',
    'fb.com': 'facebook',
    'fb.me': 'facebook',
    'messenger.com': 'facebook',
    'm.me': 'facebook',
    'com.facebook.katana': 'facebook',
    'instagram.com': 'instagram',
    'com.instagram.android': 'instagram',
    'threads.net': 'threads',
    'threads.com': 'threads',
    'linkedin.com': 'linkedin',
    'lnkd.in': 'linkedin',
    'com.linkedin.android': 'linkedin',
    't.co': 'twitter',
    'twitter.com': 'twitter',
    'x.com': 'twitter',
    'com.twitter.android': 'twitter',
    'tiktok.com': 'tiktok',
    'com.zhiliaoapp.musically': 'tiktok',
    'pin.it': 'pinterest',
    'reddit.com': 'reddit',
    'redd.it': 'reddit',
    'com.reddit.frontpage': 'reddit',
    'snapchat.com': 'snapchat',
    'whatsapp.com': 'whatsapp',
    'wa.me': 'whatsapp',
    't.me': 'telegram',
    'telegram.me': 'telegram',
    'telegram.org': 'telegram',
    'bsky.app': 'bluesky',
    'mastodon.social': 'mastodon',
    'tumblr.com': 'tumblr',
    'quora.com': 'quora',
    'discord.com': 'discord',
    'discord.gg': 'discord',
    'xing.com': 'xing',
    'vk.com': 'vk',
    'weibo.com': 'weibo',
    'line.me': 'line',
    'nextdoor.com': 'nextdoor',
  }),
  ...entries('video', {
    'youtube.com': 'youtube',
    'youtu.be': 'youtube',
    'com.google.android.youtube': 'youtube',
    'vimeo.com': 'vimeo',
    'twitch.tv': 'twitch',
    'dailymotion.com': 'dailymotion',
  }),
  ...entries('email', {
    'mail.google.com': 'gmail',
    'inbox.google.com': 'gmail',
    'com.google.android.gm': 'gmail',
    'outlook.live.com': 'outlook',
    'outlook.office.com': 'outlook',
    'outlook.office365.com': 'outlook',
    'outlook.com': 'outlook',
    'mail.yahoo.com': 'yahoo',
    'mail.yahoo.co.jp': 'yahoo',
    'mail.aol.com': 'aol',
    'mail.proton.me': 'proton',
    'mail.protonmail.com': 'proton',
    'mail.zoho.com': 'zoho',
    'mail.zoho.eu': 'zoho',
    'app.fastmail.com': 'fastmail',
    'icloud.com': 'icloud',
    'mail.gmx.net': 'gmx',
    'navigator.gmx.net': 'gmx',
    'navigator.web.de': 'web.de',
    'email.t-online.de': 't-online',
    'e.mail.ru': 'mail.ru',
    'app.tuta.com': 'tuta',
    'mail.tutanota.com': 'tuta',
  }),
]);

/**
 * Brands recognised under any top-level domain (`google.be`, `google.co.uk`, `yahoo.co.jp`,
 * `yandex.com.tr`, `pinterest.fr`), matched on the label before the public suffix.
 */
const BRANDS = new Map<string, Known>([
  ['google', { name: 'google', kind: 'search' }],
  ['bing', { name: 'bing', kind: 'search' }],
  ['yahoo', { name: 'yahoo', kind: 'search' }],
  ['yandex', { name: 'yandex', kind: 'search' }],
  ['pinterest', { name: 'pinterest', kind: 'social' }],
]);

/**
 * Second-level labels under a two-letter country code that form a public suffix (`co.uk`, `com.au`,
 * `ne.jp`, `gob.es`); enough to find the brand label without shipping the Public Suffix List.
 */
const SECOND_LEVEL = new Set([
  'co',
  'com',
  'net',
  'org',
  'ac',
  'gov',
  'edu',
  'ne',
  'or',
  'gob',
  'go',
  'ltd',
  'plc',
  'nom',
  'gen',
]);

/** First labels that mark a webmail host (`webmail.telenet.be`, `mail.yandex.ru`, `mail.example.com`). */
const WEBMAIL_LABELS = new Set(['mail', 'webmail', 'email', 'messagerie']);

function lookup(host: string): Known | null {
  const h = bareHost(host);
  if (h === '' || h.length > 253) return null;
  const labels = h.split('.');
  for (let i = 0; i < labels.length; i++) {
    const hit = DOMAINS.get(labels.slice(i).join('.'));
    if (hit) return hit;
  }
  const brand = brandOf(labels);
  if (labels.length >= 3 && WEBMAIL_LABELS.has(labels[0] ?? '')) {
    return { name: (brand && BRANDS.get(brand)?.name) ?? labels.slice(1).join('.'), kind: 'email' };
  }
  return (brand && BRANDS.get(brand)) || null;
}

function brandOf(labels: string[]): string | null {
  const n = labels.length;
  if (n < 2) return null;
  const tld = labels[n - 1] ?? '';
  if (!/^[a-z]{2,}$/.test(tld)) return null; // IP addresses, punycode TLDs: no brand
  const suffix = n >= 3 && tld.length === 2 && SECOND_LEVEL.has(labels[n - 2] ?? '') ? 2 : 1;
  return labels[n - suffix - 1] ?? null;
}

/**
 * The kind of a referrer host — `search` (Google under any country domain, Bing, DuckDuckGo, Yahoo,
 * Ecosia, Qwant, Baidu, Yandex, Startpage, Brave Search, …), `social` (Facebook and its `l.`/`lm.`/
 * `m.` link shims, Instagram, Threads, LinkedIn and `lnkd.in`, X/Twitter and `t.co`, TikTok,
 * Pinterest, Reddit, Snapchat, WhatsApp, Telegram, …), `video` (YouTube, Vimeo, Twitch, Dailymotion),
 * `email` (webmail such as Gmail, Outlook, Yahoo Mail and any `mail.`/`webmail.` host) — or null for
 * any other host. Matching is case-insensitive, ignores `www.`, and takes the most specific entry
 * (so `mail.google.com` is email while `www.google.be` is search); Google's non-search hosts
 * (`docs.google.com`, `accounts.google.com`, …) are null, i.e. a plain referral.
 */
export function referrerKind(host: string): ReferrerKind | null {
  return lookup(host)?.kind ?? null;
}

/**
 * The clean source name of a known referrer host, as reports show it in the `source` dimension:
 * `google` for `www.google.co.uk`, `facebook` for `l.facebook.com`, `twitter` for `t.co` and `x.com`
 * (the name the `twclid` click id also maps to), `linkedin` for `lnkd.in`, `gmail` for
 * `mail.google.com`. Null for a host this module does not know, or knows as no search, social, video
 * or email source (`docs.google.com`); callers then use the host itself.
 */
export function referrerSourceName(host: string): string | null {
  const known = lookup(host);
  return known?.kind ? known.name : null;
}

/** `utm_source` spellings (separators `-`, `_` and spaces removed) that name a known source. */
const SOURCE_NAMES = new Map<string, SourceKind>([
  ...['google', 'adwords', 'googleads', 'bing', 'microsoft', 'microsoftads', 'bingads', 'duckduckgo', 'yahoo']
    .concat(['ecosia', 'qwant', 'baidu', 'yandex', 'startpage', 'brave', 'ask', 'naver', 'seznam', 'aol'])
    .map((n): [string, SourceKind] => [n, 'search']),
  ...[
    'facebook',
    'fb',
    'meta',
    'instagram',
    'ig',
    'messenger',
    'threads',
    'linkedin',
    'twitter',
    'x',
    'tiktok',
  ]
    .concat(['pinterest', 'snapchat', 'reddit', 'whatsapp', 'telegram', 'bluesky', 'mastodon', 'tumblr'])
    .concat(['quora', 'discord', 'xing', 'vk', 'weibo', 'line', 'nextdoor', 'metaads', 'facebookads'])
    .concat(['tiktokads', 'linkedinads', 'pinterestads', 'snapchatads', 'redditads', 'twitterads', 'xads'])
    .map((n): [string, SourceKind] => [n, 'social']),
  ...['youtube', 'yt', 'vimeo', 'twitch', 'dailymotion'].map((n): [string, SourceKind] => [n, 'video']),
  ...[
    'email',
    'mail',
    'newsletter',
    'nieuwsbrief',
    'mailchimp',
    'klaviyo',
    'brevo',
    'sendinblue',
    'mailerlite',
  ]
    .concat(['activecampaign', 'campaignmonitor', 'gmail', 'outlook'])
    .map((n): [string, SourceKind] => [n, 'email']),
  ['sms', 'sms'],
]);

/**
 * The kind of source a `utm_source` value names: a known name in any common spelling (`google`,
 * `google-ads`, `fb`, `Meta`, `ig`, `youtube`, `newsletter`, `klaviyo`, `sms`, …; case, spaces,
 * `-` and `_` ignored) or a host that `referrerKind` knows (`l.facebook.com`, `google.be`). Null
 * when the value names nothing known. GA4's default channel group matches sources the same way
 * (its "source categories"), with `email`/`e-mail` and `sms` as sources too.
 */
export function utmSourceKind(source: string): SourceKind | null {
  if (typeof source !== 'string' || source === '') return null;
  const name = source.toLowerCase().replace(/[\s_-]+/g, '');
  const known = SOURCE_NAMES.get(name);
  if (known) return known;
  return source.includes('.') ? referrerKind(source) : null;
}
