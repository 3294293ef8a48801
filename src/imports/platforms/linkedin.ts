import type { ColumnMap } from './column-map.js';

/**
 * LinkedIn Campaign Manager exports (HEADERS.md §4): EN and NL (no FR evidence; generic words
 * apply). Without a day breakdown each row is the whole period, dated with its start date.
 */
export const LINKEDIN: ColumnMap = {
  platform: 'linkedin',
  label: 'LinkedIn Ads',
  fields: {
    date: { en: ['Start Date (in UTC)'], nl: ['Begindatum (in UTC)'] },
    campaign: { en: ['Campaign Name'], nl: ['Campagnenaam'] },
    campaign_id: { en: ['Campaign ID'], nl: ['Campagne-ID'] },
    ad_group: { en: ['Ad Set Name'], nl: ['Naam van advertentieset'] },
    ad: { en: ['Ad Name', 'Creative Name'], nl: ['Advertentienaam'] },
    account_id: { en: ['Account ID'] },
    impressions: { en: ['Impressions'], nl: ['Weergaven'] },
    clicks: { en: ['Clicks', 'Clicks to Landing Page'], nl: ['Klikken', 'Klikken naar bestemmingspagina'] },
    cost: { en: ['Total Spent'], nl: ['Totaal besteed'] },
    conversions: { en: ['Conversions', 'Leads'], nl: ['Conversies', 'Leads'] },
    conversion_value: { en: ['Total Conversion Value'] },
    currency: { en: ['Currency'], nl: ['Valuta'] },
  },
};
