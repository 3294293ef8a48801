import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelRule } from './channel-rules.js';
import { classifyChannel, type ChannelInput } from './channels.js';
import { CLICK_ID_PARAMS } from './click-ids.js';
import { CHANNELS, TOUCHPOINT_TYPES, type Channel } from './records.js';
import { referrerKind, referrerSourceName, utmSourceKind } from './referrers.js';

const SITE = 'www.shop.be';

const input = (over: Partial<ChannelInput> = {}): ChannelInput => ({
  type: 'pageview',
  utm_source: '',
  utm_medium: '',
  utm_campaign: '',
  click_ids: {},
  referrer_host: '',
  site_host: SITE,
  partner: '',
  link_slug: '',
  ...over,
});

type Case = [string, Partial<ChannelInput>, Channel, string, string];

describe('classifyChannel: known cases', () => {
  it.each<Case>([
    // Paid search
    ['Google Ads, gclid only', { click_ids: { gclid: 'Cj0K' } }, 'Paid Search', 'google', 'cpc'],
    [
      'Google Ads, gclid with google referrer',
      { click_ids: { gclid: 'x' }, referrer_host: 'www.google.com' },
      'Paid Search',
      'google',
      'cpc',
    ],
    ['Google Ads iOS, gbraid', { click_ids: { gbraid: 'x' } }, 'Paid Search', 'google', 'cpc'],
    ['Google Ads iOS web, wbraid', { click_ids: { wbraid: 'x' } }, 'Paid Search', 'google', 'cpc'],
    [
      'Microsoft Ads, msclkid',
      { click_ids: { msclkid: 'x' }, referrer_host: 'www.bing.com' },
      'Paid Search',
      'bing',
      'cpc',
    ],
    ['utm google / cpc', { utm_source: 'google', utm_medium: 'cpc' }, 'Paid Search', 'google', 'cpc'],
    ['utm bing / ppc', { utm_source: 'bing', utm_medium: 'ppc' }, 'Paid Search', 'bing', 'ppc'],
    [
      'utm medium paid search',
      { utm_source: 'google', utm_medium: 'paid search' },
      'Paid Search',
      'google',
      'paid search',
    ],
    [
      'utm medium sem, unknown source',
      { utm_source: 'agency', utm_medium: 'sem' },
      'Paid Search',
      'agency',
      'sem',
    ],
    ['utm medium sea (Dutch)', { utm_source: 'google', utm_medium: 'sea' }, 'Paid Search', 'google', 'sea'],
    ['utm adwords / paid', { utm_source: 'adwords', utm_medium: 'paid' }, 'Paid Search', 'adwords', 'paid'],
    [
      'cpc with unknown source, gclid present',
      { utm_source: 'spring', utm_medium: 'cpc', click_ids: { gclid: 'x' } },
      'Paid Search',
      'spring',
      'cpc',
    ],
    [
      'cpc with source as host',
      { utm_source: 'google.com', utm_medium: 'cpc' },
      'Paid Search',
      'google.com',
      'cpc',
    ],
    [
      'gclid and fbclid: gclid wins',
      { click_ids: { fbclid: 'a', gclid: 'b' } },
      'Paid Search',
      'google',
      'cpc',
    ],
    // Paid social
    [
      'Meta paid, utm_medium=paid_social',
      { utm_source: 'facebook', utm_medium: 'paid_social', click_ids: { fbclid: 'x' } },
      'Paid Social',
      'facebook',
      'paid_social',
    ],
    [
      'Meta paid, paid-social',
      { utm_source: 'meta', utm_medium: 'paid-social' },
      'Paid Social',
      'meta',
      'paid-social',
    ],
    [
      'Meta paid, paidsocial',
      { utm_source: 'ig', utm_medium: 'paidsocial' },
      'Paid Social',
      'ig',
      'paidsocial',
    ],
    [
      'Meta paid, social_paid',
      { utm_source: 'fb', utm_medium: 'social_paid' },
      'Paid Social',
      'fb',
      'social_paid',
    ],
    ['cpc from facebook', { utm_source: 'facebook', utm_medium: 'cpc' }, 'Paid Social', 'facebook', 'cpc'],
    ['cpc from instagram', { utm_source: 'instagram', utm_medium: 'cpc' }, 'Paid Social', 'instagram', 'cpc'],
    ['cpc from linkedin', { utm_source: 'linkedin', utm_medium: 'cpc' }, 'Paid Social', 'linkedin', 'cpc'],
    ['paid from tiktok', { utm_source: 'tiktok', utm_medium: 'paid' }, 'Paid Social', 'tiktok', 'paid'],
    ['cpc from x', { utm_source: 'x', utm_medium: 'cpc' }, 'Paid Social', 'x', 'cpc'],
    ['cpc from pinterest', { utm_source: 'pinterest', utm_medium: 'cpc' }, 'Paid Social', 'pinterest', 'cpc'],
    ['cpc from snapchat', { utm_source: 'snapchat', utm_medium: 'cpc' }, 'Paid Social', 'snapchat', 'cpc'],
    ['cpc from reddit', { utm_source: 'reddit', utm_medium: 'cpc' }, 'Paid Social', 'reddit', 'cpc'],
    [
      'cpc without source, fbclid present',
      { utm_medium: 'cpc', click_ids: { fbclid: 'x' } },
      'Paid Social',
      'facebook',
      'cpc',
    ],
    [
      'cpc without source, facebook referrer',
      { utm_medium: 'cpc', referrer_host: 'm.facebook.com' },
      'Paid Social',
      'facebook',
      'cpc',
    ],
    [
      'retargeting from facebook',
      { utm_source: 'facebook', utm_medium: 'retargeting' },
      'Paid Social',
      'facebook',
      'retargeting',
    ],
    ['TikTok Ads, ttclid only', { click_ids: { ttclid: 'x' } }, 'Paid Social', 'tiktok', 'cpc'],
    ['LinkedIn Ads, li_fat_id only', { click_ids: { li_fat_id: 'x' } }, 'Paid Social', 'linkedin', 'cpc'],
    [
      'X Ads, twclid only',
      { click_ids: { twclid: 'x' }, referrer_host: 't.co' },
      'Paid Social',
      'twitter',
      'cpc',
    ],
    ['ttclid beats fbclid', { click_ids: { fbclid: 'a', ttclid: 'b' } }, 'Paid Social', 'tiktok', 'cpc'],
    // Paid video
    ['youtube / cpv', { utm_source: 'youtube', utm_medium: 'cpv' }, 'Paid Video', 'youtube', 'cpv'],
    ['medium video', { utm_source: 'dv360', utm_medium: 'video' }, 'Paid Video', 'dv360', 'video'],
    [
      'medium paid video',
      { utm_source: 'youtube', utm_medium: 'paid video' },
      'Paid Video',
      'youtube',
      'paid video',
    ],
    [
      'medium youtube ads',
      { utm_source: 'google', utm_medium: 'youtube_ads' },
      'Paid Video',
      'google',
      'youtube_ads',
    ],
    ['cpc from youtube', { utm_source: 'youtube', utm_medium: 'cpc' }, 'Paid Video', 'youtube', 'cpc'],
    // Display
    ['display', { utm_source: 'gdn', utm_medium: 'display' }, 'Display', 'gdn', 'display'],
    ['banner', { utm_source: 'hln.be', utm_medium: 'banner' }, 'Display', 'hln.be', 'banner'],
    ['cpm', { utm_source: 'criteo', utm_medium: 'cpm' }, 'Display', 'criteo', 'cpm'],
    ['programmatic', { utm_source: 'dv360', utm_medium: 'programmatic' }, 'Display', 'dv360', 'programmatic'],
    ['native', { utm_source: 'taboola', utm_medium: 'native' }, 'Display', 'taboola', 'native'],
    [
      'cpm from facebook is still display (GA4)',
      { utm_source: 'facebook', utm_medium: 'cpm' },
      'Display',
      'facebook',
      'cpm',
    ],
    ['impression without any source', { type: 'impression' }, 'Display', '(not set)', '(not set)'],
    [
      'impression with a publisher referrer',
      { type: 'impression', referrer_host: 'www.hln.be' },
      'Display',
      'hln.be',
      '(not set)',
    ],
    [
      'impression from facebook source',
      { type: 'impression', utm_source: 'facebook' },
      'Paid Social',
      'facebook',
      '(not set)',
    ],
    [
      'impression on youtube',
      { type: 'impression', referrer_host: 'www.youtube.com' },
      'Paid Video',
      'youtube',
      '(not set)',
    ],
    [
      'impression with medium decides by medium',
      { type: 'impression', utm_source: 'google', utm_medium: 'cpc' },
      'Paid Search',
      'google',
      'cpc',
    ],
    // Affiliate and influencer
    [
      'affiliate partner link',
      { partner: 'p_bol', link_slug: 'x7Tq2', type: 'click' },
      'Affiliate',
      '(not set)',
      'affiliate',
    ],
    [
      'affiliate partner link with referrer',
      { partner: 'p_blog', referrer_host: 'www.mamablog.be' },
      'Affiliate',
      'mamablog.be',
      'affiliate',
    ],
    [
      'partner link with utm_medium cpc stays affiliate',
      { partner: 'p_1', utm_source: 'google', utm_medium: 'cpc' },
      'Affiliate',
      'google',
      'cpc',
    ],
    [
      'influencer link',
      { partner: 'p_lisa', utm_source: 'instagram', utm_medium: 'influencer' },
      'Influencer',
      'instagram',
      'influencer',
    ],
    ['creator link', { partner: 'p_lisa', utm_medium: 'creator' }, 'Influencer', '(not set)', 'creator'],
    [
      'utm affiliate without partner',
      { utm_source: 'daisycon', utm_medium: 'affiliate' },
      'Affiliate',
      'daisycon',
      'affiliate',
    ],
    [
      'utm affiliation (French)',
      { utm_source: 'awin', utm_medium: 'affiliation' },
      'Affiliate',
      'awin',
      'affiliation',
    ],
    [
      'utm partner',
      { utm_source: 'tradetracker', utm_medium: 'partner' },
      'Affiliate',
      'tradetracker',
      'partner',
    ],
    [
      'utm influencers without partner',
      { utm_source: 'tiktok', utm_medium: 'influencers' },
      'Influencer',
      'tiktok',
      'influencers',
    ],
    // Email and SMS
    [
      'newsletter',
      { utm_source: 'mailchimp', utm_medium: 'newsletter', utm_campaign: 'june' },
      'Email',
      'mailchimp',
      'newsletter',
    ],
    ['email', { utm_source: 'klaviyo', utm_medium: 'email' }, 'Email', 'klaviyo', 'email'],
    ['e-mail', { utm_source: 'brevo', utm_medium: 'e-mail' }, 'Email', 'brevo', 'e-mail'],
    ['mail', { utm_source: 'crm', utm_medium: 'mail' }, 'Email', 'crm', 'mail'],
    ['source newsletter, no medium', { utm_source: 'newsletter' }, 'Email', 'newsletter', 'email'],
    [
      'source newsletter, unknown medium (GA4)',
      { utm_source: 'newsletter', utm_medium: 'june_edition' },
      'Email',
      'newsletter',
      'june_edition',
    ],
    ['gmail referrer', { referrer_host: 'mail.google.com' }, 'Email', 'gmail', 'email'],
    ['outlook referrer', { referrer_host: 'outlook.live.com' }, 'Email', 'outlook', 'email'],
    ['Gmail app referrer', { referrer_host: 'com.google.android.gm' }, 'Email', 'gmail', 'email'],
    ['telenet webmail referrer', { referrer_host: 'webmail.telenet.be' }, 'Email', 'telenet.be', 'email'],
    ['sms', { utm_source: 'twilio', utm_medium: 'sms' }, 'SMS', 'twilio', 'sms'],
    ['text', { utm_source: 'attentive', utm_medium: 'text' }, 'SMS', 'attentive', 'text'],
    ['source sms, no medium', { utm_source: 'sms' }, 'SMS', 'sms', 'sms'],
    // Organic search
    ['google.be organic referral', { referrer_host: 'www.google.be' }, 'Organic Search', 'google', 'organic'],
    ['google.co.uk', { referrer_host: 'www.google.co.uk' }, 'Organic Search', 'google', 'organic'],
    ['google.com.au', { referrer_host: 'google.com.au' }, 'Organic Search', 'google', 'organic'],
    ['google.fr', { referrer_host: 'www.google.fr' }, 'Organic Search', 'google', 'organic'],
    ['bing', { referrer_host: 'www.bing.com' }, 'Organic Search', 'bing', 'organic'],
    ['duckduckgo', { referrer_host: 'duckduckgo.com' }, 'Organic Search', 'duckduckgo', 'organic'],
    ['ecosia', { referrer_host: 'www.ecosia.org' }, 'Organic Search', 'ecosia', 'organic'],
    ['qwant', { referrer_host: 'www.qwant.com' }, 'Organic Search', 'qwant', 'organic'],
    ['yahoo', { referrer_host: 'be.search.yahoo.com' }, 'Organic Search', 'yahoo', 'organic'],
    ['yandex', { referrer_host: 'yandex.ru' }, 'Organic Search', 'yandex', 'organic'],
    ['baidu', { referrer_host: 'www.baidu.com' }, 'Organic Search', 'baidu', 'organic'],
    ['startpage', { referrer_host: 'www.startpage.com' }, 'Organic Search', 'startpage', 'organic'],
    ['brave search', { referrer_host: 'search.brave.com' }, 'Organic Search', 'brave', 'organic'],
    [
      'Google app (Discover)',
      { referrer_host: 'com.google.android.googlequicksearchbox' },
      'Organic Search',
      'google',
      'organic',
    ],
    [
      'utm google / organic',
      { utm_source: 'google', utm_medium: 'organic' },
      'Organic Search',
      'google',
      'organic',
    ],
    ['utm source google without medium', { utm_source: 'google' }, 'Organic Search', 'google', 'organic'],
    // Organic social
    [
      'fbclid only from l.facebook.com',
      { click_ids: { fbclid: 'IwAR' }, referrer_host: 'l.facebook.com' },
      'Organic Social',
      'facebook',
      'organic',
    ],
    [
      'fbclid only from lm.facebook.com',
      { click_ids: { fbclid: 'x' }, referrer_host: 'lm.facebook.com' },
      'Organic Social',
      'facebook',
      'organic',
    ],
    [
      'fbclid only from l.instagram.com',
      { click_ids: { fbclid: 'x' }, referrer_host: 'l.instagram.com' },
      'Organic Social',
      'instagram',
      'organic',
    ],
    [
      'fbclid without referrer (in-app browser)',
      { click_ids: { fbclid: 'x' } },
      'Organic Social',
      'facebook',
      'organic',
    ],
    ['facebook referrer', { referrer_host: 'm.facebook.com' }, 'Organic Social', 'facebook', 'organic'],
    ['instagram referrer', { referrer_host: 'www.instagram.com' }, 'Organic Social', 'instagram', 'organic'],
    ['t.co', { referrer_host: 't.co' }, 'Organic Social', 'twitter', 'organic'],
    ['x.com', { referrer_host: 'x.com' }, 'Organic Social', 'twitter', 'organic'],
    ['linkedin', { referrer_host: 'www.linkedin.com' }, 'Organic Social', 'linkedin', 'organic'],
    ['lnkd.in', { referrer_host: 'lnkd.in' }, 'Organic Social', 'linkedin', 'organic'],
    ['LinkedIn app', { referrer_host: 'com.linkedin.android' }, 'Organic Social', 'linkedin', 'organic'],
    ['tiktok', { referrer_host: 'www.tiktok.com' }, 'Organic Social', 'tiktok', 'organic'],
    ['pinterest.fr', { referrer_host: 'www.pinterest.fr' }, 'Organic Social', 'pinterest', 'organic'],
    ['reddit', { referrer_host: 'out.reddit.com' }, 'Organic Social', 'reddit', 'organic'],
    ['whatsapp', { referrer_host: 'web.whatsapp.com' }, 'Organic Social', 'whatsapp', 'organic'],
    ['telegram', { referrer_host: 't.me' }, 'Organic Social', 'telegram', 'organic'],
    ['threads', { referrer_host: 'www.threads.net' }, 'Organic Social', 'threads', 'organic'],
    ['youtube referral', { referrer_host: 'www.youtube.com' }, 'Organic Social', 'youtube', 'organic'],
    ['youtu.be', { referrer_host: 'youtu.be' }, 'Organic Social', 'youtube', 'organic'],
    [
      'utm facebook / social',
      { utm_source: 'facebook', utm_medium: 'social' },
      'Organic Social',
      'facebook',
      'social',
    ],
    [
      'utm medium social-media, unknown source',
      { utm_source: 'post', utm_medium: 'social-media' },
      'Organic Social',
      'post',
      'social-media',
    ],
    [
      'utm instagram / organic',
      { utm_source: 'instagram', utm_medium: 'organic' },
      'Organic Social',
      'instagram',
      'organic',
    ],
    [
      'utm instagram / bio (unknown medium, GA4 by source)',
      { utm_source: 'instagram', utm_medium: 'bio' },
      'Organic Social',
      'instagram',
      'bio',
    ],
    [
      'utm source linkedin without medium',
      { utm_source: 'linkedin' },
      'Organic Social',
      'linkedin',
      'organic',
    ],
    [
      'utm organic, social referrer',
      { utm_source: 'bio_link', utm_medium: 'organic', referrer_host: 'l.instagram.com' },
      'Organic Social',
      'bio_link',
      'organic',
    ],
    // Referral, Direct, Other
    ['unknown referrer', { referrer_host: 'www.mamablog.be' }, 'Referral', 'mamablog.be', 'referral'],
    [
      'docs.google.com is a referral',
      { referrer_host: 'docs.google.com' },
      'Referral',
      'docs.google.com',
      'referral',
    ],
    [
      'utm medium referral',
      { utm_source: 'partnersite', utm_medium: 'referral' },
      'Referral',
      'partnersite',
      'referral',
    ],
    [
      'chatgpt adds utm_source only',
      { utm_source: 'chatgpt.com', referrer_host: 'chatgpt.com' },
      'Referral',
      'chatgpt.com',
      'referral',
    ],
    ['internal referrer', { referrer_host: 'www.shop.be' }, 'Direct', '(direct)', '(none)'],
    ['internal referrer without www', { referrer_host: 'shop.be' }, 'Direct', '(direct)', '(none)'],
    ['internal subdomain (checkout)', { referrer_host: 'checkout.shop.be' }, 'Direct', '(direct)', '(none)'],
    ['empty referrer', {}, 'Direct', '(direct)', '(none)'],
    ['utm_medium (none) reads as absent', { utm_medium: '(none)' }, 'Direct', '(direct)', '(none)'],
    ['only a campaign', { utm_campaign: 'spring' }, 'Direct', '(direct)', '(none)'],
    [
      'a different shop on the same suffix is external',
      { referrer_host: 'othershop.be' },
      'Referral',
      'othershop.be',
      'referral',
    ],
    ['unknown source, no medium, no referrer', { utm_source: 'flyer' }, 'Other', 'flyer', '(not set)'],
    [
      'unknown source, no medium, internal referrer',
      { utm_source: 'flyer', referrer_host: SITE },
      'Other',
      'flyer',
      '(not set)',
    ],
    [
      'tracking link without utm or referrer',
      { link_slug: 'ab12', type: 'click' },
      'Other',
      '(not set)',
      '(not set)',
    ],
    [
      'tracking link clicked on linkedin',
      { link_slug: 'ab12', type: 'click', referrer_host: 'www.linkedin.com' },
      'Organic Social',
      'linkedin',
      'organic',
    ],
    ['unknown medium, unknown source', { utm_source: 'poster', utm_medium: 'qr' }, 'Other', 'poster', 'qr'],
    [
      'push medium (no such channel)',
      { utm_source: 'onesignal', utm_medium: 'push' },
      'Other',
      'onesignal',
      'push',
    ],
    [
      'cpc, nothing says which network (GA4 Paid Other)',
      { utm_source: 'spring', utm_medium: 'cpc' },
      'Other',
      'spring',
      'cpc',
    ],
    [
      'cpc from an email source',
      { utm_source: 'newsletter', utm_medium: 'cpc' },
      'Other',
      'newsletter',
      'cpc',
    ],
  ])('%s', (_name, over, channel, source, medium) => {
    expect(classifyChannel(input(over))).toEqual({ channel, source, medium });
  });
});

describe('classifyChannel: workspace rules', () => {
  const podcast: ChannelRule = {
    channel: 'Other',
    when: [{ field: 'utm_medium', op: 'equals', value: 'podcast' }],
  };
  const brandAsDisplay: ChannelRule = {
    channel: 'Display',
    when: [
      { field: 'utm_source', op: 'equals', value: 'google' },
      { field: 'utm_campaign', op: 'matches', value: '^pmax_' },
    ],
  };
  const chatgpt: ChannelRule = {
    channel: 'Organic Search',
    when: [{ field: 'referrer_host', op: 'contains', value: 'chatgpt' }],
  };
  const gclidIsVideo: ChannelRule = {
    channel: 'Paid Video',
    when: [{ field: 'click_id', op: 'equals', value: 'gclid' }],
  };

  it.each<[string, ChannelRule[], Partial<ChannelInput>, Channel]>([
    [
      'a rule overrides the default',
      [brandAsDisplay],
      { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'pmax_nl' },
      'Display',
    ],
    [
      'a rule that does not match leaves the default',
      [brandAsDisplay],
      { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'brand' },
      'Paid Search',
    ],
    ['a rule on the referrer', [chatgpt], { referrer_host: 'chatgpt.com' }, 'Organic Search'],
    ['a rule on a click id', [gclidIsVideo], { click_ids: { gclid: 'x' } }, 'Paid Video'],
    ['a rule beats the partner link', [podcast], { partner: 'p_1', utm_medium: 'podcast' }, 'Other'],
    [
      'first matching rule wins',
      [gclidIsVideo, brandAsDisplay],
      { utm_source: 'google', utm_campaign: 'pmax_x', click_ids: { gclid: 'x' } },
      'Paid Video',
    ],
    ['no rules: default', [], { click_ids: { gclid: 'x' } }, 'Paid Search'],
  ])('%s', (_name, rules, over, channel) => {
    expect(classifyChannel(input(over), rules).channel).toBe(channel);
  });

  it('keeps the default source and medium when a rule sets the channel', () => {
    const i = input({ utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'pmax_nl' });
    expect(classifyChannel(i, [brandAsDisplay])).toEqual({
      channel: 'Display',
      source: 'google',
      medium: 'cpc',
    });
  });
});

describe('referrers', () => {
  it.each([
    ['www.google.com', 'search', 'google'],
    ['google.be', 'search', 'google'],
    ['www.google.co.uk', 'search', 'google'],
    ['WWW.GOOGLE.NL.', 'search', 'google'],
    ['maps.google.com', 'search', 'google'],
    ['yandex.com.tr', 'search', 'yandex'],
    ['cn.bing.com', 'search', 'bing'],
    ['l.facebook.com', 'social', 'facebook'],
    ['lm.facebook.com', 'social', 'facebook'],
    ['m.facebook.com', 'social', 'facebook'],
    ['web.facebook.com', 'social', 'facebook'],
    ['pin.it', 'social', 'pinterest'],
    ['m.youtube.com', 'video', 'youtube'],
    ['vimeo.com', 'video', 'vimeo'],
    ['mail.google.com', 'email', 'gmail'],
    ['outlook.office.com', 'email', 'outlook'],
    ['mail.yahoo.com', 'email', 'yahoo'],
    ['mail.yandex.ru', 'email', 'yandex'],
    ['docs.google.com', null, null],
    ['www.mamablog.be', null, null],
    ['googleblog.com', null, null],
    ['google.evil.example', null, null],
    ['notfacebook.com', null, null],
    ['brave.com', null, null],
    ['192.168.1.10', null, null],
    ['', null, null],
    ['mail.ru', null, null],
  ])('%j → %s / %s', (host, kind, name) => {
    expect(referrerKind(host)).toBe(kind);
    expect(referrerSourceName(host)).toBe(name);
  });

  it.each([
    ['google', 'search'],
    ['Google Ads', 'search'],
    ['google-ads', 'search'],
    ['fb', 'social'],
    ['Meta', 'social'],
    ['facebook_ads', 'social'],
    ['l.facebook.com', 'social'],
    ['yt', 'video'],
    ['e-mail', 'email'],
    ['Klaviyo', 'email'],
    ['sms', 'sms'],
    ['spring_sale', null],
    ['', null],
  ])('utmSourceKind(%j) → %s', (source, kind) => {
    expect(utmSourceKind(source)).toBe(kind);
  });
});

describe('classifyChannel: properties', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      '',
      'google',
      'facebook',
      'cpc',
      'paid_social',
      'email',
      'l.facebook.com',
      'www.google.be',
      '(none)',
    ),
  );
  const clickIds = fc.dictionary(
    fc.constantFrom(...CLICK_ID_PARAMS),
    fc.oneof(fc.constant(''), fc.string({ maxLength: 8 })),
  );
  const anyInput = fc.record<ChannelInput>({
    type: fc.constantFrom(...TOUCHPOINT_TYPES),
    utm_source: text,
    utm_medium: text,
    utm_campaign: text,
    click_ids: clickIds,
    referrer_host: text,
    site_host: text,
    partner: text,
    link_slug: text,
  });
  const channel = fc.constantFrom(...CHANNELS);

  it('never throws and always returns one of CHANNELS with a non-empty source and medium', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = classifyChannel(i);
        expect(CHANNELS).toContain(r.channel);
        expect(r.source).not.toBe('');
        expect(r.medium).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('is Direct exactly when source is (direct)', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = classifyChannel(i);
        if (i.utm_source === '' && !i.referrer_host.includes('(direct)'))
          expect(r.channel === 'Direct').toBe(r.source === '(direct)');
      }),
    );
  });

  it('evaluates rules before the defaults: a matching rule always decides the channel', () => {
    fc.assert(
      fc.property(anyInput, channel, (i, c) => {
        const rule: ChannelRule = { channel: c, when: [{ field: 'utm_source', op: 'exists' }] };
        const withSource = { ...i, utm_source: i.utm_source || 'x' };
        const r = classifyChannel(withSource, [rule]);
        expect(r.channel).toBe(c);
        const d = classifyChannel(withSource);
        expect([r.source, r.medium]).toEqual([d.source, d.medium]);
      }),
    );
  });

  it('a rule that does not match changes nothing', () => {
    fc.assert(
      fc.property(anyInput, channel, (i, c) => {
        const rule: ChannelRule = { channel: c, when: [{ field: 'partner', op: 'exists' }] };
        const noPartner = { ...i, partner: '' };
        expect(classifyChannel(noPartner, [rule])).toEqual(classifyChannel(noPartner));
      }),
    );
  });

  it('puts any paid click id without UTM or partner into a paid channel', () => {
    const paid = fc.constantFrom(...CLICK_ID_PARAMS.filter((p) => p !== 'fbclid'));
    fc.assert(
      fc.property(anyInput, paid, (i, p) => {
        const r = classifyChannel({ ...i, utm_medium: '', partner: '', click_ids: { [p]: 'x' } });
        expect(['Paid Search', 'Paid Social']).toContain(r.channel);
        expect(r.medium).toBe('cpc');
      }),
    );
  });
});
