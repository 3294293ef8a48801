import type { ChannelRule } from '../core/channel-rules.js';
import { classifyChannel } from '../core/channels.js';
import type { Channel } from '../core/records.js';
import type { NormalisedEvent } from './normalise.js';

/** Classify a normalised event into the default channel grouping, workspace rules first. */
export function classifyEvent(
  e: NormalisedEvent,
  rules: ChannelRule[],
): { channel: Channel; source: string; medium: string } {
  return classifyChannel(
    {
      type: e.type,
      utm_source: e.utm_source,
      utm_medium: e.utm_medium,
      utm_campaign: e.utm_campaign,
      click_ids: e.click_ids,
      referrer_host: e.referrer_host,
      site_host: e.host,
      partner: e.partner,
      link_slug: e.link_slug,
    },
    rules,
  );
}
