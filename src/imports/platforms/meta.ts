import type { ColumnMap } from './column-map.js';

/**
 * Meta Ads Manager exports (HEADERS.md §2). The spend header carries the currency
 * (`Amount spent (EUR)`, `Besteed bedrag (EUR)`, `Montant dépensé (EUR)`), stripped before matching.
 * Clicks prefer link clicks over all clicks. `Results` count as the platform's conversions (their
 * kind is in the `Result indicator` column). Without a `Day` column a row covers the reporting
 * period: see `date_end` on the row.
 */
export const META: ColumnMap = {
  platform: 'meta',
  label: 'Meta Ads',
  fields: {
    date: { en: ['Day'], nl: ['Dag'], fr: ['Jour'] },
    report_start: {
      en: ['Reporting starts'],
      nl: ['Start rapportage'],
      fr: ['Début des rapports'],
    },
    report_end: { en: ['Reporting ends'], nl: ['Einde rapportage'], fr: ['Fin des rapports'] },
    campaign: {
      en: ['Campaign name'],
      nl: ['Campagnenaam', 'Naam campagne'],
      fr: ['Nom de la campagne'],
    },
    campaign_id: { en: ['Campaign ID'], nl: ['Campagne-ID'], fr: ['ID de campagne'] },
    ad_group: {
      en: ['Ad set name'],
      nl: ['Naam advertentieset'],
      fr: ['Nom de l’ensemble de publicités'],
    },
    ad: { en: ['Ad name'], nl: ['Advertentienaam', 'Naam advertentie'], fr: ['Nom de la publicité'] },
    account_id: { en: ['Account ID'] },
    impressions: { en: ['Impressions'], nl: ['Weergaven', 'Vertoningen'], fr: ['Impressions'] },
    clicks: {
      en: ['Link clicks'],
      nl: ['Klikken op links', 'Linkkliks', 'Klikken (alle)'],
      fr: ['Clics sur un lien', 'Clics sur le lien', 'Clics (tous)'],
    },
    cost: { en: ['Amount spent'], nl: ['Besteed bedrag'], fr: ['Montant dépensé'] },
    conversions: { en: ['Results'], nl: ['Resultaten'], fr: ['Résultats'] },
    conversion_value: {
      en: ['Purchases conversion value', 'Website purchases conversion value'],
      nl: ['Conversiewaarde aankopen', 'Conversiewaarde van aankopen'],
      fr: ['Valeur de conversion des achats'],
    },
    currency: { en: ['Currency'], fr: ['Devise'] },
  },
};
