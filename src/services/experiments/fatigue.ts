import { daysBetween } from '../../core/periods.js';
import { detectFatigue, verdictLanguage, type FatiguePoint } from '../../stats/index.js';
import type { AppStore, EventStore, Workspace } from '../../store/ports.js';

interface Stores {
  app: AppStore;
  events: EventStore;
}

export type FatigueMetric = 'ctr' | 'cvr';

export interface FatigueRequest {
  /** Local dates, both inclusive. */
  from: string;
  to: string;
  /** ctr: clicks per impression; cvr: platform conversions per click. */
  metric?: FatigueMetric;
  alpha?: number;
  /** The least relative decline (recent vs early third) that is called fatigue. */
  minDecline?: number;
}

/** The evidence behind a flag, in the workspace's language (en, nl, fr; English otherwise). */
function evidence(
  locale: string,
  metric: FatigueMetric,
  early: number,
  recent: number,
  p: number,
  fatigued: boolean,
): string {
  let lang = 'en';
  try {
    lang = verdictLanguage(locale);
  } catch {
    /* English */
  }
  // Numbers as the workspace writes them: "0,8%" in Dutch, "0,8 %" in French.
  const numbers = Intl.NumberFormat.supportedLocalesOf([locale]).length ? locale : lang;
  const rate = new Intl.NumberFormat(numbers, { style: 'percent', maximumFractionDigits: 1 });
  const pct = (x: number) => rate.format(x);
  const three = new Intl.NumberFormat(numbers, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const m = metric.toUpperCase();
  const ps = p < 0.001 ? `< ${three.format(0.001)}` : three.format(p);
  if (lang === 'nl')
    return fatigued
      ? `${m} daalde van ${pct(early)} naar ${pct(recent)} (trendtest p ${ps}): de creative is uitgeput.`
      : `${m} van ${pct(early)} naar ${pct(recent)} (trendtest p ${ps}): geen significante daling.`;
  if (lang === 'fr')
    return fatigued
      ? `Le ${m} est passé de ${pct(early)} à ${pct(recent)} (test de tendance p ${ps}) : la création s’use.`
      : `Le ${m} passe de ${pct(early)} à ${pct(recent)} (test de tendance p ${ps}) : pas de baisse significative.`;
  return fatigued
    ? `${m} fell from ${pct(early)} to ${pct(recent)} (trend test p ${ps}): the creative is wearing out.`
    : `${m} went from ${pct(early)} to ${pct(recent)} (trend test p ${ps}): no significant decline.`;
}

/**
 * Creative fatigue over the stored costs: per ad (platform, campaign, ad group, ad) the daily
 * impressions and clicks (CTR) or clicks and platform conversions (CVR) of the effective cost rows
 * in [from, to] go through the Cochran–Armitage trend test of `detectFatigue` (Holm over all ads).
 * Rows without an ad name are left out (counted); days where the successes exceed the trials
 * (platform data errors) are left out of the series (counted).
 */
export async function fatigueReport(stores: Stores, ws: Workspace, q: FatigueRequest) {
  const metric = q.metric ?? 'ctr';
  const undone = await stores.app.undoneCostImportIds(ws.id);
  const rows = await stores.events.effectiveCosts(ws.id, { from: q.from, to: q.to, undoneImports: undone });
  type Ad = {
    platform: string;
    campaign: string;
    ad_group: string;
    ad: string;
    days: Map<string, FatiguePoint>;
  };
  const ads = new Map<string, Ad>();
  let withoutAd = 0;
  for (const r of rows) {
    if (r.ad === '') {
      if (r.impressions > 0 || r.clicks > 0) withoutAd++;
      continue;
    }
    const key = [r.platform, r.campaign, r.ad_group, r.ad].join('\u0000');
    let ad = ads.get(key);
    if (!ad) {
      ad = { platform: r.platform, campaign: r.campaign, ad_group: r.ad_group, ad: r.ad, days: new Map() };
      ads.set(key, ad);
    }
    const p = ad.days.get(r.date) ?? { t: daysBetween(q.from, r.date), trials: 0, successes: 0 };
    if (metric === 'ctr') {
      p.trials += r.impressions;
      p.successes += r.clicks;
    } else {
      p.trials += r.clicks;
      // Platforms report fractional (modelled) conversions; the trend test counts whole ones.
      p.successes += Math.round(r.platform_conversions);
    }
    ad.days.set(r.date, p);
  }
  let badDays = 0;
  const list = [...ads.values()];
  const inputs = list.map((ad, i) => ({
    creative: String(i),
    points: [...ad.days.values()].filter((p) => {
      if (p.successes <= p.trials) return true;
      badDays++;
      return false;
    }),
  }));
  const results = detectFatigue(inputs, q.alpha ?? 0.05, q.minDecline ?? 0.1);
  const creatives = results.map((r, i) => {
    const ad = list[i]!;
    const pts = inputs[i]!.points;
    const trials = pts.reduce((s, p) => s + p.trials, 0);
    const successes = pts.reduce((s, p) => s + p.successes, 0);
    return {
      platform: ad.platform,
      campaign: ad.campaign,
      ad_group: ad.ad_group,
      ad: ad.ad,
      days: pts.length,
      trials,
      successes,
      rate: trials === 0 ? null : successes / trials,
      early_rate: r.earlyRate,
      recent_rate: r.recentRate,
      relative_change: r.relativeChange,
      slope_per_day: r.slope,
      z: r.z,
      p_value: r.pValue,
      p_adjusted: r.pAdjusted,
      fatigued: r.fatigued,
      evidence:
        r.earlyRate === null || r.recentRate === null || r.pAdjusted === null
          ? null
          : evidence(ws.locale, metric, r.earlyRate, r.recentRate, r.pAdjusted, r.fatigued),
    };
  });
  creatives.sort(
    (a, b) =>
      Number(b.fatigued) - Number(a.fatigued) ||
      (a.p_value ?? 2) - (b.p_value ?? 2) ||
      a.ad.localeCompare(b.ad),
  );
  return {
    from: q.from,
    to: q.to,
    /** The workspace's locale, for clients that format the figures. */
    locale: ws.locale,
    metric,
    trials: metric === 'ctr' ? 'impressions' : 'clicks',
    successes: metric === 'ctr' ? 'clicks' : 'platform_conversions',
    alpha: q.alpha ?? 0.05,
    min_decline: q.minDecline ?? 0.1,
    fatigued: creatives.filter((c) => c.fatigued).length,
    creatives,
    rows_without_ad: withoutAd,
    days_left_out: badDays,
  };
}
