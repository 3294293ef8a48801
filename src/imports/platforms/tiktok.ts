import type { ColumnMap } from './column-map.js';

/**
 * TikTok Ads Manager exports (HEADERS.md §3): EN only; other UI languages (no evidence) fall back to
 * the generic map. `Cost (USD)` gives the currency in the header.
 */
export const TIKTOK: ColumnMap = {
  platform: 'tiktok',
  label: 'TikTok Ads',
  fields: {
    date: { en: ['By Day', 'Date'] },
    campaign: { en: ['Campaign name'] },
    campaign_id: { en: ['Campaign ID'] },
    ad_group: { en: ['Ad group name'] },
    ad: { en: ['Ad name'] },
    impressions: { en: ['Impressions', 'Impression'] },
    clicks: { en: ['Clicks (destination)'] },
    cost: { en: ['Cost'] },
    conversions: { en: ['Conversions', 'Results'] },
    conversion_value: { en: ['Total complete payment value', 'Gross revenue (Shop)'] },
  },
};
