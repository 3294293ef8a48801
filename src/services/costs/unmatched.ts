import type { AppStore, CostCampaign, EventStore, TrafficCampaign, Workspace } from '../../store/ports.js';
import { normaliseUtm } from '../../core/url.js';

export const PAID_CHANNELS = ['Paid Search', 'Paid Social', 'Paid Video', 'Display'];

export interface UnmatchedReport {
  /** Spend whose campaign matches no tracked touchpoint (by normalised name, utm_id or mapping). */
  unmatched_costs: CostCampaign[];
  /** Tracked paid traffic whose campaign has no cost. */
  unmatched_traffic: TrafficCampaign[];
}

/**
 * Which spend has no tracked traffic and which paid traffic has no spend, in [from, to] (local
 * dates; `fromMs`/`toMs` the same range as instants). A cost campaign matches a touchpoint when
 * their normalised names are equal, when the cost's campaign id equals the touchpoint's `utm_id`,
 * or when a workspace mapping rule sends the cost campaign to the touchpoint's `utm_campaign`.
 */
export async function unmatchedCosts(
  stores: { app: AppStore; events: EventStore },
  ws: Workspace,
  range: { from: string; to: string; fromMs: number; toMs: number },
): Promise<UnmatchedReport> {
  const undone = await stores.app.undoneCostImportIds(ws.id);
  const [costs, traffic, mappings] = await Promise.all([
    stores.events.costCampaigns(ws.id, { from: range.from, to: range.to, undoneImports: undone }),
    stores.events.trafficCampaigns(ws.id, { from: range.fromMs, to: range.toMs, channels: PAID_CHANNELS }),
    stores.app.listCampaignMappings(ws.id),
  ]);
  const mapped = new Map(mappings.map((m) => [m.cost_campaign, normaliseUtm(m.utm_campaign)]));
  const trafficNames = new Set(traffic.map((t) => normaliseUtm(t.utm_campaign)).filter(Boolean));
  const trafficIds = new Set(traffic.map((t) => t.utm_id).filter(Boolean));
  const matchedNames = new Set<string>();
  const matchedIds = new Set<string>();
  const unmatched_costs: CostCampaign[] = [];
  for (const c of costs) {
    const name = normaliseUtm(c.campaign);
    const target = mapped.get(name) ?? name;
    const byName = trafficNames.has(target);
    const byId = c.campaign_id !== '' && trafficIds.has(c.campaign_id);
    if (byName) matchedNames.add(target);
    if (byId) matchedIds.add(c.campaign_id);
    if (!byName && !byId) unmatched_costs.push(c);
  }
  const unmatched_traffic = traffic.filter(
    (t) => !matchedNames.has(normaliseUtm(t.utm_campaign)) && !(t.utm_id && matchedIds.has(t.utm_id)),
  );
  return { unmatched_costs, unmatched_traffic };
}
