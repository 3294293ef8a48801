import type { ColumnMap } from './column-map.js';

/**
 * Google Ads UI downloads (HEADERS.md §1). NL has no evidence for the date and currency headers and
 * FR none for the campaign ID: those fall back to the generic map's words. `Cost` carries no
 * currency; the `Currency code` column (when exported) names it.
 */
export const GOOGLE_ADS: ColumnMap = {
  platform: 'google-ads',
  label: 'Google Ads',
  fields: {
    date: { en: ['Day'], fr: ['Jour'] },
    campaign: { en: ['Campaign'], nl: ['Campagne'], fr: ['Campagne'] },
    campaign_id: { en: ['Campaign ID'] },
    ad_group: { en: ['Ad group'], nl: ['Advertentiegroep'], fr: ["Groupe d'annonces"] },
    account_id: { en: ['Customer ID'] },
    impressions: { en: ['Impr.'], nl: ['Vertoningen', 'Vert.'], fr: ['Impr.'] },
    clicks: { en: ['Clicks'], nl: ['Klikken'], fr: ['Clics'] },
    cost: { en: ['Cost'], nl: ['Kosten'], fr: ['Coût'] },
    conversions: { en: ['Conversions'], nl: ['Conversies'], fr: ['Conversions'] },
    conversion_value: {
      en: ['Conv. value'],
      nl: ['Conv.waarde', 'Conversiewaarde'],
      fr: ['Valeur de conv.'],
    },
    currency: { en: ['Currency code'], fr: ['Code de la devise'] },
  },
};
