import type { ColumnMap } from './column-map.js';

/**
 * A hand-made cost file (or any export whose platform is not recognised): common EN/NL/FR words,
 * also snake_case (`ad_group`). A row needs a date, a cost and a campaign — or, in this map only,
 * a channel or partner, which then stands in as the campaign.
 */
export const GENERIC: ColumnMap = {
  platform: 'generic',
  label: 'generic cost file',
  fields: {
    date: { en: ['date', 'day'], nl: ['datum', 'dag'], fr: ['date', 'jour'] },
    campaign: {
      en: ['campaign', 'campaign name'],
      nl: ['campagne', 'campagnenaam'],
      fr: ['campagne', 'nom de la campagne'],
    },
    campaign_id: { en: ['campaign id'], nl: ['campagne id'], fr: ['id de campagne', 'campagne id'] },
    ad_group: {
      en: ['ad group', 'ad set', 'ad group name', 'ad set name'],
      nl: ['advertentiegroep', 'advertentieset'],
      fr: ["groupe d'annonces", 'ensemble de publicités'],
    },
    ad: { en: ['ad', 'ad name', 'creative'], nl: ['advertentie'], fr: ['annonce', 'publicité'] },
    account_id: { en: ['account', 'account id'], nl: ['account', 'account id'], fr: ['compte'] },
    impressions: {
      en: ['impressions', 'impr'],
      nl: ['vertoningen', 'weergaven'],
      fr: ['impressions'],
    },
    clicks: { en: ['clicks'], nl: ['klikken', 'kliks'], fr: ['clics'] },
    cost: {
      en: ['cost', 'costs', 'spend', 'spent', 'amount', 'amount spent'],
      nl: ['kosten', 'bedrag', 'uitgaven'],
      fr: ['coût', 'coûts', 'cout', 'dépenses', 'montant'],
    },
    currency: { en: ['currency'], nl: ['valuta'], fr: ['devise'] },
    conversions: { en: ['conversions'], nl: ['conversies'], fr: ['conversions'] },
    conversion_value: {
      en: ['conversion value', 'revenue'],
      nl: ['conversiewaarde', 'omzet'],
      fr: ['valeur de conversion', "chiffre d'affaires"],
    },
    channel: { en: ['channel', 'source'], nl: ['kanaal', 'bron'], fr: ['canal', 'source'] },
    partner: { en: ['partner'], nl: ['partner'], fr: ['partenaire'] },
  },
};
