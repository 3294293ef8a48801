import type { ColumnMap } from './column-map.js';

/**
 * Microsoft Advertising (Bing Ads) UI downloads and API reports (HEADERS.md §5): EN only (no NL/FR
 * evidence; generic words apply).
 */
export const MICROSOFT: ColumnMap = {
  platform: 'microsoft',
  label: 'Microsoft Advertising',
  fields: {
    date: { en: ['Gregorian date', 'GregorianDate', 'TimePeriod'] },
    campaign: { en: ['Campaign name', 'CampaignName'] },
    campaign_id: { en: ['Campaign ID', 'CampaignId'] },
    ad_group: { en: ['Ad group', 'AdGroupName'] },
    ad: { en: ['Ad title'] },
    account_id: { en: ['Account ID', 'AccountId', 'Account number', 'AccountNumber'] },
    impressions: { en: ['Impressions'] },
    clicks: { en: ['Clicks'] },
    cost: { en: ['Spend'] },
    conversions: { en: ['Conversions'] },
    conversion_value: { en: ['Revenue'] },
    currency: { en: ['Currency code', 'CurrencyCode'] },
  },
};
