/**
 * Ad-platform click identifiers, by the URL parameter name each platform appends to landing URLs.
 * The order matters: when a URL carries several, the first one here names the platform.
 */
export const CLICK_ID_PARAMS = [
  'gclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'ttclid',
  'msclkid',
  'li_fat_id',
  'twclid',
] as const;
export type ClickIdParam = (typeof CLICK_ID_PARAMS)[number];

/** The ad platform behind each click id, used by channel grouping (paid search vs paid social). */
export const CLICK_ID_PLATFORM: Record<ClickIdParam, { source: string; kind: 'search' | 'social' }> = {
  gclid: { source: 'google', kind: 'search' },
  gbraid: { source: 'google', kind: 'search' },
  wbraid: { source: 'google', kind: 'search' },
  msclkid: { source: 'bing', kind: 'search' },
  fbclid: { source: 'facebook', kind: 'social' },
  ttclid: { source: 'tiktok', kind: 'social' },
  li_fat_id: { source: 'linkedin', kind: 'social' },
  twclid: { source: 'twitter', kind: 'social' },
};

export const UTM_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'utm_id',
] as const;
export type UtmParam = (typeof UTM_PARAMS)[number];

/** The query parameter a tracking-link redirect appends with Rendement's own click id. */
export const RDM_CLICK_PARAM = 'rdm_click';
