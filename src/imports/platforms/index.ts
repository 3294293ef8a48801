import type { CostPlatform } from '../types.js';
import type { ColumnMap } from './column-map.js';
import { GENERIC } from './generic.js';
import { GOOGLE_ADS } from './google-ads.js';
import { LINKEDIN } from './linkedin.js';
import { META } from './meta.js';
import { MICROSOFT } from './microsoft.js';
import { TIKTOK } from './tiktok.js';

export type { ColumnMap, CostField, HeaderLanguage, LanguageAliases } from './column-map.js';
export { GENERIC, GOOGLE_ADS, LINKEDIN, META, MICROSOFT, TIKTOK };

/** Every column map by platform; the five ad platforms first, `generic` last. */
export const COLUMN_MAPS: Record<CostPlatform, ColumnMap> = {
  'google-ads': GOOGLE_ADS,
  meta: META,
  tiktok: TIKTOK,
  linkedin: LINKEDIN,
  microsoft: MICROSOFT,
  generic: GENERIC,
};
