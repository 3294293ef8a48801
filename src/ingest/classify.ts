import type { ChannelRule } from '../core/channel-rules.js';
import { classifyChannel, type ChannelResult } from '../core/channels.js';
import { BoundedMap } from './bounded-set.js';
import type { TouchpointRow } from '../core/records.js';

/**
 * Classify a normalised event into the default channel grouping, workspace rules first. Traffic
 * repeats a few hundred source combinations, so results are cached on the fields the grouping reads
 * (per rule set: a workspace whose rules change gets a new array and so fresh entries).
 */
export class ChannelClassifier {
  private readonly cache = new BoundedMap<string, ChannelResult>(50_000);
  private readonly ruleIds = new WeakMap<ChannelRule[], number>();
  private nextRuleId = 1;

  classify(e: TouchpointRow, rules: ChannelRule[]): ChannelResult {
    let rid = 0;
    if (rules.length) {
      rid = this.ruleIds.get(rules) ?? 0;
      if (!rid) this.ruleIds.set(rules, (rid = this.nextRuleId++));
    }
    let clickKinds = '';
    for (const k in e.click_ids) clickKinds += `${k},`;
    const key = `${rid}\u0001${e.type}\u0001${e.utm_source}\u0001${e.utm_medium}\u0001${e.utm_campaign}\u0001${clickKinds}\u0001${e.referrer_host}\u0001${e.host}\u0001${e.partner}\u0001${e.link_slug}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const result = classifyChannel(
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
    this.cache.set(key, result);
    return result;
  }
}
