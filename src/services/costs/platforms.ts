import type { CostPlatform } from '../../imports/types.js';

/** How a platform's spend is grouped: the channel, source and medium its tracked clicks get. */
export const PLATFORM_TRAFFIC: Record<CostPlatform, { channel: string; source: string; medium: string }> = {
  'google-ads': { channel: 'Paid Search', source: 'google', medium: 'cpc' },
  microsoft: { channel: 'Paid Search', source: 'bing', medium: 'cpc' },
  meta: { channel: 'Paid Social', source: 'facebook', medium: 'paid_social' },
  tiktok: { channel: 'Paid Social', source: 'tiktok', medium: 'paid_social' },
  linkedin: { channel: 'Paid Social', source: 'linkedin', medium: 'paid_social' },
  generic: { channel: '', source: '', medium: '' },
};
