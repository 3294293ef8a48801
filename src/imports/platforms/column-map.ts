/** The shape of a platform's column map: header aliases per field, per UI language. */
import type { CostPlatform } from '../types.js';

export type CostField =
  | 'date'
  | 'report_start'
  | 'report_end'
  | 'campaign'
  | 'campaign_id'
  | 'ad_group'
  | 'ad'
  | 'account_id'
  | 'impressions'
  | 'clicks'
  | 'cost'
  | 'currency'
  | 'conversions'
  | 'conversion_value'
  | 'channel'
  | 'partner';

export type HeaderLanguage = 'en' | 'nl' | 'fr';

/** Aliases in order of preference (the first one present wins), per language of the export UI. */
export type LanguageAliases = Partial<Record<HeaderLanguage, readonly string[]>>;

export interface ColumnMap {
  platform: CostPlatform;
  /** The platform's name for messages. */
  label: string;
  fields: Partial<Record<CostField, LanguageAliases>>;
}
